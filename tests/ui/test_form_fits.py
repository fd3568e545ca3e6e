"""At 1366x768, in English and in Chinese, with other calls in the call bar, likely
duplicates and the dispatch fields showing: every visible label, field and button of the
call form is inside the visible part of the form and at least as large as its size hint
(a label's or button's whole text, a field's minimum)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)

from console.cti import CallEvent
from console.intake import CallRecord
from ui.app import install_translators
from ui.terms import terms

from .keys import type_text

MEASURED = (QLabel, QLineEdit, QComboBox, QAbstractButton, QPlainTextEdit, QAbstractItemView)


def clipped(form) -> list[str]:
    """What does not fit: (objectName or text, why) for each visible widget measured."""
    scroll = form.findChild(QScrollArea)
    viewport = scroll.viewport()
    shown = QRect(0, 0, viewport.width(), viewport.height())
    problems = []
    for w in scroll.widget().findChildren(QWidget):
        if not isinstance(w, MEASURED) or not w.isVisible() or w.parentWidget() is None:
            continue
        if isinstance(w.parentWidget(), (QAbstractItemView, QComboBox)):
            continue  # a view's own parts (header, editors) and a combo's line edit
        name = w.objectName() or (w.text() if hasattr(w, "text") else type(w).__name__)
        top_left = w.mapTo(viewport, w.rect().topLeft())
        if not shown.contains(QRect(top_left, w.size())):
            problems.append(f"{name}: outside the visible form at {top_left.x()},{top_left.y()} "
                            f"{w.width()}x{w.height()}")
        # what a layout gives at least: an explicit minimum size where one is set, else the hint
        hint, explicit = w.minimumSizeHint(), w.minimumSize()
        need = QSize(explicit.width() or hint.width(), explicit.height() or hint.height())
        wraps = isinstance(w, QLabel) and w.wordWrap()
        if isinstance(w, (QAbstractButton, QLabel)) and not wraps:
            need = need.expandedTo(w.sizeHint())  # the whole text
        if wraps:
            need.setHeight(w.heightForWidth(w.width()))
        if w.width() < need.width() or w.height() < need.height():
            problems.append(f"{name}: {w.width()}x{w.height()} smaller than {need.width()}x{need.height()}")
    return problems


def _busy_window(qtbot, filled, operator):
    from ui.app import build_main_window
    for phone in ("13912345678", "13912345678", "02886001234"):
        filled.intake.log_call(CallRecord(caller_phone=phone, caller_name="王先生", type="complaint",
                                          category_code="0204", district="JJ", address="东大街88号锦华苑",
                                          description="锦华苑小区夜间施工噪音扰民"), operator)
    win = build_main_window(filled, filled.actor("op01"))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.start()
    win.on_call_event(CallEvent("newCall", "A", "13912345678"))
    win.on_call_event(CallEvent("answer", "A", "13912345678"))
    form = win.form
    form.type_combo.setCurrentIndex(form.type_combo.findData("complaint"))
    form.category.set_code("0204")
    form._on_category_chosen("0204")
    form.district.setCurrentIndex(form.district.findData("JJ"))
    form.address.setText("东大街88号锦华苑")
    type_text(form.description, "锦华苑小区夜间施工噪音扰民")
    form.disposition.setCurrentIndex(form.disposition.findData("dispatch"))
    for n, phone in enumerate(("13800138000", "02886001234", "13700001111")):
        win.on_call_event(CallEvent("newCall", f"other-{n}", phone))
    form.dispatch_preview()
    qtbot.waitUntil(lambda: form.dup_box.isVisibleTo(form))  # likely duplicates found
    assert len(win.call_bar.others()) == 3 and form.confirm_label.isVisibleTo(form)
    QApplication.processEvents()
    return win


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_form_fits_at_1366x768_with_other_calls(qtbot, filled, operator, lang):
    app = QApplication.instance()
    installed = install_translators(app, lang)
    terms.cache_clear()
    try:
        win = _busy_window(qtbot, filled, operator)
        assert clipped(win.form) == []
        win.close()
    finally:
        for t in installed:
            app.removeTranslator(t)
        terms.cache_clear()
