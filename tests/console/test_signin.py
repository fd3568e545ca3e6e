"""A seat signs in with a password: the cached verifier offline, the growing wait, the demo profile.

The online half (the real central server deciding) is in tests/sync/test_signin.py.
"""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from console.signin import (
    DEMO_PASSWORD,
    EmptyCredentials,
    NoVerifier,
    TooSoon,
    Unreachable,
    WrongPassword,
    install_demo_verifiers,
    is_demo,
    seconds_to_wait,
    sign_in,
    wait_after,
)
from models import AuditEntry, Operator, SyncState


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def _unreachable(login, password):
    raise Unreachable("no network")


def _server_refuses(login, password):
    raise WrongPassword()


def test_a_fresh_real_profile_signs_nobody_in_offline(profile):
    # --operator lead01 alone used to make anyone a team lead; now a name is not enough
    for password in ("", "anything", DEMO_PASSWORD):
        with pytest.raises((NoVerifier, EmptyCredentials)):
            sign_in(profile, "lead01", password)
    with pytest.raises(NoVerifier):
        sign_in(profile, "lead01", "anything", _unreachable)
    with pytest.raises(EmptyCredentials):
        sign_in(profile, "", "x")


def test_demo_profile_signs_in_offline_with_the_demo_password_only(profile):
    assert not is_demo(profile.db)
    assert install_demo_verifiers(profile.db)
    assert is_demo(profile.db)
    done = sign_in(profile, "lead01", DEMO_PASSWORD)
    assert (done.actor.login, done.actor.role, done.online) == ("lead01", "team_lead", False)
    with pytest.raises(WrongPassword):
        sign_in(profile, "lead01", "demo123456")
    with pytest.raises(NoVerifier):
        sign_in(profile, "nobody", DEMO_PASSWORD)


def test_demo_passwords_are_refused_on_a_profile_that_talks_to_a_central_server(profile):
    with profile.db.session() as s, s.begin():
        s.add(SyncState(key="central_url", value="https://central.example"))
    assert not install_demo_verifiers(profile.db)
    assert not is_demo(profile.db)
    with pytest.raises(NoVerifier):
        sign_in(profile, "op01", DEMO_PASSWORD)


def test_the_verifier_an_online_sign_in_left_opens_the_seat_offline(profile):
    from console.signin import CentralAccount

    def server(login, password):
        if password != "s3cret-pass":
            raise WrongPassword()
        return CentralAccount(login, "team_lead", "王强", None)

    assert sign_in(profile, "lead01", "s3cret-pass", server).online
    with profile.db.session() as s:
        op = s.scalars(select(Operator).where(Operator.login == "lead01")).one()
        assert op.password_verifier.startswith("$argon2") and "s3cret" not in op.password_verifier
        assert op.verified_at is not None
    offline = sign_in(profile, "lead01", "s3cret-pass", _unreachable)
    assert (offline.actor.login, offline.online) == ("lead01", False)
    with pytest.raises(WrongPassword):
        sign_in(profile, "lead01", "s3cret-pasS", _unreachable)


def test_a_password_the_server_stops_accepting_no_longer_opens_the_seat_offline(profile):
    from console.signin import CentralAccount
    accepted = {"old-password"}

    def server(login, password):
        if password not in accepted:
            raise WrongPassword()
        return CentralAccount(login, "operator", "张敏")

    sign_in(profile, "op01", "old-password", server)
    with pytest.raises(WrongPassword):  # a wrong guess online leaves the verifier alone
        sign_in(profile, "op01", "a-wrong-guess", server)
    assert sign_in(profile, "op01", "old-password", _unreachable).actor.login == "op01"
    accepted.clear()  # the password was changed (or the account disabled) on the server
    with pytest.raises(WrongPassword):
        sign_in(profile, "op01", "old-password", server)
    with pytest.raises(NoVerifier):
        sign_in(profile, "op01", "old-password", _unreachable)


def test_wrong_passwords_make_the_seat_wait_longer_each_time(profile):
    install_demo_verifiers(profile.db)
    clock = Clock()
    for _ in range(3):
        with pytest.raises(WrongPassword):
            sign_in(profile, "op01", "wrong-one", clock=clock)
    assert seconds_to_wait(profile.db, "op01", clock) == wait_after(3) > 0
    with pytest.raises(TooSoon) as too_soon:  # even the right password waits
        sign_in(profile, "op01", DEMO_PASSWORD, clock=clock)
    assert too_soon.value.wait == wait_after(3)
    # other logins on the same seat wait too: guessing through the list of names does not help
    with pytest.raises(TooSoon):
        sign_in(profile, "op02", DEMO_PASSWORD, clock=clock)
    clock.now += wait_after(3)
    with pytest.raises(WrongPassword):
        sign_in(profile, "op01", "wrong-two", clock=clock)
    assert seconds_to_wait(profile.db, "op01", clock) == wait_after(4) > wait_after(3)
    clock.now += wait_after(4)
    assert sign_in(profile, "op01", DEMO_PASSWORD, clock=clock).actor.login == "op01"
    assert seconds_to_wait(profile.db, "op01", clock) == 0
    assert wait_after(50) == 60


def test_sign_ins_are_audited_without_the_password(profile):
    install_demo_verifiers(profile.db)
    sign_in(profile, "op01", DEMO_PASSWORD)
    with pytest.raises(WrongPassword):
        sign_in(profile, "op02", "not-this-one")
    with profile.db.session() as s:
        rows = [(e.actor, e.action, e.target, e.outcome) for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
        text = repr([e.detail for e in s.scalars(select(AuditEntry))])
    assert rows == [("op01", "sign_in", "op01", "ok"), ("-", "sign_in", "op02", "refused")]
    assert DEMO_PASSWORD not in text and "not-this-one" not in text


def test_the_demo_command_prints_and_sets_the_documented_password(tmp_path, capsys, template_profile):
    import shutil

    from console.profile import open_profile
    from main import main
    folder = tmp_path / "demo"
    shutil.copytree(template_profile, folder)
    assert main(["demo", "--cases", "20", "--data-dir", str(folder)]) == 0
    assert DEMO_PASSWORD in capsys.readouterr().out
    prof = open_profile(folder)
    try:
        assert is_demo(prof.db) and sign_in(prof, "admin", DEMO_PASSWORD).actor.role == "admin"
    finally:
        prof.close()


def test_made_up_login_names_do_not_grow_the_remembered_failures_without_bound(profile):
    from console.signin import FAILURES_KEY, KEPT_FAILURES
    from models import Setting
    install_demo_verifiers(profile.db)
    clock = Clock()
    for n in range(KEPT_FAILURES + 50):
        clock.now += 120
        with pytest.raises((WrongPassword, NoVerifier)):
            sign_in(profile, f"nobody{n}", "x", _server_refuses, clock=clock)
    with profile.db.session() as s:
        assert len(json.loads(s.get(Setting, FAILURES_KEY).value)) <= KEPT_FAILURES
    with pytest.raises(WrongPassword):
        sign_in(profile, "x" * 65, DEMO_PASSWORD)
