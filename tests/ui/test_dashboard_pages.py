"""The team lead's efficiency, instructions and early-warning pages and the review/dispute tiles, on
a real profile with hand-made cases: each figure is the console function's, and activating it opens
exactly the cases behind it in the queue."""
from __future__ import annotations

import threading
from datetime import date

import pytest
from PySide6.QtCore import Qt

from console import early_warning, efficiency, figure_cases
from console.clock import to_stored
from console.intake import CallRecord
from console.monitor import MonitorService
from console.queue import QueueService
from console.queue_filter import QueueFilter
from console.report import instructions
from tests.conftest import local
from tests.console.test_instructions_report import month  # noqa: F401 (a fixture)
from ui.dashboard import DashboardWidget
from ui.dashboard.efficiency_page import RATE_COLUMNS, EfficiencyPage
from ui.dashboard.figure_page import percent
from ui.dashboard.instructions_page import InstructionsPage
from ui.dashboard.warnings_page import WarningsPage
from ui.report.export import MonthlyReports
from ui.services import build_services

NOW = to_stored(local("2026-12-03T12:00:00"))


@pytest.fixture
def cases(profile, clock, month):  # noqa: F811 (the fixture)
    """The hand-counted set (tests/console/monitor_fixture.py) with three leaders' instructions, and
    a cluster: seven complaints about one category in 武侯区 on 11-25, where it usually has none."""
    clock.now = local("2026-11-25T09:00:00")
    cluster = []
    for i in range(7):
        clock.now = local(f"2026-11-25T{9 + i:02d}:10:00")
        cluster.append(profile.intake.log_call(CallRecord(
            caller_phone=f"1360000{i:04d}", caller_name="赵六", type="complaint", district="WH",
            category_code="0201", address=f"人民南路{8 + i}号", description="夜间施工噪音扰民"),
            profile.actor("op01")).number)
    month.numbers["cluster"] = cluster
    clock.now = NOW
    return month


def _page(qtbot, profile, clock, cls, opened):
    page = cls(build_services(profile, profile.actor("lead01")), opened.append, clock=clock)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    return page


def _load(qtbot, page, change=None):
    with qtbot.waitSignal(page.loaded, timeout=20_000) as blocker:
        if change is None:
            page.load()
        else:
            change()
    return blocker.args[0]


def _texts(table, row):
    return [table.item(row, j).text() for j in range(table.columnCount())]


def _open(qtbot, page, table, row, col, opened):
    """A real click on the cell; the cases come back from the worker thread into the queue."""
    before = len(opened)
    rect = table.visualItemRect(table.item(row, col))
    table.scrollToItem(table.item(row, col))
    rect = table.visualItemRect(table.item(row, col))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: len(opened) > before, timeout=20_000)
    return opened[-1]


def _numbers_opened(profile, clock, f: QueueFilter) -> list[str]:
    queue = QueueService(profile.db, clock=clock)
    return sorted(r.number for r in queue.page(f, limit=1000))


def test_efficiency_page_shows_the_assessment_and_opens_the_cases_of_each_figure(qtbot, profile, clock, cases):
    opened = []
    page = _page(qtbot, profile, clock, EfficiencyPage, opened)
    try:
        d = _load(qtbot, page, lambda: page.month.setCurrentIndex(page.month.findData("2026-11")))
        assert page.chosen() == ("2026-11", "department", "city")  # units ranked within their level
        expected = efficiency.assess(profile.db, "2026-11", now=NOW, level="city")
        assert d.rows == expected and page.ranking.rowCount() == len(expected)
        for i, a in enumerate(expected):
            texts = _texts(page.ranking, i)
            assert texts[1] == a.name
            assert texts[0] == ("—" if a.rank is None else str(a.rank))
            assert texts[2] == ("—" if a.score is None else f"{a.score:.1f}")
            assert texts[4] == f"{a.dispatched:,}"
            assert texts[5:5 + len(RATE_COLUMNS)] == [percent(a.indicators[k].value) for k in RATE_COLUMNS]
        # every figure that opens cases opens the console's cases behind it
        weights = efficiency.load_weights()
        checked = 0
        for i, a in enumerate(expected):
            for j, name in enumerate(RATE_COLUMNS + ("overdue_rate",), start=5):
                fn = page.ranking.opens_at(i, j)
                part = figure_cases.costly_part(name, weights[name].better)
                want = figure_cases.efficiency_cases(profile.db, "2026-11", "department", a.key, name, part, NOW)
                assert (fn() if fn else []) == want, (a.key, name)
                checked += fn is not None
        assert checked >= 4
        row = {a.key: i for i, a in enumerate(expected)}
        n = cases.numbers
        # real clicks: URBAN's late sign-for (D), its return (E), its dispatches (C, D, E); ECO's unresolved E
        col = {name: j for j, name in enumerate(RATE_COLUMNS, start=5)}
        f = _open(qtbot, page, page.ranking, row["URBAN"], col["sign_on_time"], opened)
        assert f == QueueFilter(view="all", numbers=(n["D"],)) and _numbers_opened(profile, clock, f) == [n["D"]]
        f = _open(qtbot, page, page.ranking, row["URBAN"], col["return_rate"], opened)
        assert _numbers_opened(profile, clock, f) == [n["E"]]
        f = _open(qtbot, page, page.ranking, row["URBAN"], 4, opened)
        assert _numbers_opened(profile, clock, f) == sorted(n[k] for k in "CDEPQK")
        f = _open(qtbot, page, page.ranking, row["ECO"], col["resolution"], opened)
        assert _numbers_opened(profile, clock, f) == [n["E"]]
        # figures and cases were read off the GUI thread
        assert page.loader.last_thread not in (None, threading.get_ident())
        assert page.opener.last_thread not in (None, threading.get_ident())
        # by district
        by_district = [i for i in range(page.by.count()) if page.by.itemData(i) == ("district", None)]
        d = _load(qtbot, page, lambda: page.by.setCurrentIndex(by_district[0]))
        assert d.rows == efficiency.assess(profile.db, "2026-11", by="district", now=NOW)
        assert page.ranking.horizontalHeaderItem(1).text() == "District"
    finally:
        page.stop()


