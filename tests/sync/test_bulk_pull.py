"""A pull of cases the console has never seen takes the bulk path (sync/bulk.py):
the rollup triggers are set aside for those rows and the same counts added
set-based. The rollups must come out exactly as the triggers would make them."""
from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import event

from console.rollups import rebuild
from sync.server.casebook import Caller
from tests.console.test_rollups import db_snapshot as rollups  # every rollup table, non-zero rows


def triggers(db) -> set:
    raw = db.engine.raw_connection()
    try:
        return {r[0] for r in raw.cursor().execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    finally:
        raw.close()


def retext_a_trigger(db) -> None:
    """Write trg_rollup_open_ins again with one more space: it counts the same, but its text is
    no longer the one console.rollups writes, so a pull leaves the triggers to count."""
    raw = db.engine.raw_connection()
    try:
        sql = raw.cursor().execute("SELECT sql FROM sqlite_master WHERE name = 'trg_rollup_open_ins'").fetchone()[0]
        raw.cursor().execute("DROP TRIGGER trg_rollup_open_ins")
        raw.cursor().execute(sql.replace("VALUES (coalesce(NEW.lead_department, ''), NEW.state, 1)",
                                         "VALUES (coalesce(NEW.lead_department, ''), NEW.state, 1) "))
        raw.commit()
    finally:
        raw.close()


def statements(db) -> list[str]:
    """The SQL statements run on `db` from now on."""
    seen: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda conn, cursor, sql, *rest: seen.append(sql))
    return seen


async def _fill(central, maker) -> None:
    """Cases through many paths: dispatched, signed for, replied, called back (satisfied or
    not, with reasons), returned and re-dispatched or sent back, reopened, answered, transferred."""
    book = central.app.state.book
    urban, lead = Caller("urban", "liaison", "URBAN"), Caller("lead01", "team_lead")
    numbers = [maker.log(f"路灯不亮第{i}件", caller_phone=f"1380013{i:04d}", district="JJ" if i % 3 else "WH")
               for i in range(24)]
    for i, n in enumerate(numbers):
        if i % 6 == 5:
            maker.act(n, "answer", answer="已答复政策")
        elif i % 11 == 10:
            maker.act(n, "transfer", to="110")
        else:
            maker.act(n, "dispatch", lead_department="URBAN")
    await maker.client.sync_once()
    for i, n in enumerate(numbers):
        if i % 6 == 5 or i % 11 == 10:
            continue
        if i % 4 == 0:
            book.act(urban, n, "return", "不属于本部门")
            # reviewed: approved (re-dispatched below) or rejected (back to be signed for)
            book.act(lead, n, "approve_return" if i % 8 == 0 else "reject_return", "经核实")
            continue
        book.act(urban, n, "accept")
        if i % 5 == 0:
            book.act(urban, n, "request_extension", "需要勘查", {"extra": "2wd"})
            book.act(lead, n, "approve_extension", "", {"extra": "2wd"})
        book.act(urban, n, "reply", "", {"result": "已处理"})
        if i % 3 == 0:
            book.act(lead, n, "pick")
    await maker.client.sync_once()
    for i, n in enumerate(numbers):
        state = maker.profile.cases.get(n).case.state
        if state == "returned":
            maker.act(n, "dispatch", lead_department="URBAN")
        elif state == "replied":
            satisfied = i % 2 == 0
            maker.act(n, "callback", "" if satisfied else "处理不及时", satisfied=satisfied, resolved=satisfied)
    await maker.client.sync_once()
    for i, n in enumerate(numbers):  # a dissatisfied callback waits for a team lead's review
        if maker.profile.cases.get(n).case.state == "review":
            book.act(lead, n, "review_reopen" if i % 3 else "review_close", "市民不满意")
    await maker.client.sync_once()
    for n in numbers:
        if maker.profile.cases.get(n).case.state == "reopened":
            maker.act(n, "dispatch", lead_department="URBAN")
    await maker.client.sync_once()
    for n in numbers:
        if maker.profile.cases.get(n).case.state == "dispatched":
            book.act(urban, n, "accept")
            book.act(urban, n, "reply", "", {"result": "再次处理"})
    await maker.client.sync_once()


