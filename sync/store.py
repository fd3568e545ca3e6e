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

import copy
import logging
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter
from types import SimpleNamespace

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

from console import gcpause
from console.cases import CaseService
from console.clock import utcnow
from console.deadlines import PolicyError, SlaPolicy, load_policy
from console.dto import Actor
from console.lifecycle import apply_action
from console.signals import CasesChanged, Signal, cases_changed
from console.workflow import WorkflowError, check
from models import Case, CaseEvent, Category, Conflict, Department, District, Outbox, StateCount, SyncState
from models.db import Database

from . import bulk
from .bulk import WIRE_CASE_COLUMNS
from .faults import crashpoint
from .protocol import CASE_FIELDS, TIME_FIELDS, SnapshotRows, dumps, dumps_text, parse_wire_time, wire_time
from .rawsql import raw_value

log = logging.getLogger(__name__)

_md = MetaData()
CASE_VERSIONS = Table("sync_case_versions", _md, Column("case_id", Uuid, primary_key=True),
                      Column("server_version", Integer, nullable=False))
OP_BASE = Table("sync_op_base", _md, Column("seq", Integer, primary_key=True),
                Column("server_version", Integer, nullable=False))
CASES, EVENTS, OUTBOX = Case.__table__, CaseEvent.__table__, Outbox.__table__
_CASE_COLUMNS = [c.name for c in CASES.columns]
_LOCAL_ONLY = ("caller_id", "operator_id")  # the server does not know the console's own rows


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


