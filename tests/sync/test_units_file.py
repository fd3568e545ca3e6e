"""The central server on a city's own units file (`--units FILE` / CENTRAL_UNITS_FILE)."""
from __future__ import annotations

import io
import os

import pytest

from sync.server import units
from sync.server.case_rows import reference_codes
from tests.cli import run

CITY = """code,name,level,district,parent,kind,contact_person,contact_phone,category,role,duty
CITY-WY,示例市住建局,city,,,city,王明,0731-88880001,0701,lead,负责全市物业服务行业的监督管理
JN-GOV,示例区人民政府,district,JN,,district,李华,0731-88880002,1507,lead,负责本区其他诉求的属地办理
"""


@pytest.fixture(autouse=True)
def _seed_units_after():
    saved = os.environ.get(units.UNITS_ENV)
    units.use_file(None)
    yield
    units.use_file(saved)  # `--units` set the variable for the worker processes: not for the next test


def test_the_server_accepts_the_units_of_its_file_and_no_others(tmp_path, capsys, monkeypatch):
    assert {"JN-HOUSING", "JN-S01", "URBAN"} <= reference_codes().departments  # the shipped units by default
    path = tmp_path / "city.csv"
    path.write_text(CITY, "utf-8")
    url = f"sqlite:///{tmp_path / 'central.db'}"
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-pass\n"))
    code, _, err = run(capsys, "central", "add-user", "u1", "--role", "liaison", "--department", "URBAN",
                       "--password-stdin", "--db", url, "--units", path)
    assert code == 2 and "unknown department 'URBAN'" in err
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-pass\n"))
    code, _, err = run(capsys, "central", "add-user", "u1", "--role", "liaison", "--department", "CITY-WY",
                       "--password-stdin", "--db", url, "--units", path)
    assert code == 0, err
    assert reference_codes().departments == {"CITY-WY", "JN-GOV"}
    assert units.unit_names()["JN-GOV"] == "示例区人民政府"


def test_a_bad_units_file_stops_the_server_before_it_starts(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text(CITY + "X1,乙,moon,,,city,王明,0731-1234567,0701,lead,负责\n", "utf-8")
    code, out, err = run(capsys, "central", "serve", "--db", f"sqlite:///{tmp_path / 'c.db'}", "--units", path)
    assert code == 2
    assert "units: bad.csv:4: level must be one of" in err and "the server did not start" in err
    assert not (tmp_path / "c.db").exists()  # refused before the database was even opened
    code, _, err = run(capsys, "central", "serve", "--units", tmp_path / "nope.csv")
    assert code == 2 and "no such file" in err
