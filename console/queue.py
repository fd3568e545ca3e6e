"""Queue queries: one page of cases for a QueueFilter, never the whole table.

A queue on a million cases is read a page at a time. Pages are found by
keyset (the sort value and rowid of the row next to the page, so a scroll
costs one index seek) or, for a jump into the middle, by OFFSET over the
sort column's index; the last page is read backwards from the end. Counts
per view come from the maintained `state_counts` or from index range
counts on `cases.deadline`, never from scanning the table.
"""
from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import overload

from sqlalchemy import text

from models.db import Database
from models.storage_forms import stored_time, stored_uuid

from .clock import CITY_TZ, utcnow
from .queue_filter import VIEWS, QueueFilter
from .workflow import OPEN_STATES

OPEN = tuple(sorted(s.value for s in OPEN_STATES))
# Literal text, identical to the condition of the partial indexes in migration 0004_queue: SQLite uses a
# partial index only when the query contains its condition (bound parameters would not match).
OPEN_SQL = "state IN (" + ", ".join(f"'{s}'" for s in OPEN) + ")"
SMALL_VIEW = 30_000  # below this many rows, reading the filter's rows and sorting them beats an index walk
CALLBACK_STATES = ("callback", "replied")
STATE_VIEWS = {"return_review": ("return_review",), "dispute": ("dispute",)}  # a team lead's queues
URGENT = ("urgent", "emergency")
# sort key -> SQL column; each has an index whose implicit rowid suffix gives a unique order
SORT_COLUMNS = {
    "number": "number", "state": "state", "type": "type", "urgency": "urgency",
    "category": "category_code", "district": "district_code", "caller": "caller_phone",
    "department": "lead_department", "created": "created_at", "deadline": "deadline",
}
# the index whose order is (sort column, rowid), over all cases and over the open ones (migration 0004_queue)
FULL_INDEX = {"state": "ix_cases_q_state", "type": "ix_cases_q_type", "urgency": "ix_cases_q_urgency",
              "category": "ix_cases_q_category", "district": "ix_cases_q_district", "caller": "ix_cases_q_caller",
              "department": "ix_cases_q_department", "created": "ix_cases_created_at", "deadline": "ix_cases_deadline"}
OPEN_INDEX = {"number": "ix_cases_open_number", "state": "ix_cases_open_state", "type": "ix_cases_open_type",
              "urgency": "ix_cases_open_urgency", "category": "ix_cases_open_category",
              "district": "ix_cases_open_district", "caller": "ix_cases_open_caller",
              "department": "ix_cases_open_department", "created": "ix_cases_open_created",
              "deadline": "ix_cases_open_deadline"}