@dataclass(frozen=True)
class PulledPage:
    """A pulled page made ready for `LocalSyncStore.apply_page` (`prepare_page`)."""

    snaps: list[dict] | SnapshotRows
    ids: list[uuid.UUID]
    versions: list
    wire: bytes | None  # the page's wire database (bulk.WireBuilder); None: the Python way


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

    wire_sql = True  # pulled pages through the wire tables (sync/bulk.py); False: value by value in Python
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
    def pending_batch(self, after_seq: int, limit: int) -> list[dict]:
        """The next pending operations in device order, as the push body wants them."""
        q = (select(OUTBOX.c.seq, OUTBOX.c.op_id, OUTBOX.c.kind, OUTBOX.c.payload, OP_BASE.c.server_version)
             .outerjoin(OP_BASE, OP_BASE.c.seq == OUTBOX.c.seq)
             .where(OUTBOX.c.status == "pending", OUTBOX.c.seq > after_seq).order_by(OUTBOX.c.seq).limit(limit))
        with self.db.engine.connect() as conn:
            return [{"op_id": str(r.op_id), "seq": r.seq, "kind": r.kind, "payload": r.payload,
                     "server_base": r.server_version} for r in conn.execute(q)]

    def pending_wire(self, after_seq: int, limit: int, login: str | None = None) -> tuple[int | None, bytes]:
        """`pending_batch` as the JSON text of the push body's `ops` array, and the last
        seq in it (None when nothing is pending). The stored payload text goes out as it
        is (it is JSON already): a batch is never parsed and encoded again.

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
        """Record the server's answer for each pushed op and rebase the cases it sent
        back (rejected or merged ops), in one transaction. Returns the changed case ids."""
        by_status = [{"_op": uuid.UUID(r["op_id"]),
                      "b_status": "rejected" if r.get("status") == "refused" else r.get("status", "rejected"),
                      "b_result": r, "b_reason": str(r.get("reason") or "")} for r in results]
        with self.db.engine.begin() as conn:
            conn.execute(update(OUTBOX).where(OUTBOX.c.op_id == bindparam("_op")).values(
                status=bindparam("b_status"), result=bindparam("b_result"), reason=bindparam("b_reason"),
                attempts=OUTBOX.c.attempts + 1), by_status)
            for r in results:
                for c in r.get("conflicts") or []:
                    self._add_conflict(conn, uuid.UUID(r["case_id"]), c)
            changed = self._apply_snapshots(conn, self.prepare_page(cases, wire=False))
        if changed:
            self.bus.emit(CasesChanged(tuple(changed), "synced"))
        return changed

    @staticmethod
    def _add_conflict(conn: Connection, case_id: uuid.UUID, c: dict) -> None:
        same = conn.scalar(select(Conflict.id).where(
            Conflict.case_id == case_id, Conflict.field == c["field"], Conflict.local_value == str(c["mine"]),
            Conflict.resolved_at.is_(None)))
        if same is None:
            conn.execute(insert(Conflict.__table__), [{
                "id": uuid.uuid4(), "case_id": case_id, "field": c["field"], "base_value": str(c.get("base") or ""),
                "local_value": str(c["mine"]), "server_value": str(c.get("server") or ""), "created_at": utcnow()}])

    def counts(self) -> tuple[int, int, int]:
        """(pending, rejected, unresolved conflicts)."""
        with self.db.engine.connect() as conn:
            by = dict(conn.execute(select(OUTBOX.c.status, func.count()).where(
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
                           r.created_at) for r in rows]

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
            conn.execute(update(Conflict.__table__).where(Conflict.id == conflict_id).values(resolved_at=utcnow()))

    # -- pull -----------------------------------------------------------------------
    def prepare_page(self, cases: list[dict] | SnapshotRows, wire: bool = True) -> PulledPage:
        """The half of applying a page that needs no connection to the profile: ids and
        versions read, and (`wire`) the page's wire database made and checked
        (bulk.WireBuilder). The sync client prepares page k+1 in one thread while page k
        is written in another, where SQLite runs without holding the GIL."""
        exact = isinstance(cases, SnapshotRows) and cases.exact
        if exact:  # without making a dict of each row
            ids = [uuid.UUID(r[_R_ID]) for r in cases.rows]
            versions = [r[_R_VERSION] for r in cases.rows]
        else:
            ids = [uuid.UUID(s["id"]) for s in cases]
            versions = [s.get("version") for s in cases]
        made = None
        if wire and self.wire_sql and cases:
            with gcpause.paused():  # the rows make no cycles
                try:
                    rows, events = self._wire_from_rows(cases, ids) if exact else self._wire_from_snaps(cases, ids)
                except (KeyError, TypeError, ValueError, AttributeError):
                    rows = None  # the Python way parses it again, and raises what it always raised
                if rows is not None:
                    made = self._builder.build(rows, events, payload_texts=exact)
        return PulledPage(cases, ids, versions, made)

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
        with gcpause.paused(), self._pull_connection() as conn:  # the page's rows make no cycles
            raw = conn.connection.dbapi_connection
            if page.wire is not None:
                bulk.attach(raw, page.wire)  # outside the transaction, as ATTACH must be
            level = raw.execute("PRAGMA synchronous").fetchone()[0]
            frames = raw.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
            raw.execute("PRAGMA synchronous=NORMAL")
            raw.execute(f"PRAGMA wal_autocheckpoint={max(int(frames), self.PULL_CHECKPOINT_FRAMES)}")
            try:
                with conn.begin():
                    changed = self._apply_snapshots(conn, page)
                    crashpoint("pull_before_cursor")
                    _put(conn, {"cursor": str(next_cursor), "epoch": epoch})
            finally:
                raw.execute(f"PRAGMA synchronous={int(level)}")
                raw.execute(f"PRAGMA wal_autocheckpoint={int(frames)}")
        if changed:
            self.bus.emit(CasesChanged(tuple(changed), "synced"))
        return changed

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
                bulk.detach(conn.connection.dbapi_connection)  # back to the pool without the last page

    @contextmanager
    def _pull_connection(self) -> Iterator[Connection]:
        if self._pull_conn is not None:
            yield self._pull_conn
        else:
            with self.db.engine.connect() as conn:
                try:
                    yield conn
                finally:
                    bulk.detach(conn.connection.dbapi_connection)

    def checkpoint(self) -> None:
        """Copy the WAL into the database file now (after a pull), without waiting for
        readers or writers (PASSIVE), so a later local write does not pay for it."""
        with self.db.engine.connect() as conn:
            conn.connection.dbapi_connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

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

    def _apply_snapshots(self, conn: Connection, page: PulledPage) -> list[uuid.UUID]:
        if not page.snaps:
            return []
        conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
        _refuse_older(conn, page.ids, page.versions, page.snaps)
        if page.wire is not None:
            self._apply_wire(conn, page)
            return page.ids
        return self._apply_rows(conn, page.snaps, page.ids)

    def _wire_from_snaps(self, snaps: list[dict], ids: list[uuid.UUID]) -> tuple[list, list]:
        """The wire tables' rows of a page of snapshots (dicts)."""
        rows, events = [], []
        for snap, cid in zip(snaps, ids):
            try:
                row = [cid.hex, *_WIRE_CASE(snap)]
            except KeyError:
                row = [cid.hex, *(snap.get(f) for f in CASE_FIELDS)]
            rows.append(self._checked(row, snap.get("number")))
            hid = row[0]
            for e in snap["events"]:
                events.append((hid, e["id"], e["seq"], e["kind"], e["actor"], e["actor_role"], e["at"],
                               e.get("from_state"), e.get("to_state"), e.get("reason"),
                               raw_value(e.get("payload") or {})))
        return rows, events

    def _wire_from_rows(self, page: SnapshotRows, ids: list[uuid.UUID]) -> tuple[list, list]:
        """The wire tables' rows of a "rows" page whose fields are this console's, taken
        as they are: each payload stays the JSON text it came as (bulk checks it is one)."""
        rows, events = [], []
        for r, cid in zip(page.rows, ids):
            hid = cid.hex
            rows.append(self._checked([hid, *r[:-1]], r[_R_NUMBER]))
            events += [[hid, *e] for e in r[-1]]
        return rows, events

    def _checked(self, row: list, number: str) -> list:
        """A wire row with codes this console lacks taken out (logged), the assisting
        departments as JSON text and the case it is merged into as stored (whether this
        console has that case is asked when the page is written: `_apply_wire`)."""
        cats, dists, depts = self._known_codes()
        for i, known in ((_W_CATEGORY, cats), (_W_DISTRICT, dists), (_W_LEAD, depts)):
            if row[i] is not None and row[i] not in known:
                _unknown_code(number, WIRE_CASE_COLUMNS[i], row[i])
                row[i] = None
        assist = row[_W_ASSIST]
        row[_W_ASSIST] = "[]" if not assist else dumps_text([d for d in assist if d in depts])
        if row[_W_MERGED]:
            row[_W_MERGED] = uuid.UUID(row[_W_MERGED]).hex
        return row

    def _apply_wire(self, conn: Connection, page: PulledPage) -> None:
        """The page through its wire tables (sync/bulk.py, attached by apply_page): values
        turned into their stored forms by SQL."""
        for hid, number, into in conn.exec_driver_sql(
                f"SELECT hid, number, merged_into_id FROM {bulk.WIRE_CASES} w WHERE merged_into_id IS NOT NULL "
                f"AND NOT EXISTS (SELECT 1 FROM {bulk.WIRE_CASES} p WHERE p.hid = w.merged_into_id) "
                "AND NOT EXISTS (SELECT 1 FROM main.cases c WHERE c.id = w.merged_into_id)").all():
            log.warning("case %s is merged into %s, not here yet", number, uuid.UUID(into))
            conn.exec_driver_sql(f"UPDATE {bulk.WIRE_CASES} SET merged_into_id = NULL WHERE hid = ?", (hid,))
        self._apply_wire_rows(conn, page.snaps, page.ids, page.versions)

    def _apply_wire_rows(self, conn: Connection, snaps: list[dict] | SnapshotRows, ids: list[uuid.UUID],
                         versions: list) -> None:
        # a case this console has (or has pending operations for) is rebased row by row
        seen = [r[0] for r in conn.exec_driver_sql(
            f"SELECT hid FROM {bulk.WIRE_CASES} w WHERE EXISTS (SELECT 1 FROM main.cases c WHERE c.id = w.hid) "
            "OR EXISTS (SELECT 1 FROM main.outbox o WHERE o.case_id = w.hid AND o.status = 'pending')")]
        for hid, number in conn.exec_driver_sql(
                f"SELECT c.id, c.number FROM {bulk.WIRE_CASES} w JOIN main.cases c ON c.number = w.number "
                "WHERE c.id != w.hid").all():
            self._renumber(conn, uuid.UUID(hid), number)
        counts: Counter = Counter()
        if seen:
            seen_set = set(seen)
            seen_ids = [cid for cid in ids if cid.hex in seen_set]  # in the page's order
            existing, pending = self._local_rows(conn, seen_ids)
            known_cases = set(existing) | set(ids)
            at = {cid: i for i, cid in enumerate(ids)}
            for cid in seen_ids:
                snap = snaps[at[cid]]  # a row of a "rows" page becomes a dict only here
                self._rebase(conn, cid, existing.get(cid), self._fields(conn, snap, known_cases), snap["events"],
                             pending.get(cid, []), counts)
            bulk.drop_from_wire(conn, seen)
        counts.update(bulk.insert_wire(conn))
        cursor = conn.connection.cursor()
        try:
            cursor.executemany(
                "INSERT INTO sync_case_versions (case_id, server_version) VALUES (?, ?) "
                "ON CONFLICT(case_id) DO UPDATE SET server_version = excluded.server_version",
                [(cid.hex, int(v)) for cid, v in zip(ids, versions)])
        finally:
            cursor.close()
        _add_state_counts(conn, counts)

    @staticmethod
    def _local_rows(conn: Connection, ids: list[uuid.UUID]) -> tuple[dict, dict]:
        """The local rows of these cases, and their pending operations' payloads in order."""
        existing = {}
        for i in range(0, len(ids), 900):
            existing.update({r.id: r for r in conn.execute(select(CASES).where(CASES.c.id.in_(ids[i:i + 900])))})
        pending: dict[uuid.UUID, list] = {}
        for i in range(0, len(ids), 900):
            for r in conn.execute(select(OUTBOX.c.case_id, OUTBOX.c.payload).where(
                    OUTBOX.c.status == "pending", OUTBOX.c.case_id.in_(ids[i:i + 900])).order_by(OUTBOX.c.seq)):
                pending.setdefault(r.case_id, []).append(r.payload)
        return existing, pending

    def _apply_rows(self, conn: Connection, snaps: list[dict], ids: list[uuid.UUID]) -> list[uuid.UUID]:
        """The page parsed value by value in Python."""
        existing, pending = self._local_rows(conn, ids)
        self._move_clashing_numbers(conn, snaps, ids)
        known_cases = set(existing) | set(ids)
        counts: Counter = Counter()
        new_cases, new_events = [], []
        for snap, cid in zip(snaps, ids):
            fields = self._fields(conn, snap, known_cases)
            old = existing.get(cid)
            if old is None and cid not in pending:
                new_cases.append({**fields, "caller_id": None, "operator_id": None})
                new_events += [_event_row(e, cid) for e in snap["events"]]
                counts[fields["state"]] += 1
            else:
                self._rebase(conn, cid, old, fields, snap["events"], pending.get(cid, []), counts)
        bulk.insert_new(conn, new_cases, new_events)
        upsert = sqlite_insert(CASE_VERSIONS)
        conn.execute(upsert.on_conflict_do_update(index_elements=["case_id"],
                                                  set_={"server_version": upsert.excluded.server_version}),
            [{"case_id": cid, "server_version": int(s["version"])} for s, cid in zip(snaps, ids)])
        _add_state_counts(conn, counts)
        return ids

    @staticmethod
    def _move_clashing_numbers(conn: Connection, snaps: list[dict], ids: list[uuid.UUID]) -> None:
        """A local case holding a number the server gave another case (two consoles
        configured with the same station) was refused by the server; it steps aside
        under a marked number instead of blocking every later pull."""
        wanted = {s["number"]: cid for s, cid in zip(snaps, ids)}
        names = list(wanted)
        for i in range(0, len(names), 900):
            for row in conn.execute(select(CASES.c.id, CASES.c.number).where(CASES.c.number.in_(names[i:i + 900]))):
                if row.id != wanted[row.number]:
                    LocalSyncStore._renumber(conn, row.id, row.number)

    @staticmethod
    def _renumber(conn: Connection, case_id: uuid.UUID, number: str) -> None:
        moved = f"{number}~{case_id.hex[:6]}"
        log.warning("local case %s clashes with the server's case of that number; renumbered %s", number, moved)
        conn.execute(update(CASES).where(CASES.c.id == case_id).values(number=moved))

    def _fields(self, conn: Connection, snap: dict, known_cases: set) -> dict:
        cats, dists, depts = self._known_codes(conn)
        out = {}
        for f in CASE_FIELDS:
            v = snap.get(f)
            if f in TIME_FIELDS:
                v = parse_wire_time(v)
            elif f == "id":
                v = uuid.UUID(v)
            elif f == "merged_into_id" and v:
                v = uuid.UUID(v)
                if v not in known_cases and conn.scalar(select(CASES.c.id).where(CASES.c.id == v)) is None:
                    log.warning("case %s is merged into %s, not here yet", snap.get("number"), v)
                    v = None
            elif f == "assist_departments":
                v = [d for d in (v or []) if d in depts]
            out[f] = v
        for f, known in (("category_code", cats), ("district_code", dists), ("lead_department", depts)):
            if out[f] is not None and out[f] not in known:
                _unknown_code(snap.get("number"), f, out[f])
                out[f] = None
        return out

    def _rebase(self, conn: Connection, cid: uuid.UUID, old, fields: dict, server_events: list[dict],
                pending_payloads: list[dict], counts: Counter) -> None:
        """Server snapshot + this console's pending events replayed on top."""
        server_ids = {uuid.UUID(e["id"]) for e in server_events}
        local_ids = set(conn.scalars(select(EVENTS.c.id).where(EVENTS.c.case_id == cid)))
        # park every local event out of the way of the unique (case_id, seq) index
        conn.execute(update(EVENTS).where(EVENTS.c.case_id == cid).values(seq=-EVENTS.c.seq - 1))
        for e in server_events:
            row = _event_row(e, cid)
            if row["id"] in local_ids:
                conn.execute(update(EVENTS).where(EVENTS.c.id == row["id"])
                             .values({k: v for k, v in row.items() if k != "id"}))
            else:
                conn.execute(insert(EVENTS), [row])
        ns = SimpleNamespace(**fields)
        for name in _LOCAL_ONLY:
            setattr(ns, name, getattr(old, name) if old is not None else None)
        for p in pending_payloads:
            ev = p.get("event") or {}
            eid = uuid.UUID(ev["id"])
            if eid in server_ids or ev.get("kind") == "receive":
                continue
            before = ns.state
            trial = copy.copy(ns)
            try:
                after = check(before, ev["kind"], ev.get("actor_role", ""), ev.get("reason", ""), ev.get("payload"))
                data = dict(ev.get("payload") or {})
                if data.get("into_id"):
                    data["into_id"] = uuid.UUID(str(data["into_id"]))
                apply_action(trial, ev["kind"], after, data, parse_wire_time(ev.get("at")) or utcnow(), self.policy)
                ns, to_state = trial, after.value
            except (WorkflowError, PolicyError, KeyError, ValueError, TypeError):
                to_state = before  # the server will refuse it; it waits in the outbox
                ns.version = (ns.version or 0) + 1
            if eid in local_ids:
                conn.execute(update(EVENTS).where(EVENTS.c.id == eid).values(
                    seq=ns.version, from_state=before, to_state=to_state))
        # what is left parked was neither kept by the server nor is still pending (refused or merged away)
        conn.execute(delete(EVENTS).where(EVENTS.c.case_id == cid, EVENTS.c.seq < 0))
        row = {c: getattr(ns, c) for c in _CASE_COLUMNS}
        if isinstance(row.get("merged_into_id"), str):
            row["merged_into_id"] = uuid.UUID(row["merged_into_id"])
        if old is None:
            conn.execute(insert(CASES), [row])
        else:
            conn.execute(update(CASES).where(CASES.c.id == cid).values({k: v for k, v in row.items() if k != "id"}))
            counts[old.state] -= 1
        counts[ns.state] += 1

    # -- knowledge feed ---------------------------------------------------------------
    def apply_articles(self, entries: list[dict], next_feed: int) -> int:
        """Load pulled knowledge articles into the local knowledge base (when this
        build has one), lexicon entries into its lexicon, and save the feed
        position. Returns how many articles and entries were loaded."""
        loaded = 0
        try:
            from console.knowledge import articles as kb_articles
            from console.knowledge import lexicon as kb_lexicon
            from console.knowledge import store as kb_store
        except ImportError:  # a build without the knowledge base keeps only the position
            kb_articles = kb_lexicon = kb_store = None
        if kb_store is not None:
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


