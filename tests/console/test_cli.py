"""The command line: cases list/show/add/act, demo, and clear errors with exit code 2."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli import run

ROOT = Path(__file__).resolve().parents[2]


GOOD = {"caller_phone": "138 0013 8000", "caller_name": "张先生", "type": "complaint", "category_code": "0104",
        "district": "JJ", "address": "东大街100号", "description": "楼下工地半夜打桩太吵", "urgency": "normal",
        "channel": "mailbox"}


def test_add_reports_each_bad_line_and_saves_the_good_ones(capsys, data_dir, tmp_path):
    lines = [json.dumps(GOOD, ensure_ascii=False),
             "{not json",
             json.dumps({**GOOD, "caller_phone": "12345"}),
             "",
             json.dumps({**GOOD, "description": "小区门口乱停车", "lead_department": "TRAFFICPOL"}, ensure_ascii=False),
             json.dumps({**GOOD, "colour": "red"})]
    src = tmp_path / "calls.jsonl"
    src.write_text("\n".join(lines), "utf-8")
    code, out, err = run(capsys, "cases", "add", "--from-json", src, "--data-dir", data_dir, "--json")
    rows = [json.loads(x) for x in out.splitlines()]
    assert code == 1
    assert [(r["line"], r["accepted"]) for r in rows] == [(1, True), (2, False), (3, False), (5, True), (6, False)]
    assert "caller_phone" in rows[2]["errors"] and "colour" in rows[4]["errors"]
    assert "2 saved, 3 refused" in err
    code, out, _ = run(capsys, "cases", "list", "--data-dir", data_dir, "--json")
    listed = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and len(listed) == 2
    assert {c["state"] for c in listed} == {"received", "dispatched"}
    for c in listed:
        for key in ("number", "state", "type", "urgency", "category_code", "district", "lead_department",
                    "deadline", "created_at"):
            assert key in c
        assert c["deadline"].endswith("+08:00") and c["created_at"].endswith("+08:00")
        assert c["channel"] == "mailbox" and c["caller_phone"] == "13800138000"


def test_add_from_stdin(data_dir):
    done = subprocess.run([sys.executable, "main.py", "cases", "add", "--from-json", "-", "--data-dir", str(data_dir)],
                          input=json.dumps(GOOD, ensure_ascii=False) + "\n", capture_output=True, text=True,
                          cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "1 saved, 0 refused" in done.stderr


def test_show_prints_the_events(capsys, data_dir, tmp_path):
    src = tmp_path / "one.jsonl"
    src.write_text(json.dumps({**GOOD, "lead_department": "HOUSING"}, ensure_ascii=False), "utf-8")
    run(capsys, "cases", "add", "--from-json", src, "--data-dir", data_dir)
    _, out, _ = run(capsys, "cases", "list", "--data-dir", data_dir, "--json")
    number = json.loads(out.splitlines()[0])["number"]
    code, out, _ = run(capsys, "cases", "show", number, "--data-dir", data_dir, "--json")
    shown = json.loads(out)
    assert code == 0 and shown["number"] == number
    assert [e["kind"] for e in shown["events"]] == ["receive", "dispatch"]
    code, out, _ = run(capsys, "cases", "act", number, "accept", "--as", "lead01", "--data-dir", data_dir)
    assert code == 2  # a team lead may not sign for a department
    code, out, err = run(capsys, "cases", "show", "CD-NOPE", "--data-dir", data_dir)
    assert code == 2 and "no case CD-NOPE" in err


def test_list_filters(capsys, data_dir, tmp_path):
    src = tmp_path / "calls.jsonl"
    src.write_text("\n".join(json.dumps({**GOOD, "description": f"第{i}次反映工地噪音问题"}, ensure_ascii=False)
                             for i in range(5)), "utf-8")
    run(capsys, "cases", "add", "--from-json", src, "--data-dir", data_dir)
    _, out, _ = run(capsys, "cases", "list", "--limit", "3", "--data-dir", data_dir, "--json")
    assert len(out.splitlines()) == 3
    _, out, _ = run(capsys, "cases", "list", "--state", "closed", "--data-dir", data_dir, "--json")
    assert out == ""
    _, out, _ = run(capsys, "cases", "list", "--overdue", "--data-dir", data_dir, "--json")
    assert out == ""  # just logged: nothing overdue yet


@pytest.mark.parametrize("argv,message", [
    (["cases", "list", "--limit", "zero"], "not a whole number"),
    (["cases", "list", "--state", "flying"], "invalid choice"),
    (["cases"], "ACTION"),
    (["nosuchcommand"], "invalid choice"),
    (["demo", "--cases", "0"], "at least 1"),
])
def test_bad_arguments_exit_2_without_a_traceback(tmp_path, argv, message):
    folder = ["--data-dir", str(tmp_path)] if argv[0] != "nosuchcommand" else []
    done = subprocess.run([sys.executable, "main.py", *argv, *folder], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("content", [b"PK\x03\x04 a zip file, not a database" * 50,
                                     b"SQLite format 3\x00" + b"\x00" * 200])
def test_a_damaged_or_foreign_database_exits_2(tmp_path, content):
    (tmp_path / "console.db").write_bytes(content)
    done = subprocess.run([sys.executable, "main.py", "cases", "list", "--data-dir", str(tmp_path)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("error: ") and "Traceback" not in done.stderr


def test_demo_command(capsys, data_dir):
    code, out, _ = run(capsys, "demo", "--cases", "400", "--seed", "3", "--data-dir", data_dir, "--json")
    stats = json.loads(out)
    assert code == 0 and stats["cases"] == 400 and stats["events"] > 400
    _, out, _ = run(capsys, "cases", "list", "--limit", "1000", "--data-dir", data_dir, "--json")
    assert len(out.splitlines()) == 400


def test_help_lists_the_commands():
    done = subprocess.run([sys.executable, "main.py", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0
    for command in ("cases", "demo"):
        assert command in done.stdout
