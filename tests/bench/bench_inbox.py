"""A department's inbox on a liaison's profile: the first painted page, a filter, the tab counts.

A liaison's console holds only what its unit may see, so the profile is a demo
profile whose dispatched cases all belong to one unit (GOV-JN leads every one of
them, 50,000 at scale 1; one in ten is led by URBAN with GOV-JN assisting). Each
figure has as baseline the seat's queue doing the same on the same profile in the
same run (ui/queue_panel.py: the first page of All open, the same district filter,
the saved views' counts).
"""
from __future__ import annotations

import sys

from tests.bench.bench_queue import _median
from tests.bench.harness import Figure

UNIT = "GOV-JN"


def _profile(ctx):
    """A profile of `ctx.size(50_000)` cases led by UNIT (plus those it assists)."""
    from sqlalchemy import text

    from console.demo import fill
    from console.profile import open_profile
    folder = ctx.workdir / "inbox-profile"
    target = ctx.size(50_000, 2000)
    prof = open_profile(folder)
    fill(prof.db, int(target * 1.6), seed=7)  # about six in ten demo cases are dispatched
    with prof.db.engine.begin() as conn:
        conn.execute(text("UPDATE cases SET lead_department = :u WHERE lead_department IS NOT NULL"), {"u": UNIT})
        conn.execute(text("UPDATE cases SET lead_department = 'URBAN', assist_departments = :a "
                          "WHERE lead_department = :u AND rowid % 10 = 0"), {"u": UNIT, "a": f'["{UNIT}"]'})
        led = conn.execute(text("SELECT count(*) FROM cases WHERE lead_department = :u"), {"u": UNIT}).scalar()
    return prof, led


def run(ctx) -> list[Figure]:
    from PySide6.QtWidgets import QApplication

    from console import inbox
    from console.dto import Actor
    from console.queue_filter import QueueFilter
    from ui.department.inbox import DepartmentInbox
    from ui.queue_panel import QueuePanel
    from ui.services import build_services

    app = QApplication.instance() or QApplication(sys.argv[:1])
    prof, led = _profile(ctx)
    services = build_services(prof, Actor("jn", "liaison", "联络员", department=UNIT))
    seat = QueuePanel(services.queue, services.names, None, None, services.categories, services.districts,
                      services.departments)
    unit = DepartmentInbox(services.queue, services.names, UNIT, None, None, services.categories,
                           services.districts)
    for panel in (seat, unit):
        panel.resize(1000, 700)

    def paint(panel) -> None:
        app.processEvents()
        panel.table.viewport().grab()  # every data() call the visible rows need

    def leave(panel) -> None:
        panel.hide()
        panel.model.set_filter(QueueFilter(view="all", states=("draft",)))  # an empty view: start() reloads
        app.processEvents()

    def first(panel, *start) -> None:
        panel.show()
        panel.start(*start)  # the first page and the tabs' counts
        paint(panel)

    t_unit = _median(lambda: first(unit), setup=lambda: leave(unit))
    t_seat = _median(lambda: first(seat, "all_open", "created", True), setup=lambda: leave(seat))
    busiest = max(inbox.TABS, key=lambda t: inbox.counts(services.queue, UNIT)[t])
    unit.show_tab(busiest)
    paint(unit)
    rows = unit.model.rowCount()

    def district(panel, code):
        def go() -> None:
            panel.district_combo.setCurrentIndex(max(panel.district_combo.findData(code), 0))
            paint(panel)
        return go
    t_unit_filter = _median(district(unit, "JN"), setup=district(unit, None))
    t_seat_filter = _median(district(seat, "JN"), setup=district(seat, None))
    t_counts = _median(lambda: inbox.counts(services.queue, UNIT))
    t_views = _median(services.queue.view_counts)
    for panel in (seat, unit):
        panel.close()
        panel.deleteLater()
    from PySide6.QtCore import QCoreApplication, QEvent
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    prof.close()
    note = f"{led:,} cases led by {UNIT}; busiest tab {busiest} ({rows:,} rows)"
    return [
        Figure("inbox: show() to first painted page + tab counts", t_unit * 1000, "ms", t_seat * 1000,
               "seat queue: All open, same profile", "< 150 ms", note),
        Figure(f"inbox: district filter on the {busiest} tab", t_unit_filter * 1000, "ms", t_seat_filter * 1000,
               "seat queue: district filter on All open", "< 150 ms", note),
        Figure("inbox: the tabs' live counts", t_counts * 1000, "ms", t_views * 1000,
               "seat queue: the views' live counts", "", note),
    ]
