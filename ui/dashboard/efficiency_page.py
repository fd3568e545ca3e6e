"""Efficiency assessment (效能考核) for team leads: every unit's or district's month ranked by
score, each indicator beside it, the change from last month; a figure opens its cases.

The figures are console.efficiency.assess's; a rate opens the cases that cost the unit points
(the late sign-fors, the returns, the unresolved callbacks...: console.figure_cases.costly_part),
the dispatches column the month's dispatches, the overdue column the cases not replied by their
deadline."""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from PySide6.QtWidgets import QComboBox

from console.clock import utcnow
from console.efficiency import Assessment, Weight
from console.figure_cases import costly_part

from .figure_page import Cell, FigurePage, percent

# the indicators in the order of docs/metrics.md; the overdue rate has its own column
RATE_COLUMNS = ("sign_on_time", "reply_on_time", "resolution", "satisfaction", "return_rate", "extension_rate",
                "repeat_rate", "instructions_on_time")
UP, DOWN = "#1e7b34", "#b3261e"  # a better score than last month, a worse one


@dataclass(frozen=True)
class EfficiencyData:
    month: str
    by: str
    rows: list[Assessment]
    weights: dict[str, Weight]


class EfficiencyPage(FigurePage):
    task_name = "efficiency page"

    def __init__(self, services, open_queue, clock=utcnow, parent=None):
        super().__init__(services, open_queue, clock, parent)
        self.setObjectName("efficiencyPage")
        self.month = self.month_combo("efficiency_month")
        self.by = QComboBox()
        self.by.setObjectName("efficiency_by")
        self.by.setAccessibleName(self.tr("Assess"))
        # units are ranked against units of their own level: a community with three cases is not
        # compared with a city bureau
        for label, value in ((self.tr("City departments"), ("department", "city")),
                             (self.tr("District units"), ("department", "district")),
                             (self.tr("Street offices and townships"), ("department", "street")),
                             (self.tr("Communities"), ("department", "community")),
                             (self.tr("All units"), ("department", None)),
                             (self.tr("Districts"), ("district", None))):
            self.by.addItem(label, value)
        self.by.currentIndexChanged.connect(lambda _i: self.load())
        self.controls.addWidget(self.label(self.tr("&Month"), self.month))
        self.controls.addWidget(self.month)
        self.controls.addWidget(self.label(self.tr("&Assess"), self.by))
        self.controls.addWidget(self.by)
        self.controls.addStretch(1)
        self.controls.addWidget(self.refresh_button())
        self.names = {
            "sign_on_time": self.tr("On-time\nsign-for"), "reply_on_time": self.tr("On-time\nreply"),
            "resolution": self.tr("Resolution"), "satisfaction": self.tr("Satisfaction"),
            "return_rate": self.tr("Returns"), "extension_rate": self.tr("Extensions"),
            "repeat_rate": self.tr("Repeat\nrequests"), "instructions_on_time": self.tr("Instructions\non time"),
            "overdue_rate": self.tr("Overdue")}
        headers = [self.tr("Rank"), self.tr("Unit"), self.tr("Score"), self.tr("Change"), self.tr("Dispatched")]
        headers += [self.names[k] for k in RATE_COLUMNS] + [self.names["overdue_rate"]]
        self.ranking = self.table("efficiency_table", self.tr("Efficiency ranking"), headers, stretch=1)
        # what each indicator counts (docs/metrics.md), on its header
        formulas = {
            "sign_on_time": self.tr("Sign-fors within the sign-for deadline / sign-fors"),
            "reply_on_time": self.tr("Replies within the reply deadline / replies"),
            "resolution": self.tr("Callbacks saying resolved / replied cases that ended (called back, unreachable, "
                                  "closed without a callback)"),
            "satisfaction": self.tr("Callbacks saying satisfied or basically satisfied / the same"),
            "return_rate": self.tr("Returns / dispatches"),
            "extension_rate": self.tr("Extensions approved / dispatches"),
            "repeat_rate": self.tr("Dispatches of a repeated request / dispatches"),
            "instructions_on_time": self.tr("Replies on time to cases with a leader's instruction / such replies"),
            "overdue_rate": self.tr("Cases not replied by a reply deadline in the month · those cases"),
            "score": self.tr("Weighted mean of the indicators (resources/efficiency.toml), 0-100"),
        }
        for j, name in enumerate(("score", "", "", *RATE_COLUMNS, "overdue_rate"), start=2):
            if name:
                self.ranking.horizontalHeaderItem(j).setToolTip(formulas[name])
        self.body.addWidget(self.ranking)

    def chosen(self) -> tuple[str, str, str | None]:
        """(month, "department" or "district", the units' level or None)."""
        by, level = self.by.currentData()
        return self.month.currentData(), by, level

    def build(self) -> EfficiencyData:
        month, by, level = self.chosen()
        return EfficiencyData(month, by, self.services.efficiency(month, by, self.clock(), level),
                              self.services.efficiency_weights())

    def draw(self, d: EfficiencyData) -> None:
        self.ranking.horizontalHeaderItem(1).setText(self.tr("Unit") if d.by == "department" else self.tr("District"))
        self.ranking.set_rows([self._row(d, a) for a in d.rows])

    def cases_of(self, d: EfficiencyData, key: str, indicator: str, part: str):
        """The click-through of one figure: a function (run off the GUI thread) giving its cases."""
        return partial(self.services.efficiency_cases, d.month, d.by, key, indicator, part, self.clock())

    def _row(self, d: EfficiencyData, a: Assessment) -> list[Cell]:
        change = a.change
        last = ("—" if a.previous_score is None else f"{a.previous_score:.1f}",
                "—" if a.previous_rank is None else str(a.previous_rank))
        row = [Cell("—" if a.rank is None else str(a.rank), number=True), Cell(a.name, tip=a.key),
               Cell("—" if a.score is None else f"{a.score:.1f}", number=True),
               Cell("—" if change is None else f"{'▲' if change > 0 else '▼' if change < 0 else ''}{abs(change):.1f}",
                    number=True, tip=self.tr("Last month: score %1, rank %2").replace("%1", last[0])
                    .replace("%2", last[1]), color=UP if (change or 0) > 0 else DOWN if (change or 0) < 0 else ""),
               Cell(f"{a.dispatched:,}", self.cases_of(d, a.key, "return_rate", "denominator") if a.dispatched
                    else None, number=True)]
        for name in (*RATE_COLUMNS, "overdue_rate"):
            rate = a.indicators[name]
            w = d.weights.get(name)
            part = costly_part(name, w.better if w else "higher")
            text = percent(rate.value)
            if name == "overdue_rate" and rate.denominator:
                text = f"{a.overdue:,} · {text}"
            tip = self.tr("%1 of %2").replace("%1", f"{rate.numerator:,}").replace("%2", f"{rate.denominator:,}")
            tip += "\n" + (self.tr("Opens the cases counted") if part == "numerator"
                           else self.tr("Opens the cases that missed it"))
            missed = rate.numerator if part == "numerator" else rate.denominator - rate.numerator
            opens = self.cases_of(d, a.key, name, part) if rate.denominator and missed > 0 else None
            row.append(Cell(text, opens, tip, number=True))
        return row


def main() -> int:
    """`python -m ui.dashboard.efficiency_page DATA_DIR`: the page alone on a profile, clicks printed."""
    from ui.dashboard.standalone import run_page
    return run_page(EfficiencyPage)


if __name__ == "__main__":
    raise SystemExit(main())
