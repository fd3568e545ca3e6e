"""The queue as a windowed QAbstractTableModel over the database.

rowCount is the filter's count (maintained counts or index range counts);
rows are read a page at a time when the view asks for them, by keyset from a
neighbouring page that is already loaded, backwards from the end for the last
page, and by OFFSET only for a jump into the middle. At most MAX_PAGES pages
are kept, so memory stays flat whatever the table size.
"""
from __future__ import annotations

import logging
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, QThreadPool, Signal
from PySide6.QtGui import QBrush, QColor

from console.clock import to_local
from console.queue import SMALL_VIEW, Count, QueueRow, QueueService, text_kind
from console.queue_filter import QueueFilter

from .plain_text import tooltip
from .terms import term

log = logging.getLogger(__name__)

PAGE = 100
MAX_PAGES = 40
# the deadline right after the number: at 1366 px the queue shows its first five or six columns
COLUMNS = ("number", "deadline", "state", "type", "urgency", "category", "district", "caller", "department",
           "created")
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
RISK_ROLE = Qt.ItemDataRole.UserRole + 2
_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
                    Qt.ItemDataRole.ToolTipRole, CASE_ID_ROLE, RISK_ROLE})
_ROOT = QModelIndex()  # the invisible root: the parent Qt passes for a table's rows
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
RISK_COLORS = {"overdue": ("#f8d7da", "#842029"), "soon": ("#ffe5cc", "#7a3d00"), "today": ("#fff3cd", "#664d03")}


@dataclass(frozen=True)
class RefNames:
    """Code -> display name for the reference columns."""

    categories: dict[str, str]
    districts: dict[str, str]
    departments: dict[str, str]


