"""`refdata import|export`: a city's units from CSV or JSON, every row checked, nothing half-imported."""
from __future__ import annotations

import csv
import json

import pytest

from console import refdata
from console.intake import CallRecord
from console.knowledge import KnowledgeService
from console.profile import open_profile
from console.unit_file import CSV_COLUMNS, MAX_FILE_BYTES, UnitFileError, import_units, read_units, write_units
from tests.cli import run

SEED = refdata.seed_units()
CATS = frozenset(c["code"] for top in refdata.seed("categories") for c in top["children"])
DISTRICTS = frozenset(d["code"] for d in refdata.seed("districts"))

HEADER = ",".join(CSV_COLUMNS)
CITY_CSV = HEADER + """
CITY-HOUSING,示例市住房和城乡建设局,city,,,city,王明,0731-88880001,0701,assist,负责全市物业服务行业的监督指导
CITY-HOUSING,示例市住房和城乡建设局,city,,,city,王明,0731-88880001,,,负责住宅专项维修资金的监管
JN-GOV,示例区人民政府,district,JN,,district,李华,0731-88880002,1507,lead,负责本区其他诉求的属地办理
JN-WY,示例区住建局,district,JN,JN-GOV,district,赵云,0731-88880003,0701,lead,负责本区物业服务企业的监督管理
JN-S1,示例街道办事处,street,JN,JN-GOV,street,孙丽,0731-88880004,0701,assist,协调辖区物业纠纷
"""


def _write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def _problems(path):
    with pytest.raises(UnitFileError) as info:
        read_units(path, CATS, DISTRICTS)
    return info.value.problems


def _snapshot(db):
    return [(u.code, u.name, u.contact_phone, u.duties) for u in refdata.departments(db)]


def test_export_then_import_is_the_identity_in_both_formats(profile, tmp_path):
    before = _snapshot(profile.db)
    for name in ("units.csv", "units.json"):
        write_units(refdata.departments(profile.db), tmp_path / name)
        result = import_units(profile.db, tmp_path / name)
        assert (result.added, result.updated, result.removed) == (0, 0, 0)
        assert result.unchanged == len(SEED)
        assert _snapshot(profile.db) == before
    # the shipped seed is itself an importable file
    assert import_units(profile.db, refdata.SEED / "departments.json").unchanged == len(SEED)


def test_a_real_citys_csv_replaces_the_sample_and_routes(profile, tmp_path):
    result = import_units(profile.db, _write(tmp_path, "city.csv", CITY_CSV))
    assert (result.added, result.removed) == (4, len(SEED))
    units = {u.code: u for u in refdata.departments(profile.db)}
    assert set(units) == {"CITY-HOUSING", "JN-GOV", "JN-WY", "JN-S1"}
    wy = units["JN-WY"]
    assert (wy.level, wy.district_code, wy.parent_code, wy.contact_person) == ("district", "JN", "JN-GOV", "赵云")
    # a line with no category is part of the list the knowledge base searches, not a duty
    assert units["CITY-HOUSING"].responsibilities == ("负责全市物业服务行业的监督指导", "负责住宅专项维修资金的监管")
    assert [d.category_code for d in units["CITY-HOUSING"].duties] == ["0701"]
    r = refdata.routing(profile.db, "0701", "JN")
    assert [s.code for s in r.lead] == ["JN-WY"] and r.lead[0].why == "负责本区物业服务企业的监督管理"
    assert [s.code for s in r.assist] == ["CITY-HOUSING"]
    assert KnowledgeService(profile.db).search_responsibilities("维修资金")[0].department_code == "CITY-HOUSING"


