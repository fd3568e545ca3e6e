"""Category picker: a line edit whose popup searches Chinese names, full pinyin,
pinyin initials (`wy` finds 物业管理) and keywords as the operator types."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2


def match_rank(query: str, name: str, path: str, pinyin: str, initials: str, keywords: tuple[str, ...]) -> int | None:
    """Lower is better; None when the category does not match the query."""
    q = query.strip().lower().replace(" ", "")
    if not q:
        return 50
    if name == query.strip():
        return 0
    if initials.startswith(q):
        return 1
    if name.startswith(query.strip()):
        return 2
    if pinyin.startswith(q):
        return 3
    if q in name or q in path:
        return 4
    if q in initials or q in pinyin:
        return 6
    if any(q in k.lower() for k in keywords):
        return 7
    return None


class _RankedProxy(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.query = ""
        self.setDynamicSortFilter(False)

    def set_query(self, query: str) -> None:
        self.query = query
        self.invalidate()
        self.sort(0)

    def _rank(self, row: int) -> int | None:
        item = self.sourceModel().index(row, 0)
        name, path, pinyin, initials, keywords, level = item.data(KEY_ROLE)
        rank = match_rank(self.query, name, path, pinyin, initials, keywords)
        return None if rank is None else rank * 2 + (0 if level == 2 else 1)  # sub-categories first

    def filterAcceptsRow(self, row, parent) -> bool:
        return self._rank(row) is not None

    def lessThan(self, left, right) -> bool:
        return (self._rank(left.row()), left.row()) < (self._rank(right.row()), right.row())


class CategoryPicker(QLineEdit):
    category_chosen = Signal(str)  # code, "" when cleared

    def __init__(self, categories: list, parent=None):
        super().__init__(parent)
        self._code = ""
        self._paths: dict[str, str] = {}
        source = QStandardItemModel(self)
        for c in categories:
            item = QStandardItem(c.path)
            item.setData(c.code, CODE_ROLE)
            item.setData((c.name, c.path, c.pinyin, c.initials, tuple(c.keywords), 1 if c.parent_code is None else 2),
                         KEY_ROLE)
            source.appendRow(item)
            self._paths[c.code] = c.path
        self.proxy = _RankedProxy(self)
        self.proxy.setSourceModel(source)
        self.completer_ = QCompleter(self.proxy, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setMaxVisibleItems(10)
        self.completer_.setWidget(self)
        self.completer_.activated[QModelIndex].connect(self._on_activated)
        self.textEdited.connect(self._on_text_edited)
        self.returnPressed.connect(self.accept_first)
        self.editingFinished.connect(self.accept_first)

    def code(self) -> str:
        return self._code

    def set_code(self, code: str) -> None:
        self._code = code if code in self._paths else ""
        self.setText(self._paths.get(self._code, ""))
        self.category_chosen.emit(self._code)

    def matches(self) -> list[str]:
        return [self.proxy.index(i, 0).data(CODE_ROLE) for i in range(self.proxy.rowCount())]

    def accept_first(self) -> None:
        """Enter (or leaving the field) with text typed but nothing picked takes the best match."""
        if self._code or not self.text().strip():
            return
        found = self.matches()
        if found:
            self.completer_.popup().hide()
            self.set_code(found[0])

    def _on_text_edited(self, text: str) -> None:
        if self._code:
            self._code = ""
            self.category_chosen.emit("")
        self.proxy.set_query(text)
        if text.strip() and self.proxy.rowCount():
            self.completer_.complete()
        else:
            self.completer_.popup().hide()

    def _on_activated(self, index) -> None:
        self.set_code(index.data(CODE_ROLE))