def test_instructions_page_per_level_per_unit_and_the_overdue_list(qtbot, profile, clock, cases):
    opened = []
    page = _page(qtbot, profile, clock, InstructionsPage, opened)
    n = cases.numbers
    try:
        r = _load(qtbot, page, lambda: page.month.setCurrentIndex(page.month.findData("2026-11")))
        expected = instructions.build(profile.db, "2026-11", now=NOW)
        assert r == expected
        for table, rows in ((page.levels, expected.by_level), (page.units, expected.by_unit)):
            assert table.rowCount() == len(rows)
            for i, c in enumerate(rows):
                assert _texts(table, i)[1:] == [str(c.received), str(c.on_time), str(c.overdue), str(c.open)]
        assert [_texts(page.overdue, i)[:3] for i in range(page.overdue.rowCount())] == [
            [n["Q"], "District", "张某某"], [n["K"], "Township", "陈某某"]]
        # every count opens exactly its cases
        for kind, table, rows in (("level", page.levels, expected.by_level), ("unit", page.units, expected.by_unit)):
            for i, c in enumerate(rows):
                for j, column in enumerate(("received", "on_time", "overdue", "open"), start=1):
                    fn = table.opens_at(i, j)
                    want = instructions.cases(profile.db, "2026-11", kind, c.key, column, NOW)
                    assert (fn() if fn else []) == want
        urban = [c.key for c in expected.by_unit].index("URBAN")
        f = _open(qtbot, page, page.units, urban, 3, opened)
        assert _numbers_opened(profile, clock, f) == sorted([n["Q"], n["K"]])
        city = [c.key for c in expected.by_level].index("city")
        f = _open(qtbot, page, page.levels, city, 2, opened)
        assert _numbers_opened(profile, clock, f) == [n["P"]]
        f = _open(qtbot, page, page.overdue, 1, 2, opened)  # the leader's cell of K's row
        assert _numbers_opened(profile, clock, f) == [n["K"]]
    finally:
        page.stop()


def test_warnings_page_shows_clusters_and_hotspots_with_their_cases(qtbot, profile, clock, cases):
    opened = []
    page = _page(qtbot, profile, clock, WarningsPage, opened)
    try:
        d = _load(qtbot, page, lambda: page.last_day.setDate(date(2026, 11, 28)))
        first, last = date(2026, 11, 22), date(2026, 11, 28)
        assert (d.first, d.last) == (first, last)
        alerts = early_warning.alerts(profile.db, first, last)
        assert d.alerts == alerts and d.hotspots == early_warning.hotspots(profile.db, last)
        wh = [a for a in alerts if a.district == "WH"]
        assert len(wh) == 1 and wh[0].count == 7 and wh[0].day == date(2026, 11, 25)
        assert page.alerts.rowCount() == len(alerts)
        row = page.shown_alerts.index(wh[0])
        assert _texts(page.alerts, row)[0] == "2026-11-25" and _texts(page.alerts, row)[3] == "7"
        f = _open(qtbot, page, page.alerts, row, 3, opened)
        assert _numbers_opened(profile, clock, f) == sorted(cases.numbers["cluster"]) \
            == sorted(early_warning.cases_behind(profile.db, wh[0]))
        # hotspots: the estate of the hand-made set, three or more callers about category 0101
        assert page.hotspots.rowCount() == len(d.hotspots) >= 1
        for i, h in enumerate(d.hotspots):
            assert _texts(page.hotspots, i)[1] == h.key and _texts(page.hotspots, i)[3] == str(h.callers)
        f = _open(qtbot, page, page.hotspots, 0, 1, opened)
        assert _numbers_opened(profile, clock, f) == sorted(d.hotspots[0].cases)
    finally:
        page.stop()


