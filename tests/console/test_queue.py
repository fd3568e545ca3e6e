"""Queue pages, counts and positions against a brute-force reading of the same table."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text

from console.demo import fill
from console.queue import SORT_COLUMNS, QueueService, text_kind
from console.queue_filter import VIEWS, QueueFilter


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from console.profile import open_profile
    prof = open_profile(tmp_path_factory.mktemp("queue") / "p")
    fill(prof.db, 600, seed=3)
    yield prof
    prof.close()


def _service(demo):
    return QueueService(demo.db, operator_id=demo.actor("op01").operator_id)


def _all(q: QueueService, f: QueueFilter, sort: str, desc: bool) -> list[str]:
    col = SORT_COLUMNS[sort]
    cond, p = q.where(f)
    d = "DESC" if desc else "ASC"
    with q.db.session() as s:
        rows = s.execute(text(f"SELECT number FROM cases WHERE {cond} ORDER BY {col} {d}, rowid {d}"), p)
        return [r[0] for r in rows]


@pytest.mark.parametrize("sort", sorted(SORT_COLUMNS))
@pytest.mark.parametrize("desc", [True, False])
def test_keyset_offset_and_backward_pages_agree_with_the_full_order(demo, sort, desc):
    q = _service(demo)
    f = QueueFilter(view="all")
    expected = _all(q, f, sort, desc)
    assert len(expected) == 600
    got, after = [], None
    while True:
        page = q.page(f, sort, desc, limit=47, after=after)
        if not page:
            break
        got += [r.number for r in page]
        after = page[-1]
    assert got == expected
    assert [r.number for r in q.page(f, sort, desc, limit=47, offset=200)] == expected[200:247]
    tail = q.page(f, sort, desc, limit=30, from_end=True)
    assert [r.number for r in tail] == expected[-30:]
    anchor = q.page(f, sort, desc, limit=1, offset=300)[0]
    assert [r.number for r in q.page(f, sort, desc, limit=20, before=anchor)] == expected[280:300]


def test_view_counts_match_counting_the_rows(demo):
    q = _service(demo)
    counts = q.view_counts()
    for view in VIEWS:
        f = QueueFilter(view=view)
        cond, p = q.where(f)
        with demo.db.session() as s:
            n = s.execute(text(f"SELECT count(*) FROM cases WHERE {cond}"), p).scalar()
        assert counts[view] == n == q.count(f).n, view
    assert counts["all"] == 600
    assert 0 < counts["all_open"] < 600
    assert counts["my_cases"] > 0


def test_filters_select_what_they_say(demo):
    q = _service(demo)
    some = q.page(QueueFilter(view="all"), limit=1, offset=123)[0]
    by_number = q.page(QueueFilter(view="all", text=some.number), limit=10)
    assert [r.number for r in by_number] == [some.number]
    phone_case = next(r for r in q.page(QueueFilter(view="all"), limit=50) if r.caller_phone)
    by_phone = q.page(QueueFilter(view="all", text=phone_case.caller_phone[:7]), limit=500)
    assert phone_case.number in {r.number for r in by_phone}
    assert all(r.caller_phone.startswith(phone_case.caller_phone[:7]) for r in by_phone)
    cat = q.page(QueueFilter(view="all", category_code="04"), limit=500)
    assert cat and all(r.category_code.startswith("04") for r in cat)
    combined = QueueFilter(view="all_open", district="JJ", states=("dispatched", "accepted"))
    rows = q.page(combined, limit=1000)
    assert all(r.district == "JJ" and r.state in ("dispatched", "accepted") for r in rows)
    assert q.count(combined).n == len(rows)
    with demo.db.session() as s:
        word = s.execute(text("SELECT substr(description, 1, 4) FROM cases LIMIT 1")).scalar()
    found = q.page(QueueFilter(view="all", text=word), limit=1000)
    assert found and q.count(QueueFilter(view="all", text=word)).n == len(found)


def test_text_kinds():
    assert text_kind("CD-A01-2026") == "number"
    assert text_kind("138 0013") == "phone"
    assert text_kind("噪音扰民") == "words"


def test_position_finds_the_row_index(demo):
    q = _service(demo)
    f = QueueFilter(view="all")
    rows = q.page(f, "deadline", False, limit=200)
    for i in (0, 57, 199):
        assert q.position(f, rows[i].id, "deadline", False) == i
    assert q.position(f, uuid.uuid4()) is None


def test_unknown_view_is_refused(demo):
    with pytest.raises(ValueError, match="unknown view"):
        _service(demo).where(QueueFilter(view="nope"))


def test_dashboard_click_through_fields(demo):
    from datetime import timedelta
    q = _service(demo)
    now = q.clock()
    f = QueueFilter(view="all_open", due_after=now, due_before=now + timedelta(days=3))
    rows = q.page(f, "deadline", False, limit=1000)
    assert rows and all(now <= r.deadline < now + timedelta(days=3) for r in rows)
    assert q.count(f).n == len(rows)
    assert q.count(QueueFilter(view="all", repeat_only=True)).n == sum(
        r.repeat_caller for r in q.page(QueueFilter(view="all"), limit=1000))


def test_a_case_is_found_by_a_number_it_had_before(profile, operator):
    from console.intake import CallRecord
    from models import CaseAlias
    case = profile.intake.log_call(CallRecord(type="consultation", category_code="0401", description="社保卡怎么补办"),
                                   operator)
    with profile.db.session() as s, s.begin():
        s.add(CaseAlias(number="CD-PABCDEFGH-20261124-0007", case_id=case.id))
    q = QueueService(profile.db)
    for typed in ("CD-PABCDEFGH-20261124-0007", "cd-pabcdefgh-2026", case.number):
        assert [r.number for r in q.page(QueueFilter(view="all", text=typed), limit=10)] == [case.number]
        assert q.count(QueueFilter(view="all", text=typed)).n == 1
    assert profile.cases.get("CD-PABCDEFGH-20261124-0007").case.id == case.id
