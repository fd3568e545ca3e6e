"""The live dashboard: refreshes by itself, builds off the GUI thread, every click opens exactly its cases."""
from __future__ import annotations

import threading
import time
from itertools import pairwise

import pytest
from PySide6.QtCore import QTimer

from console.intake import CallRecord
from console.monitor import MonitorService
from console.queue import QueueService
from console.queue_filter import QueueFilter
from tests.conftest import LEAD, LIAISON, local
from ui.bridge import CoreSignals
from ui.dashboard import DashboardWidget
from ui.report.export import MonthlyReports


def call(profile, who, phone, district, category, **kw):
    return profile.intake.log_call(CallRecord(caller_phone=phone, caller_name="李四", type="complaint",
                                              district=district, category_code=category, address="人民南路1号",
                                              description="来电反映问题", **kw), who).number


@pytest.fixture
def busy(profile, clock):
    """Calls over a week and today: some overdue, some due soon, one instructed."""
    op, op2 = profile.actor("op01"), profile.actor("op02")
    clock.now = local("2026-11-17T10:00:00")  # a week ago, same weekday
    old = [call(profile, op, f"1390000{i:04d}", "JJ", "0204", lead_department="URBAN") for i in range(3)]
    call(profile, op2, "13900009999", "QY", "0101")
    profile.cases.act(old[0], "accept", LIAISON)
    profile.cases.act(old[1], "instruct", LEAD, "请尽快", {"level": "city"})
    for i, (hour, district, cat) in enumerate([(8, "JJ", "0204"), (9, "QY", "0204"), (9, "QY", "0101"),
                                                (11, "WH", "0201"), (12, "JJ", "0204")]):
        clock.now = local(f"2026-11-24T{hour:02d}:15:00")
        who = op if i % 2 else op2
        call(profile, who, f"1370000{i:04d}", district, cat, lead_department="URBAN" if cat == "0204" else "")
    clock.now = local("2026-11-24T13:00:00")
    return old


def make(qtbot, profile, clock, actor, opened, bridge=None):
    w = DashboardWidget(MonitorService(profile.db, actor), MonthlyReports(profile.db, actor.login), opened.append,
                        clock=clock, interval_ms=60_000, bridge=bridge)
    qtbot.addWidget(w)
    w.resize(1400, 1000)
    return w


def first(qtbot, w):
    with qtbot.waitSignal(w.refreshed, timeout=10_000) as blocker:
        pass
    return blocker.args[0] if w.data is None else w.data


def wait_data(qtbot, w):
    qtbot.waitUntil(lambda: w.data is not None, timeout=10_000)
    return w.data


def test_every_click_through_selects_exactly_the_counted_cases(qtbot, profile, clock, busy):
    opened = []
    lead = profile.actor("lead01")
    w = make(qtbot, profile, clock, lead, opened)
    d = wait_data(qtbot, w)
    queue = QueueService(profile.db, clock=clock)
    def count(f) -> int:
        return queue.count(f).n
    try:
        figures = ([(b.value, b.filter) for b in d.hourly_today if b.value]
                   + [(b.value, b.filter) for b in d.open_by_state]
                   + [(b.value, b.filter) for b in d.top_categories_today + d.top_categories_week]
                   + [(b.value, b.filter) for b in d.top_districts_today + d.top_districts_week]
                   + [(r.intake, r.filter) for r in d.operators] + [(r.callbacks_due, r.callbacks_filter)
                                                                     for r in d.operators]
                   + [(r.open, r.filter) for r in d.departments]
                   + [(d.overdue.value, d.overdue.filter)]
                   + [(1, r.filter) for r in d.overdue_cases + d.flagged])
        figures += [(v, d.heat.cell_filter(i, j)) for i, row in enumerate(d.heat.values) for j, v in enumerate(row)]
        assert len(figures) > 40
        for value, f in figures:
            assert count(f) == value, f
        # the hand-counted facts behind them
        assert sum(b.value for b in d.hourly_today) == 5 and d.hourly_today[9].value == 2
        assert d.hourly_last_week[10] == 4
        # overdue: two of last week's dispatches never signed for (the third was, its reply is not due yet),
        # last week's and today's 09:15 undispatched calls (2 working hours to dispatch)
        assert d.overdue.value == 4
        assert [r.flag for r in d.flagged] == ["city"]
        # due in the next 2 hours: the 11:15 call, to be dispatched by 14:15 (lunch hour not counted)
        assert d.due_soon.value == 1
        assert count(d.due_soon.filter) == d.due_soon.value
        # real clicks: a table row, a heat-map cell, a chart bar, a state button
        opened.clear()
        row = w.overdue.visualItemRect(w.overdue.item(0, 0)).center()
        qtbot.mouseClick(w.overdue.viewport(), __import__("PySide6.QtCore").QtCore.Qt.MouseButton.LeftButton, pos=row)
        assert opened[-1] == QueueFilter(view="all", text=d.overdue_cases[0].number)
        w.heat.cellClicked.emit(0, 0)
        assert opened[-1] == d.heat.cell_filter(0, 0)
        w.hourly.click_at(9.2)
        assert opened[-1] == d.hourly_today[9].filter
        w.categories.click_at(0.1)
        assert opened[-1] == d.top_categories_week[0].filter
        w.state_buttons["dispatched"].click()
        assert opened[-1] == QueueFilter(view="all", states=("dispatched",))
    finally:
        w.stop()