def test_every_bad_row_is_named_with_its_line_and_nothing_is_imported(capsys, profile, tmp_path):
    before = _snapshot(profile.db)
    text = HEADER + """
A1,甲,city,,,city,王明,0731-1234567,0701,lead,负责甲
B1,乙,galaxy,,,city,王明,0731-1234567,0701,lead,负责乙
C1,丙,district,XX,,district,王明,0731-1234567,0701,lead,负责丙
D1,丁,city,,,city,,0731-1234567,0701,lead,负责丁
E1,戊,city,,,city,王明,call me,0701,lead,负责戊
F1,己,city,,,city,王明,0731-1234567,9999,chief,
A1,甲二,city,,,city,王明,0731-1234567,0702,lead,负责甲
G1,庚,street,JN,NOPE,street,王明,0731-1234567,0701,assist,负责庚
A1,甲,city,,,city,王明,0731-1234567,0701,assist,负责甲又一次
"""
    path = _write(tmp_path, "bad.csv", text)
    problems = _problems(path)
    joined = "\n".join(problems)
    assert "bad.csv:3: level must be one of city, district, street, community" in joined
    assert "bad.csv:4: C1: district XX is not a district of the profile" in joined
    assert "bad.csv:5: contact_person is empty" in joined
    assert "bad.csv:6: contact_phone must be a telephone number" in joined
    assert "bad.csv:7: role must be lead or assist; duty is empty" in joined
    assert "bad.csv:8: unit A1 differs from its line 2 in name" in joined
    assert "bad.csv:9: G1: parent NOPE is not a unit" in joined
    assert "bad.csv:10: unit A1 has a duty for category 0701 already" in joined
    assert not any(p.startswith("bad.csv:2:") for p in problems)  # the good row is not blamed
    code, out, err = run_cli(capsys, profile, path)
    assert code == 1 and "nothing imported from bad.csv" in err and "bad.csv:9: G1: parent NOPE" in err
    assert _reopened_snapshot(profile) == before


def run_cli(capsys, profile, path):
    """`main.py refdata import` on the (closed) profile's folder."""
    folder = profile.data_dir
    profile.close()
    return run(capsys, "refdata", "import", "--data-dir", folder, path)


def _reopened_snapshot(profile):
    prof = open_profile(profile.data_dir)
    try:
        return _snapshot(prof.db)
    finally:
        prof.close()


def test_hostile_csv_quotes_and_line_breaks_inside_fields_are_text(tmp_path):
    rows = [CSV_COLUMNS,
            ["Q1", '示例"引号",单位', "city", "", "", "city", "王明", "0731-1234567", "0701", "lead",
             "第一行\n第二行，逗号, 还有\"引号\""],
            ["Q2", "=cmd|' /C calc'!A0", "city", "", "", "city", "王明", "0731-1234567", "0702", "lead", "负责"],
            ["Q3", "后一单位", "city", "", "", "city", "王明", "0731-1234567", "0703", "lead", "负责"]]
    path = tmp_path / "q.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    with pytest.raises(UnitFileError) as info:
        read_units(path, CATS, DISTRICTS)
    # a line break inside a quoted field is a control character in a one-line field: refused, with
    # the line the record starts on; the record after it is numbered from the file's real lines
    assert info.value.problems == ["q.csv:2: duty contains control characters"]
    rows[1][10] = '逗号, 还有"引号"'
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    units = {u.code: u for u in read_units(path, CATS, DISTRICTS)}
    assert units["Q1"].name == '示例"引号",单位' and units["Q1"].duties[0].line == '逗号, 还有"引号"'
    assert units["Q2"].name == "=cmd|' /C calc'!A0"  # kept as text; it is never evaluated


@pytest.mark.parametrize("content, message", [
    (HEADER + '\nA1,"unclosed,city,,,city,王明,0731-1234567,0701,lead,负责\n', "q.csv:2:"),
    (HEADER + "\nA1,甲\0,city,,,city,王明,0731-1234567,0701,lead,负责\n", "q.csv:2:"),
    (HEADER + "\nA1,甲,city,,,city,王明,0731-1234567,0701,lead," + "长" * 200_000 + "\n",
     "q.csv:2: field larger than field limit"),
    (HEADER + "\nA1,甲,city,,,city,王明,0731-1234567,0701,lead," + "长" * 501 + "\n",
     "q.csv:2: duty is longer than 500 characters"),
    (HEADER + "\n'; DROP TABLE departments; --,甲,city,,,city,王明,0731-1234567,0701,lead,负责\n",
     "q.csv:2: code must be letters"),
    ("code,name\nA1,甲\n", "q.csv:1: the header must name the columns"),
    ("", "q.csv: the file is empty"),
    (HEADER + "\n", "q.csv: no units in the file"),
    (HEADER + "\nA1,甲,city,,,city,王明,0731-1234567,0701,lead\n", "q.csv:2: 10 fields where the header has 11"),
])
def test_hostile_csv_is_refused_with_its_line(tmp_path, content, message):
    problems = _problems(_write(tmp_path, "q.csv", content))
    assert any(p.startswith(message) for p in problems), problems


