"""What the operator reads in Chinese: units and plurals in words, the timeline in sentences,
filter boxes wide enough for their own labels."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from ui.app import install_translators
from ui.terms import terms


@pytest.fixture
def chinese(qapp):
    app = QApplication.instance()
    installed = install_translators(app, "zh_CN")
    yield
    for t in installed:
        app.removeTranslator(t)
    terms.cache_clear()


def test_durations_and_counts_read_in_chinese(chinese):
    from ui.dashboard.widget import _duration
    from ui.timeline import duration
    assert _duration(9.4 * 1440) == "9.4 天" and _duration(150) == "2.5 小时" and _duration(12) == "12 分钟"
    assert duration("3wd") == "3 个工作日" and duration("1d") == "1 天" and duration("oops") == "oops"


def test_english_plurals_and_units():
    from ui.dashboard.widget import _duration
    from ui.timeline import duration
    assert duration("1wd") == "1 working day" and duration("3wd") == "3 working days"
    assert _duration(9.4 * 1440) == "9.4 days"


def test_timeline_speaks_chinese_with_unit_names(qtbot, chinese, filled, operator):
    from console.dto import Actor
    from console.intake import CallRecord
    from ui.app import build_main_window
    win = build_main_window(filled, filled.actor("op01"))
    qtbot.addWidget(win)
    saved = filled.intake.log_call(CallRecord(caller_phone="13700006666", type="complaint", category_code="0201",
                                              district="JJ", address="东大街3号", description="夜间施工噪音扰民",
                                              lead_department="GOV-JJ"), operator)
    liaison = Actor("GOV-JJ", "liaison", "联络员", department="GOV-JJ")
    filled.cases.act(saved.number, "accept", liaison, "", {})
    filled.cases.act(saved.number, "request_extension", liaison, "需协调施工单位", {"extra": "3wd"})
    win.open_case(saved.id)
    tree = win.detail.timeline
    rows = [[tree.topLevelItem(i).text(c) for c in range(4)] for i in range(tree.topLevelItemCount())]
    jj = win.services.names.departments["GOV-JJ"]
    assert rows[0][3] == "受理来电" and rows[1][3] == f"派单给 {jj}"
    assert [rows[3][1], rows[3][3]] == [jj, "申请延期 3 个工作日。理由：需协调施工单位"]
    win.close()


def test_queue_filter_boxes_are_wide_enough_for_their_labels(qtbot, window):
    for box in (window.queue.state_combo, window.queue.category_combo, window.queue.district_combo,
                window.queue.department_combo):
        label = box.itemText(0)
        assert box.width() >= box.fontMetrics().horizontalAdvance(label) + 20, (label, box.width())