def test_refreshes_on_new_cases_without_a_manual_reload(qtbot, profile, clock, busy):
    bridge = CoreSignals()
    try:
        w = make(qtbot, profile, clock, profile.actor("lead01"), [], bridge=bridge)
        d = wait_data(qtbot, w)
        before = sum(b.value for b in d.hourly_today)
        call(profile, profile.actor("op03"), "13511112222", "WH", "0201")  # emits cases_changed
        qtbot.waitUntil(lambda: sum(b.value for b in w.data.hourly_today) == before + 1, timeout=10_000)
        assert any(r.login == "op03" and r.intake == 1 for r in w.data.operators)
        assert w.operators.rowCount() == len(w.data.operators)
        w.stop()
    finally:
        bridge.close()


def test_snapshots_are_built_off_the_gui_thread_and_the_loop_keeps_ticking(qtbot, profile, clock, busy,
                                                                           record_property):
    w = make(qtbot, profile, clock, profile.actor("lead01"), [])
    wait_data(qtbot, w)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(4)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    done = []
    w.refreshed.connect(done.append)
    for _ in range(5):
        w.refresh()
        qtbot.waitUntil(lambda: not w.runner.busy(), timeout=10_000)
    timer.stop()
    w.stop()
    assert done, "no refresh arrived"
    assert w.runner.last_thread is not None and w.runner.last_thread != threading.get_ident()
    gaps = [b - a for a, b in pairwise(ticks)]
    stall_ms = max(gaps) * 1000 if gaps else 0.0
    record_property("longest_event_loop_stall_ms", round(stall_ms, 1))
    print(f"longest event-loop stall during 5 refreshes: {stall_ms:.1f} ms over {len(ticks)} ticks")
    assert len(ticks) > 3  # the GUI loop kept running while snapshots were built


def test_an_operator_sees_only_their_own_figures(qtbot, profile, clock, busy):
    w = make(qtbot, profile, clock, profile.actor("op02"), [])
    d = wait_data(qtbot, w)
    w.stop()
    assert d.own_only
    assert [r.login for r in d.operators] == ["op02"]
    assert d.heat is None and d.overdue_cases == [] and d.departments == []
    assert w.lead_area.isHidden()


def test_the_main_window_shows_the_dashboard_and_clicks_open_the_queue(qtbot, profile, clock, busy):
    from ui.app import build_main_window
    window = build_main_window(profile, profile.actor("lead01"), knowledge=False)
    qtbot.addWidget(window)
    dash = window.findChild(DashboardWidget, "dashboardPage")
    assert dash is not None
    try:
        dash.clock = clock
        dash.refresh()
        qtbot.waitUntil(lambda: dash.data is not None and dash.data.now == clock.now, timeout=10_000)
        with qtbot.waitSignal(window.queue.filter_changed, timeout=5_000) as blocker:
            dash.overdue_button.click()
        assert blocker.args[0] == QueueFilter(view="overdue")
    finally:
        dash.stop()


def test_the_monthly_report_is_written_from_the_dashboard_off_the_gui_thread(qtbot, profile, clock, busy, tmp_path):
    from pypdf import PdfReader
    w = make(qtbot, profile, clock, profile.actor("lead01"), [])
    wait_data(qtbot, w)
    out = tmp_path / "nov.pdf"
    try:
        w.export_report("2026-11", out, "pdf")
        with qtbot.waitSignal(w.exporter.finished, timeout=30_000):
            pass
    finally:
        w.stop()
    assert w.exporter.runner.last_thread != threading.get_ident()
    assert str(out) in w.status.text()
    from console import audit
    assert [(e["actor"], e["target"], e["detail"]["format"]) for e in audit.entries(profile.db, action="export")] \
        == [("lead01", "nov.pdf", "pdf")]
    reader = PdfReader(str(out))
    assert len(reader.pages) >= 5
    from PySide6.QtGui import QFontDatabase
    if QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):  # else nothing Chinese to read back
        assert "主要指标" in reader.pages[0].extract_text()


def test_refreshing_for_a_long_time_does_not_exhaust_none(qtbot, profile, clock, busy):
    # PySide6 6.12.0 dropped a reference to None per Python override call: about twenty refreshes of
    # this page aborted the process (pyproject.toml excludes that release; this keeps the page honest)
    w = make(qtbot, profile, clock, profile.actor("lead01"), [])
    wait_data(qtbot, w)
    try:
        for _ in range(25):
            w.refresh()
            qtbot.waitUntil(lambda: not w.runner.busy() and not w._stepper.isActive(), timeout=10_000)
            w.hourly.widget.repaint()
    finally:
        w.stop()
    assert w.data is not None and not w.runner.busy()


def test_overdue_one_hour_contacts_show_and_open_the_urgent_queue(qtbot, profile, clock, busy):
    op = profile.actor("op01")
    clock.now = local("2026-11-24T13:00:00")
    call(profile, op, "13600000077", "JJ", "0204", urgency="urgent", lead_department="URBAN")
    clock.now = local("2026-11-24T14:30:00")  # the hour is past and nobody has told the caller how it goes
    opened = []
    w = make(qtbot, profile, clock, profile.actor("lead01"), opened)
    d = wait_data(qtbot, w)
    assert d.contacts is not None and d.contacts.overdue == 1 and d.contacts.missed == 1
    assert w.contact_button.text().split("\n")[1].startswith("1 ")
    w.contact_button.click()
    assert opened[-1].view == "urgent" and opened[-1].due_before == d.now
    assert QueueService(profile.db, clock=clock).count(opened[-1]).n >= 1
