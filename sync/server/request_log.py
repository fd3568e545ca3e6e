"""The request log: one line per HTTP request to a rotating file, without personal data.

A line is `time client method route status duration login`, for example

    2026-12-03T01:45:36.123Z 127.0.0.1 GET /api/v1/cases/{ref} 200 4.1ms op01

The route is the endpoint's template, never the concrete path, and the query
string and the body are never read: search text, a caller's phone typed into a
query or a posted description cannot reach the file. A path that matches no
endpoint is logged as `-` for the same reason. `login` is the account whose
token the request carried (`key:NAME` for an Open311 API key), `-` otherwise.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from models.private_files import PrivateRotatingFileHandler

FILE_NAME = "central-requests.log"
MAX_BYTES = 10 * 1024 * 1024
BACKUPS = 5


@dataclass(frozen=True)
class LogFile:
    """Where the request log goes and when it rotates (`backups` old files are kept)."""

    path: Path
    max_bytes: int = MAX_BYTES
    backups: int = BACKUPS


def default_folder(db_url: str) -> Path:
    """Beside the database file for SQLite, else the platform's log folder."""
    from sqlalchemy.engine import make_url

    from .db import normalize_url
    url = make_url(normalize_url(db_url))
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).resolve().parent
    from platformdirs import user_log_dir
    return Path(user_log_dir("hotline-central", appauthor=False))


class RequestLog:
    """The open log file; `close()` releases it (the server's shutdown, a test's end)."""

    def __init__(self, log: LogFile):
        log.path.parent.mkdir(parents=True, exist_ok=True)
        self.path = log.path
        self.handler = PrivateRotatingFileHandler(log.path, maxBytes=log.max_bytes, backupCount=log.backups,
                                                   encoding="utf-8")
        self.handler.setFormatter(logging.Formatter("%(message)s"))
        # a logger of its own, outside the logging tree: nothing else writes here, and these
        # lines go nowhere else (not to the root logger's handlers)
        self.logger = logging.Logger("hotline.central.requests", logging.INFO)
        self.logger.addHandler(self.handler)

    def write(self, scope, status: int, seconds: float) -> None:
        """One line for a finished request (`scope` after routing: its route and login)."""
        route = getattr(scope.get("route"), "path_format", None) or "-"
        client = scope.get("client")
        login = (scope.get("state") or {}).get("login") or "-"
        when = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        self.logger.info("%s %s %s %s %d %.1fms %s", when, client[0] if client else "-", scope.get("method", "-"),
                         route, status, seconds * 1000, login)

    def close(self) -> None:
        self.logger.removeHandler(self.handler)
        self.handler.close()


class RequestLogMiddleware:
    """ASGI middleware: a line in `log` for every HTTP request, whatever its outcome."""

    def __init__(self, app, log: RequestLog):
        self.app, self.log = app, log

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        written = False
        scope.setdefault("state", {})  # the endpoints' request.state writes the login here

        async def send_logged(message):
            nonlocal written
            # written before the response leaves: the time is the time to the answer's head,
            # and whoever has the answer finds its line in the file
            if message["type"] == "http.response.start" and not written:
                written = True
                self.log.write(scope, message["status"], time.perf_counter() - started)
            await send(message)

        try:
            await self.app(scope, receive, send_logged)
        finally:
            if not written:  # an exception escaped: it is answered 500 outside this middleware
                self.log.write(scope, 500, time.perf_counter() - started)
