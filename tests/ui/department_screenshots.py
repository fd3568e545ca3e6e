"""Screenshots of the department mode in docs/screenshots/ (1366x768), and the seat and the
department side by side for the user guide's walk through the loop:
`QT_QPA_PLATFORM=offscreen python -m tests.ui.department_screenshots [en|zh_CN ...]`."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication, QWidget

from .screenshots import SHOTS, _save, _settle

UNIT = "GOV-JN"
CALLS = [  # (caller, phone, type, category, address, description, what the unit has done)
    ("李女士", "13912345678", "complaint", "0203", "西安中路8号", "小区门口路灯不亮一周了，晚上出行不安全", []),
    ("王先生", "13800001111", "complaint", "0201", "金府路66号", "金府路工地夜间打桩，晚上十一点后仍在施工", []),
    ("赵先生", "13700002222", "help", "0203", "营门口路120号", "人行道井盖松动，老人小孩经过容易绊倒",
     [("accept", "", {})]),
    ("陈女士", "13600003333", "complaint", "0201", "蜀汉路9号", "楼下餐馆油烟直排，窗户不敢开",
     [("accept", "", {}), ("request_extension", "需联合市场监管部门现场检查", {"extra": "5wd"})]),
    ("刘先生", "13500004444", "consultation", "0203", "沙湾路3号", "小区内道路归属不清，破损无人维修",
     [("return", "该道路属小区物业管理区域，不属于区政府职责", {"suggested_unit": "HOUSING"})]),
]


def _cases(profile):
    from console.dto import Actor
    from console.intake import CallRecord
    op = profile.actor("op01")
    liaison = Actor("jn", "liaison", "金牛区人民政府联络员", department=UNIT)
    numbers = []
    for name, phone, kind, cat, address, text, steps in CALLS:
        saved = profile.intake.log_call(CallRecord(caller_phone=phone, caller_name=name, type=kind, category_code=cat,
                                                   district="JN", address=address, description=text), op)
        profile.cases.act(saved.number, "dispatch", op, "", {"lead_department": UNIT,
                                                            "assist_departments": ["URBAN"]})
        for action, reason, payload in steps:
            profile.cases.act(saved.number, action, liaison, reason, payload)
        numbers.append(saved.number)
    return liaison, numbers


def shoot(lang: str) -> list[Path]:
    from ui.app import build_main_window, install_translators
    from ui.demo_profile import demo_window_profile
    app = QApplication.instance() or QApplication(sys.argv[:1])
    installed = install_translators(app, lang)
    profile, _actor, tmp = demo_window_profile(cases=300, seed=11)
    out = []
    try:
        liaison, numbers = _cases(profile)
        win = build_main_window(profile, liaison, attempt=lambda _l, _p: None)
        win.resize(1366, 768)
        win.show()
        win.start()
        _settle(app)
        win.inbox.table.setCurrentIndex(win.inbox.model.index(0, 0))
        win.inbox.table.setFocus()
        _settle(app)
        out.append(_save(win, f"department_inbox_{lang}.png"))
        win.inbox.show_tab("in_progress")
        win.inbox.table.setCurrentIndex(win.inbox.model.index(0, 0))
        _settle(app)
        win.pick("reply")
        win.detail.result.insertPlainText("已安排施工单位更换井盖并加固，12月3日完成；已电话告知赵先生。"
                                          if lang.startswith("zh") else
                                          "The contractor replaced and fixed the manhole cover on 3 December; "
                                          "Mr Zhao was told by phone.")
        _settle(app)
        out.append(_save(win, f"department_reply_{lang}.png"))
        win.do_action()
        _settle(app)
        seat = build_main_window(profile, profile.actor("op01"), knowledge=False)
        seat.resize(1366, 768)
        seat.show()
        seat.start()
        seat.open_case(profile.cases.get(numbers[2]).case.id)
        _settle(app, 500)
        out.append(_side_by_side(seat, win, SHOTS / f"loop_side_by_side_{lang}.png"))
        page = seat.findChild(QWidget, "dashboardPage")
        if page is not None:  # no snapshot may still run when the profile goes away
            page.stop()
        for w in (seat, win):
            w.bridge.close()  # the core's signals must not reach a window of a closed profile
            w.close()
            w.deleteLater()
        _settle(app)
    finally:
        for t in installed:
            app.removeTranslator(t)
        profile.db.engine.dispose()
        tmp.cleanup()
    return out


def _side_by_side(left, right, path: Path) -> Path:
    """The two windows next to each other, each at half size (as on one wide screen)."""
    a, b = left.grab().toImage(), right.grab().toImage()
    scale = 0.5
    w, h = int(a.width() * scale), int(a.height() * scale)
    canvas = QImage(w * 2 + 8, h, QImage.Format.Format_RGB32)
    canvas.fill(Qt.GlobalColor.white)
    p = QPainter(canvas)
    p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    p.drawImage(QPoint(0, 0), a.scaled(w, h, Qt.AspectRatioMode.KeepAspectRatio,
                                       Qt.TransformationMode.SmoothTransformation))
    p.drawImage(QPoint(w + 8, 0), b.scaled(w, h, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation))
    p.end()
    if not canvas.save(str(path)):
        raise SystemExit(f"could not save {path}")
    return path


def main(argv: list[str]) -> int:
    for lang in argv or ["en", "zh_CN"]:
        for path in shoot(lang):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