def countdown(deadline: datetime | None, now: datetime) -> tuple[str, str | None]:
    """Text for the time left (or overdue) and the risk level: overdue, soon (<2 h), today (<24 h)."""
    if deadline is None:
        return "", None
    left = (deadline - now).total_seconds()
    minutes = int(abs(left) // 60)
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    if days:
        span = QCoreApplication.translate("Countdown", "{0}d {1}h").format(days, hours)
    elif hours:
        span = QCoreApplication.translate("Countdown", "{0}h {1}m").format(hours, f"{mins:02d}")
    else:
        span = QCoreApplication.translate("Countdown", "{0}m").format(mins)
    if left < 0:
        return QCoreApplication.translate("Countdown", "overdue {0}").format(span), "overdue"
    risk = "soon" if left < 7200 else "today" if left < 86400 else None
    return QCoreApplication.translate("Countdown", "{0} left").format(span), risk


class QueueModel(QAbstractTableModel):
    counted = Signal(object)  # console.queue.Count after each (re)count
    searching = Signal(bool)  # a free-text filter is being matched off the GUI thread
    _ids_ready = Signal(int)  # request number; the rowids wait in _results (from the worker thread)

    def __init__(self, service: QueueService, names: RefNames, parent=None):
        super().__init__(parent)
        self.service = service
        self.names = names
        self.filter = QueueFilter()
        self.sort_key = "created"
        self.descending = True
        self._count = Count(0)
        self._pages: OrderedDict[int, list[QueueRow]] = OrderedDict()
        self._ids: list[int] | None = None  # free-text filters: the matching rowids in display order
        self._request = 0
        # results travel beside the signal, not in it: only an int crosses the thread boundary
        self._results: dict[int, tuple[list[int], bool]] = {}
        self._results_lock = threading.Lock()
        self._ids_ready.connect(self._on_ids_ready)
        self._headers = {"number": self.tr("Number"), "state": self.tr("State"), "type": self.tr("Type"),
                         "urgency": self.tr("Urgency"), "category": self.tr("Category"),
                         "district": self.tr("District"), "caller": self.tr("Caller"),
                         "department": self.tr("Lead department"), "created": self.tr("Received"),
                         "deadline": self.tr("Deadline")}

    # -- public ------------------------------------------------------------------------
    def set_filter(self, f: QueueFilter) -> None:
        self.filter = f
        self.reload()

    def reload(self) -> None:
        """Recount and drop the loaded pages (after a filter, sort or data change)."""
        self._request += 1
        if self.filter.text.strip() and text_kind(self.filter.text.strip()) == "words":
            self._start_text_search()
            return
        self.beginResetModel()
        self._pages.clear()
        self._ids = None
        try:
            self._count = self.service.count(self.filter)
        except ValueError as exc:
            log.warning("queue filter refused: %s", exc)
            self._count = Count(0)
        self.endResetModel()
        self.counted.emit(self._count)

    def count(self) -> Count:
        return self._count

    def _start_text_search(self) -> None:
        """No index serves words in the description: one scan in a worker thread (its own session)
        finds the matching rowids; a newer filter makes the older result stale."""
        self.beginResetModel()
        self._pages.clear()
        self._ids, self._count = [], Count(0)
        self.endResetModel()
        self.searching.emit(True)
        request, f, sort, desc = self._request, self.filter, self.sort_key, self.descending

        def work() -> None:
            try:
                ids, capped = self.service.matching_rowids(f, sort, desc)
            except Exception:  # reported as no match; the log has the cause
                log.exception("text filter failed")
                ids, capped = [], False
            with self._results_lock:
                self._results[request] = (ids, capped)
            self._ids_ready.emit(request)

        # a Qt pool thread, not a Python thread: Qt would adopt a foreign thread on the first
        # cross-thread emit and clean it up during interpreter shutdown, which crashed PySide
        QThreadPool.globalInstance().start(work)

    def _on_ids_ready(self, request: int) -> None:
        with self._results_lock:
            ids, capped = self._results.pop(request, ([], False))
        if request != self._request:
            return  # a newer filter or sort replaced this one
        self.beginResetModel()
        self._pages.clear()
        self._ids, self._count = list(ids), Count(len(ids), capped)
        self.endResetModel()
        self.searching.emit(False)
        self.counted.emit(self._count)

    def row_at(self, row: int) -> QueueRow | None:
        if not 0 <= row < self._count.n:
            return None
        page = self._page(row // PAGE)
        i = row % PAGE
        return page[i] if i < len(page) else None

    def row_of(self, case_id: uuid.UUID) -> int | None:
        """The row of a case among the loaded pages, else by asking the database."""
        for k, page in self._pages.items():
            for i, r in enumerate(page):
                if r.id == case_id:
                    return k * PAGE + i
        return self.service.position(self.filter, case_id, self.sort_key, self.descending)

    def tick(self) -> None:
        """The clock moved: repaint the countdown column."""
        if self._count.n:
            col = COLUMNS.index("deadline")
            self.dataChanged.emit(self.index(0, col), self.index(self._count.n - 1, col),
                                  [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole])

    def loaded_pages(self) -> int:
        return len(self._pages)

    # -- QAbstractTableModel -----------------------------------------------------------
    def rowCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else self._count.n

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return self._headers[COLUMNS[section]]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.sort_key = COLUMNS[column]
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        # the view asks ~7 roles per cell while painting; answer the unused ones before any lookup
        if role not in _ROLES or not index.isValid() or index.column() >= len(COLUMNS):
            return None
        r = self.row_at(index.row())
        if r is None:
            return None
        col = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == CASE_ID_ROLE:
            return str(r.id)
        if col == "deadline" and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole, RISK_ROLE):
            _, risk = countdown(r.deadline, self.service.clock())
            if role == RISK_ROLE:
                return risk
            if risk:
                bg, fg = RISK_COLORS[risk]
                return QBrush(QColor(bg if role == Qt.ItemDataRole.BackgroundRole else fg))
            return None
        if col == "urgency" and role == Qt.ItemDataRole.ForegroundRole and r.urgency != "normal":
            return QBrush(QColor("#b02a37"))
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == "deadline" and r.deadline:
                return to_local(r.deadline).strftime("%Y-%m-%d %H:%M")
            if col == "number":
                flags = []
                if r.instruction_level:
                    flags.append(self.tr("Leader's instruction"))
                if r.leader_pick:
                    flags.append(self.tr("Leader's pick"))
                if r.supervised:
                    flags.append(self.tr("Supervised"))
                if r.repeat_caller:
                    flags.append(self.tr("Repeat caller"))
                return ", ".join(flags) or None
        return None

    # -- internals ---------------------------------------------------------------------
    def _display(self, r: QueueRow, col: str) -> str:
        if col == "number":
            marks = ("★" if r.instruction_level or r.leader_pick else "") + ("⚑" if r.supervised else "")
            return f"{r.number} {marks}".rstrip()
        if col == "state":
            return term("state", r.state)
        if col == "type":
            return term("type", r.type)
        if col == "urgency":
            return term("urgency", r.urgency)
        if col == "category":
            return self.names.categories.get(r.category_code or "", r.category_code or "")
        if col == "district":
            return self.names.districts.get(r.district or "", r.district or "")
        if col == "caller":
            return f"{r.caller_name} {r.caller_phone}".strip()
        if col == "department":
            return self.names.departments.get(r.lead_department or "", r.lead_department or "")
        if col == "created":
            return to_local(r.created_at).strftime("%m-%d %H:%M")
        if col == "deadline":
            return countdown(r.deadline, self.service.clock())[0]
        return ""

    def _page(self, k: int) -> list[QueueRow]:
        page = self._pages.get(k)
        if page is not None:
            self._pages.move_to_end(k)
            return page
        try:
            page = self._fetch(k)
        except Exception:  # a failing read shows empty cells; it must not take the window down
            log.exception("reading queue page %s failed", k)
            return []
        self._pages[k] = page
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    def _fetch(self, k: int) -> list[QueueRow]:
        f, sort, desc, svc = self.filter, self.sort_key, self.descending, self.service
        if self._ids is not None:
            return svc.rows_by_rowid(self._ids[k * PAGE:(k + 1) * PAGE])
        small = self._count.n < SMALL_VIEW and not self._count.capped
        last = (self._count.n - 1) // PAGE
        prev, nxt = self._pages.get(k - 1), self._pages.get(k + 1)
        if prev and len(prev) == PAGE:
            return svc.page(f, sort, desc, PAGE, after=prev[-1], small=small)
        if nxt:
            return svc.page(f, sort, desc, PAGE, before=nxt[0], small=small)
        if k == last and k > 0:
            return svc.page(f, sort, desc, self._count.n - k * PAGE, from_end=True, small=small)
        return svc.page(f, sort, desc, PAGE, offset=k * PAGE, small=small)


class CaseListModel(QAbstractTableModel):
    """A short list of CaseSummary rows (caller history, duplicate hints)."""

    def __init__(self, names: RefNames, parent=None):
        super().__init__(parent)
        self.names = names
        self._rows: list = []
        self._scores: list[float | None] = []
        self._headers = [self.tr("Number"), self.tr("Received"), self.tr("State"), self.tr("Category"),
                         self.tr("Description")]

    def set_cases(self, cases: list, scores: list[float | None] | None = None) -> None:
        self.beginResetModel()
        self._rows = list(cases)
        self._scores = list(scores) if scores else [None] * len(self._rows)
        self.endResetModel()

    def case_at(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c = self._rows[index.row()]
        col = index.column()
        if role == CASE_ID_ROLE:
            return str(c.id)
        if role == Qt.ItemDataRole.ToolTipRole and col == 4:
            return tooltip(c.description)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == 0:
            score = self._scores[index.row()]
            return c.number if score is None else f"{c.number} ({score:.0%})"
        if col == 1:
            return to_local(c.created_at).strftime("%Y-%m-%d")
        if col == 2:
            return term("state", c.state)
        if col == 3:
            return self.names.categories.get(c.category_code or "", c.category_code or "")
        if col == 4:
            return c.description.replace("\n", " ")[:80]
        return None

