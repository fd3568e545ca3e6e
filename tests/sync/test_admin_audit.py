"""Administration of the central server (accounts, API keys) and its audit log:
`central list-users | disable-user | list-api-keys | revoke-api-key | audit`,
run through main.py like an administrator would, against a real database."""
from __future__ import annotations

import io
import json

import httpx
import pytest
from sqlalchemy import text

from sync.server import audit, auth
from tests.cli import run

from .helpers import PASSWORD

O311 = "/open311/v2/requests.json"


def lines(out: str) -> list[dict]:
    return [json.loads(x) for x in out.splitlines() if x.strip()]


def test_account_and_key_commands_are_checked_and_audited(tmp_path, capsys, monkeypatch):
    url = f"sqlite:///{tmp_path / 'central.db'}"
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-pass\n"))
    code, _, err = run(capsys, "central", "add-user", "u1", "--role", "liaison", "--department", "NOPE",
                       "--password-stdin", "--db", url)
    assert code == 2 and "unknown department 'NOPE'" in err and err.count("\n") == 1
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-pass\n"))
    assert run(capsys, "central", "add-user", "u1", "--role", "liaison", "--department", "URBAN",
               "--password-stdin", "--db", url)[0] == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-pass\n"))
    assert run(capsys, "central", "add-user", "op01", "--role", "operator", "--password-stdin", "--db", url)[0] == 0

    code, out, _ = run(capsys, "central", "list-users", "--json", "--db", url)
    users = {u["login"]: u for u in lines(out)}
    assert code == 0 and set(users) == {"u1", "op01"}
    assert users["u1"]["department"] == "URBAN" and users["u1"]["active"] is True
    assert "s3cret" not in out and "argon2" not in out

    assert run(capsys, "central", "disable-user", "op01", "--db", url)[0] == 0
    assert {u["login"]: u["active"] for u in lines(run(capsys, "central", "list-users", "--json", "--db", url)[1])} \
        == {"u1": True, "op01": False}
    assert "disabled" in run(capsys, "central", "list-users", "--db", url)[1]
    code, _, err = run(capsys, "central", "disable-user", "nobody", "--db", url)
    assert code == 2 and err == "error: no account 'nobody'\n"

    code, key, _ = run(capsys, "central", "add-api-key", "城市数据平台", "--db", url)
    assert code == 0 and key.startswith("o311_")
    code, _, err = run(capsys, "central", "add-api-key", "城市数据平台", "--db", url)
    assert code == 2 and "in use" in err
    code, out, _ = run(capsys, "central", "list-api-keys", "--json", "--db", url)
    assert [(k["name"], k["revoked"]) for k in lines(out)] == [("城市数据平台", False)]
    assert key.strip() not in out and "o311_" not in out
    assert run(capsys, "central", "revoke-api-key", "城市数据平台", "--db", url)[0] == 0
    code, _, err = run(capsys, "central", "revoke-api-key", "城市数据平台", "--db", url)
    assert code == 2 and "no API key" in err
    code, out, _ = run(capsys, "central", "list-api-keys", "--db", url)
    assert "revoked" in out and "o311_" not in out
    # a revoked name can be given a new key (rotation)
    assert run(capsys, "central", "add-api-key", "城市数据平台", "--db", url)[0] == 0

    kb = tmp_path / "kb.jsonl"
    kb.write_text(json.dumps({"id": "KB-1", "title": "标题", "body": "正文"}, ensure_ascii=False) + "\n", "utf-8")
    assert run(capsys, "central", "import-kb", str(kb), "--db", url)[0] == 0

    code, out, _ = run(capsys, "central", "audit", "--since", "2000-01-01", "--json", "--db", url)
    got = [(e["action"], e["target"], e["outcome"]) for e in lines(out)]
    assert got == [("account_saved", "u1", "ok"), ("account_saved", "op01", "ok"),
                   ("account_disabled", "op01", "ok"), ("api_key_created", "城市数据平台", "ok"),
                   ("api_key_revoked", "城市数据平台", "ok"), ("api_key_created", "城市数据平台", "ok"),
                   ("kb_upload", "kb.jsonl", "ok")]
    assert lines(out)[-1]["detail"] == {"added": 1, "updated": 0}
    assert all(e["actor"].startswith("cli") and e["at"].endswith("+08:00") for e in lines(out))
    assert "s3cret" not in out and "o311_" not in out
    code, out, _ = run(capsys, "central", "audit", "--since", "2000-01-01", "--action", "api_key_revoked",
                       "--json", "--db", url)
    assert [e["target"] for e in lines(out)] == ["城市数据平台"]
    # --until includes its whole day; a window in the past is empty
    assert run(capsys, "central", "audit", "--since", "2000-01-01", "--until", "2000-01-02", "--json",
               "--db", url)[1] == ""
    code, _, err = run(capsys, "central", "audit", "--since", "yesterday", "--db", url)
    assert code == 2 and "not a date" in err