NULLABLE = {"category_code", "district_code", "lead_department", "deadline"}
TEXT_COUNT_CAP = 10_000  # free-text filters count at most this many rows (a scan otherwise)
_NUMBER = re.compile(r"^[A-Za-z]{2}-[A-Za-z0-9]")
_COLUMNS = ("rowid, id, number, state, type, urgency, category_code, district_code, caller_phone, caller_name, "
            "lead_department, created_at, deadline, repeat_caller, supervised, instruction_level, leader_pick")


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One row of a queue page: what the table shows, nothing more."""

    rowid: int
    id: uuid.UUID
    number: str
    state: str
    type: str
    urgency: str
    category_code: str | None
    district: str | None
    caller_phone: str
    caller_name: str
    lead_department: str | None
    created_at: datetime
    deadline: datetime | None
    repeat_caller: bool
    supervised: int
    instruction_level: str | None
    leader_pick: bool

    def sort_value(self, sort: str):
        """The stored value of the sort column (for keyset paging)."""
        col = SORT_COLUMNS[sort]
        attr = {"category_code": "category_code", "district_code": "district", "caller_phone": "caller_phone",
                "lead_department": "lead_department", "created_at": "created_at"}.get(col, col)
        value = getattr(self, attr)
        return _ts(value) if isinstance(value, datetime) else value


@dataclass(frozen=True)
class Count:
    """A row count; `capped` when a free-text filter stopped counting at the cap."""

    n: int
    capped: bool = False


@overload
def _parse_time(value: None) -> None: ...
@overload
def _parse_time(value: datetime | str) -> datetime: ...
def _parse_time(value) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


def _row(r) -> QueueRow:
    return QueueRow(r[0], uuid.UUID(hex=r[1]) if isinstance(r[1], str) else r[1], r[2], r[3], r[4], r[5], r[6],
                    r[7], r[8] or "", r[9] or "", r[10], _parse_time(r[11]), _parse_time(r[12]), bool(r[13]),
                    r[14] or 0, r[15], bool(r[16]))


def _ts(dt: datetime) -> str:
    # the exact text SQLAlchemy stores, so keyset equality on a time column holds
    return stored_time(dt)


def local_day_bounds(now: datetime) -> tuple[datetime, datetime]:
    """Stored (naive UTC) start and end of the city-local day that holds `now`."""
    offset = CITY_TZ.utcoffset(None)
    local_midnight = (now + offset).replace(hour=0, minute=0, second=0, microsecond=0)
    start = local_midnight - offset
    return start, start + timedelta(days=1)


class QueueService:
    """Pages, counts and positions of cases for a QueueFilter (plain rows, no ORM)."""

    def __init__(self, db: Database, operator_id: uuid.UUID | None = None,
                 clock: Callable[[], datetime] = utcnow):
        self.db = db
        self.operator_id = operator_id
        self.clock = clock
        self._operator_ids: dict[str, str | None] = {}
        self._number_index: dict[str, str | None] = {}

    # -- where clause ------------------------------------------------------------------
    def where(self, f: QueueFilter) -> tuple[str, dict]:
        """The SQL condition and parameters selecting exactly the filter's cases."""
        conds: list[str] = []
        p: dict = {}
        now = self.clock()
        if f.view not in VIEWS:
            raise ValueError(f"unknown view {f.view!r}; one of {', '.join(VIEWS)}")
        if f.view == "my_cases":
            conds.append("operator_id = :me")
            p["me"] = stored_uuid(self.operator_id) if self.operator_id else ""
            conds.append(OPEN_SQL)
        elif f.view == "due_today":
            _, end = local_day_bounds(now)
            conds.append("deadline >= :now AND deadline < :day_end")
            p["now"], p["day_end"] = _ts(now), _ts(end)
        elif f.view == "overdue":
            conds.append("deadline < :now")
            p["now"] = _ts(now)
        elif f.view == "urgent":
            conds.append(_in("urgency", URGENT, p, "urg") + " AND deadline IS NOT NULL")
        elif f.view == "all_open":
            conds.append(OPEN_SQL)
        elif f.view == "callback":
            conds.append(_in("state", CALLBACK_STATES, p, "cb"))
        elif f.view in STATE_VIEWS:
            conds.append(_in("state", STATE_VIEWS[f.view], p, "sv"))
        if f.states:
            conds.append(_in("state", tuple(f.states), p, "st"))
        if f.category_code:
            if len(f.category_code) <= 2:  # a top-level code: its children too
                conds.append("category_code >= :cat AND category_code < :cat_end")
                p["cat"], p["cat_end"] = f.category_code, f.category_code + "~"
            else:
                conds.append("category_code = :cat")
                p["cat"] = f.category_code
        if f.district:
            conds.append("district_code = :district")
            p["district"] = f.district
        if f.department:
            conds.append("lead_department = :dept")
            p["dept"] = f.department
        if f.operator_login:
            conds.append("operator_id = :op")
            p["op"] = self._operator_hex(f.operator_login) or ""
        if f.created_from:
            conds.append("created_at >= :cfrom")
            p["cfrom"] = _ts(f.created_from)
        if f.created_to:
            conds.append("created_at < :cto")
            p["cto"] = _ts(f.created_to)
        if f.due_before:
            conds.append("deadline < :due_before")
            p["due_before"] = _ts(f.due_before)
        if f.due_after is not None:
            conds.append("deadline >= :due_after")
            p["due_after"] = _ts(f.due_after)
        if f.flagged == "instruction":
            conds.append("instruction_level IS NOT NULL")
        elif f.flagged == "pick":
            conds.append("leader_pick = 1")
        elif f.flagged == "supervised":
            conds.append("supervised > 0")
        if f.repeat_only:
            conds.append("repeat_caller = 1")
        if f.unsatisfied_only:
            conds.append("satisfied = 0")
        words = f.text.strip()
        if words:
            kind = text_kind(words)
            if kind == "number":
                # a number the case had before (a provisional one) finds it too
                conds.append("(number >= :num AND number < :num_end OR id IN (SELECT case_id FROM case_aliases "
                             "WHERE number >= :num AND number < :num_end))")
                p["num"], p["num_end"] = words.upper(), words.upper() + "~"
            elif kind == "phone":
                digits = re.sub(r"\D", "", words)
                conds.append("caller_phone >= :ph AND caller_phone < :ph_end")
                p["ph"], p["ph_end"] = digits, digits + ":"  # ':' sorts right after '9'
            else:
                conds.append("(description LIKE :like OR caller_name LIKE :like OR address LIKE :like)")
                p["like"] = "%" + words.replace("%", "").replace("_", "") + "%"
        return (" AND ".join(conds) or "1=1"), p

    def _operator_hex(self, login: str) -> str | None:
        if login not in self._operator_ids:
            with self.db.session() as s:
                value = s.execute(text("SELECT id FROM operators WHERE login = :l"), {"l": login}).scalar()
            self._operator_ids[login] = value
        return self._operator_ids[login]

    # -- counts ------------------------------------------------------------------------
    def count(self, f: QueueFilter) -> Count:
        """How many cases the filter selects; a free-text filter stops at TEXT_COUNT_CAP."""
        if _is_plain(f) and f.view in ("all_open", "callback", "all", *STATE_VIEWS):
            counts = self.state_counts()
            states = {"all_open": OPEN, "callback": CALLBACK_STATES, **STATE_VIEWS}.get(f.view, tuple(counts))
            return Count(sum(counts.get(s, 0) for s in states))
        cond, p = self.where(f)
        with self.db.session() as s:
            if f.text.strip() and text_kind(f.text.strip()) == "words":
                n = s.execute(text(f"SELECT count(*) FROM (SELECT 1 FROM cases WHERE {cond} LIMIT :cap)"),
                              {**p, "cap": TEXT_COUNT_CAP + 1}).scalar() or 0
                return Count(min(n, TEXT_COUNT_CAP), n > TEXT_COUNT_CAP)
            return Count(s.execute(text(f"SELECT count(*) FROM cases WHERE {cond}"), p).scalar() or 0)

    def state_counts(self) -> dict[str, int]:
        """The maintained count per state."""
        with self.db.session() as s:
            return dict(s.execute(text("SELECT state, n FROM state_counts")).all())

    def view_counts(self) -> dict[str, int]:
        """Live count of each saved view: maintained state counts and index range counts."""
        counts = self.state_counts()
        now = self.clock()
        _, day_end = local_day_bounds(now)
        with self.db.session() as s:
            def one(sql: str, **p) -> int:
                return s.execute(text(sql), p).scalar() or 0
            due_today = one("SELECT count(*) FROM cases WHERE deadline >= :now AND deadline < :end",
                            now=_ts(now), end=_ts(day_end))
            overdue = one("SELECT count(*) FROM cases WHERE deadline < :now", now=_ts(now))
            urgent = sum(one("SELECT count(*) FROM cases WHERE urgency = :u AND deadline IS NOT NULL", u=u)
                         for u in URGENT)
            mine = 0
            if self.operator_id is not None:
                mine = sum(one("SELECT count(*) FROM cases WHERE operator_id = :me AND state = :st",
                               me=stored_uuid(self.operator_id), st=st) for st in OPEN)
        return {"my_cases": mine, "due_today": due_today, "overdue": overdue, "urgent": urgent,
                "all_open": sum(counts.get(s, 0) for s in OPEN),
                "callback": sum(counts.get(s, 0) for s in CALLBACK_STATES),
                "all": sum(counts.values()),
                **{view: sum(counts.get(s, 0) for s in states) for view, states in STATE_VIEWS.items()}}

    # -- pages -------------------------------------------------------------------------
    def page(self, f: QueueFilter, sort: str = "created", descending: bool = True, limit: int = 100,
             offset: int = 0, after: QueueRow | None = None, before: QueueRow | None = None,
             from_end: bool = False, small: bool = False) -> list[QueueRow]:
        """One page in display order.

        `after`: the rows following that row (keyset); `before`: the rows
        preceding it; `from_end`: the last `limit` rows; otherwise `offset`
        rows into the order. `small` says the filter selects few rows (under
        SMALL_VIEW): they are read through the filter's index and sorted,
        instead of walking the sort column's index over the whole table.
        """
        col = SORT_COLUMNS[sort]
        cond, p = self.where(f)
        reverse = from_end or before is not None
        desc = descending != reverse
        anchor = after if after is not None else before
        if anchor is not None:
            cond += " AND " + _keyset(col, desc, anchor.sort_value(sort), anchor.rowid, p)
        direction = "DESC" if desc else "ASC"
        source, order = "cases", col
        words = f.text.strip() and text_kind(f.text.strip()) == "words"
        # free words: left to the planner, which walks an order index and stops after `limit` matches
        if small and not words:
            order = f"+{col}"  # unary +: read the few rows through the filter's index and sort them
        elif not words:
            # many rows: walk the index in display order (the planner, lacking stats for the
            # partial indexes, would otherwise read every open case and sort them)
            index = OPEN_INDEX.get(sort) if OPEN_SQL in cond else self._full_index(sort)
            if index:
                source = f"cases INDEXED BY {index}"
        sql = (f"SELECT {_COLUMNS} FROM {source} WHERE {cond} ORDER BY {order} {direction}, rowid {direction} "
               f"LIMIT :limit")
        p["limit"] = limit
        if not (after or before or from_end) and offset:
            sql += " OFFSET :offset"
            p["offset"] = offset
        with self.db.session() as s:
            rows = [_row(r) for r in s.execute(text(sql), p)]
        if reverse:
            rows.reverse()
        return rows

    def matching_rowids(self, f: QueueFilter, sort: str = "created", descending: bool = True,
                        cap: int = TEXT_COUNT_CAP) -> tuple[list[int], bool]:
        """The rowids of the filter's cases in display order, at most `cap`; (rowids, capped).

        For free-text filters, which no index serves: one scan finds every match
        (run it off the GUI thread), then pages are read by rowid.
        """
        col = SORT_COLUMNS[sort]
        cond, p = self.where(f)
        d = "DESC" if descending else "ASC"
        p["cap"] = cap + 1
        with self.db.session() as s:
            ids = [r[0] for r in s.execute(text(
                f"SELECT rowid FROM cases WHERE {cond} ORDER BY +{col} {d}, rowid {d} LIMIT :cap"), p)]
        return ids[:cap], len(ids) > cap

    def rows_by_rowid(self, rowids: list[int]) -> list[QueueRow]:
        """The rows with these rowids, in the order given (missing ones are skipped)."""
        if not rowids:
            return []
        p: dict = {}
        cond = _in("rowid", tuple(rowids), p, "r")
        with self.db.session() as s:
            found = {r[0]: _row(r) for r in s.execute(text(f"SELECT {_COLUMNS} FROM cases WHERE {cond}"), p)}
        return [found[i] for i in rowids if i in found]

    def _full_index(self, sort: str) -> str | None:
        if sort != "number":
            return FULL_INDEX.get(sort)
        if "number" not in self._number_index:  # the UNIQUE constraint's automatic index
            name = None
            with self.db.engine.connect() as conn:
                for row in conn.exec_driver_sql("PRAGMA index_list(cases)").all():
                    cols = [r[2] for r in conn.exec_driver_sql(f"PRAGMA index_info('{row[1]}')").all()]
                    if cols == ["number"] and row[2]:
                        name = row[1]
            self._number_index["number"] = name
        return self._number_index["number"]

    def position(self, f: QueueFilter, case_id: uuid.UUID, sort: str = "created",
                 descending: bool = True) -> int | None:
        """The row index of a case in the filter's order, None when the filter doesn't select it."""
        col = SORT_COLUMNS[sort]
        cond, p = self.where(f)
        with self.db.session() as s:
            row = s.execute(text(f"SELECT {col}, rowid FROM cases WHERE id = :cid AND {cond}"),
                            {**p, "cid": stored_uuid(case_id)}).first()
            if row is None:
                return None
            before = _keyset(col, not descending, row[0], row[1], p)
            return s.execute(text(f"SELECT count(*) FROM cases WHERE {cond} AND {before}"), p).scalar() or 0


