"""The Chinese catalogue is complete and the window speaks it when asked."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from ui.terms import terms
from ui.translations import I18N, choose_language, install_translators


@pytest.mark.parametrize("catalogue", ["console", "department"])
def test_console_catalogue_is_complete_and_compiled(catalogue):
    ts = I18N / f"{catalogue}_zh_CN.ts"
    root = ET.parse(ts).getroot()
    messages = list(root.iter("message"))
    assert len(messages) > (200 if catalogue == "console" else 30)
    def unfinished_message(m) -> bool:
        translation = m.find("translation")
        return translation.get("type") == "unfinished" or not (translation.text or "").strip()
    unfinished = [m.find("source").text for m in messages if unfinished_message(m)]
    assert unfinished == []
    qm = ts.with_suffix(".qm")
    assert qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime - 1


def test_window_in_chinese(qtbot, filled):
    app = QApplication.instance()
    installed = install_translators(app, "zh_CN")
    try:
        from ui.app import build_main_window
        win = build_main_window(filled, filled.actor("op01"))
        qtbot.addWidget(win)
        win.show()
        win.start()
        assert win.windowTitle() == "12345 热线坐席工作台"
        assert win.sync_label.text().startswith("仅本地")
        assert win.queue.tabs.tabText(win.queue.tabs.currentIndex()).startswith("全部在办")
        assert win.form.save_button.text() == "保存 (Ctrl+S)"
        assert "坐席" in win.operator_label.text()
        win.close()
    finally:
        for t in installed:
            app.removeTranslator(t)
        terms.cache_clear()


def test_department_window_in_chinese(qtbot, filled):
    from console.dto import Actor
    app = QApplication.instance()
    installed = install_translators(app, "zh_CN")
    try:
        from ui.app import build_main_window
        win = build_main_window(filled, Actor("jn", "liaison", "金牛区联络员", department="GOV-JN"))
        qtbot.addWidget(win)
        win.show()
        win.start()
        assert win.windowTitle() == "12345 热线 · 金牛区人民政府"
        assert win.inbox.tabs.tabText(0).startswith("待签收")
        assert "承办单位联络员" in win.operator_label.text()
        win.close()
    finally:
        for t in installed:
            app.removeTranslator(t)
        terms.cache_clear()


def test_language_choice():
    assert choose_language("en") == "en"
    assert choose_language("zh_CN") == "zh_CN"
    assert choose_language(None) in ("en", "zh_CN")
    assert Path(I18N).is_dir()


def test_every_module_that_translates_is_in_a_catalogue():
    """A widget module with tr() calls left out of every lupdate list would show English in the
    Chinese window (CONTRIBUTING.md lists which sources feed which catalogue)."""
    import re
    root = Path(I18N).parents[1]
    listed = set()
    for ts in Path(I18N).glob("*_zh_CN.ts"):
        listed |= {(Path(I18N) / name).resolve() for name in re.findall(r'filename="([^"]+)"', ts.read_text("utf-8"))}
    translating = {p.resolve() for p in (root / "ui").rglob("*.py")
                   if re.search(r"self\.tr\(|\btranslate\(", p.read_text("utf-8"))}
    assert sorted(str(p.relative_to(root)) for p in translating - listed) == []
