"""The monthly report from the window: pick a month and a file, written off the GUI thread."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QObject, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QWidget

from models.db import Database
from ui.tasks import LatestTask

FORMATS = ("pdf", "csv", "xlsx")


def write_report(db: Database, month: str, path: Path, fmt: str, actor: str = "-") -> Path:
    """Build and write the report (runs on a worker thread: QTextDocument and QPdfWriter need no GUI thread);
    the export is audited as `actor`'s."""
    from console import audit
    from console.report import build_monthly
    from console.report.tables import write_csv, write_xlsx

    report = build_monthly(db, month)
    if fmt == "csv":
        written = write_csv(report, path)
    elif fmt == "xlsx":
        written = write_xlsx(report, path)
    else:
        from .pdf import write_pdf
        written = write_pdf(report, path)
    audit.record(db, actor, audit.EXPORT, Path(written).name, what="monthly_report", month=month, format=fmt)
    return written


class MonthlyReports:
    """The monthly report of one profile, written as one account (the export is audited as theirs)."""

    def __init__(self, db: Database, actor: str):
        self._db, self.actor = db, actor

    def write(self, month: str, path: Path, fmt: str) -> Path:
        return write_report(self._db, month, path, fmt, self.actor)


class ReportExporter(QObject):
    """Writes one report at a time on a worker thread; `finished(path)` or `failed(message)`."""

    finished = Signal(str)
    failed = Signal(str)

    def __init__(self, reports: MonthlyReports, parent: QObject | None = None):
        super().__init__(parent)
        self.reports = reports
        # every report asked for and written is announced, even when another was asked for meanwhile
        self.runner = LatestTask("monthly report", self, deliver_superseded=True)
        self.runner.finished.connect(lambda p: self.finished.emit(str(p)))
        self.runner.failed.connect(self.failed.emit)

    def export(self, month: str, path: Path | str, fmt: str) -> None:
        reports, target = self.reports, Path(path)
        self.runner.run(lambda: reports.write(month, target, fmt))

    def busy(self) -> bool:
        return self.runner.busy()

    def stop(self) -> None:
        self.runner.stop()


class ReportDialog(QDialog):
    """Month and format; the file is asked for when the dialog is accepted."""

    def __init__(self, parent: QWidget | None = None, today: date | None = None):
        super().__init__(parent)
        self.setObjectName("reportDialog")
        self.setWindowTitle(self.tr("Monthly hotspot report"))
        today = today or date.today()
        last = QDate(today.year, today.month, 1).addMonths(-1)
        self.month = QDateEdit(last)
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setObjectName("reportMonth")
        self.month.setAccessibleName(self.tr("Month"))
        self.format = QComboBox()
        self.format.setObjectName("reportFormat")
        self.format.setAccessibleName(self.tr("Format"))
        for fmt in FORMATS:
            self.format.addItem(fmt.upper(), fmt)
        form = QFormLayout(self)
        form.addRow(self.tr("Month"), self.month)
        form.addRow(self.tr("Format"), self.format)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.setObjectName("reportButtons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen(self) -> tuple[str, str]:
        """(YYYY-MM, format)."""
        return self.month.date().toString("yyyy-MM"), self.format.currentData()

    def ask_path(self) -> Path | None:
        month, fmt = self.chosen()
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the report"), f"hotspot-report-{month}.{fmt}",
                                              f"{fmt.upper()} (*.{fmt})")
        return Path(name) if name else None
