"""A non-modal banner at the top of the window when something failed unexpectedly.

The program's exception hooks (console.log_scrub.log_uncaught_exceptions: the main
thread's, another thread's, a Qt slot's) write the error to the `uncaught` logger;
`attach_error_banner(window)` listens there. The banner says that the console goes
on and where the log file is; the exception's own text is not shown (it may quote
a caller's data: the log has it, scrubbed). The operator dismisses it; work is
never blocked. Records from any thread reach the window through a queued signal.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolBar

from console.log_file import current_log_file

UNCAUGHT_LOGGER = "uncaught"  # console.log_scrub.log_uncaught_exceptions writes here


class _Relay(QObject):
    raised = Signal(str)  # the exception's type name


class BannerHandler(logging.Handler):
    """Hands each error record of the `uncaught` logger to the banner, from whatever thread."""

    def __init__(self, relay: _Relay):
        super().__init__(logging.ERROR)
        self.relay = relay

    def emit(self, record: logging.LogRecord) -> None:
        # only the type's name is shown: the exception's text may quote a caller
        if record.exc_info and record.exc_info[0] is not None:
            kind = record.exc_info[0].__name__
        else:  # scrubbed when made (console.log_scrub): the traceback is text, the last line "Type: ..."
            lines = (record.exc_text or "").strip().splitlines()
            kind = lines[-1].split(":", 1)[0].strip() if lines else ""
        self.relay.raised.emit(kind or "error")


class ErrorBanner(QFrame):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("errorBanner")
        self.setStyleSheet("#errorBanner { background:#fff3cd; border:1px solid #e0b84c; }"
                           "#errorBanner QLabel { color:#5c4400; }")
        self.count = 0
        self.message = QLabel(self, objectName="errorBannerText")
        self.message.setWordWrap(False)  # one line: wrapped, a toolbar gives a label a screenful of height
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss = QPushButton(self.tr("Dismiss"), self, objectName="errorBannerDismiss")
        self.dismiss.setAccessibleName(self.tr("Dismiss the error notice"))
        self.message.setAccessibleName(self.tr("Error notice"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.dismiss)

    def show_error(self, kind: str) -> None:
        self.count += 1
        log_file = current_log_file()
        where = (self.tr("The details are in the log file {0}.").format(log_file) if log_file
                 else self.tr("The details were written to the log."))
        lead = (self.tr("An unexpected error happened ({0}). The console goes on; what you saved is kept.")
                .format(kind) if self.count == 1 else
                self.tr("{0} unexpected errors happened (the last: {1}). The console goes on; what you saved "
                        "is kept.").format(self.count, kind))
        self.message.setText(f"{lead} {where}")
        self.message.setToolTip(self.message.text())


def attach_error_banner(window) -> ErrorBanner:
    """A hidden banner at the top of `window`, shown by each uncaught exception until dismissed."""
    bar = QToolBar(window, objectName="errorBannerBar")
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.toggleViewAction().setVisible(False)
    banner = ErrorBanner(bar)
    bar.addWidget(banner)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    bar.hide()
    relay = _Relay(banner)

    def raised(kind: str) -> None:
        banner.show_error(kind)
        bar.show()

    def dismissed() -> None:
        banner.count = 0
        bar.hide()

    relay.raised.connect(raised)
    banner.dismiss.clicked.connect(dismissed)
    handler = BannerHandler(relay)
    logger = logging.getLogger(UNCAUGHT_LOGGER)
    logger.addHandler(handler)
    banner.destroyed.connect(lambda *_: logger.removeHandler(handler))
    window.error_banner = banner
    return banner
