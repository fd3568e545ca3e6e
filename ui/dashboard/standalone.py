"""Run one of the team lead's assessment pages alone on a profile (`python -m ui.dashboard.X DATA_DIR`):
fast to look at, fast to fix; a click-through prints the filter it would open."""
from __future__ import annotations


def run_page(page_class) -> int:
    import sys

    from PySide6.QtWidgets import QApplication

    from console.profile import open_profile
    from ui.services import build_services
    from ui.translations import choose_language, install_translators

    app = QApplication(sys.argv)
    install_translators(app, choose_language(None))
    prof = open_profile(sys.argv[1] if len(sys.argv) > 1 else None)
    services = build_services(prof, prof.actor("lead01"))
    page = page_class(services, lambda f: print("open queue:", f))
    page.resize(1366, 700)
    page.show()
    code = app.exec()
    page.stop()
    prof.close()
    return code
