"""The form's channel (from the station kind) and confidential flag, the questions before
throwing a call away or quitting, and the notice on a restored draft."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from console.station_kind import set_station_kind
from models import Case

from .keys import type_text


def _answer_next_question(button, seen: list):
    """Press `button` in the question box the next key opens (run before the key)."""
    def press():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press)
            return
        seen.append((box.objectName(), box.text()))
        if button is None:  # Enter: the default button
            QTest.keyClick(box, Qt.Key.Key_Return)
        else:
            box.button(button).click()
    QTimer.singleShot(0, press)


def _reactivate(qtbot, window):
    """The offscreen platform leaves no window active after a modal box closes (a desktop does)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _window(qtbot, profile):
    from ui.app import build_main_window
    win = build_main_window(profile, profile.actor("op01"))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.start()
    return win


def test_channel_defaults_from_the_station_and_confidential_is_saved(qtbot, filled):
    seat = _window(qtbot, filled)
    assert seat.form.channel.currentData() == "phone" and seat.form.channel.objectName() == "intakeChannel"
    seat.close()
    set_station_kind(filled.db, "service_hall")
    hall = _window(qtbot, filled)
    form = hall.form
    hall.new_call("13800138000")
    assert form.channel.currentData() == "walk_in"
    form.type_combo.setCurrentIndex(form.type_combo.findData("consultation"))
    form.category.set_code("0101")
    type_text(form.description, "来大厅咨询社保卡补办")
    form.findChild(type(form.confidential), "intakeConfidential").setChecked(True)
    saved = form.save()
    with filled.db.session() as s:
        case = s.scalar(select(Case).where(Case.number == saved.number))
        assert case.channel == "walk_in" and case.confidential is True
    assert form.channel.currentData() == "walk_in" and not form.confidential.isChecked()  # back to the defaults
    hall.close()


def test_discard_asks_and_enter_keeps_the_call(qtbot, window):
    form = window.form
    window.new_call("13800138000")
    type_text(form.description, "路灯不亮三天了")
    form.save_draft()
    seen = []
    _answer_next_question(None, seen)
    QTest.keyClick(form.description, Qt.Key.Key_Backspace,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert seen and seen[0][0] == "discardQuestion"
    assert form.description.toPlainText() == "路灯不亮三天了"  # Enter is Cancel: nothing lost
    _reactivate(qtbot, window)
    _answer_next_question(QMessageBox.StandardButton.Discard, seen)
    QTest.keyClick(form.description, Qt.Key.Key_Backspace,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(seen) == 2, seen
    assert form.description.toPlainText() == "" and window.services.drafts.latest("op01") is None
    assert window.call_bar.entries == []  # the thrown-away call left the bar
    window.new_call("13800138000")
    type_text(form.description, "另一通")
    _reactivate(qtbot, window)
    _answer_next_question(None, seen)
    form.discard_button.click()  # the button asks too
    assert len(seen) == 3 and form.description.toPlainText() == "另一通"


def test_quit_asks_while_a_call_is_unsaved(qtbot, window):
    window.new_call("13800138000")
    type_text(window.form.description, "小区噪音扰民")
    seen = []
    _answer_next_question(QMessageBox.StandardButton.Cancel, seen)
    QTest.keyClick(window.form.description, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert seen and seen[0][0] == "quitQuestion" and "1" in seen[0][1]
    assert window.isVisible()
    _reactivate(qtbot, window)
    _answer_next_question(QMessageBox.StandardButton.Yes, seen)
    QTest.keyClick(window.form.description, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    assert window.services.drafts.latest("op01").data["description"] == "小区噪音扰民"  # kept as a draft


def test_a_restored_draft_says_so(qtbot, window, filled):
    window.new_call("13800138000")
    type_text(window.form.description, "电梯困人已解决但要投诉物业")
    assert not window.form.restored_notice.isVisibleTo(window.form)
    window.close()
    again = _window(qtbot, filled)
    notice = again.form.restored_notice
    assert notice.isVisibleTo(again.form) and "Restored" in notice.text()
    assert again.form.description.toPlainText() == "电梯困人已解决但要投诉物业"
    again.form.discard(ask=False)
    assert not notice.isVisibleTo(again.form)
    again.close()