def _add_state_counts(conn: Connection, counts: Counter) -> None:
    for state, delta in counts.items():
        if delta and conn.execute(update(StateCount).where(StateCount.state == state)
                                  .values(n=StateCount.n + delta)).rowcount == 0:
            conn.execute(insert(StateCount.__table__), [{"state": state, "n": delta}])


class HistoryRewound(Exception):
    """The server sent a case at a version older than one it sent this console before: its
    database went back in time (restored from a backup) without a new epoch. The client
    then does what a new epoch makes it do: a full resync that pushes again what it lost."""


def _refuse_older(conn: Connection, ids: list[uuid.UUID], versions: list, snaps) -> None:
    """Raise HistoryRewound when a snapshot's version is below the one this console holds
    from the server for that case (versions only grow on the server)."""
    known: dict[str, int] = {}
    cursor = conn.connection.cursor()
    try:
        for i in range(0, len(ids), 900):
            chunk = [cid.hex for cid in ids[i:i + 900]]
            known.update(cursor.execute("SELECT case_id, server_version FROM sync_case_versions WHERE case_id IN (%s)"
                                        % ", ".join("?" * len(chunk)), chunk).fetchall())
    finally:
        cursor.close()
    if not known:
        return
    for i, (cid, version) in enumerate(zip(ids, versions)):
        held = known.get(cid.hex)
        if held is not None and type(version) is int and version < held:
            raise HistoryRewound(f"the central server sent case {snaps[i].get('number')} at version {version}, "
                                 f"older than version {held} it sent before")


