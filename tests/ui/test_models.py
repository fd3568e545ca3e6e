"""Every item model passes QAbstractItemModelTester, while paging, sorting and filtering."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from console.queue import QueueService
from console.queue_filter import QueueFilter
from ui.category_picker import CategoryPicker
from ui.queue_model import CASE_ID_ROLE, COLUMNS, PAGE, CaseListModel, QueueModel, countdown
from ui.services import build_services

MODE = QAbstractItemModelTester.FailureReportingMode.Fatal


def test_queue_model_pages_sorts_and_filters_under_the_tester(qtbot, filled):
    services = build_services(filled, filled.actor("op01"))
    model = QueueModel(QueueService(filled.db, services.actor.operator_id), services.names)
    tester = QAbstractItemModelTester(model, MODE)
    model.set_filter(QueueFilter(view="all"))
    assert model.rowCount() == 300
    seen = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert len(set(seen)) == 300  # every row once, across pages read by keyset and offset
    last = model.row_at(299)
    model.reload()
    assert model.row_at(299) == last  # jump to the end first: read backwards
    assert model.row_at(150).number == seen[150].split()[0]
    for col in range(len(COLUMNS)):
        model.sort(col, Qt.SortOrder.AscendingOrder)
        model.sort(col, Qt.SortOrder.DescendingOrder)
        assert model.rowCount() == 300
    model.sort(COLUMNS.index("created"), Qt.SortOrder.DescendingOrder)
    created = [model.row_at(r).created_at for r in range(model.rowCount())]
    assert created == sorted(created, reverse=True)
    model.set_filter(QueueFilter(view="all", district="JJ"))
    assert model.rowCount() > 0
    assert all(model.row_at(r).district == "JJ" for r in range(model.rowCount()))
    assert model.data(model.index(0, 0), CASE_ID_ROLE)
    model.tick()
    assert model.loaded_pages() <= 300 // PAGE + 1
    del tester


def test_queue_updates_live_when_a_case_is_logged(qtbot, window, filled, operator):
    from console.intake import CallRecord
    model = window.queue.model
    before = model.rowCount()
    counts = window.queue.view_counts()["all_open"]
    saved = filled.intake.log_call(CallRecord(caller_phone="13600001234", type="consultation", category_code="0402",
                                              description="咨询社保卡补办流程"), operator)
    qtbot.waitUntil(lambda: model.rowCount() == before + 1)
    assert model.row_at(0).number == saved.number
    assert window.queue.view_counts()["all_open"] == counts + 1
    assert f"({counts + 1:,})" in window.queue.tabs.tabText(window.queue.tabs.currentIndex())


def test_case_list_and_category_models_under_the_tester(qtbot, filled):
    services = build_services(filled, filled.actor("op01"))
    model = CaseListModel(services.names)
    tester = QAbstractItemModelTester(model, MODE)
    model.set_cases(filled.cases.list_cases(limit=7), [0.5] * 7)
    assert model.rowCount() == 7 and "(50%)" in model.data(model.index(0, 0))
    model.set_cases([])
    picker = CategoryPicker(services.categories)
    qtbot.addWidget(picker)
    ptester = QAbstractItemModelTester(picker.proxy, MODE)
    picker.proxy.set_query("wy")
    names = {c.code: c.name for c in services.categories}
    assert "物业管理" in [names[c] for c in picker.matches()]
    picker.proxy.set_query("噪音")
    assert picker.matches()
    picker.proxy.set_query("")
    assert len(picker.matches()) == len(services.categories)
    del tester, ptester


def test_countdown_levels():
    from datetime import datetime, timedelta
    now = datetime(2026, 11, 24, 2, 0)
    assert countdown(now - timedelta(minutes=90), now) == ("overdue 1h 30m", "overdue")
    assert countdown(now + timedelta(minutes=30), now) == ("30m left", "soon")
    assert countdown(now + timedelta(hours=5), now)[1] == "today"
    assert countdown(now + timedelta(days=3, hours=2), now) == ("3d 2h left", None)
    assert countdown(None, now) == ("", None)


def test_free_text_filter_is_matched_off_the_gui_thread_and_paged_by_rowid(qtbot, filled):
    from sqlalchemy import text
    services = build_services(filled, filled.actor("op01"))
    model = QueueModel(QueueService(filled.db, services.actor.operator_id), services.names)
    tester = QAbstractItemModelTester(model, MODE)
    with filled.db.session() as s:
        word = s.execute(text("SELECT substr(description, 3, 2) FROM cases LIMIT 1")).scalar()
        expected = s.execute(text("SELECT count(*) FROM cases WHERE description LIKE :w OR caller_name LIKE :w "
                                  "OR address LIKE :w"), {"w": f"%{word}%"}).scalar()
    with qtbot.waitSignal(model.counted, timeout=10000):
        model.set_filter(QueueFilter(view="all", text=word))
    assert model.rowCount() == expected > 0
    rows = [model.row_at(r) for r in range(model.rowCount())]
    created = [r.created_at for r in rows]
    assert created == sorted(created, reverse=True)
    with qtbot.waitSignal(model.counted, timeout=10000):
        model.set_filter(QueueFilter(view="all", text="不可能出现的词语组合"))
    assert model.rowCount() == 0
    del tester
