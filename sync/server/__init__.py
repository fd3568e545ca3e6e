"""The reference central server: an ASGI app (FastAPI on uvicorn) over its own database."""
