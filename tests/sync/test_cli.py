"""`python main.py central ...` administers the server; `sync --once` syncs headless."""
from __future__ import annotations

import io
import json

import httpx

import main
from sync.server.runner import ServerThread


def test_admin_commands_and_headless_sync(tmp_path, capsys, monkeypatch, consoles):
    url = f"sqlite:///{tmp_path / 'central.db'}"
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-pass\n"))
    assert main.main(["central", "add-user", "op01", "--role", "operator", "--password-stdin", "--db", url]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("x\n"))
    assert main.main(["central", "add-user", "u2", "--role", "liaison", "--password-stdin", "--db", url]) == 2
    assert "department" in capsys.readouterr().err
    assert main.main(["central", "add-api-key", "城市数据平台", "--db", url]) == 0
    key = capsys.readouterr().out.strip()
    assert key.startswith("o311_")
    kb = tmp_path / "kb.jsonl"
    kb.write_text(json.dumps({"id": "KB-CLI", "title": "命令行导入", "body": "正文内容"}, ensure_ascii=False) + "\n"
                  + "not json\n", "utf-8")
    assert main.main(["central", "import-kb", str(kb), "--db", url]) == 2
    assert "line 2" in capsys.readouterr().err
    kb.write_text(json.dumps({"id": "KB-CLI", "title": "命令行导入", "body": "正文内容"}, ensure_ascii=False) + "\n",
                  "utf-8")
    assert main.main(["central", "import-kb", str(kb), "--db", url]) == 0
    assert json.loads(capsys.readouterr().out)["added"] == 1
    assert main.main(["central", "serve", "--db", "mysql://nowhere/x"]) == 2
    assert "cannot open the central database" in capsys.readouterr().err

    with ServerThread(url) as srv:
        epoch = httpx.get(f"{srv.url}/api/v1/health").json()["epoch"]
        r = httpx.post(f"{srv.url}/open311/v2/requests.json",
                       data={"api_key": key, "service_code": "0203", "description": "锦江区路灯不亮三天了",
                             "address_string": "锦江区春熙路"})
        assert r.status_code == 201
        a = consoles("a", srv.url)
        a.log()
        folder = str(a.profile.data_dir)
        monkeypatch.setenv("HOTLINE_SYNC_PASSWORD", "s3cret-pass")
        args = ["sync", "--once", "--json", "--data-dir", folder, "--central", srv.url, "--login", "op01"]
        assert main.main(args) == 0
        out = json.loads(capsys.readouterr().out)
        assert (out["pushed"], out["applied"], out["pulled_cases"], out["articles"], out["pending"]) == (1, 1, 2, 1, 0)
        monkeypatch.delenv("HOTLINE_SYNC_PASSWORD")
        # later runs need neither the URL nor the password: both are remembered
        assert main.main(["sync", "--once", "--json", "--data-dir", folder]) == 0
        assert json.loads(capsys.readouterr().out)["pushed"] == 0
    # the server is gone: offline, kept queued
    assert main.main(["sync", "--once", "--retries", "1", "--data-dir", folder]) == 1
    assert "offline" in capsys.readouterr().err
    assert main.main(["central", "new-epoch", "--db", url]) == 0
    assert epoch not in capsys.readouterr().out