def text_kind(words: str) -> str:
    """How the free-text filter is read: a case number prefix, a phone prefix, or words."""
    if _NUMBER.match(words):
        return "number"
    if re.fullmatch(r"[\d\s\-]{3,}", words):
        return "phone"
    return "words"


def _is_plain(f: QueueFilter) -> bool:
    return f == QueueFilter(view=f.view)


def _in(col: str, values: tuple, p: dict, name: str) -> str:
    keys = []
    for i, v in enumerate(values):
        p[f"{name}{i}"] = v
        keys.append(f":{name}{i}")
    return f"{col} IN ({', '.join(keys)})"


def _keyset(col: str, desc: bool, value, rowid: int, p: dict) -> str:
    """Rows strictly after (value, rowid) in the order `col desc?, rowid desc?`.

    SQLite sorts NULL first ascending and last descending; a NULL anchor is
    handled explicitly so the order stays total.
    """
    p["k_v"], p["k_r"] = value, rowid
    nullable = col in NULLABLE
    if value is None:
        if desc:  # NULLs come last: only NULL rows with a smaller rowid remain
            return f"({col} IS NULL AND rowid < :k_r)"
        return f"(({col} IS NULL AND rowid > :k_r) OR {col} IS NOT NULL)"
    if desc:
        cond = f"(({col}, rowid) < (:k_v, :k_r)"
        return cond + (f" OR {col} IS NULL)" if nullable else ")")
    return f"({col}, rowid) > (:k_v, :k_r)"
