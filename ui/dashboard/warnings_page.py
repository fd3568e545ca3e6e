"""Early warning for team leads (console/early_warning.py, docs/early-warning.md): the clusters
of calls about one category in one district on one day, and the places and companies several
callers complained about; each opens the cases behind it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QSpinBox

from console.clock import utcnow
from console.early_warning import Alert, Hotspot
from console.metrics import local_today

from .figure_page import Cell, FigurePage, box

DEFAULT_DAYS = 7


@dataclass(frozen=True)
class WarningsData:
    first: date
    last: date
    alerts: list[Alert]
    hotspots: list[Hotspot]


class WarningsPage(FigurePage):
    task_name = "early warning page"

    def __init__(self, services, open_queue, clock=utcnow, parent=None):
        super().__init__(services, open_queue, clock, parent)
        self.setObjectName("warningsPage")
        today = local_today(self.clock())
        self.last_day = QDateEdit(QDate(today.year, today.month, today.day))
        self.last_day.setObjectName("warnings_last_day")
        self.last_day.setCalendarPopup(True)
        self.last_day.setDisplayFormat("yyyy-MM-dd")
        self.last_day.dateChanged.connect(lambda _d: self.load())
        self.days = QSpinBox()
        self.days.setObjectName("warnings_days")
        self.days.setRange(1, 90)
        self.days.setValue(DEFAULT_DAYS)
        self.days.valueChanged.connect(lambda _v: self.load())
        self.controls.addWidget(self.label(self.tr("&Up to"), self.last_day))
        self.controls.addWidget(self.last_day)
        self.controls.addWidget(self.label(self.tr("&Days"), self.days))
        self.controls.addWidget(self.days)
        self.controls.addStretch(1)
        self.controls.addWidget(self.refresh_button())
        self.shown_alerts: list[Alert] = []  # in the table's order
        names = services.names
        self.district_name, self.category_name = names.districts, names.categories
        self.alerts = self.table("warnings_alerts", self.tr("Clusters"),
                                 [self.tr("Day"), self.tr("District"), self.tr("Category"), self.tr("Calls"),
                                  self.tr("Usually"), self.tr("Limit")], stretch=2)
        self.hotspots = self.table("warnings_hotspots", self.tr("Hotspots"),
                                   [self.tr("Kind"), self.tr("Place or company"), self.tr("Category"),
                                    self.tr("Callers"), self.tr("Cases")], stretch=1)
        row = QHBoxLayout()
        row.addWidget(box(self.tr("Clusters: one category in one district, one day"), self.alerts,
                          "warnings_alerts_box"), 1)
        row.addWidget(box(self.tr("Hotspots: one place or company, several callers in 7 days"), self.hotspots,
                          "warnings_hotspots_box"), 1)
        self.body.addLayout(row)

    def span(self) -> tuple[date, date]:
        last = self.last_day.date().toPython()
        return last - timedelta(days=self.days.value() - 1), last

    def build(self) -> WarningsData:
        first, last = self.span()
        alerts, hotspots = self.services.warnings(first, last)
        return WarningsData(first, last, alerts, hotspots)

    def draw(self, d: WarningsData) -> None:
        # newest day first, then the largest excess over the usual
        alerts = sorted(d.alerts, key=lambda a: (a.day, a.count - a.expected), reverse=True)
        self.alerts.set_rows([self._alert_row(a) for a in alerts])
        kinds = {"address": self.tr("Place"), "company": self.tr("Company")}
        self.hotspots.set_rows([
            [Cell(text, partial(list, h.cases), number=i >= 3) for i, text in enumerate((
                kinds.get(h.kind, h.kind), h.key, self.category_name.get(h.category, h.category),
                f"{h.callers:,}", f"{len(h.cases):,}"))] for h in d.hotspots])
        self.shown_alerts = alerts

    def _alert_row(self, a: Alert) -> list[Cell]:
        opens = partial(self.services.alert_cases, a)
        tip = self.tr("P(at least this many | usual) = %1").replace("%1", f"{a.p_value:.1e}")
        texts = (a.day.isoformat(), self.district_name.get(a.district, a.district),
                 self.category_name.get(a.category, a.category), f"{a.count:,}", f"{a.expected:.1f}", f"{a.limit:,}")
        return [Cell(text, opens, tip, number=i >= 3) for i, text in enumerate(texts)]


def main() -> int:
    """`python -m ui.dashboard.warnings_page DATA_DIR`: the page alone on a profile."""
    from ui.dashboard.standalone import run_page
    return run_page(WarningsPage)


if __name__ == "__main__":
    raise SystemExit(main())
