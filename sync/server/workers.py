"""`central serve --workers N`: N server processes sharing one listening socket.

The parent binds the socket, starts N worker processes (spawned: each imports
and opens everything itself) that accept on it, restarts a worker that dies,
and on SIGINT or SIGTERM asks each to finish its requests and waits for it.
Each worker is the same server `serve` runs in one process: nothing the
workers must agree on lives in a process (docs/central-server.md, "Several
processes"); the database decides.
"""
from __future__ import annotations

import logging
import multiprocessing
import signal
import socket
import threading
import time
from dataclasses import dataclass, replace
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .login_guard import LoginPolicy
    from .public_reads import PublicReadPolicy
    from .request_log import LogFile
    from .runner import Transport

log = logging.getLogger(__name__)
RESTART_PAUSE = 1.0  # seconds between restarts of a worker that keeps dying (a database that is down)
STOP_GRACE = 30.0  # seconds a worker may take to finish its requests on shutdown


@dataclass(frozen=True)
class ServeOptions:
    """Everything a worker needs to build its server (plain values: it crosses to a new process)."""

    db_url: str
    host: str = "127.0.0.1"
    port: int = 8345
    log_level: str = "warning"
    transport: Transport | None = None
    login: LoginPolicy | None = None
    public: PublicReadPolicy | None = None
    request_log: LogFile | None = None


def worker_log_file(log_file: LogFile | None, index: int) -> LogFile | None:
    """Worker `index`'s own request log (`central-requests-w2.log`): one rotating file has one writer."""
    if log_file is None:
        return None
    path = Path(log_file.path)
    return replace(log_file, path=path.with_name(f"{path.stem}-w{index}{path.suffix}"))


def bind(host: str, port: int) -> socket.socket:
    """The listening socket the workers share."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(4096)
    sock.set_inheritable(True)
    return sock


def _worker(options: ServeOptions, sock: socket.socket, index: int) -> None:  # pragma: no cover - a subprocess
    import uvicorn

    from .runner import Transport, build_app
    app = build_app(options.db_url, options.login, options.public, worker_log_file(options.request_log, index))
    transport = options.transport or Transport()
    config = uvicorn.Config(app, log_level=options.log_level, access_log=False, **transport.uvicorn_options())
    uvicorn.Server(config).run(sockets=[sock])


def serve_workers(options: ServeOptions, workers: int) -> None:
    """Serve with `workers` processes until SIGINT or SIGTERM."""
    ctx = multiprocessing.get_context("spawn")
    sock = bind(options.host, options.port)
    stopping = threading.Event()
    procs: dict[int, BaseProcess] = {}

    def start(index: int) -> None:
        proc = ctx.Process(target=_worker, args=(options, sock, index), name=f"central-worker-{index}")
        proc.start()
        procs[index] = proc

    def stop(*_args) -> None:
        stopping.set()

    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        for i in range(1, workers + 1):
            start(i)
        while not stopping.wait(0.5):
            for index, proc in list(procs.items()):
                if not proc.is_alive() and not stopping.is_set():
                    log.warning("central worker %d ended (exit code %s): starting it again", index, proc.exitcode)
                    time.sleep(RESTART_PAUSE)
                    start(index)
    finally:
        for proc in procs.values():
            proc.terminate()  # SIGTERM: uvicorn finishes the requests in progress
        deadline = time.monotonic() + STOP_GRACE
        for proc in procs.values():
            proc.join(max(0.1, deadline - time.monotonic()))
            if proc.is_alive():
                proc.kill()
        sock.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
