"""The console side of sync on the local SQLite file: outbox batches, acknowledgements,
applying pulled cases, the cursor, conflicts.

The local case row is always "the server's snapshot plus this console's
pending operations replayed on top" (with the same workflow and lifecycle
code), so a pulled change never undoes work that has not been pushed yet,
and once everything is pushed the local copy equals the server's.
Pulled events are written with the server's ids, sequence and times and no
outbox rows; each page and its cursor are saved in one transaction.
"""
from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import (
    Column,
    Connection,
    Integer,
    MetaData,
    Table,
    Text,
    Uuid,
    delete,
    func,
    insert,
    select,
    type_coerce,
    update,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.sql import bindparam

from console.cases import CaseService
from console.clock import utcnow
from console.deadlines import SlaPolicy, load_policy
from console.dto import Actor
from console.signals import CasesChanged, Signal, cases_changed
from models import Case, Category, Conflict, Department, District, Outbox, SyncState
from models.db import Database, relaxed_durability

from . import bulk
from .decode import PulledPage, decode
from .faults import crashpoint
from .protocol import SnapshotRows, dumps, wire_time
from .rebase import HistoryRewound, write_page

log = logging.getLogger(__name__)

_md = MetaData()
CASE_VERSIONS = Table("sync_case_versions", _md, Column("case_id", Uuid, primary_key=True),
                      Column("server_version", Integer, nullable=False))
OP_BASE = Table("sync_op_base", _md, Column("seq", Integer, primary_key=True),
                Column("server_version", Integer, nullable=False))
CASES, OUTBOX, CONFLICTS = (m.__table__ for m in (Case, Outbox, Conflict))


@dataclass(frozen=True)
class RejectedOp:
    """An operation the server refused, kept for a person to see."""

    seq: int
    op_id: str
    case_id: str | None
    case_number: str
    action: str
    reason: str
    created_at: datetime
    code: str = ""  # the refusal's stable code (console.workflow.WorkflowError), when the server sent one
    params: dict = field(default_factory=dict)
    state: str = ""  # the case's state the refusal speaks of

    @property
    def why(self) -> str:
        return self.reason



@dataclass(frozen=True)
class ConflictView:
    """A free-text field both sides changed; the server kept its value."""

    id: uuid.UUID
    case_id: uuid.UUID
    case_number: str
    field: str
    base_value: str
    local_value: str
    server_value: str
    created_at: datetime



class LocalSyncStore:
    """Everything the sync client reads and writes in the console's database."""

    PULL_CHECKPOINT_FRAMES = 10_000  # WAL pages (4 KiB) a pull lets gather before copying them (apply_page)

    def __init__(self, db: Database, policy: SlaPolicy | None = None, bus: Signal = cases_changed):
        self.db = db
        self.policy = policy or load_policy()
        self.bus = bus
        self._codes: tuple[set, set, set] | None = None
        self._pull_conn: Connection | None = None
        self._builder = bulk.WireBuilder()

    # -- key/value state ------------------------------------------------------------
    def get(self, key: str, default: str | None = None) -> str | None:
        """A sync setting (device_id, cursor, epoch, tokens, last_success, central_url ...)."""
        with self.db.engine.connect() as conn:
            value = conn.scalar(select(SyncState.value).where(SyncState.key == key))
        return default if value is None else value

    def put(self, **values: str | None) -> None:
        """Save several sync settings in one transaction (None deletes)."""
        with self.db.engine.begin() as conn:
            _put(conn, values)

    # -- outbox ---------------------------------------------------------------------
    def pending_wire(self, after_seq: int, limit: int, login: str | None = None) -> tuple[int | None, bytes]:
        """The next pending operations in device order (each with the server version its
        change was based on), as the JSON text of the push body's `ops` array, and the
        last seq in it (None when nothing is pending). The stored payload text goes out as
        it is (it is JSON already): a batch is never parsed and encoded again.

        `login`: the signed-in account. The server takes only its own actions and would
        reject another account's for good (another operator on a shared seat), so the
        batch stops before the first operation recorded by another account: it waits,
        with the ones behind it in order, for its author to sign in here again."""
        q = (select(OUTBOX.c.seq, OUTBOX.c.op_id, OUTBOX.c.kind, type_coerce(OUTBOX.c.payload, Text),
                    OP_BASE.c.server_version, func.json_extract(OUTBOX.c.payload, "$.event.actor"))
             .outerjoin(OP_BASE, OP_BASE.c.seq == OUTBOX.c.seq)
             .where(OUTBOX.c.status == "pending", OUTBOX.c.seq > after_seq).order_by(OUTBOX.c.seq).limit(limit))
        parts, last = [], None
        with self.db.engine.connect() as conn:
            for seq, op_id, kind, payload, base, actor in conn.execute(q):
                if login and actor and actor != login:
                    log.info("pending operations from seq %d on wait for the sign-in of the account that made them",
                             seq)
                    break
                parts.append(b'{"op_id":"%s","seq":%d,"kind":%s,"payload":%s,"server_base":%s}' % (
                    str(op_id).encode(), seq, dumps(kind), (payload or "null").encode("utf-8"),
                    b"null" if base is None else b"%d" % base))
                last = seq
        return last, b"[" + b",".join(parts) + b"]"

    def ack(self, results: list[dict], cases: list[dict]) -> list[uuid.UUID]:
        """Record the server's answer for each pushed op and write the cases it sent back
        (rejected or merged ops) the way a pulled page is written, in one transaction.
        Returns the changed case ids."""
        by_status = [{"_op": uuid.UUID(r["op_id"]),
                      "b_status": "rejected" if r.get("status") == "refused" else r.get("status", "rejected"),
                      "b_result": r, "b_reason": str(r.get("reason") or "")} for r in results]
        page = self.prepare_page(cases)
        merged = [uuid.UUID(r["op_id"]) for r in results if r.get("status") == "merged"]
        with self.db.engine.connect() as conn, self._attached(conn, page):
            with conn.begin():
                conn.execute(update(OUTBOX).where(OUTBOX.c.op_id == bindparam("_op")).values(
                    status=bindparam("b_status"), result=bindparam("b_result"), reason=bindparam("b_reason"),
                    attempts=OUTBOX.c.attempts + 1), by_status)
                for r in results:
                    for c in r.get("conflicts") or []:
                        self._add_conflict(conn, uuid.UUID(r["case_id"]), c)
                if page.wire is not None:
                    write_page(conn, page, self.policy, _events_of(conn, merged))
        if page.ids:
            self.bus.emit(CasesChanged(tuple(page.ids), "synced"))
        return page.ids

    @staticmethod
    def _add_conflict(conn: Connection, case_id: uuid.UUID, c: dict) -> None:
        same = conn.scalar(select(Conflict.id).where(
            Conflict.case_id == case_id, Conflict.field == c["field"], Conflict.local_value == str(c["mine"]),
            Conflict.resolved_at.is_(None)))
        if same is None:
            conn.execute(insert(CONFLICTS), [{
                "id": uuid.uuid4(), "case_id": case_id, "field": c["field"], "base_value": str(c.get("base") or ""),
                "local_value": str(c["mine"]), "server_value": str(c.get("server") or ""), "created_at": utcnow()}])

    def counts(self) -> tuple[int, int, int]:
        """(pending, rejected, unresolved conflicts)."""
        with self.db.engine.connect() as conn:
            by: dict[str, int] = dict(conn.execute(select(OUTBOX.c.status, func.count()).where(
                OUTBOX.c.status.in_(["pending", "rejected"])).group_by(OUTBOX.c.status)).all())
            conflicts = conn.scalar(select(func.count()).select_from(Conflict).where(Conflict.resolved_at.is_(None)))
        return by.get("pending", 0), by.get("rejected", 0), conflicts or 0

    def rejected(self, limit: int = 500) -> list[RejectedOp]:
        """Operations the server refused, oldest first."""
        with self.db.engine.connect() as conn:
            rows = conn.execute(select(OUTBOX).where(OUTBOX.c.status == "rejected").order_by(OUTBOX.c.seq)
                                .limit(limit)).all()
        return [RejectedOp(r.seq, str(r.op_id), str(r.case_id) if r.case_id else None,
                           str((r.payload or {}).get("case_number") or ""),
                           str(((r.payload or {}).get("event") or {}).get("kind") or r.kind), r.reason or "",
                           r.created_at, str((r.result or {}).get("code") or ""),
                           dict((r.result or {}).get("params") or {}), str((r.result or {}).get("state") or ""))
                for r in rows]

    def conflicts(self) -> list[ConflictView]:
        """Unresolved conflicts, oldest first."""
        with self.db.engine.connect() as conn:
            rows = conn.execute(select(Conflict.__table__, CASES.c.number).outerjoin(
                CASES, CASES.c.id == Conflict.case_id).where(Conflict.resolved_at.is_(None))
                .order_by(Conflict.created_at)).all()
        return [ConflictView(r.id, r.case_id, r.number or "", r.field, r.base_value, r.local_value, r.server_value,
                             r.created_at) for r in rows]

    def resolve_conflict(self, conflict_id: uuid.UUID, keep: str, actor: Actor,
                         cases: CaseService | None = None) -> None:
        """`keep="server"` accepts the server's value; `keep="mine"` edits the case back to the
        local value (a new operation, pushed like any other)."""
        if keep not in ("mine", "server"):
            raise ValueError("keep is 'mine' or 'server'")
        with self.db.session() as s:
            c = s.get(Conflict, conflict_id)
            if c is None or c.resolved_at is not None:
                raise LookupError("no such open conflict")
            case_id, name, value = c.case_id, c.field, c.local_value
        if keep == "mine":
            (cases or CaseService(self.db, self.policy)).act(case_id, "edit", actor, payload={"fields": {name: value}})
        with self.db.engine.begin() as conn:
            conn.execute(update(CONFLICTS).where(Conflict.id == conflict_id).values(resolved_at=utcnow()))

    # -- pull -----------------------------------------------------------------------
    def prepare_page(self, cases: list[dict] | SnapshotRows) -> PulledPage:
        """The half of applying a page that needs no connection to the profile: the page
        decoded and its wire database made and checked (sync/decode.py). The sync client
        prepares page k+1 in one thread while page k is written in another, where SQLite
        runs without holding the GIL."""
        return decode(cases, self._known_codes(), self._builder)

    def apply_page(self, cases: list[dict] | SnapshotRows | PulledPage, next_cursor: int,
                   epoch: str) -> list[uuid.UUID]:
        """Apply one pulled page (its cases, or what `prepare_page` made of them) and
        save its cursor in ONE transaction.

        The transaction commits without waiting for the disk (synchronous=NORMAL; the
        profile's other writes keep FULL): a power cut may take back the last pages
        pulled, but always each with its own cursor, so they are simply pulled again.
        Nothing else is lost: the WAL is written in order, so the next FULL commit (an
        operator's action on a pulled case ...) makes every page before it durable too.

        Its commit copies the WAL into the database file only once the WAL holds
        PULL_CHECKPOINT_FRAMES pages (SQLite's default is 1,000, less than one page of
        new cases dirties in the thirty indexes of `cases`): an index page written by
        several pulled pages is then copied once. `checkpoint` copies the rest when
        the pull ends."""
        page = cases if isinstance(cases, PulledPage) else self.prepare_page(cases)
        with self._pull_connection() as conn, self._attached(conn, page, keep=True), \
                relaxed_durability(bulk.raw(conn), self.PULL_CHECKPOINT_FRAMES), conn.begin():
            if page.wire is not None:
                write_page(conn, page, self.policy)
            crashpoint("pull_before_cursor")
            _put(conn, {"cursor": str(next_cursor), "epoch": epoch})
        if page.ids:
            self.bus.emit(CasesChanged(tuple(page.ids), "synced"))
        return page.ids

    @contextmanager
    def _attached(self, conn: Connection, page: PulledPage, keep: bool = False) -> Iterator[None]:
        """The page's wire database attached to `conn` (outside a transaction, as ATTACH
        must be); let go of after unless `keep` (the pull's connection keeps it until the
        pull ends: the next page replaces it)."""
        raw = bulk.raw(conn)
        if page.wire is not None:
            bulk.attach(raw, page.wire)
        try:
            yield
        finally:
            if not keep:
                bulk.detach(raw)

    @contextmanager
    def pulling(self) -> Iterator[None]:
        """Apply the pages of one pull on one connection (`apply_page` calls run one after
        another, from any thread): SQLite drops a connection's page cache whenever another
        connection wrote, so pages applied on the pool's connections in turn would each
        start by reading the indexes of `cases` again from the file."""
        with self.db.engine.connect() as conn:
            self._pull_conn = conn
            try:
                yield
            finally:
                self._pull_conn = None
                bulk.detach(bulk.raw(conn))  # back to the pool without the last page

    @contextmanager
    def _pull_connection(self) -> Iterator[Connection]:
        if self._pull_conn is not None:
            yield self._pull_conn
        else:
            with self.db.engine.connect() as conn:
                try:
                    yield conn
                finally:
                    bulk.detach(bulk.raw(conn))

    def checkpoint(self) -> None:
        """Copy the WAL into the database file now (after a pull), without waiting for
        readers or writers (PASSIVE), so a later local write does not pay for it."""
        with self.db.engine.connect() as conn:
            bulk.raw(conn).execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    def start_resync(self, epoch: str) -> None:
        """The server's history changed (restored from a backup): pull everything again
        and push again every operation it may have lost (it answers known ones from its record)."""
        with self.db.engine.begin() as conn:
            conn.execute(update(OUTBOX).where(OUTBOX.c.status.in_(["applied", "merged"])).values(status="pending"))
            conn.execute(delete(CASE_VERSIONS))
            _put(conn, {"cursor": "0", "epoch": epoch, "kb_cursor": "0"})

    def _known_codes(self, conn: Connection | None = None) -> tuple[set, set, set]:
        if self._codes is None:
            if conn is None:  # (prepare_page, in a thread of its own: a short read of its own)
                with self.db.engine.connect() as own:
                    return self._known_codes(own)
            self._codes = (set(conn.scalars(select(Category.code))), set(conn.scalars(select(District.code))),
                           set(conn.scalars(select(Department.code))))
        return self._codes


    # -- knowledge feed ---------------------------------------------------------------
    def apply_articles(self, entries: list[dict], next_feed: int) -> int:
        """Load pulled knowledge articles into the local knowledge base, lexicon entries into
        its lexicon, and save the feed position. Returns how many articles and entries were loaded."""
        from console.knowledge import articles as kb_articles
        from console.knowledge import lexicon as kb_lexicon
        from console.knowledge import store as kb_store

        loaded = 0
        good, words = [], []
        for e in entries:
            data = e.get("article") or {}
            if data.get("kind") == "lexicon":  # the city's lexicon rides the same feed
                words.append({"term": data.get("term"), "targets": data.get("targets"),
                              "deleted": bool(e.get("deleted") or data.get("deleted"))})
                continue
            if e.get("deleted"):
                continue
            try:
                good.append(kb_articles.from_record(e["article"]))
            except (ValueError, KeyError, TypeError) as exc:
                log.warning("knowledge article %s from the server is unusable: %s", e.get("id"), exc)
        if good:
            kb_store.load(self.db, good)
            loaded = len(good)
        if words:
            loaded += kb_lexicon.apply_feed(self.db, words)
        self.put(kb_cursor=str(next_feed))
        return loaded


def _put(conn: Connection, values: dict) -> None:
    for key, value in values.items():
        if value is None:
            conn.execute(delete(SyncState).where(SyncState.key == key))
        else:
            conn.execute(sqlite_insert(SyncState.__table__).values(key=key, value=str(value))
                         .on_conflict_do_update(index_elements=["key"], set_={"value": str(value)}))




def _events_of(conn: Connection, op_ids: list[uuid.UUID]) -> frozenset[uuid.UUID]:
    """The event ids of these outbox operations."""
    found = set()
    for i in range(0, len(op_ids), 900):
        for payload in conn.scalars(select(OUTBOX.c.payload).where(OUTBOX.c.op_id.in_(op_ids[i:i + 900]))):
            try:
                found.add(uuid.UUID(str(((payload or {}).get("event") or {})["id"])))
            except (KeyError, ValueError, AttributeError):
                continue
    return frozenset(found)


__all__ = ["LocalSyncStore", "RejectedOp", "ConflictView", "HistoryRewound", "PulledPage", "wire_time"]
