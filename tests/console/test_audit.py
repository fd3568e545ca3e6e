"""The console's audit log: bulk exports and reads of a caller's personal data are
recorded (never the data itself), `audit --json` prints them, nothing changes an entry."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from console import audit
from console.intake import CallRecord
from tests.cli import run

PHONE, NAME = "13912345678", "欧阳先生"


def test_entries_are_appended_and_never_changed(profile):
    audit.record(profile.db, "op01", audit.SIGN_IN, "op01")
    with profile.db.session() as s, s.begin():
        audit.record(s, "op01", audit.EXPORT, "x.csv", what="cases", count=3)  # commits with the session
    assert [(e["actor"], e["action"], e["target"], e["detail"]) for e in audit.entries(profile.db)] == [
        ("op01", "sign_in", "op01", {}), ("op01", "export", "x.csv", {"what": "cases", "count": 3})]
    assert audit.entries(profile.db, action="export")[0]["at"].endswith("+08:00")
    for sql in ("UPDATE audit_log SET actor = 'nobody'", "DELETE FROM audit_log"):
        with pytest.raises(DatabaseError, match="append-only"), profile.db.session() as s, s.begin():
            s.execute(text(sql))
    assert len(audit.entries(profile.db)) == 2
    assert len(audit.clip("x" * 300, 200)) == 200


def test_command_line_exports_and_reads_are_audited(profile, operator, capsys, tmp_path):
    number = profile.intake.log_call(CallRecord(caller_phone=PHONE, caller_name=NAME, type="help",
                                                category_code="0203", district="JJ", address="锦江区春熙路1号",
                                                description="路灯不亮"), operator).number
    folder = profile.data_dir
    profile.close()
    assert run(capsys, "cases", "list", "--data-dir", folder)[0] == 0  # a list for the eye: no caller shown
    assert run(capsys, "cases", "show", number, "--data-dir", folder)[0] == 0
    assert run(capsys, "cases", "list", "--json", "--data-dir", folder)[0] == 0
    assert run(capsys, "cases", "show", number, "--json", "--data-dir", folder)[0] == 0
    out = tmp_path / "nov.csv"
    assert run(capsys, "report", "monthly", "--month", "2026-11", "--out", out, "--data-dir", folder)[0] == 0

    code, printed, _ = run(capsys, "audit", "--since", "2000-01-01", "--json", "--data-dir", folder)
    got = [json.loads(x) for x in printed.splitlines()]
    who = audit.cli_actor()
    assert code == 0 and [(e["actor"], e["action"], e["target"]) for e in got] == [
        (who, "export", "cases list"), (who, "read_personal", number), (who, "export", "nov.csv")]
    assert got[0]["detail"] == {"what": "cases", "count": 1}
    assert got[2]["detail"] == {"what": "monthly_report", "month": "2026-11", "format": "csv"}
    assert PHONE not in printed and NAME not in printed
    code, printed, _ = run(capsys, "audit", "--since", "2000-01-01", "--action", "read_personal", "--data-dir", folder)
    assert code == 0 and printed.count("\n") == 1 and number in printed and "read_personal" in printed
    assert run(capsys, "audit", "--since", "2000-01-01", "--actor", "someone", "--json", "--data-dir", folder)[1] == ""
    code, _, err = run(capsys, "audit", "--since", "2000-13-01", "--data-dir", folder)
    assert code == 2 and "not a date" in err
