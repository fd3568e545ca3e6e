"""The interface language: which one, and its translators (installed before any widget is built)."""
from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from resources import resource_path

log = logging.getLogger(__name__)

I18N = resource_path("i18n")


def choose_language(requested: str | None) -> str:
    """`--lang` when given, else Chinese on a Chinese system, else English."""
    if requested:
        return requested
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def install_translators(app: QApplication, lang: str) -> list[QTranslator]:
    """Load every resources/i18n/*_<lang>.qm (and Qt's own strings) before any widget is built."""
    installed: list[QTranslator] = []
    if lang == "en":
        return installed
    files = sorted(I18N.glob(f"*_{lang}.qm"))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase",):
        t = QTranslator(app)
        if t.load(f"{name}_{lang}", qt_dir):
            app.installTranslator(t)
            installed.append(t)
    for path in files:
        t = QTranslator(app)
        if t.load(str(path)):
            app.installTranslator(t)
            installed.append(t)
        else:
            log.warning("could not load translation %s", path)
    from .terms import terms
    terms.cache_clear()
    return installed
