"""A department's inbox: the seat's queue panel with the unit's tabs (to sign for, in
progress, extension requests, returned, assisting, overdue) and their live counts.

The rows, paging, sorting, filters and countdown colours are the seat's
(ui/queue_panel.py, ui/queue_model.py); which cases a tab holds is
`console.inbox` (pure SQL conditions, counted like the seat's views).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console import inbox
from console.queue import QueueService

from ..queue_model import RefNames
from ..queue_panel import QueuePanel


def tab_label(tab: str) -> str:
    return {
        "to_sign": QCoreApplication.translate("DepartmentInbox", "To sign for"),
        "in_progress": QCoreApplication.translate("DepartmentInbox", "In progress"),
        "extension": QCoreApplication.translate("DepartmentInbox", "Extension requests"),
        "returned": QCoreApplication.translate("DepartmentInbox", "Returned / under review"),
        "assisting": QCoreApplication.translate("DepartmentInbox", "Assisting"),
        "overdue": QCoreApplication.translate("DepartmentInbox", "Overdue"),
        "passed_down": QCoreApplication.translate("DepartmentInbox", "Passed down"),
    }.get(tab, tab)


class DepartmentInbox(QueuePanel):
    """The unit's inbox (objectName `departmentInbox`); `unit` is the liaison's department."""

    views = inbox.TABS

    def __init__(self, service: QueueService, names: RefNames, unit: str | None, bridge=None, parent=None,
                 categories: list | None = None, districts: list | None = None):
        self.unit = unit
        super().__init__(service, names, bridge, parent, categories, districts, [])
        self.setObjectName("departmentInbox")
        self.tabs.setAccessibleName(self.tr("Inbox tabs"))
        self.table.setAccessibleName(self.tr("Department inbox"))
        self.department_combo.hide()  # every case here is the unit's own or one it assists

    def start(self, view: str = inbox.TABS[0], sort: str = "deadline", descending: bool = False) -> None:
        """The first tab, most urgent deadline first."""
        super().start(view if view in inbox.TABS else inbox.TABS[0], sort, descending)

    def show_tab(self, tab: str) -> None:
        for i in range(self.tabs.count()):
            if self.tabs.tabData(i) == tab:
                self.tabs.setCurrentIndex(i)
        self.table.setFocus()

    def current_tab(self) -> str:
        return self.tabs.tabData(self.tabs.currentIndex())

    # -- the tabs ------------------------------------------------------------------------
    def _tab_label(self, tab: str) -> str:
        return tab_label(tab)

    def _tab_filter(self, tab: str) -> dict:
        return {"view": "all", "inbox": tab, "unit": self.unit}

    def _tab_counts(self) -> dict[str, int]:
        return inbox.counts(self.service, self.unit)
