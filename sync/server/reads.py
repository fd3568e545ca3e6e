"""Reading cases through the case API: one case with its events, or a list of cases."""
from __future__ import annotations

from sqlalchemy import select

from .access import Caller, NotVisible, department_cases, visible
from .case_rows import CASES, find
from .db import CentralDB
from .snapshots import snapshots

MAX_LIST = 500


def get_case(db: CentralDB, caller: Caller, ref: str) -> dict:
    """The snapshot of the case numbered (or with the id) `ref`, as a pull serves it."""
    with db.read() as conn:
        row = find(conn, ref)
        if row is None or not visible(row, caller):
            raise NotVisible(f"no case {ref}")
        return snapshots(conn, [row.id])[0]


def list_cases(db: CentralDB, caller: Caller, state: str | None = None, limit: int = 50,
               offset: int = 0) -> list[dict]:
    """The newest cases (a liaison's: those `visible` to it), each without its events."""
    q = select(CASES.c.id)
    if state:
        q = q.where(CASES.c.state == state)
    if caller.role == "liaison":  # the cases it leads, assists, or passed down to a unit below it
        q = q.where(department_cases(CASES, caller.department))
    q = q.order_by(CASES.c.created_at.desc()).limit(max(1, min(limit, MAX_LIST))).offset(max(0, offset))
    with db.read() as conn:
        listed = snapshots(conn, list(conn.scalars(q)))
    return [{**snap, "events": []} for snap in listed]
