"""The monthly report: its figures on the hand-counted set, the CSV parsed back, the XLSX sheets,
the PDF's pages, text and images, and the command line."""
from __future__ import annotations

import csv

import pytest

from console.intake import CallRecord
from console.report import build_monthly
from console.report.tables import write_csv, write_xlsx
from main import main
from tests.conftest import LIAISON, local
from tests.console.monitor_fixture import build


def _has_cjk_font() -> bool:
    from PySide6.QtGui import QFontDatabase
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


PRIVATE = ("赵六", "13912345678", "510104199001011234", "东大街8号")


@pytest.fixture
def month(profile, clock):
    built = build(profile, clock)
    # one more case whose text is full of personal data, closed in November
    clock.now = local("2026-11-25T09:30:00")
    op = profile.actor("op01")
    n = profile.intake.log_call(CallRecord(
        caller_phone="13912345678", caller_name="赵六", type="help", district="JJ", category_code="0101",
        address="东大街8号", description="我叫赵六，电话13912345678，身份证510104199001011234，住东大街8号，楼上漏水",
        lead_department="URBAN"), op).number
    profile.cases.act(n, "accept", LIAISON)
    profile.cases.act(n, "reply", LIAISON, payload={"result": "已联系赵六（13912345678）上门维修"})
    profile.cases.act(n, "callback", op, payload={"satisfied": True, "resolved": True})
    built.numbers["I"] = n
    return built


def test_report_figures_on_the_hand_counted_month(profile, month):
    r = build_monthly(profile.db, "2026-11")
    assert (r.scope.start.isoformat(), r.previous_scope.start.isoformat()) == ("2026-11-01", "2026-10-01")
    assert r.intake.current == 9 and r.intake.previous == 0 and r.intake.change is None
    # callbacks in November: C (satisfied), E (not), I (satisfied); D's came on 12-01
    assert (r.rates.satisfaction.numerator, r.rates.satisfaction.denominator) == (2, 3)
    assert r.previous_rates.satisfaction.value is None
    top = {c.key: c.current for c in r.top_categories}
    assert top == {"0101": 4, "0204": 3, "0201": 2}
    urban = next(d for d in r.departments if d.code == "URBAN")
    # URBAN in November: C, D, E, I dispatched; C and I replied on time; D signed late; C and I called back
    assert (urban.dispatched, urban.replied, urban.replied_late, urban.signed_late) == (4, 2, 0, 1)
    assert (urban.callbacks, urban.unsatisfied) == (2, 0)
    assert r.reasons == [("问题没有解决", 1)]
    numbers = {c.number for c in r.appendix}
    # closed and called back: C and I; D and E were dissatisfied, so a team lead reviews them (not closed);
    # G, H open; A, F answered
    assert numbers == {month.numbers[k] for k in "CI"}
    text = " ".join(f"{c.place} {c.description} {c.result}" for c in r.appendix)
    for secret in PRIVATE:
        assert secret not in text
    assert "楼上漏水" in text


def test_csv_parses_back_with_every_section(profile, month, tmp_path):
    path = write_csv(build_monthly(profile.db, "2026-11"), tmp_path / "r.csv")
    with path.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    by = {}
    for row in rows:
        by.setdefault(row["section"], []).append(row)
    assert set(by) == {"rates", "top_categories", "top_level_categories", "districts", "departments", "reasons",
                       "efficiency", "instructions_by_level", "instructions_by_unit", "hotspots", "appendix",
                       "returns_reviewed"}  # E: returned, the return accepted
    # E, G and H: three callers about 0101 at 东大街12号 within a week (no cluster: no history to compare with)
    assert [(row["key"], row["label"], row["value"], row["detail"]) for row in by["hotspots"]] == [
        ("地点", "东大街", "3", "category=违法建设;cases=3")]
    rates = {row["key"]: row for row in by["rates"]}
    assert rates["satisfaction"]["value"] == "66.67" and rates["satisfaction"]["detail"] == "2/3"
    assert rates["direct_answer"]["detail"] == "2/8"  # 9 calls, one transferred; A and F answered
    assert rates["intake"]["value"] == "9"
    # JJ: A B C F H I, QY: D E G
    assert {row["key"]: row["value"] for row in by["districts"]} == {"JJ": "6", "QY": "3"}
    assert len(by["appendix"]) == 2  # C and I (D and E wait for a team lead's review)
    assert not any(secret in path.read_text("utf-8-sig") for secret in PRIVATE)