def test_returns_under_review_and_disputes_are_tiles_that_open_their_cases(qtbot, profile, clock, cases):
    from tests.conftest import LEAD, LIAISON
    from tests.console.monitor_fixture import ECO
    n = cases.numbers
    op = profile.actor("op01")
    x, y = (profile.intake.log_call(CallRecord(caller_phone=phone, caller_name="孙七", type="complaint",
                                               district="JJ", category_code="0204", address="东大街5号",
                                               description="楼下商铺音响扰民", lead_department="URBAN"), op).number
            for phone in ("13700000021", "13700000022"))
    # through the workflow: X and K returned by URBAN wait for review; Y, re-dispatched to ECO after
    # URBAN's return and returned by ECO too, waits for a decision on who is responsible
    profile.cases.act(x, "return", LIAISON, "不属于本单位职责")
    profile.cases.act(n["K"], "return", LIAISON, "不属于本单位职责")
    profile.cases.act(y, "return", LIAISON, "不属于本单位职责")
    profile.cases.act(y, "approve_return", LEAD, "同意退单")
    profile.cases.act(y, "dispatch", op, payload={"lead_department": "ECO"})
    assert profile.cases.act(y, "return", ECO, "不属于本单位职责").state == "dispute"
    opened = []
    lead = profile.actor("lead01")
    w = DashboardWidget(MonitorService(profile.db, lead), MonthlyReports(profile.db, lead.login), opened.append,
                        clock=clock, interval_ms=60_000)
    qtbot.addWidget(w)
    try:
        qtbot.waitUntil(lambda: w.data is not None, timeout=20_000)
        counts = {b.key: b.value for b in w.data.decisions}
        assert counts == {"return_review": 2, "dispute": 1}
        assert w.decision_buttons["return_review"].text().endswith("\n2")
        assert w.decision_buttons["dispute"].text().endswith("\n1")
        w.decision_buttons["return_review"].click()
        from console.queue_filter import VIEWS  # the queue's own tab once h/flow's views are in
        view = "return_review" if "return_review" in VIEWS else "all"
        assert opened[-1] == QueueFilter(view=view, states=("return_review",))
        assert _numbers_opened(profile, clock, opened[-1]) == sorted([x, n["K"]])
        w.decision_buttons["dispute"].click()
        assert _numbers_opened(profile, clock, opened[-1]) == [y]
    finally:
        w.stop()


def test_a_team_lead_gets_the_three_pages_an_operator_does_not(qtbot, profile, clock):
    from ui.app import build_main_window
    names = {}
    for login in ("lead01", "op01"):
        window = build_main_window(profile, profile.actor(login), knowledge=False)
        qtbot.addWidget(window)
        names[login] = {window.workspace.widget(i).objectName() for i in range(window.workspace.count())}
        for page in window.findChildren(DashboardWidget):
            page.stop()
        for cls in (EfficiencyPage, InstructionsPage, WarningsPage):
            for page in window.findChildren(cls):
                page.stop()
    assert {"efficiencyPage", "instructionsPage", "warningsPage"} <= names["lead01"]
    assert not {"efficiencyPage", "instructionsPage", "warningsPage"} & names["op01"]


def test_in_the_window_a_figure_opens_its_cases_in_the_queue_by_keyboard(qtbot, profile, clock, cases):
    from PySide6.QtCore import QModelIndex

    from ui.app import build_main_window
    window = build_main_window(profile, profile.actor("lead01"), knowledge=False)
    qtbot.addWidget(window)
    page = window.findChild(InstructionsPage, "instructionsPage")
    dash = window.findChild(DashboardWidget, "dashboardPage")
    try:
        page.clock = clock
        _load(qtbot, page, lambda: page.month.setCurrentIndex(page.month.findData("2026-11")))
        urban = [c.key for c in page.data.by_unit].index("URBAN")
        page.units.setFocus()
        page.units.setCurrentCell(urban, 3)  # URBAN's overdue instructions: Q and K
        with qtbot.waitSignal(window.queue.filter_changed, timeout=20_000) as blocker:
            qtbot.keyClick(page.units, Qt.Key.Key_Return)
        n = cases.numbers
        assert blocker.args[0] == QueueFilter(view="all", numbers=tuple(sorted([n["Q"], n["K"]])))
        model = window.queue.model
        qtbot.waitUntil(lambda: model.rowCount(QModelIndex()) == 2, timeout=10_000)
        shown = {model.data(model.index(i, 0)).split()[0] for i in range(2)}  # the number column (and a flag)
        assert shown == {n["Q"], n["K"]}
    finally:
        page.stop()
        if dash is not None:
            dash.stop()
        for cls in (EfficiencyPage, WarningsPage):
            for other in window.findChildren(cls):
                other.stop()