def _unknown_code(number: str | None, field: str, value) -> None:
    log.warning("case %s: %s %r is not in this console's reference data", number, field, value)


_WIRE_CASE = itemgetter(*CASE_FIELDS)
_W = {name: i for i, name in enumerate(WIRE_CASE_COLUMNS)}
# a case's values in a row of a "rows" page whose fields are CASE_FIELDS (SnapshotRows.exact)
_R_ID, _R_NUMBER, _R_VERSION = (CASE_FIELDS.index(f) for f in ("id", "number", "version"))
_W_CATEGORY, _W_DISTRICT, _W_LEAD = _W["category_code"], _W["district_code"], _W["lead_department"]
_W_ASSIST, _W_MERGED = _W["assist_departments"], _W["merged_into_id"]


def _event_row(e: dict, cid: uuid.UUID) -> dict:
    return {"id": uuid.UUID(e["id"]), "case_id": cid, "seq": int(e["seq"]), "kind": e["kind"], "actor": e["actor"],
            "actor_role": e["actor_role"], "at": parse_wire_time(e["at"]), "from_state": e.get("from_state"),
            "to_state": e.get("to_state"), "reason": e.get("reason") or "", "payload": e.get("payload") or {}}


__all__ = ["LocalSyncStore", "RejectedOp", "ConflictView", "HistoryRewound", "wire_time"]