def test_xlsx_has_a_sheet_per_section(profile, month, tmp_path):
    from openpyxl import load_workbook
    path = write_xlsx(build_monthly(profile.db, "2026-11"), tmp_path / "r.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["rates", "top_categories", "top_level_categories", "districts", "departments",
                             "reasons", "efficiency", "instructions_by_level", "instructions_by_unit",
                             "instructions_overdue", "returns_reviewed", "disputes", "warnings", "hotspots",
                             "appendix"]
    rates = {row[0]: row for row in wb["rates"].iter_rows(min_row=2, values_only=True)}
    assert rates["reply_on_time"][2] == "100.00"


def test_pdf_has_the_pages_the_figures_and_chinese_text(qapp, profile, month, tmp_path):
    from pypdf import PdfReader

    from ui.report.pdf import write_pdf
    path = write_pdf(build_monthly(profile.db, "2026-11"), tmp_path / "r.pdf", chart_dir=tmp_path)
    reader = PdfReader(str(path))
    assert len(reader.pages) >= 5  # rates, categories, districts, departments, appendix each start a page
    images = sum(len(page.images) for page in reader.pages)
    assert images >= 4  # the four charts
    if not _has_cjk_font():
        pytest.skip("no Chinese font on this machine (apt-get install fonts-noto-cjk): the PDF's Chinese "
                    "text can't be drawn, so it can't be read back; pages and charts were checked")
    text = "\n".join(page.extract_text() for page in reader.pages)
    # 示 of 批示 comes back as the Kangxi radical ⽰ (like 月 as ⽉): the heading is checked without it
    for heading in ("主要指标", "热点诉求类别", "各区县诉求", "承办单位超期与不满意情况", "不满意原因", "效能考核",
                    "领导批", "预警", "附录"):
        assert heading in text
    assert "66.67%" in text and "满意率" in text
    # the appendix row of case I (its number's glyphs are drawn but pypdf can't map them back to text)
    assert "2026-11-25" in text and "楼上漏" in text and "某某" in text
    for secret in PRIVATE:
        assert secret not in text
    assert sorted(p.name for p in tmp_path.glob("*.png")) == ["categories.png", "departments.png",
                                                              "districts.png", "rates.png"]


def test_command_line_writes_csv_and_refuses_bad_input(profile, month, tmp_path, capsys):
    folder = str(profile.data_dir)
    out = tmp_path / "m.csv"
    profile.close()
    assert main(["report", "monthly", "--month", "2026-11", "--out", str(out), "--data-dir", folder]) == 0
    assert out.read_text("utf-8-sig").startswith("section,key")
    assert main(["report", "monthly", "--month", "Nov", "--out", str(out), "--data-dir", folder]) == 2
    assert "2026-10" in capsys.readouterr().err
    assert main(["report", "monthly", "--month", "2026-11", "--out", str(tmp_path / "no" / "x.pdf"),
                 "--data-dir", folder]) == 2


def test_the_months_clusters_and_hotspots_are_in_every_format(qapp, profile, clock, tmp_path):
    op = profile.actor("op01")

    def call(phone, when, address, description="夜间施工噪音扰民"):
        clock.now = local(when)
        profile.intake.log_call(CallRecord(caller_phone=phone, caller_name="钱七", type="complaint", district="JJ",
                                           category_code="0204", address=address, description=description), op)
    for i, day in enumerate(range(1, 29, 3)):  # the usual: one call every third day
        call(f"1390000{i:04d}", f"2026-10-{day:02d}T10:00:00", "锦江区红星路1号")
    for i in range(9):  # a cluster on 11-03, about one building, naming one company
        call(f"1370000{i:04d}", "2026-11-03T09:00:00", f"锦江区东大街12号{i + 1}栋", "蓝天建筑公司工地夜间施工")
    r = build_monthly(profile.db, "2026-11")
    assert [(w.day, w.count) for w in r.warnings] == [("2026-11-03", 9)]
    assert {(h.kind, h.name, h.callers) for h in r.hotspots} == {("address", "锦江区东大街", 9),
                                                                 ("company", "蓝天建筑公司", 9)}
    path = write_csv(r, tmp_path / "r.csv")
    text = path.read_text("utf-8-sig")
    assert "2026-11-03" in text and "蓝天建筑公司" in text and "东大街12号" not in text
    from pypdf import PdfReader

    from ui.report.pdf import write_pdf
    pdf = write_pdf(r, tmp_path / "r.pdf", chart_dir=tmp_path)
    if _has_cjk_font():
        pages = "\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
        assert "诉求聚集与热点" in pages and "蓝天建筑公司" in pages and "东大街12号" not in pages
