"""Leaders' instructions (领导批示) of a month for team leads: per level and per unit, received,
handled on time, overdue, open; the overdue ones listed with the leader. Every count opens its
cases, every overdue row its case (console/report/instructions.py)."""
from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from console.clock import utcnow
from console.report.instructions import InstructionCount, InstructionsReport

from .figure_page import Cell, FigurePage, box

COLUMNS = ("received", "on_time", "overdue", "open")


class InstructionsPage(FigurePage):
    task_name = "instructions page"

    def __init__(self, services, open_queue, clock=utcnow, parent=None):
        super().__init__(services, open_queue, clock, parent)
        self.setObjectName("instructionsPage")
        self.month = self.month_combo("instructions_month")
        self.controls.addWidget(self.label(self.tr("&Month"), self.month))
        self.controls.addWidget(self.month)
        self.controls.addStretch(1)
        self.controls.addWidget(self.refresh_button())
        self.level_names = {"city": self.tr("City leaders"), "district": self.tr("District leaders"),
                            "township": self.tr("Township (street) leaders")}
        self.level_short = {"city": self.tr("City"), "district": self.tr("District"), "township": self.tr("Township")}
        counts = [self.tr("Received"), self.tr("On time"), self.tr("Overdue"), self.tr("Open")]
        self.levels = self.table("instructions_levels", self.tr("Instructions per level"),
                                 [self.tr("Level")] + counts, stretch=0)
        self.units = self.table("instructions_units", self.tr("Instructions per unit"),
                                [self.tr("Unit")] + counts, stretch=0)
        self.overdue = self.table("instructions_overdue", self.tr("Overdue instructions"),
                                  [self.tr("Case"), self.tr("Level"), self.tr("Leader"), self.tr("Title"),
                                   self.tr("Unit"), self.tr("Deadline"), self.tr("Replied")], stretch=4)
        self.levels.setMaximumHeight(150)
        left = QVBoxLayout()
        left.addWidget(box(self.tr("Per level"), self.levels, "instructions_levels_box"))
        left.addWidget(box(self.tr("Per unit"), self.units, "instructions_units_box"), 1)
        row = QHBoxLayout()
        row.addLayout(left, 5)
        row.addWidget(box(self.tr("Overdue instructions"), self.overdue, "instructions_overdue_box"), 8)
        self.body.addLayout(row)

    def build(self) -> InstructionsReport:
        return self.services.instructions(self.month.currentData(), self.clock())

    def draw(self, r: InstructionsReport) -> None:
        not_dispatched = self.tr("(not dispatched yet)")
        self.levels.set_rows([self._counts(r, "level", c, self.level_names.get(c.key, c.key)) for c in r.by_level])
        self.units.set_rows([self._counts(r, "unit", c, c.name if c.key else not_dispatched) for c in r.by_unit])
        # any cell of an overdue row opens its case
        self.overdue.set_rows([
            [Cell(text, partial(list, (o.number,))) for text in (
                o.number, self.level_short.get(o.level, o.level), o.leader, o.title, o.unit or not_dispatched,
                o.deadline, o.replied or self.tr("not yet"))] for o in r.overdue])

    def cases_of(self, r: InstructionsReport, kind: str, key: str, column: str):
        return partial(self.services.instruction_cases, r.month, kind, key, column, self.clock())

    def _counts(self, r: InstructionsReport, kind: str, c: InstructionCount, name: str) -> list[Cell]:
        values = (c.received, c.on_time, c.overdue, c.open)
        return [Cell(name, tip=c.key)] + [
            Cell(f"{v:,}", self.cases_of(r, kind, c.key, col) if v else None, number=True)
            for col, v in zip(COLUMNS, values, strict=True)]


def main() -> int:
    """`python -m ui.dashboard.instructions_page DATA_DIR`: the page alone on a profile."""
    from ui.dashboard.standalone import run_page
    return run_page(InstructionsPage)


if __name__ == "__main__":
    raise SystemExit(main())
