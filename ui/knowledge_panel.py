"""The knowledge panel: search as you type, suggestions while the caller
talks, one key to insert an article's answer into the reply.

Searches run off the GUI thread (ui.tasks.LatestTask); a debounce timer waits
for a pause in typing, and every new request supersedes the older ones, so only
the newest request's results are ever shown.
`python -m ui.knowledge_panel` opens the panel alone on a temporary profile.
"""
from __future__ import annotations

import html
import re
import time
from collections import OrderedDict

from PySide6.QtCore import QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from .tasks import LatestTask

DEBOUNCE_MS = 250
INSERT_KEYS = "F8"
RESULTS = 8
_MARK = re.compile(r"\*\*(.+?)\*\*")


def marked_html(snippet: str) -> str:
    """A snippet's ** ** marks as highlighted HTML (the rest escaped)."""
    out, pos = [], 0
    for m in _MARK.finditer(snippet):
        out.append(html.escape(snippet[pos:m.start()]))
        out.append(f'<span style="background:#ffe08a;font-weight:600">{html.escape(m.group(1))}</span>')
        pos = m.end()
    out.append(html.escape(snippet[pos:]))
    return "".join(out)


HTML_ROLE = Qt.ItemDataRole.UserRole + 1


class RichTextDelegate(QStyledItemDelegate):
    """Paints an item's HTML (title, department, highlighted snippet) with a
    QTextDocument: one cheap document per painted row, instead of a QLabel
    widget per row, which cost milliseconds each to create and lay out."""

    def __init__(self, parent=None):
        super().__init__(parent)
        # Laid-out documents by (html, width): sizeHint lays a row out once and
        # paint reuses it (CJK text layout is the expensive part).
        self._docs: OrderedDict[tuple[str, int], QTextDocument] = OrderedDict()

    def _document(self, html_text: str, width: int, font) -> QTextDocument:
        key = (html_text, width)
        doc = self._docs.get(key)
        if doc is None:
            doc = QTextDocument()
            doc.setDefaultFont(font)
            doc.setDocumentMargin(4)
            doc.setHtml(html_text)
            doc.setTextWidth(width)
            self._docs[key] = doc
            if len(self._docs) > 64:
                self._docs.popitem(last=False)
        else:
            self._docs.move_to_end(key)
        return doc

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        html_text = index.data(HTML_ROLE) or ""
        opt.text = ""  # the style draws background and selection; the document draws the text
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(html_text, self._width(opt), opt.font)
        painter.save()
        painter.translate(opt.rect.topLeft())
        painter.setClipRect(0, 0, opt.rect.width(), opt.rect.height())
        doc.drawContents(painter)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        width = self._width(option)
        doc = self._document(index.data(HTML_ROLE) or "", width, option.font)
        return QSize(width, int(doc.size().height()) + 2)

    @staticmethod
    def _width(option) -> int:
        view = option.widget
        return max((view.viewport().width() if view else option.rect.width()) - 2, 120)


