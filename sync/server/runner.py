"""Run the server: `serve` for the command line, `ServerThread` for tests and benchmarks."""
from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass

import uvicorn

from .app import create_app
from .db import CentralDB, open_central
from .deadlines import deadline_protocol
from .login_guard import LoginPolicy
from .public_reads import PublicReadPolicy
from .request_log import LogFile


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


@dataclass
class Transport:
    """How the server meets the network: TLS, slow-client deadlines, the trusted proxy."""

    tls_cert: str | None = None  # PEM certificate chain; with tls_key, the server speaks https
    tls_key: str | None = None
    head_timeout: float = 20.0  # seconds for a request head (deadlines.py)
    body_timeout: float = 30.0  # seconds without a byte of a request body
    keep_alive: int = 75  # consoles sync every 15-30 s: keep their connections open across that gap
    trusted_proxies: str | None = None  # addresses whose X-Forwarded-For names the client

    def uvicorn_options(self) -> dict:
        """The keyword arguments for uvicorn.Config."""
        if bool(self.tls_cert) != bool(self.tls_key):
            raise ValueError("TLS needs both a certificate (--tls-cert) and its key (--tls-key)")
        options = {"timeout_keep_alive": self.keep_alive, "http": deadline_protocol(self.head_timeout,
                                                                                     self.body_timeout),
                   "proxy_headers": bool(self.trusted_proxies), "forwarded_allow_ips": self.trusted_proxies or ""}
        if self.tls_cert:
            options.update(ssl_certfile=self.tls_cert, ssl_keyfile=self.tls_key)
        return options


def serve(db_url: str, host: str = "127.0.0.1", port: int = 8345, log_level: str = "warning",
          transport: Transport | None = None, login: LoginPolicy | None = None,
          public: PublicReadPolicy | None = None, request_log: LogFile | None = None, workers: int = 1) -> None:
    """Serve until interrupted: uvicorn in this process, or `workers` processes (workers.py)."""
    if workers > 1:
        from .workers import ServeOptions, serve_workers
        serve_workers(ServeOptions(db_url, host, port, log_level, transport, login, public, request_log), workers)
        return
    app = build_app(db_url, login, public, request_log)
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=False, backlog=4096,
                **(transport or Transport()).uvicorn_options())


def build_app(db_url: str, login: LoginPolicy | None = None, public: PublicReadPolicy | None = None,
              request_log: LogFile | None = None):
    """The server's app over `db_url` with the given throttling policies."""
    app = create_app(db_url, request_log=request_log)
    configure(app, login, public)
    return app


def configure(app, login: LoginPolicy | None = None, public: PublicReadPolicy | None = None) -> None:
    """Put the given throttling policies in place of an app's defaults."""
    if login is not None:
        app.state.login_guard.policy = login
    if public is not None:
        app.state.public_read_policy.__dict__.update(public.__dict__)


class ServerThread:
    """An in-process uvicorn on a loopback port, in a thread (tests, benchmarks)."""

    def __init__(self, db_url: str, host: str = "127.0.0.1", port: int | None = None,
                 transport: Transport | None = None, **app_options):
        self.db: CentralDB = open_central(db_url)
        self.app = create_app(db=self.db, **app_options)
        self.host, self.port = host, port or free_port(host)
        self.transport = transport or Transport()
        self.server = uvicorn.Server(uvicorn.Config(self.app, host=self.host, port=self.port, log_level="warning",
                                                    access_log=False, lifespan="off",
                                                    **self.transport.uvicorn_options()))
        self.thread = threading.Thread(target=self.server.run, name=f"central-{self.port}", daemon=True)

    @property
    def url(self) -> str:
        return f"{'https' if self.transport.tls_cert else 'http'}://{self.host}:{self.port}"

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
        self.app.state.book.close()
        if self.app.state.request_log:
            self.app.state.request_log.close()
        self.db.close()

    def __enter__(self) -> ServerThread:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
