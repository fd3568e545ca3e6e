"""A seat's sign-in checked by the real central server, then offline by the verifier it left."""
from __future__ import annotations

import socket

import httpx
import pytest
from sqlalchemy import select

from console.signin import NoVerifier, WrongPassword, sign_in
from models import Operator
from sync.server import auth
from sync.signin_check import central_check

from .conftest import copy_profile
from .helpers import PASSWORD


@pytest.fixture
def seat(tmp_path, profile_template):
    from console.profile import open_profile
    prof = open_profile(copy_profile(profile_template, tmp_path / "seat"))
    yield prof
    prof.close()


def _dead_url() -> str:
    with socket.socket() as s:  # a port nobody listens on: the server is "down"
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


def _operator(prof, login):
    with prof.db.session() as s:
        op = s.scalars(select(Operator).where(Operator.login == login)).first()
        return None if op is None else (op.role, op.department_code, op.password_verifier is not None)


def test_the_server_decides_role_and_department_and_the_seat_then_works_offline(central, seat):
    auth.create_account(central.db, "op02", PASSWORD, "team_lead", name="李娜")  # promoted on the server
    online = central_check(central.url)
    done = sign_in(seat, "op02", PASSWORD, online)
    assert done.online and (done.actor.login, done.actor.role, done.actor.name) == ("op02", "team_lead", "李娜")
    assert _operator(seat, "op02") == ("team_lead", None, True)
    # an account the profile never had is created from the server's answer
    liaison = sign_in(seat, "urban", PASSWORD, online).actor
    assert (liaison.role, liaison.department) == ("liaison", "URBAN")
    assert _operator(seat, "urban") == ("liaison", "URBAN", True)

    offline = central_check(_dead_url(), timeout=2.0)
    again = sign_in(seat, "op02", PASSWORD, offline)
    assert not again.online and again.actor.role == "team_lead"
    with pytest.raises(WrongPassword):
        sign_in(seat, "op02", PASSWORD + "x", offline)
    with pytest.raises(NoVerifier):  # lead01 never signed in online on this seat
        sign_in(seat, "lead01", PASSWORD, offline)


def test_the_server_refuses_a_wrong_password_even_when_a_verifier_exists(central, seat):
    online = central_check(central.url)
    later = iter(range(0, 10_000, 100)).__next__  # each attempt well after the seat's wait
    sign_in(seat, "lead01", PASSWORD, online)
    with pytest.raises(WrongPassword):
        sign_in(seat, "lead01", "not-the-password", online, clock=later)
    with pytest.raises(WrongPassword):
        sign_in(seat, "nobody-here", PASSWORD, online, clock=later)
    assert _operator(seat, "nobody-here") is None
    # disabled on the server: the next online attempt also closes the offline way in
    auth.create_account(central.db, "lead01", "a-new-password", "team_lead")
    with pytest.raises(WrongPassword):
        sign_in(seat, "lead01", PASSWORD, online, clock=later)
    with pytest.raises(NoVerifier):
        sign_in(seat, "lead01", PASSWORD, central_check(_dead_url(), timeout=2.0), clock=later)


def test_the_sign_in_dialog_asks_the_configured_central_server(qtbot, central, seat):
    from PySide6.QtCore import Qt

    from sync.store import LocalSyncStore
    from ui.app import sign_in_attempt
    from ui.sign_in import SignInDialog
    LocalSyncStore(seat.db).put(central_url=central.url)  # what `main.py sync --central URL` remembers
    dialog = SignInDialog(sign_in_attempt(seat), "lead01")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.form.password, "wrong-password")
    qtbot.keyClick(dialog.form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.form.message.text() == "Wrong login name or password.", timeout=10_000)
    qtbot.keyClicks(dialog.form.password, PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClick(dialog.form.password, Qt.Key.Key_Return)
    done = dialog.result_sign_in
    assert done.online and (done.actor.login, done.actor.role) == ("lead01", "team_lead")
    assert _operator(seat, "lead01") == ("team_lead", None, True)


def test_a_password_is_never_sent_over_plain_http_to_another_machine():
    """The seat's online check refuses plain http to a non-loopback server (as sync does):
    the server then counts as unreachable and the cached verifier decides."""
    import pytest as _pytest

    from console.signin import Unreachable
    from sync.signin_check import central_check

    sent = []

    class Recorder(httpx.BaseTransport):
        def handle_request(self, request):
            sent.append(request)
            return httpx.Response(200, json={})

    check = central_check("http://10.20.30.40:8345", transport=Recorder())
    with _pytest.raises(Unreachable, match="http"):
        check("op01", "secret-password")
    assert sent == []
