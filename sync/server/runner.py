"""Run the server: `serve` for the command line, `ServerThread` for tests and benchmarks."""
from __future__ import annotations

import socket
import threading
import time

import uvicorn

from .app import create_app
from .db import CentralDB, open_central
from .request_log import LogFile


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def serve(db_url: str, host: str = "127.0.0.1", port: int = 8345, log_level: str = "warning",
          request_log: LogFile | None = None) -> None:
    """Serve until interrupted (uvicorn, one process)."""
    app = create_app(db_url, request_log=request_log)
    # consoles sync every 15-30 s: keep their connections open across that gap
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=False, timeout_keep_alive=75,
                backlog=4096)


class ServerThread:
    """An in-process uvicorn on a loopback port, in a thread (tests, benchmarks)."""

    def __init__(self, db_url: str, host: str = "127.0.0.1", port: int | None = None, **app_options):
        self.db: CentralDB = open_central(db_url)
        self.app = create_app(db=self.db, **app_options)
        self.host, self.port = host, port or free_port(host)
        self.server = uvicorn.Server(uvicorn.Config(self.app, host=self.host, port=self.port, log_level="warning",
                                                    access_log=False, lifespan="off", timeout_keep_alive=75))
        self.thread = threading.Thread(target=self.server.run, name=f"central-{self.port}", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the central server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)
        if self.app.state.request_log:
            self.app.state.request_log.close()
        self.db.close()

    def __enter__(self) -> ServerThread:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
