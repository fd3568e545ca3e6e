"""Start the window: QApplication, translators, one qasync event loop."""
from __future__ import annotations

import asyncio
import sys

from console.profile import open_profile


def run(args) -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
    import qasync

    app = QApplication.instance() or QApplication(sys.argv[:1])
    profile = open_profile(args.data_dir)
    win = QMainWindow()
    counts = profile.cases.state_counts()
    win.setWindowTitle("12345 Hotline Console")
    win.setCentralWidget(QLabel(f"{sum(counts.values())} cases"))
    win.resize(1366, 768)
    win.show()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    closed = asyncio.Event()
    app.aboutToQuit.connect(closed.set)
    with loop:
        loop.run_until_complete(closed.wait())
    profile.close()
    return 0
