"""What each rollup counter counts: one rule table, and its two readings.

Every counter of models/rollup.py (DAILY_METRICS, OPERATOR_METRICS) has one rule
here: the event kinds it counts, the conditions on the event and its case, and
what it adds (1, or a span of time). From this one table come

- the SQL the triggers and the set-based recount evaluate per event (`sql`), and
- the Python the bulk loads evaluate per event in memory (`compile_py`),

so the two can't disagree. The triggers' text is frozen in the migration that
creates it (today models/migrations/versions/0018_rollups_for_reviews.py); a test checks the
frozen text against `console.rollups.trigger_ddl()`, so a change of rule here
without a migration fails the suite.

Conditions (all must hold):
    ("case", col)          the case's column is true
    ("case_set", col)      the case's column is set (not NULL)
    ("on_time", col)       the event happened at or before the case's deadline `col` (no deadline: on time)
    ("payload", key)       the event's payload has a true `key`
    ("payload_is", key, v) the event's payload has `key` equal to the text `v`
    ("payload_set", key)   the event's payload has `key` (not null)
    ("satisfaction_in", level, ...)  a callback's satisfaction level is one of these (workflow.satisfaction_of:
                           an older event's yes/no `satisfied` reads as satisfied / dissatisfied)
    ("to_state", state)    the event left the case in `state` (Python reads the case after the action)
    ("kind", kind)         the event is of `kind` (for a rule over several kinds)
    ("any", cond, ...)     one of the conditions holds
    ("from_state", state)  the event left the case's `state`
Values:
    None                          count 1
    ("work_minutes_since", col)   working minutes from the case's `col` to the event (0 without `col`)
    ("payload_value", key)        the number in the event's payload under `key`
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from models.rollup import DAILY_METRICS, OPERATOR_METRICS

from .workflow import satisfaction_of

Cond = tuple  # ("op", arg, ...): the forms the module docstring lists


@dataclass(frozen=True)
class Rule:
    metric: str
    kinds: tuple[str, ...]
    when: tuple[Cond, ...] = ()
    value: tuple[str, str] | None = None


def _r(metric: str, kinds: str | tuple[str, ...], *when: Cond, value: tuple[str, str] | None = None) -> Rule:
    return Rule(metric, (kinds,) if isinstance(kinds, str) else kinds, tuple(when), value)


# the hotline's own steps: counted under no department
HOTLINE_STEPS = ("receive", "answer", "transfer", "merge")
# the steps that send the case to a unit, counted under the unit their payload names (the unit it
# went to), never the case row's: a pulled event can be written before its case row is (sync's
# upsert of the events of a case this console has, then the row's rebase), so the row may still
# name the unit before. Every other step counts under the case's lead unit at that moment.
# A dispute's binding decision (decide_dispute) is a dispatch to the unit it names. A unit's
# pass-down to a unit below (sub_dispatch) is not a dispatch by the hotline and counts nowhere:
# the steps after it (sign-for, reply...) count under the unit below, the lead unit by then.
UNIT_IN_PAYLOAD = {"dispatch": "lead_department", "decide_dispute": "unit"}
DISPATCHES = tuple(UNIT_IN_PAYLOAD)

DAILY_RULES: tuple[Rule, ...] = (
    _r("intake", "receive"),
    _r("repeat_intake", "receive", ("case", "repeat_caller")),
    _r("answered", "answer"),
    _r("transferred", "transfer"),
    _r("merged", "merge"),
    _r("dispatched", DISPATCHES),
    _r("returned", "return"),
    _r("signed", "accept"),
    _r("signed_on_time", "accept", ("on_time", "sign_deadline")),
    _r("replied", "reply"),
    _r("replied_on_time", "reply", ("on_time", "reply_deadline")),
    _r("reply_wmin", "reply", value=("work_minutes_since", "dispatched_at")),
    _r("callbacks", "callback"),
    _r("satisfied", "callback", ("satisfaction_in", "satisfied", "basically_satisfied")),
    _r("resolved", "callback", ("payload", "resolved")),
    _r("reopened", ("reopen", "review_reopen")),
    _r("supervised", "supervise"),
    _r("instr_city", "instruct", ("payload_is", "level", "city")),
    _r("instr_district", "instruct", ("payload_is", "level", "district")),
    _r("instr_township", "instruct", ("payload_is", "level", "township")),
    _r("picks", "pick"),
    _r("extended", "approve_extension"),
    _r("repeat_dispatched", DISPATCHES, ("case", "repeat_caller")),
    _r("instr_replied", "reply", ("case_set", "instruction_level")),
    _r("instr_replied_on_time", "reply", ("case_set", "instruction_level"), ("on_time", "reply_deadline")),
    _r("basic_satisfied", "callback", ("satisfaction_in", "basically_satisfied")),
    _r("unreachable", "callback_unreached", ("to_state", "closed")),
    # a replied case closed with no callback: by a team lead now, by anyone before (older events)
    _r("closed_no_callback", ("close_without_callback", "close"),
       ("any", ("kind", "close_without_callback"), ("from_state", "replied"), ("from_state", "callback"))),
    # a team lead's decisions on returns (退单审核) and disputes (职责争议, also counted as a dispatch
    # above), under the unit that returned the case (a review) or the unit named responsible (a dispute)
    _r("returns_approved", "approve_return"),
    _r("returns_rejected", "reject_return"),
    _r("disputes_decided", "decide_dispute"),
)

# handling time is a call's answer -> save, which the receive event of a case logged from a call
# carries (console/calls.py); a case not logged from a call has none and is not counted
_TIMED = ("payload_set", "handle_seconds")
OPERATOR_RULES: tuple[Rule, ...] = (
    _r("intake", "receive"),
    _r("answered", "answer"),
    _r("dispatched", "dispatch"),
    _r("handled", "receive", _TIMED),
    _r("handle_seconds", "receive", _TIMED, value=("payload_value", "handle_seconds")),
    _r("callbacks", "callback"),
)

assert tuple(r.metric for r in DAILY_RULES) == DAILY_METRICS
assert tuple(r.metric for r in OPERATOR_RULES) == OPERATOR_METRICS

DAILY_KINDS = tuple(dict.fromkeys(k for r in DAILY_RULES for k in r.kinds))
OPERATOR_KINDS = tuple(dict.fromkeys(k for r in OPERATOR_RULES for k in r.kinds))


# -- SQL ------------------------------------------------------------------------------------------
def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} = '{values[0]}'" if len(values) == 1 else f"{column} IN ({', '.join(repr(v) for v in values)})"


def _cond_sql(cond: Cond, e: str, c: str) -> str:
    op = cond[0]
    if op == "case":
        return f"{c}.{cond[1]}"
    if op == "case_set":
        return f"{c}.{cond[1]} IS NOT NULL"
    if op == "on_time":
        return f"coalesce({e}.at <= {c}.{cond[1]}, 1)"
    if op == "payload":
        return f"coalesce(json_extract({e}.payload, '$.{cond[1]}'), 0)"
    if op == "payload_is":
        return f"json_extract({e}.payload, '$.{cond[1]}') = '{cond[2]}'"
    if op == "payload_set":
        return f"json_extract({e}.payload, '$.{cond[1]}') IS NOT NULL"
    if op == "from_state":
        return f"{e}.from_state = '{cond[1]}'"
    if op == "satisfaction_in":
        levels = ", ".join(f"'{v}'" for v in cond[1:])
        # an older event has no level, only yes/no `satisfied`: yes reads as satisfied, no as dissatisfied
        older = "NULL"
        if "satisfied" in cond[1:]:
            older = f"json_extract({e}.payload, '$.satisfied')"
        elif "dissatisfied" in cond[1:]:
            older = f"NOT json_extract({e}.payload, '$.satisfied')"
        return f"coalesce(json_extract({e}.payload, '$.satisfaction') IN ({levels}), {older}, 0)"
    if op == "to_state":
        return f"{e}.to_state = '{cond[1]}'"
    if op == "kind":
        return f"{e}.kind = '{cond[1]}'"
    if op == "any":
        return "(" + " OR ".join(_cond_sql(one, e, c) for one in cond[1:]) + ")"
    raise ValueError(f"unknown rollup condition {cond!r}")


def sql(rule: Rule, e: str, c: str, position: Callable[[str], str]) -> str:
    """The SQL expression of `rule` for the event alias `e` on the case alias `c`; `position(x)`
    is the SQL of the working-minute position of the stored time `x`."""
    test = " AND ".join([_in(f"{e}.kind", rule.kinds), *(_cond_sql(w, e, c) for w in rule.when)])
    if rule.value is None:
        return f"({test})"
    how, col = rule.value
    if how == "work_minutes_since":
        span = f"{position(f'{e}.at')} - {position(f'{c}.{col}')}"
        return f"CASE WHEN {test} AND {c}.{col} IS NOT NULL THEN coalesce({span}, 0) ELSE 0 END"
    if how == "payload_value":
        return f"CASE WHEN {test} THEN json_extract({e}.payload, '$.{col}') ELSE 0 END"
    raise ValueError(f"unknown rollup value {rule.value!r}")


# -- Python ---------------------------------------------------------------------------------------
# one event as the compiled rules see it: (case, at, from_state, payload, working_minutes_between)
PyRule = Callable[[object, datetime, str, dict, Callable[[datetime, datetime], float]], float]


def _cond_py(cond: Cond, kind: str) -> Callable[[object, datetime, str, dict], bool]:
    op = cond[0]
    if op == "case":
        col = cond[1]
        return lambda case, at, frm, data: bool(getattr(case, col))
    if op == "case_set":
        col = cond[1]
        return lambda case, at, frm, data: getattr(case, col) is not None
    if op == "on_time":
        col = cond[1]

        def on_time(case, at, frm, data) -> bool:
            due = getattr(case, col)
            return due is None or at <= due
        return on_time
    if op == "payload":
        key = cond[1]
        return lambda case, at, frm, data: bool(data.get(key))
    if op == "payload_is":
        key, want = cond[1], cond[2]
        return lambda case, at, frm, data: data.get(key) == want
    if op == "payload_set":
        key = cond[1]
        return lambda case, at, frm, data: data.get(key) is not None
    if op == "from_state":
        state = cond[1]
        return lambda case, at, frm, data: frm == state
    if op == "satisfaction_in":
        levels = frozenset(cond[1:])
        return lambda case, at, frm, data: satisfaction_of(data) in levels
    if op == "to_state":
        state = cond[1]
        return lambda case, at, frm, data: getattr(case, "state", None) == state  # the case after the action
    if op == "kind":
        return lambda case, at, frm, data: kind == cond[1]
    if op == "any":
        tests = [_cond_py(one, kind) for one in cond[1:]]
        return lambda case, at, frm, data: any(t(case, at, frm, data) for t in tests)
    raise ValueError(f"unknown rollup condition {cond!r}")


def compile_py(rule: Rule, kind: str) -> PyRule:
    """`rule` as a Python function of one event of `kind` (one of the rule's kinds)."""
    tests = [_cond_py(w, kind) for w in rule.when]
    value = rule.value
    if value is None:
        def count(case, at, frm, data, wmin) -> float:
            return 1 if all(t(case, at, frm, data) for t in tests) else 0
        return count
    how, col = value
    if how == "work_minutes_since":
        def work_minutes(case, at, frm, data, wmin) -> float:
            since = getattr(case, col)
            if since is None or not all(t(case, at, frm, data) for t in tests):
                return 0
            return wmin(since, at)
        return work_minutes
    if how == "payload_value":
        def payload_value(case, at, frm, data, wmin) -> float:
            return data[col] if all(t(case, at, frm, data) for t in tests) else 0
        return payload_value
    raise ValueError(f"unknown rollup value {value!r}")


def by_kind(rules: tuple[Rule, ...]) -> dict[str, list[tuple[int, PyRule]]]:
    """For each event kind, the (counter index, compiled rule) pairs that may count it."""
    out: dict[str, list[tuple[int, PyRule]]] = {}
    for i, rule in enumerate(rules):
        for kind in rule.kinds:
            out.setdefault(kind, []).append((i, compile_py(rule, kind)))
    return out
