"""A department's inbox: which of its cases each tab holds, and the tabs' live counts.

Pure rules over the console's `cases` table, used through `console.queue.QueueService`
(a `QueueFilter` with `inbox` and `unit` set), so the inbox pages, sorts and counts like
the seat's queue. The unit is the signed-in liaison's department as the central server
named it (console.signin), never anything the local data says about the account.

Tabs (what the liaison must do next):
    to_sign      dispatched to the unit, not yet signed for (the sign-for countdown runs)
    in_progress  signed for, extended or reopened: the reply countdown runs
    extension    in progress with an extension request the hotline has not decided yet
    returned     returned by the unit: under the hotline's review, in dispute, or back with it
    assisting    open cases the unit assists (its opinion is asked, the lead replies)
    overdue      the unit leads it and the step in progress is past its deadline
    passed_down  open cases the unit passed to a unit below it (sub-dispatch): it keeps watching them
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import text

from models.storage_forms import stored_time

TABS = ("to_sign", "in_progress", "extension", "returned", "assisting", "overdue", "passed_down")
HANDLING = ("accepted", "extended", "reopened")  # signed for: the reply countdown runs
# a return waits for a team lead (return_review), a dispute for a decision, `returned` for re-dispatch
RETURNED = ("returned", "return_review", "dispute")
ACTIVE = ("dispatched", *HANDLING)  # the unit owes a step: sign for or reply


def condition(tab: str, unit: str | None, now: datetime, p: dict) -> str:
    """The SQL condition on `cases` selecting `tab` of `unit`'s inbox (parameters into `p`).

    A missing unit selects nothing: an account the server named no department for has
    no inbox (never everything)."""
    if tab not in TABS:
        raise ValueError(f"unknown inbox tab {tab!r}; one of {', '.join(TABS)}")
    if not unit:
        return "0"
    p["unit"] = unit
    lead = "lead_department = :unit"
    if tab == "to_sign":
        return f"{lead} AND state = 'dispatched'"
    if tab == "in_progress":
        return f"{lead} AND {_states(HANDLING)}"
    if tab == "extension":
        return f"{lead} AND {_states(HANDLING)} AND extension_requested IS NOT NULL"
    if tab == "returned":
        return f"{lead} AND {_states(RETURNED)}"
    if tab == "assisting":
        # the LIKE narrows on the JSON text, json_each decides exactly (a code inside another code)
        p["unit_like"] = '%"' + _like(unit) + '"%'
        return (f"{_states(ACTIVE)} AND assist_departments LIKE :unit_like ESCAPE '\\' "
                "AND EXISTS (SELECT 1 FROM json_each(cases.assist_departments) WHERE json_each.value = :unit)")
    if tab == "passed_down":
        # upper_units: the codes of the units above the lead, comma-separated (console.lifecycle)
        p["unit_list"] = "%," + _like(unit) + ",%"
        return (f"{_states(ACTIVE)} AND upper_units IS NOT NULL "
                "AND (',' || upper_units || ',') LIKE :unit_list ESCAPE '\\'")
    p["inbox_now"] = stored_time(now)
    return f"{lead} AND {_states(ACTIVE)} AND deadline < :inbox_now"


def counts(queue, unit: str | None) -> dict[str, int]:
    """The live count of every tab of `unit`'s inbox (`queue`: a console.queue.QueueService), in
    one pass over the unit's open cases: each tab's count is its own `condition`, summed."""
    if not unit:
        return dict.fromkeys(TABS, 0)
    p: dict = {}
    sums = ", ".join(f"sum(CASE WHEN {condition(tab, unit, queue.clock(), p)} THEN 1 ELSE 0 END)" for tab in TABS)
    # every tab's condition implies one of these states and one of these links to the unit
    where = (f"{_states(ACTIVE + RETURNED)} AND (lead_department = :unit OR assist_departments LIKE :unit_like "
             "ESCAPE '\\' OR (',' || upper_units || ',') LIKE :unit_list ESCAPE '\\')")
    with queue.db.session() as s:
        row = s.execute(text(f"SELECT {sums} FROM cases WHERE {where}"), p).one()
    return {tab: int(n or 0) for tab, n in zip(TABS, row, strict=True)}


def _like(unit: str) -> str:
    """A unit code as LIKE text: its wildcards taken literally (escape character a backslash)."""
    return unit.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _states(states: tuple[str, ...]) -> str:
    # literal text: the states are this module's constants, and the planner sees them as such
    return "state IN (" + ", ".join(f"'{s}'" for s in states) + ")"
