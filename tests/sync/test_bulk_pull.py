"""A pull of cases the console has never seen takes the bulk path (sync/bulk.py):
the rollup triggers are set aside for those rows and the same counts added
set-based. The rollups must come out exactly as the triggers would make them."""
from __future__ import annotations

import asyncio

import pytest

from sync import bulk
from sync.server.casebook import Caller
from tests.console.test_rollups import db_snapshot as rollups  # every rollup table, non-zero rows


def triggers(db) -> set:
    raw = db.engine.raw_connection()
    try:
        return {r[0] for r in raw.cursor().execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    finally:
        raw.close()


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
def test_a_bulk_pull_counts_the_rollups_the_triggers_would(central, consoles, monkeypatch, limit):
    maker = consoles("maker", central.url)

    taken = []
    real = bulk._set_triggers_aside

    def spy(conn):
        taken.append(real(conn))
        return taken[-1]
    monkeypatch.setattr(bulk, "_set_triggers_aside", spy)
    fast = consoles("fast", central.url, login="op02", pull_limit=limit)
    slow = consoles("slow", central.url, login="op02", pull_limit=limit)

    async def scenario():
        await _fill(central, maker)
        await fast.client.sync_once()
        monkeypatch.setattr(bulk, "_set_triggers_aside", lambda conn: [])
        await slow.client.sync_once()  # every row counted by the triggers
        for c in (fast, slow, maker):
            await c.client.aclose()
    asyncio.run(scenario())
    assert taken and all(taken)  # the triggers were set aside for every page
    assert triggers(fast.db) >= {"trg_rollup_event", "trg_rollup_open_ins", "trg_rollup_open_upd"}  # and put back

    counted = rollups(fast.db)
    assert counted["rollup_daily"] and counted["rollup_reasons"] and counted["rollup_open"]
    assert counted == rollups(slow.db)
    assert fast.profile.cases.state_counts() == slow.profile.cases.state_counts()


def test_triggers_that_differ_from_the_code_are_left_to_count(central, consoles):
    maker = consoles("maker", central.url)
    maker.log("路灯不亮一件")
    other = consoles("other", central.url, login="op02")
    raw = other.db.engine.raw_connection()
    try:
        sql = raw.cursor().execute("SELECT sql FROM sqlite_master WHERE name = 'trg_rollup_open_ins'").fetchone()[0]
        raw.cursor().execute("DROP TRIGGER trg_rollup_open_ins")
        raw.cursor().execute(sql.replace("VALUES (coalesce(NEW.lead_department, ''), NEW.state, 1)",
                                         "VALUES (coalesce(NEW.lead_department, ''), NEW.state, 1) "))
        raw.commit()
    finally:
        raw.close()

    async def scenario():
        await maker.client.sync_once()
        await other.client.sync_once()
        for c in (maker, other):
            await c.client.aclose()
    asyncio.run(scenario())
    assert rollups(other.db)["rollup_open"] == [("", "received", 1)]
    assert "trg_rollup_open_ins" in triggers(other.db)
