"""The console's sync client: one httpx.AsyncClient on the program's event loop.

`sync_once()` pushes the outbox in device order (batches), then pulls the
server's changes since the saved cursor; a second call while one runs joins
it instead of running twice. `run()` repeats that for as long as the program
lives, backing off with jitter while the network or the server is down, so
the outbox drains by itself when the network returns. Database work runs in
worker threads (`asyncio.to_thread`), each with its own connection.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import random
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO

import httpx

from console import gcpause
from console.clock import utcnow
from console.stations import valid_station
from models.db import Database

from .attachment_transfer import upload_pending
from .credentials import Credentials, move_tokens_out
from .endpoint import check_central_url, tls_verify
from .faults import CRASH_ENV, CrashTransport, crashpoint
from .protocol import API, SnapshotRows, dumps, loads, parse_wire_time, wire_time
from .renumber import adopt_station
from .status import SyncStatus, sync_status_changed
from .store import HistoryRewound, LocalSyncStore, PulledPage

log = logging.getLogger(__name__)


class SyncError(Exception):
    """Sync could not finish; `message` is for the operator."""


class Offline(SyncError):
    """The network or the server is not available now (retry later)."""

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class AuthNeeded(SyncError):
    """No usable credentials: someone has to log in to the central server."""


class _EpochChanged(Exception):
    def __init__(self, epoch: str):
        self.epoch = epoch


@dataclass
class SyncReport:
    """What one sync did."""

    pushed: int = 0
    applied: int = 0
    merged: int = 0
    rejected: int = 0
    pulled_changes: int = 0
    pulled_cases: int = 0
    articles: int = 0
    resynced: bool = False
    conflicts: int = 0
    renumbered: int = 0  # cases moved from a provisional (or clashing) number into the assigned station
    uploaded: int = 0  # attachment files sent before the push (sync/attachment_transfer.py)
    changed_cases: set = field(default_factory=set)


@dataclass
class Backoff:
    """Exponential backoff with jitter: attempt n waits between half and all of
    min(cap, base * 2**n) seconds, so many consoles coming back at once spread out."""

    base: float = 1.0
    cap: float = 120.0
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        ceiling = min(self.cap, self.base * (2 ** max(0, attempt - 1)))
        wait = self.rng.uniform(ceiling / 2, ceiling)
        return max(wait, min(retry_after or 0.0, self.cap))


class SyncClient:
    """Sync one console profile with a central server."""

    pull_format = "rows"  # pages as rows (protocol.PAGE_FORMATS): a third fewer bytes, no key per value

    def __init__(self, db: Database, central_url: str, *, login: str | None = None, password: str | None = None,
                 device_name: str = "", transport: httpx.AsyncBaseTransport | None = None, push_batch: int = 500,
                 pull_limit: int = 1000, clock: Callable[[], datetime] = utcnow, backoff: Backoff | None = None,
                 store: LocalSyncStore | None = None, timeout: float = 30.0, credentials: Credentials | None = None,
                 insecure: bool = False, ca_file: str | None = None):
        self.store = store or LocalSyncStore(db)
        self.credentials = credentials or Credentials(db.path)  # the tokens: keyring or a 0600 file
        move_tokens_out(db, self.credentials)
        self.db = db
        self.central_url = check_central_url(central_url, insecure).rstrip("/")  # InsecureCentral
        self.login, self.password = login, password
        self.device_name = device_name or socket.gethostname()
        self.push_batch, self.pull_limit = push_batch, pull_limit
        self.clock = clock
        self.backoff = backoff or Backoff()
        inner = transport or httpx.AsyncHTTPTransport(verify=tls_verify(ca_file))
        if os.environ.get(CRASH_ENV):
            inner = CrashTransport(inner)
        self.http = httpx.AsyncClient(base_url=self.central_url + API, transport=inner,
                                      timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)))
        self._task: asyncio.Task | None = None
        self._wake: asyncio.Event | None = None
        self._access: str | None = None
        self._refreshing = asyncio.Lock()  # a refresh token is good for one use: one refresh at a time
        self.online: bool | None = None
        self.syncs_started = 0  # how many syncs really ran (a joined call is not counted)
        self.last_message = ""

    # -- public ---------------------------------------------------------------------
    async def sync_once(self) -> SyncReport:
        """Push, then pull. A call made while a sync runs waits for that one."""
        if self._task is None or self._task.done():
            self._task = asyncio.ensure_future(self._guarded())
        return await asyncio.shield(self._task)

    async def sync_until_done(self, attempts: int = 6) -> SyncReport:
        """Retry a sync with backoff on network trouble (the headless `--once`)."""
        for attempt in range(1, attempts + 1):
            try:
                return await self.sync_once()
            except Offline as exc:
                if attempt == attempts:
                    raise
                await asyncio.sleep(self.backoff.delay(attempt, exc.retry_after))
        raise AssertionError("unreachable")

    async def run(self, stop: asyncio.Event, interval: float = 15.0) -> None:
        """Sync every `interval` seconds until `stop` is set; back off while offline."""
        self._wake = asyncio.Event()
        failures = 0
        while not stop.is_set():
            try:
                await self.sync_once()
                failures, delay = 0, interval
            except AuthNeeded:
                failures, delay = 0, max(interval, 60.0)
            except Offline as exc:
                failures += 1
                delay = self.backoff.delay(failures, exc.retry_after)
            except Exception:  # a bug must not stop syncing for good; it is logged and retried
                log.exception("sync failed")
                failures += 1
                delay = self.backoff.delay(failures)
            stopper = asyncio.ensure_future(stop.wait())
            waker = asyncio.ensure_future(self._wake.wait())
            await asyncio.wait({stopper, waker}, timeout=delay, return_when=asyncio.FIRST_COMPLETED)
            for t in (stopper, waker):
                t.cancel()
            self._wake.clear()

    def nudge(self) -> None:
        """Sync soon (after a local write) instead of waiting for the next round."""
        if self._wake is not None:
            self._wake.set()

    async def status(self) -> SyncStatus:
        """What the status bar shows."""
        pending, rejected, conflicts = await asyncio.to_thread(self.store.counts)
        last = await asyncio.to_thread(self.store.get, "last_success")
        return SyncStatus(configured=True, online=bool(self.online), syncing=bool(self._task and not self._task.done()),
                          pending=pending, rejected=rejected, conflicts=conflicts,
                          last_success=parse_wire_time(last) if last else None, message=self.last_message)

    async def aclose(self) -> None:
        """Close the HTTP client (when the program quits)."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
            with contextlib.suppress(BaseException):
                await self._task
        await self.http.aclose()

    # -- one sync -------------------------------------------------------------------
    async def _guarded(self) -> SyncReport:
        self.syncs_started += 1
        lock = _ProcessLock(Path(self.db.path).with_suffix(".sync.lock"))
        if not lock.acquire():
            raise Offline("another program is syncing this profile right now")
        try:
            await self._emit(syncing=True)
            try:
                report = await self._sync()
            except Offline as exc:
                self.online, self.last_message = False, str(exc)
                raise
            except SyncError as exc:
                self.last_message = str(exc)
                raise
            self.online, self.last_message = True, ""
            return report
        finally:
            lock.release()
            await self._emit(syncing=False)

    async def register(self) -> str | None:
        """Log in, register the device and take the station the server assigns it
        (renumbering unpushed cases into it), without pushing or pulling. Returns the station."""
        await self._ensure_session()
        await self._adopt_station(SyncReport())
        return await asyncio.to_thread(self.store.get, "station")

    async def _sync(self) -> SyncReport:
        report = SyncReport()
        await self._ensure_session()
        await self._adopt_station(report)
        report.uploaded = await upload_pending(self)  # an attach event's bytes go before the event
        try:
            await self._push_all(report)
            await self._pull_all(report)
        except (_EpochChanged, HistoryRewound) as exc:
            epoch = exc.epoch if isinstance(exc, _EpochChanged) else await asyncio.to_thread(self.store.get, "epoch")
            log.warning("the central server's history changed (restored from a backup?): full resync (%s)",
                        exc if isinstance(exc, HistoryRewound) else f"new epoch {epoch}")
            await asyncio.to_thread(self.store.start_resync, epoch or "")
            report.resynced = True
            await self._push_all(report)
            await self._pull_all(report)
        await self._pull_articles(report)
        await asyncio.to_thread(self.store.put, last_success=wire_time(utcnow()))
        return report

    async def _push_all(self, report: SyncReport) -> None:
        # Pipelined: batch k+1 is read from the outbox while batch k is on its way and
        # the local acknowledgement of batch k (a write in a worker thread) runs while
        # batch k+1 is sent. Order holds: k+1 is sent only after the server answered k.
        after = 0
        acking: asyncio.Future | None = None
        login = self.login or await asyncio.to_thread(self.store.get, "login")
        reading: asyncio.Future | None = asyncio.ensure_future(
            asyncio.to_thread(self.store.pending_wire, after, self.push_batch, login))
        epoch = await asyncio.to_thread(self.store.get, "epoch")
        device = await asyncio.to_thread(self.store.get, "device_id")
        try:
            while True:
                assert reading is not None  # the loop asks for the next batch before it comes round
                last, ops = await reading
                reading = None
                if last is None:
                    return
                head = {"device_id": device, "epoch": epoch, "sent_at": wire_time(self.clock())}
                body = dumps(head)[:-1] + b',"ops":' + ops + b"}"
                reading = asyncio.ensure_future(asyncio.to_thread(self.store.pending_wire, last, self.push_batch,
                                                                  login))
                r = await self._request("POST", "/sync/push", content=body,
                                        headers={"content-type": "application/json"})
                if (r.status_code, _code(r)) in ((404, "unknown_device"), (403, "device_not_yours")):
                    await reading
                    await asyncio.to_thread(self.store.put, device_id=None, station=None)
                    await self._ensure_session()
                    await self._adopt_station(report)  # a new device gets a new station
                    device = await asyncio.to_thread(self.store.get, "device_id")
                    reading = asyncio.ensure_future(asyncio.to_thread(self.store.pending_wire, after,
                                                                      self.push_batch, login))
                    continue
                if r.status_code == 413 and self.push_batch > 1:  # over the server's limit: smaller batches
                    await reading
                    self.push_batch = max(1, self.push_batch // 2)
                    reading = asyncio.ensure_future(asyncio.to_thread(self.store.pending_wire, after,
                                                                      self.push_batch))
                    continue
                data = self._json(r)
                crashpoint("push_before_ack")
                if acking is not None:
                    await acking
                acking = asyncio.ensure_future(self._ack(data, report))
                after = last
        finally:
            if reading is not None:  # a read only: nothing to keep of it
                with contextlib.suppress(BaseException):
                    await reading
            if acking is not None:
                await acking

    async def _ack(self, data: dict, report: SyncReport) -> None:
        changed = await asyncio.to_thread(self.store.ack, data["results"], data.get("cases") or [])
        report.changed_cases.update(changed)
        for res in data["results"]:
            status = res.get("status")
            report.pushed += 1
            report.applied += status == "applied"
            report.merged += status == "merged"
            report.rejected += status in ("rejected", "refused")
            report.conflicts += len(res.get("conflicts") or [])

    async def _pull_all(self, report: SyncReport) -> None:
        # Pipelined in three stages: while page k is written (a worker thread, where
        # SQLite runs without the GIL), page k+1 is prepared in another
        # (LocalSyncStore.prepare_page: its wire tables built and checked in a database
        # of their own) and the server makes page k+2, asked for as soon as page k+1's
        # answer gives its cursor. Pages are still written one at a time and in order,
        # each with its cursor in one transaction.
        epoch = await asyncio.to_thread(self.store.get, "epoch")
        cursor = int(await asyncio.to_thread(self.store.get, "cursor", "0") or 0)
        coming: asyncio.Future | None = asyncio.ensure_future(self._prepared(cursor, epoch))
        writing: asyncio.Future | None = None
        pulled = 0
        try:
            with self.store.pulling():  # every page on one connection, its cache kept warm
                try:
                    while coming is not None:
                        data, page = await coming
                        coming = None
                        if data["more"]:
                            coming = asyncio.ensure_future(self._prepared(data["next_cursor"], data["epoch"]))
                        if writing is not None:
                            await writing
                        writing = asyncio.ensure_future(self._write_page(data, page, report))
                        pulled += len(data["cases"])
                    if writing is not None:
                        await writing
                finally:
                    if writing is not None and not writing.done():  # a page being written ends with its cursor
                        with contextlib.suppress(BaseException):
                            await writing
            if pulled:
                await asyncio.to_thread(self.store.checkpoint)
        finally:
            if coming is not None and not coming.done():
                coming.cancel()
                with contextlib.suppress(BaseException):
                    await coming

    async def _prepared(self, cursor: int, epoch: str | None) -> tuple[dict, PulledPage]:
        data = await self._fetch_page(cursor, epoch)
        return data, await asyncio.to_thread(self.store.prepare_page, data["cases"])

    async def _write_page(self, data: dict, page: PulledPage, report: SyncReport) -> None:
        changed = await asyncio.to_thread(self.store.apply_page, page, data["next_cursor"], data["epoch"])
        report.changed_cases.update(changed)
        report.pulled_changes += data["changes"]
        report.pulled_cases += len(data["cases"])

    async def _fetch_page(self, cursor: int, epoch: str | None) -> dict:
        params = {"cursor": cursor, "limit": self.pull_limit, "format": self.pull_format}
        if epoch:
            params["epoch"] = epoch
        response = await self._request("GET", "/sync/pull", params=params)
        with gcpause.paused():  # a page is a hundred thousand new objects, and no cycle
            data = self._json(response)
        if data.get("format") == "rows":  # (a server that predates the rows format answers with objects)
            data["cases"] = SnapshotRows(data["cases"], data["case_fields"], data["event_fields"])
        return data

    async def _pull_articles(self, report: SyncReport) -> None:
        while True:
            since = int(await asyncio.to_thread(self.store.get, "kb_cursor", "0") or 0)
            data = self._json(await self._request("GET", "/kb/feed", params={"since": since}))
            if data["articles"] or data["next"] != since:
                report.articles += await asyncio.to_thread(self.store.apply_articles, data["articles"], data["next"])
            if not data["more"]:
                return

    # -- HTTP -----------------------------------------------------------------------
    async def _request(self, method: str, path: str, auth: bool = True, headers: dict | None = None,
                       **kw) -> httpx.Response:
        extra = headers or {}
        for attempt in range(2):
            headers = {"authorization": f"Bearer {self._access}"} if auth and self._access else {}
            headers.update(extra)
            try:
                r = await self.http.request(method, path, headers=headers, **kw)
            except httpx.TransportError as exc:
                raise Offline(f"cannot reach the central server: {exc or type(exc).__name__}") from None
            if r.status_code == 401 and auth and attempt == 0:
                await self._refresh()
                continue
            if r.status_code == 429 or r.status_code >= 500:
                raise Offline(f"the central server is busy or failing (HTTP {r.status_code})",
                              _retry_after(r.headers.get("retry-after")))
            if r.status_code == 409 and _code(r) == "epoch_changed":
                raise _EpochChanged(r.json()["epoch"])
            return r
        raise AuthNeeded("the central server refused the token even after a refresh; log in again")

    def _json(self, r: httpx.Response) -> dict:
        if r.status_code >= 400:
            try:
                message = r.json().get("message") or r.text
            except ValueError:
                message = r.text
            if r.status_code in (401, 403):
                raise AuthNeeded(message)
            raise SyncError(f"the central server refused the request (HTTP {r.status_code}): {message}")
        return loads(r.content)

    async def _ensure_session(self) -> None:
        if self._access is None:
            if self.login and await asyncio.to_thread(self.store.get, "login") not in (None, self.login):
                # the stored tokens are another account's: another operator signed in on this seat
                await asyncio.to_thread(self.credentials.clear)
            self._access = await asyncio.to_thread(self.credentials.get, "access_token")
        if self._access is None:
            await self._refresh()
        if await asyncio.to_thread(self.store.get, "device_id") is None:
            r = await self._request("POST", "/devices", json={"name": self.device_name[:128]})
            data = self._json(r)
            await asyncio.to_thread(self.store.put, device_id=data["device_id"], station=data.get("station"))

    async def _adopt_station(self, report: SyncReport) -> None:
        """Number in the station the server assigned this device, asking for one if the
        device was registered before stations existed, and move the cases the server does
        not have yet into it before they are pushed (sync/renumber.py)."""
        station = await asyncio.to_thread(self.store.get, "station")
        if station is None:
            device = await asyncio.to_thread(self.store.get, "device_id")
            r = await self._request("POST", f"/devices/{device}/station")
            if (r.status_code, _code(r)) in ((404, "unknown_device"), (403, "device_not_yours")):
                await asyncio.to_thread(self.store.put, device_id=None)
                await self._ensure_session()
                station = await asyncio.to_thread(self.store.get, "station")
            elif r.status_code == 404:  # a server from before stations: numbers stay as they are
                return
            else:
                station = self._json(r)["station"]
                await asyncio.to_thread(self.store.put, station=station)
        if station is not None and not valid_station(station):
            raise SyncError("the central server assigned this device a station that cannot stand in a case "
                            "number; ask its administrator")
        if station:
            moved = await asyncio.to_thread(adopt_station, self.db, station)
            report.renumbered += len(moved)

    async def _refresh(self) -> None:
        """A new access token: from the refresh token, else by logging in with the password."""
        stale = self._access
        async with self._refreshing:
            if self._access is not None and self._access != stale:  # refreshed while this one waited
                return
            await self._refresh_now()

    async def _refresh_now(self) -> None:
        refresh = await asyncio.to_thread(self.credentials.get, "refresh_token")
        if refresh:
            r = await self._request("POST", "/token/refresh", auth=False, json={"refresh_token": refresh})
            if r.status_code == 200:
                # the server rotates the refresh token: the old one is spent, keep the new one
                data = r.json()
                self._access = data["access_token"]
                await asyncio.to_thread(self.credentials.save, access_token=self._access,
                                        refresh_token=data.get("refresh_token") or refresh)
                return
            if r.status_code == 401:  # spent, revoked or expired: it never works again
                await asyncio.to_thread(self.credentials.clear)
        if self.login and self.password:
            r = await self._request("POST", "/login", auth=False, json={
                "login": self.login, "password": self.password,
                "device_id": await asyncio.to_thread(self.store.get, "device_id")})
            if r.status_code == 200:
                data = r.json()
                self._access = data["access_token"]
                await asyncio.to_thread(self.credentials.save, access_token=self._access,
                                        refresh_token=data["refresh_token"])
                await asyncio.to_thread(self.store.put, login=self.login)
                return
            raise AuthNeeded("the central server refused the login name or password")
        self._access = None
        await asyncio.to_thread(self.credentials.save, access_token=None)
        raise AuthNeeded("log in to the central server first: python main.py sync --login NAME --central URL")

    async def _emit(self, syncing: bool) -> None:
        try:
            status = await self.status()
        except Exception:  # a status read must never break a sync
            log.exception("reading the sync status failed")
            return
        sync_status_changed.emit(SyncStatus(**{**status.__dict__, "syncing": syncing}))


def _code(r: httpx.Response) -> str:
    try:
        return str(r.json().get("error") or "")
    except ValueError:
        return ""


def _retry_after(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


class _ProcessLock:
    """A lock file so two programs on one profile (the window and a headless loop)
    never sync at the same time; where fcntl is missing only the in-process join applies."""

    def __init__(self, path: Path):
        self.path = path
        self._fh: IO[str] | None = None

    def acquire(self) -> bool:
        try:
            import fcntl
        except ImportError:
            return True
        self._fh = open(self.path, "a+")
        try:
            fcntl.flock(self._fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            self._fh.close()
            self._fh = None
            return False

    def release(self) -> None:
        if self._fh is not None:
            import fcntl
            fcntl.flock(self._fh.fileno(), fcntl.LOCK_UN)
            self._fh.close()
            self._fh = None