def test_wrong_encoding_names_the_line_and_the_remedy(tmp_path):
    text = (HEADER + "\nA1,甲,city,,,city,王明,0731-1234567,0701,lead,负责"
            "\nB1,乙,city,,,city,王明,0731-1234567,0702,lead,负责\n")
    problems = _problems(_write(tmp_path, "gbk.csv", text, encoding="gbk"))
    assert problems == ['gbk.csv:2: not UTF-8 text (save the file as UTF-8, in a spreadsheet as "CSV UTF-8")']
    # a UTF-8 file with a byte-order mark (what spreadsheets write) is fine
    assert len(read_units(_write(tmp_path, "bom.csv", "\ufeff" + text), CATS, DISTRICTS)) == 2


def test_a_file_past_the_size_limit_is_not_read(tmp_path):
    path = tmp_path / "big.json"
    with open(path, "wb") as fh:
        fh.seek(MAX_FILE_BYTES)
        fh.write(b"]")
    assert _problems(path) == ["big.json: larger than 20 MB"]
    assert _problems(_write(tmp_path, "units.xlsx", "x")) == ["units.xlsx: a .csv or .json file is expected"]


def test_json_rows_are_checked_with_their_lines(tmp_path):
    good = {"code": "A1", "name": "甲", "level": "city", "kind": "city", "contact_person": "王明",
            "contact_phone": "0731-1234567", "duties": [{"category": "0701", "role": "lead", "duty": "负责"}]}
    items = [good, "not an object", {**good, "code": "B1", "level": 3}, {**good, "code": "C1", "color": "red"},
             {**good, "code": "D1", "duties": [{"category": "0701", "role": "boss", "duty": "x"}, 5]}, good]
    text = "[\n" + ",\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n]\n"
    problems = _problems(_write(tmp_path, "u.json", text))
    assert problems == [
        "u.json:3: a unit must be an object",
        "u.json:4: level must be text",
        "u.json:5: unknown field(s) color",
        "u.json:6 (D1, duty 1): role must be lead or assist",
        "u.json:6 (D1, duty 2): a duty is an object with text fields category, role and duty",
        "u.json:7: unit A1 again (first at line 2)"]
    assert _problems(_write(tmp_path, "s.json", '[\n{"code": "A1",\n "name": }\n]')) == \
        ["s.json:3: Expecting value"]
    assert _problems(_write(tmp_path, "o.json", '{"units": []}')) == ["o.json:1: a JSON array of units is expected"]
    assert _problems(_write(tmp_path, "t.json", json.dumps([good]) + " trailing")) == \
        ["t.json:1: text after the array"]


def test_units_still_named_by_cases_are_not_removed(profile, operator, tmp_path):
    profile.intake.log_call(CallRecord(caller_phone="13800138000", type="complaint", category_code="0104",
                                       district="JN", address="某路", description="工地夜间施工",
                                       lead_department="JN-HOUSING"), operator)
    before = _snapshot(profile.db)
    with pytest.raises(UnitFileError, match="still name: JN-HOUSING"):
        import_units(profile.db, _write(tmp_path, "city.csv", CITY_CSV))
    assert _snapshot(profile.db) == before


def test_cli_import_prints_the_counts(capsys, profile, tmp_path):
    path = _write(tmp_path, "city.json", json.dumps(
        [{"code": "X1", "name": "某局", "level": "city", "contact_person": "王明", "contact_phone": "0731-1234567",
          "duties": [{"category": "0701", "role": "lead", "duty": "负责"}]}], ensure_ascii=False))
    code, out, err = run_cli(capsys, profile, path)
    assert code == 0 and out.strip() == f"imported city.json: 1 added, 0 updated, 0 unchanged, {len(SEED)} removed"
    assert [u[0] for u in _reopened_snapshot(profile)] == ["X1"]


def test_cli_import_sample_brings_the_shipped_units_and_needs_a_file_or_the_flag(capsys, profile, tmp_path):
    folder = profile.data_dir
    profile.close()
    code, out, _ = run(capsys, "refdata", "import", "--sample", "--data-dir", folder)
    assert code == 0 and f"{len(SEED)} unchanged" in out
    code, _, err = run(capsys, "refdata", "import", "--data-dir", folder)
    assert code == 2 and "--sample" in err
