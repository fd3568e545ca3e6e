"""Start the window: QApplication, translators, the profile, one qasync event loop.

`build_main_window(profile, actor)` builds the whole window without starting
a loop (tests and other tools use it); `run(args)` is what `python main.py`
calls.
"""
from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Callable

from PySide6.QtWidgets import QApplication

from console.dto import Actor
from console.profile import Profile, open_profile

from .translations import choose_language, install_translators

log = logging.getLogger(__name__)

CTI_PORT_ENV = "HOTLINE_CTI_PORT"  # a port number, or "off"
PASSWORD_ENV = "HOTLINE_PASSWORD"  # automation only: the --operator's password, read once and removed


def sign_in_attempt(profile: Profile):
    """(login, password) -> console.signin.SignIn for this profile: the central server
    decides when one is configured and reachable, the cached verifier otherwise."""
    from console.signin import sign_in
    from sync.endpoint import remembered_options
    from sync.signin_check import central_check
    from sync.store import LocalSyncStore

    from .sync_panel import central_url_for
    url = central_url_for(profile)
    check = central_check(url, **remembered_options(LocalSyncStore(profile.db), url)) if url else None
    return lambda login, password: sign_in(profile, login, password, check)


def build_main_window(profile: Profile, actor: Actor, knowledge: bool = True, attempt=None):
    """The operator's window over `profile`, acting as `actor` (no event loop started).

    The window locks itself (ui/lock.py); `attempt` checks the unlocking password
    (default: `sign_in_attempt(profile)`).
    """
    from .bridge import core_signals_bridge
    from .services import build_services
    services = build_services(profile, actor)
    if actor.role == "liaison":  # the account decides: a department's liaison gets the unit's inbox
        from .department.window import DepartmentWindow
        window = DepartmentWindow(services, core_signals_bridge())
    else:
        from .main_window import MainWindow
        window = MainWindow(services, core_signals_bridge(), services.knowledge if knowledge else None)
        from .dashboard.page import attach_dashboard
        attach_dashboard(window, services)
    from .lock import attach_lock
    attach_lock(window, attempt or sign_in_attempt(profile))
    from .error_banner import attach_error_banner
    attach_error_banner(window)  # uncaught exceptions (logged by the program's hooks) show here
    return window


def sign_in_seat(app: QApplication, profile: Profile, login: str | None, attempt):
    """Who sits at this seat: the sign-in dialog, or $HOTLINE_PASSWORD with --operator
    for automation. None when the person quit or the password was refused."""
    password = os.environ.pop(PASSWORD_ENV, None)
    if password is not None:
        from console.signin import SignInError
        if not login:
            print(f"error: {PASSWORD_ENV} needs --operator LOGIN", file=sys.stderr)
            return None
        try:
            return attempt(login, password)
        except SignInError as exc:
            print(f"error: not signed in: {exc}", file=sys.stderr)
            return None
    from console.signin import is_demo

    from .sign_in import SignInDialog
    dialog = SignInDialog(attempt, login or "", demo=is_demo(profile.db))
    dialog.exec()
    return dialog.result_sign_in


def _cti_port(default: int) -> int | None:
    value = os.environ.get(CTI_PORT_ENV, "").strip().lower()
    if value == "off":
        return None
    if value.isdigit():
        return int(value)
    return default


def _start_sync(window, profile, actor):
    """The sync client on this loop when a central server is configured (ui/sync_panel.py)."""
    from .sync_panel import SyncController, central_url_for
    url = central_url_for(profile)
    controller = SyncController(window, profile, actor, url)
    if controller.client is not None and hasattr(window, "detail"):  # Open downloads what is not here yet
        window.detail.attachments.downloader = controller.download_attachment
    if url:
        window.set_sync_configured(True)
    controller.start()
    return controller


def display_problem(environ, platform: str) -> str:
    """Why a window can't open here (no display on Linux), or "" when it can.

    Qt itself would abort with a core dump; a person deserves a sentence.
    """
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return ""
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return ""
    return ("no display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset). Start it from a "
            "desktop session, under Xvfb (xvfb-run python dev.py run), or with QT_QPA_PLATFORM=offscreen "
            "for an invisible window; the command-line tools work without one (python main.py --help).")


def run(args, after_start: Callable | None = None) -> int:
    """The program: window, caller-ID listener, one qasync loop; closes everything on quit."""
    import qasync

    from console.cti import CtiListener
    from console.password_hash import check_setting

    from .cti_adapter import CtiAdapter
    from .seat import Seat
    problem = display_problem(os.environ, sys.platform)
    try:
        check_setting()
    except ValueError as exc:
        problem = str(exc)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("hotline-console")
    lang = choose_language(getattr(args, "lang", None))
    install_translators(app, lang)
    from PySide6.QtGui import QFontDatabase
    if lang.startswith("zh") and not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        print("warning: no Chinese font is installed, so Chinese text shows as boxes; on Debian or Ubuntu: "
              "apt-get install fonts-noto-cjk", file=sys.stderr)
    profile = open_profile(args.data_dir)
    app.setQuitOnLastWindowClosed(False)  # the sign-in dialog closing is not the program's end
    attempt = sign_in_attempt(profile)
    # --operator only fills in the login name: the password decides who signs in
    signed = sign_in_seat(app, profile, getattr(args, "operator", None), attempt)
    if signed is None:
        profile.close()
        return 2
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)

    def opened(win, done) -> None:
        if not done.online:
            win.statusBar().showMessage(app.translate("App", "Signed in offline: the password was checked on "
                                                          "this computer."), 8000)

    seat = Seat(profile, attempt, build_main_window, _start_sync, opened)
    window = seat.open(signed)
    calls = window.settings.cti_enabled and not getattr(window, "department_mode", False)
    port = _cti_port(window.settings.cti_port) if calls else None
    closed = asyncio.Event()
    # Every QApplication.exec() return emits aboutToQuit, and qasync runs exec() once per
    # run_until_complete: so the program is one coroutine, ended by the window closing.
    app.setQuitOnLastWindowClosed(False)
    app.lastWindowClosed.connect(closed.set)

    async def program() -> None:
        listener = None
        if port is not None:
            adapter = CtiAdapter()  # no parent: it outlives a window replaced at the lock screen
            adapter.call_event.connect(lambda event: seat.window.on_call_event(event))
            listener = CtiListener(adapter.deliver, port=port)
            try:
                await listener.start()
                window.statusBar().showMessage(
                    app.translate("App", "Caller-ID listener on port {0}").format(listener.port), 5000)
            except OSError as exc:
                listener = None
                window.statusBar().showMessage(
                    app.translate("App", "Caller-ID listener not started: {0}").format(exc.strerror))
        if after_start is not None:
            after_start(window, listener)
        try:
            await closed.wait()
        finally:
            if listener is not None:
                await listener.stop()
            await seat.close()

    with loop:
        loop.run_until_complete(program())
    seat.window.bridge.close()
    profile.close()
    return 0
