"""Writing a decoded page (sync/decode.py, attached as the schema `wire`) into the
console's database: the one path for pulled pages and acknowledgements alike.

- Rules on the page as a whole, by SQL, once: a case merged into a case neither
  on the page nor here loses that link (logged); a local case holding a number
  the server gave another case steps aside under a marked number.
- Cases this console has (or has pending operations for) are rebased: the
  server's events upserted by id (bulk.upsert_events), the case row made the
  server's snapshot with this console's pending operations replayed on top
  (the same workflow and lifecycle code).
- The other cases are new here: one INSERT ... SELECT per table (bulk.insert_new).

A rebase never deletes an event the server acknowledged or this console made,
whatever the snapshot: a snapshot read while a push was being written may carry
the case's row without its newest event (a torn snapshot), and a cached one may
be older. An event missing from the snapshot is kept (renumbered after the
server's if its number is taken) until a snapshot that holds it arrives. Events
a rebase removes:
- this console's own that the server never recorded: operations it refused, and
  edits it acknowledged as merged without recording them (every field had changed
  on the server meanwhile), which only an acknowledgement, read in the push's own
  transaction, can tell;
- events of others in the first snapshot of a case after a full resync (the
  console then holds no server version of it, `sync_case_versions`): the server
  was restored from a backup and its history is the truth again. This console's
  own events are pushed again before that pull and stay.
"""
from __future__ import annotations

import copy
import logging
import uuid
from collections import Counter
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from console.clock import utcnow
from console.deadlines import PolicyError, SlaPolicy
from console.lifecycle import apply_action
from console.workflow import WorkflowError, check
from models import Case, CaseEvent, Outbox, StateCount

from . import bulk
from .decode import PulledPage
from .protocol import parse_wire_time

log = logging.getLogger(__name__)

CASES, EVENTS, OUTBOX = (m.__table__ for m in (Case, CaseEvent, Outbox))
_CASE_COLUMNS = [c.name for c in CASES.columns]
_LOCAL_ONLY = ("caller_id", "operator_id")  # the server does not know the console's own rows


class HistoryRewound(Exception):
    """The server sent a case at a version older than one it sent this console before: its
    database went back in time (restored from a backup) without a new epoch. The client
    then does what a new epoch makes it do: a full resync that pushes again what it lost."""


def write_page(conn: Connection, page: PulledPage, policy: SlaPolicy,
               merged_away: frozenset[uuid.UUID] = frozenset()) -> None:
    """Write the page attached as `wire` inside the caller's transaction. `merged_away`:
    the events of operations an acknowledgement answered `merged` without recording."""
    conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
    _refuse_older(conn, page)
    for hid, number, into in conn.exec_driver_sql(
            f"SELECT hid, number, merged_into_id FROM {bulk.WIRE_CASES} w WHERE merged_into_id IS NOT NULL "
            f"AND NOT EXISTS (SELECT 1 FROM {bulk.WIRE_CASES} p WHERE p.hid = w.merged_into_id) "
            "AND NOT EXISTS (SELECT 1 FROM main.cases c WHERE c.id = w.merged_into_id)").all():
        log.warning("case %s is merged into %s, not here yet", number, uuid.UUID(into))
        conn.exec_driver_sql(f"UPDATE {bulk.WIRE_CASES} SET merged_into_id = NULL WHERE hid = ?", (hid,))
    for case_id, number in conn.exec_driver_sql(
            f"SELECT c.id, c.number FROM {bulk.WIRE_CASES} w JOIN main.cases c ON c.number = w.number "
            "WHERE c.id != w.hid").all():
        moved = f"{number}~{uuid.UUID(case_id).hex[:6]}"
        log.warning("local case %s clashes with the server's case of that number; renumbered %s", number, moved)
        conn.execute(update(CASES).where(CASES.c.id == uuid.UUID(case_id)).values(number=moved))
    counts: Counter = Counter()
    if bulk.mark_seen(conn):
        _rebase_seen(conn, policy, counts, merged_away)
    counts.update(bulk.insert_new(conn))
    cursor = bulk.raw(conn).cursor()
    try:
        cursor.executemany(
            "INSERT INTO sync_case_versions (case_id, server_version) VALUES (?, ?) "
            "ON CONFLICT(case_id) DO UPDATE SET server_version = excluded.server_version",
            [(cid.hex, int(v)) for cid, v in zip(page.ids, page.versions, strict=True)])
    finally:
        cursor.close()
    for state, delta in counts.items():
        if delta and conn.execute(update(StateCount).where(StateCount.state == state)
                                  .values(n=StateCount.n + delta)).rowcount == 0:
            conn.execute(insert(StateCount.__table__), [{"state": state, "n": delta}])