def test_a_disabled_account_is_shut_out_at_once(central, capsys):
    before = len(audit.entries(central.db))  # the accounts the fixture made
    with httpx.Client(base_url=central.url + "/api/v1") as http:
        assert http.post("/login", json={"login": "op01", "password": "wrong-password"}).status_code == 401
        assert http.post("/login", json={"login": "MyPassw0rd!", "password": "x" * 8}).status_code == 401
        tokens = http.post("/login", json={"login": "op01", "password": PASSWORD}).json()
        bearer = {"authorization": "Bearer " + tokens["access_token"]}
        assert http.get("/cases", headers=bearer).status_code == 200

        assert run(capsys, "central", "disable-user", "op01", "--db", central.db.url)[0] == 0
        assert http.get("/cases", headers=bearer).status_code == 401
        assert http.post("/token/refresh", json={"refresh_token": tokens["refresh_token"]}).status_code == 401
        assert http.post("/login", json={"login": "op01", "password": PASSWORD}).status_code == 401

        # add-user with a new password enables the account again
        auth.create_account(central.db, "op01", "another-pass-9", "operator")
        assert http.post("/login", json={"login": "op01", "password": PASSWORD}).status_code == 401
        assert http.post("/login", json={"login": "op01", "password": "another-pass-9"}).status_code == 200

    got = [(e["actor"], e["action"], e["target"], e["outcome"], e["client"])
           for e in audit.entries(central.db)[before:]]
    cli = audit.cli_actor()
    assert got == [("-", "sign_in", "op01", "failed", "127.0.0.1"), ("-", "sign_in", "-", "failed", "127.0.0.1"),
                   ("op01", "sign_in", "op01", "ok", "127.0.0.1"),
                   (cli, "account_disabled", "op01", "ok", ""),
                   ("-", "token_refresh", "", "failed", "127.0.0.1"),
                   ("-", "sign_in", "op01", "failed", "127.0.0.1"),
                   (cli, "account_saved", "op01", "ok", ""),
                   ("-", "sign_in", "op01", "failed", "127.0.0.1"), ("op01", "sign_in", "op01", "ok", "127.0.0.1")]
    saved = [e for e in audit.entries(central.db, action="account_saved") if e["target"] == "op01"][-1]
    assert saved["detail"]["reenabled"] is True
    reasons = [e["detail"]["reason"] for e in audit.entries(central.db, action="sign_in") if e["outcome"] == "failed"]
    assert reasons == ["wrong password", "unknown login", "disabled", "wrong password"]
    assert "MyPassw0rd" not in str(audit.entries(central.db))


def test_a_revoked_api_key_is_refused_on_open311_post(central, capsys):
    key = auth.create_api_key(central.db, "城市大脑")
    form = {"api_key": key, "service_code": "0203", "description": "锦江区路灯不亮三天了",
            "address_string": "锦江区春熙路"}
    assert httpx.post(central.url + O311, data=form).status_code == 201
    assert run(capsys, "central", "revoke-api-key", "城市大脑", "--db", central.db.url)[0] == 0
    assert httpx.post(central.url + O311, data=form).status_code == 403
    assert [e["target"] for e in audit.entries(central.db, action="api_key_revoked")] == ["城市大脑"]


def test_knowledge_uploads_are_audited(central):
    with httpx.Client(base_url=central.url + "/api/v1") as http:
        admin = {"authorization": "Bearer " + http.post("/login", json={"login": "admin", "password": PASSWORD}
                                                        ).json()["access_token"]}
        body = json.dumps({"id": "KB-AUDIT", "title": "审计", "body": "正文"}, ensure_ascii=False).encode()
        assert http.post("/kb/articles", content=body, headers=admin).status_code == 200
    [entry] = audit.entries(central.db, action="kb_upload")
    assert (entry["actor"], entry["target"], entry["client"], entry["detail"]) == \
        ("admin", "1 articles", "127.0.0.1", {"added": 1, "updated": 0})


def test_the_audit_log_refuses_updates_and_deletes(central):
    audit.record(central.db, "admin", "sign_in", "admin")
    for sql in ("UPDATE audit_log SET actor = 'someone-else'", "DELETE FROM audit_log"):
        with pytest.raises(Exception, match="append-only"):
            with central.db.write() as conn:
                conn.execute(text(sql))
    assert [e["actor"] for e in audit.entries(central.db, action="sign_in")][-1] == "admin"