class KnowledgePanel(QWidget):
    """Search box, ranked results with highlighted snippets, the chosen
    article's answer, and the departments whose responsibility list matches."""

    article_chosen = Signal(object)  # the Hit whose answer goes into the reply
    results_shown = Signal(str, int)  # query, number of results (after each finished search)

    def __init__(self, service, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("knowledgePanel")
        self.service = service
        self.searches = LatestTask("knowledge search", self)
        self._description = ""
        self._names: dict[str, str] | None = None
        self.district: str | None = None  # the case's district: units of other districts are not named
        self.last_search_ms = 0.0
        self._setup_ui()
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.searches.finished.connect(self._on_searches_finished)
        self.searches.failed.connect(self._on_searches_failed)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.results.currentItemChanged.connect(self._on_results_current_changed)
        self.results.itemActivated.connect(lambda _item: self.insert_current())
        self.insert_button.clicked.connect(self.insert_current)

    # public -------------------------------------------------------------
    @Slot(str)
    def suggest_for(self, text: str) -> None:
        """The case description changed: suggest articles for it (unless the
        operator is searching by hand: the search box wins while it has text)."""
        self._description = text or ""
        if not self.search.text().strip():
            self._timer.start()

    def set_district(self, code: str | None) -> None:
        """The case's district changed: the responsible units are searched again within it."""
        if (code or None) != self.district:
            self.district = code or None
            if self.query():
                self._timer.start()

    def query(self) -> str:
        """What the panel searches for: the search box, else the description."""
        return self.search.text().strip() or self._description.strip()

    def current_hit(self):
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    @Slot()
    def insert_current(self) -> None:
        """Emit article_chosen with the selected (or else the best) article."""
        hit = self.current_hit()
        if hit is None and self.results.count():
            hit = self.results.item(0).data(Qt.ItemDataRole.UserRole)
        if hit is not None:
            self.article_chosen.emit(hit)

    def search_now(self) -> None:
        """Skip the debounce (Enter in the search box)."""
        self._timer.stop()
        self._on_timer_timeout()

    # ui -------------------------------------------------------------------
    def _setup_ui(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        self.title = QLabel(self.tr("Knowledge base"), self, objectName="knowledgeTitle")
        self.title.setStyleSheet("font-weight:600")
        self.search = QLineEdit(self, objectName="knowledgeSearch")
        self.search.setAccessibleName(self.tr("Search the knowledge base"))
        self.search.setPlaceholderText(self.tr("Search articles, or type the description in the form"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.search_now)
        self.status = QLabel(self, objectName="knowledgeStatus")
        self.status.setAccessibleName(self.tr("Search status"))
        self.status.setStyleSheet("color:#666")
        self.results = QListWidget(self, objectName="knowledgeResults")
        self.results.setAccessibleName(self.tr("Matching articles"))
        self.results.setAlternatingRowColors(True)
        self.results.setWordWrap(True)
        self.results.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A steady viewport width, so the wrapped snippets' heights stay right.
        self.results.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.results.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.results.setItemDelegate(RichTextDelegate(self.results))
        self.results.setUniformItemSizes(False)
        # A light selection: the rows are rich-text labels in their own colours.
        self.results.setStyleSheet("QListWidget::item:selected { background: #cfe2ff; }"
                                   "QListWidget::item:selected:!active { background: #e3ecf9; }")
        self.preview = QTextBrowser(self, objectName="knowledgePreview")
        self.preview.setAccessibleName(self.tr("Answer of the selected article"))
        self.preview.setOpenLinks(False)
        self.duties = QLabel(self, objectName="knowledgeDuties")
        self.duties.setAccessibleName(self.tr("Departments responsible"))
        self.duties.setWordWrap(True)
        self.duties.setTextFormat(Qt.TextFormat.RichText)
        self.insert_action = QAction(self.tr("Insert answer"), self, objectName="knowledgeInsertAction")
        self.insert_action.setShortcut(QKeySequence(INSERT_KEYS))
        self.insert_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)  # works while typing in the form
        self.insert_action.triggered.connect(self.insert_current)
        self.addAction(self.insert_action)
        keys = QKeySequence(INSERT_KEYS).toString(QKeySequence.SequenceFormat.NativeText)
        self.insert_button = QPushButton(self.tr("Insert answer (%1)").replace("%1", keys), self,
                                         objectName="knowledgeInsert")
        self.insert_button.setAccessibleName(self.tr("Insert the article's answer into the reply"))
        self.insert_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.insert_button)
        lay.addWidget(self.title)
        lay.addWidget(self.search)
        lay.addWidget(self.results, 3)
        lay.addLayout(row)
        lay.addWidget(self.preview, 2)
        lay.addWidget(self.duties)

    def keyPressEvent(self, event) -> None:  # Down from the search box goes to the results
        if event.key() == Qt.Key.Key_Down and self.search.hasFocus() and self.results.count():
            self.results.setFocus()
            self.results.setCurrentRow(0)
            return
        super().keyPressEvent(event)

    # searching ------------------------------------------------------------
    def _on_search_text_changed(self, _text: str) -> None:
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        query = self.query()
        if not query:
            self.searches.cancel()  # an older search still running must not fill the emptied list
            self._show([], [], query, 0.0)
            return
        service = self.service
        district = self.district

        def search() -> tuple:  # off the GUI thread: the service opens its own connection per call
            started = time.perf_counter()
            hits = service.search(query, RESULTS)
            duties = service.search_responsibilities(query, 2, district, jurisdiction=True)
            return query, hits, duties, time.perf_counter() - started
        self.searches.run(search)

    def _on_searches_finished(self, result: tuple) -> None:
        query, hits, duties, seconds = result
        self.last_search_ms = seconds * 1000
        self._show(hits, duties, query, seconds)

    def _on_searches_failed(self, message: str) -> None:
        self.status.setText(self.tr("Search failed: %1").replace("%1", message))
        self.results.clear()

    def _show(self, hits, duties, query: str, seconds: float) -> None:
        self.results.clear()
        for hit in hits:
            self._add_item(hit)
        if hits:
            self.results.setCurrentRow(0)
            self.status.setText(self.tr("%n article(s)", "", len(hits)))
        else:
            self.preview.clear()
            # search leaves out weak hits: say so plainly rather than show an empty list
            self.status.setText(self.tr("No article answers this well: check the responsible departments "
                                        "below, or dispatch") if query else "")
        self.insert_button.setEnabled(bool(hits))
        self.duties.setText(self._duties_html(duties))
        self.results_shown.emit(query, len(hits))

    def _add_item(self, hit) -> None:
        item = QListWidgetItem(self.results)
        item.setData(Qt.ItemDataRole.UserRole, hit)
        expired = self.tr("Expired")
        badge = (f' <span style="color:#fff;background:#9a3b3b">&nbsp;{html.escape(expired)}&nbsp;</span>'
                 if hit.expired else "")
        dept = html.escape(self._department_name(hit.department_code))
        color = "#6b6b6b" if hit.expired else "#000"
        item.setData(HTML_ROLE, f'<div style="color:{color}"><b>{html.escape(hit.title)}</b>{badge}'
                                f'<br/><span style="color:#555">{dept}</span><br/>{marked_html(hit.snippet)}</div>')
        # what screen readers and keyboard search see (the delegate paints the HTML instead)
        item.setText(hit.title + (f" ({expired})" if hit.expired else ""))
        item.setData(Qt.ItemDataRole.AccessibleTextRole, item.text())

    def _on_results_current_changed(self, current, _previous) -> None:
        hit = current.data(Qt.ItemDataRole.UserRole) if current else None
        if hit is None:
            self.preview.clear()
            return
        parts = [f"<p><b>{html.escape(hit.title)}</b></p>"]
        if hit.expired:
            until = hit.expiry_date.isoformat() if hit.expiry_date else ""
            warning = self.tr("Expired on %1: check before quoting it").replace("%1", until)
            parts.append(f'<p style="color:#9a3b3b">{html.escape(warning)}</p>')
        parts.append(f"<p>{html.escape(hit.answer)}</p>")
        self.preview.setHtml("".join(parts))

    def _duties_html(self, duties) -> str:
        if not duties:
            return ""
        heading = self.tr("Responsible departments")
        lines = [f"<b>{html.escape(heading)}</b>"]
        for d in duties:
            lines.append(f"{html.escape(d.department_name)}：{marked_html(d.snippet)}")
        return "<br/>".join(lines)

    def _department_name(self, code: str | None) -> str:
        if not code:
            return ""
        if self._names is None:
            self._names = self.service.department_names()
        return self._names.get(code, code)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.results.doItemsLayout()  # heights depend on the width the snippets wrap to


def main() -> int:
    """Open the panel alone on a temporary profile with the shipped articles
    (`--lang zh_CN` for the Chinese interface; other arguments: a first query)."""
    import argparse
    import sys
    import tempfile

    from PySide6.QtWidgets import QApplication

    from console.knowledge import KnowledgeService
    from console.profile import open_profile

    ap = argparse.ArgumentParser(prog="python -m ui.knowledge_panel")
    ap.add_argument("--lang", default="zh_CN", choices=["en", "zh_CN"])
    ap.add_argument("query", nargs="*")
    args = ap.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from ui.translations import install_translators
    translators = install_translators(app, args.lang)  # noqa: F841  (kept alive with the app)
    profile = open_profile(tempfile.mkdtemp(prefix="kb-panel-"))
    panel = KnowledgePanel(KnowledgeService(profile.db))
    panel.article_chosen.connect(lambda hit: print(f"inserted {hit.id}: {hit.answer}", flush=True))
    panel.resize(420, 760)
    panel.setWindowTitle(panel.tr("Knowledge base"))
    panel.show()
    if args.query:
        panel.search.setText(" ".join(args.query))
    code = app.exec()
    profile.close()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