def _refuse_older(conn: Connection, page: PulledPage) -> None:
    """Raise HistoryRewound when a snapshot's version is below the one this console holds
    from the server for that case (versions only grow on the server)."""
    held: dict[str, int] = dict(conn.exec_driver_sql(
        f"SELECT v.case_id, v.server_version FROM {bulk.WIRE_CASES} w "
        "JOIN main.sync_case_versions v ON v.case_id = w.hid").all())
    if not held:
        return
    for cid, version, number in zip(page.ids, page.versions, page.numbers, strict=True):
        before = held.get(cid.hex)
        if before is not None and version < before:
            raise HistoryRewound(f"the central server sent case {number} at version {version}, "
                                 f"older than version {before} it sent before")


def _rebase_seen(conn: Connection, policy: SlaPolicy, counts: Counter, merged_away: frozenset[uuid.UUID]) -> None:
    server = bulk.seen_cases(conn)
    ids = list(server)
    held = {uuid.UUID(hex=h) for h, in conn.exec_driver_sql(
        f"SELECT w.hid FROM {bulk.WIRE_CASES} w JOIN main.sync_case_versions v ON v.case_id = w.hid WHERE w.seen")}
    existing: dict[uuid.UUID, Any] = {}
    ops: dict[uuid.UUID, list[tuple[str, dict]]] = {}
    for i in range(0, len(ids), 900):
        chunk = ids[i:i + 900]
        existing.update({r.id: r for r in conn.execute(select(CASES).where(CASES.c.id.in_(chunk)))})
        for r in conn.execute(select(OUTBOX.c.case_id, OUTBOX.c.status, OUTBOX.c.payload).where(
                OUTBOX.c.case_id.in_(chunk)).order_by(OUTBOX.c.seq)):
            ops.setdefault(r.case_id, []).append((r.status, r.payload or {}))
    # park every local event out of the way of the unique (case_id, seq) index; the server's
    # come back with its numbering, and what is left parked is decided case by case below
    conn.exec_driver_sql("UPDATE main.case_events SET seq = -seq - 1 "
                         f"WHERE case_id IN (SELECT hid FROM {bulk.WIRE_CASES} WHERE seen)")
    bulk.upsert_events(conn)
    for cid in ids:
        _rebase(conn, policy, cid, existing.get(cid), server[cid], ops.get(cid, []), counts, merged_away,
                cid in held)


def _rebase(conn: Connection, policy: SlaPolicy, cid: uuid.UUID, old, fields: dict, ops: list[tuple[str, dict]],
            counts: Counter, merged_away: frozenset[uuid.UUID], held: bool) -> None:
    """Server snapshot + this console's pending events replayed on top; no event of the
    server's or of this console's lost (module docstring). `held`: the console holds a
    server version of the case (it is not the first snapshot since a full resync)."""
    local = dict(conn.execute(select(EVENTS.c.id, EVENTS.c.seq).where(EVENTS.c.case_id == cid)).all())
    used = {seq for seq in local.values() if seq >= 0}  # the server's events, as the snapshot holds them

    def take(want: int) -> int:
        got = want if want >= 0 and want not in used else max(used, default=0) + 1
        used.add(got)
        return got

    ns = SimpleNamespace(**fields)
    for name in _LOCAL_ONLY:
        setattr(ns, name, getattr(old, name) if old is not None else None)
    own: dict[uuid.UUID, str] = {}
    for status, payload in ops:
        ev = payload.get("event") or {}
        try:
            eid = uuid.UUID(str(ev["id"]))
        except (KeyError, ValueError):
            continue
        own[eid] = status
        if status != "pending" or local.get(eid, -1) >= 0 or ev.get("kind") == "receive":
            continue
        before = ns.state
        trial = copy.copy(ns)
        try:
            after = check(before, ev["kind"], ev.get("actor_role", ""), ev.get("reason", ""), ev.get("payload"))
            data = dict(ev.get("payload") or {})
            if data.get("into_id"):
                data["into_id"] = uuid.UUID(str(data["into_id"]))
            apply_action(trial, ev["kind"], after, data, parse_wire_time(ev.get("at")) or utcnow(), policy)
            ns, to_state = trial, after.value
        except (WorkflowError, PolicyError, KeyError, ValueError, TypeError):
            to_state = before  # the server will refuse it; it waits in the outbox
            ns.version = (ns.version or 0) + 1
        if eid in local:
            local[eid] = take(ns.version)
            conn.execute(update(EVENTS).where(EVENTS.c.id == eid).values(
                seq=local[eid], from_state=before, to_state=to_state))
    for eid, seq in sorted(local.items(), key=lambda item: -item[1]):  # parked: -1 first, as they were
        if seq >= 0:
            continue
        made_here = own.get(eid)
        if made_here == "rejected" or eid in merged_away or (made_here is None and not held):
            conn.execute(delete(EVENTS).where(EVENTS.c.id == eid))
        else:  # the server's or this console's: a snapshot without it is torn or stale
            conn.execute(update(EVENTS).where(EVENTS.c.id == eid).values(seq=take(-seq - 1)))
    row = {c: getattr(ns, c) for c in _CASE_COLUMNS}
    if old is None:
        conn.execute(insert(CASES), [row])
    else:
        conn.execute(update(CASES).where(CASES.c.id == cid).values({k: v for k, v in row.items() if k != "id"}))
        counts[old.state] -= 1
    counts[ns.state] += 1