@pytest.mark.parametrize("limit", [1000, 7])
def test_a_bulk_pull_counts_the_rollups_the_triggers_would(central, consoles, limit):
    maker = consoles("maker", central.url)
    fast = consoles("fast", central.url, login="op02", pull_limit=limit)
    slow = consoles("slow", central.url, login="op02", pull_limit=limit)
    retext_a_trigger(slow.db)  # every row counted by the triggers
    on_fast, on_slow = statements(fast.db), statements(slow.db)

    async def scenario():
        await _fill(central, maker)
        await fast.client.sync_once()
        await slow.client.sync_once()
        for c in (fast, slow, maker):
            await c.client.aclose()
    asyncio.run(scenario())
    new_rows = [q for q in on_fast if q.startswith("INSERT INTO main.cases ")]
    set_aside = [q for q in on_fast if q == "DROP TRIGGER trg_rollup_event"]
    assert new_rows and len(set_aside) == len(new_rows)  # the triggers were set aside for every page
    assert triggers(fast.db) >= {"trg_rollup_event", "trg_rollup_open_ins", "trg_rollup_open_upd"}  # and put back
    assert any(q.startswith("INSERT INTO main.cases ") for q in on_slow)
    assert not any(q.startswith("DROP TRIGGER") for q in on_slow)

    counted = rollups(fast.db)
    assert counted["rollup_daily"] and counted["rollup_reasons"] and counted["rollup_open"]
    assert counted == rollups(slow.db)
    assert fast.profile.cases.state_counts() == slow.profile.cases.state_counts()


def test_triggers_that_differ_from_the_code_are_left_to_count(central, consoles):
    maker = consoles("maker", central.url)
    maker.log("路灯不亮一件")
    other = consoles("other", central.url, login="op02")
    retext_a_trigger(other.db)

    async def scenario():
        await maker.client.sync_once()
        await other.client.sync_once()
        for c in (maker, other):
            await c.client.aclose()
    asyncio.run(scenario())
    assert rollups(other.db)["rollup_open"] == [("", "received", 1)]
    assert "trg_rollup_open_ins" in triggers(other.db)


def test_a_pulled_dispute_decision_counts_for_the_unit_it_names(central, consoles):
    # the events of a case this console has are written before its row is rebased
    # (sync/rebase.py): the trigger on the decision's event reads the row that still names
    # HOUSING, which returned the case; the decision dispatches it to URBAN
    maker = consoles("maker", central.url)
    book = central.app.state.book
    lead = Caller("lead01", "team_lead")
    number = maker.log("楼道墙体开裂")
    maker.act(number, "dispatch", lead_department="URBAN")

    async def sync():
        await maker.client.sync_once()

    async def scenario():
        await sync()
        book.act(Caller("urban", "liaison", "URBAN"), number, "return", "不属于本部门", {"suggested_unit": "HOUSING"})
        book.act(lead, number, "approve_return", "经核实")
        await sync()
        maker.act(number, "dispatch", lead_department="HOUSING")
        await sync()
        book.act(Caller("housing", "liaison", "HOUSING"), number, "return", "属于城管职责", {"suggested_unit": "URBAN"})
        await sync()
        assert maker.profile.cases.get(number).case.lead_department == "HOUSING"
        book.act(lead, number, "decide_dispute", "经研判，由城管承办", {"unit": "URBAN"})
        await sync()
        await maker.client.aclose()
    asyncio.run(scenario())
    assert maker.profile.cases.get(number).case.lead_department == "URBAN"
    with maker.db.engine.connect() as conn:
        by_unit = {d: (n, a, x) for d, n, a, x in conn.exec_driver_sql(
            "SELECT department, sum(dispatched), sum(returns_approved), sum(disputes_decided) "
            "FROM rollup_day_department WHERE department != '' GROUP BY department").all()}
    # URBAN: the first dispatch and the decision; its return approved. HOUSING: the second dispatch
    assert by_unit == {"URBAN": (2, 1, 1), "HOUSING": (1, 0, 0)}
    live = rollups(maker.db)
    raw = maker.db.engine.raw_connection()
    try:
        rebuild(raw.cursor())
        raw.commit()
    finally:
        raw.close()
    assert rollups(maker.db) == live  # the recount from the events agrees
