"""Issue 12, point 6: the report's public appendix. A 举报 case never appears; the caller's name in
any form (李小明, 小明) and third parties' names are gone; a description written as a spreadsheet
formula stays text in the CSV and XLSX exports."""
from __future__ import annotations

import csv

from console.intake import CallRecord
from console.report import build_monthly
from console.report.tables import write_csv, write_xlsx
from tests.conftest import LIAISON, local

FORMULA = '=HYPERLINK("http://example.com/x","点此查看")'


def _closed_case(profile, clock, description: str, result: str, **kw) -> str:
    op = profile.actor("op01")
    data = dict(caller_phone="13912345678", caller_name="李小明", type="help", district="JJ",
                category_code="0101", address="东大街8号", description=description, lead_department="URBAN") | kw
    n = profile.intake.log_call(CallRecord(**data), op).number
    profile.cases.act(n, "accept", LIAISON)
    profile.cases.act(n, "reply", LIAISON, payload={"result": result})
    profile.cases.act(n, "callback", op, payload={"satisfied": True, "resolved": True})
    return n


def test_appendix_hides_reports_names_and_formulas(profile, clock, tmp_path):
    clock.now = local("2026-11-25T09:30:00")
    public = _closed_case(profile, clock, FORMULA + "邻居王建国在楼道堆放杂物，小明多次劝阻无效",
                          "已联系小明，王建国已清理")
    report = _closed_case(profile, clock, "举报某餐馆老板偷排油烟，请为举报人保密", "已查处", type="report")
    r = build_monthly(profile.db, "2026-11")
    assert [c.number for c in r.appendix] == [public]
    row = r.appendix[0]
    for private in ("李小明", "小明", "王建国", "13912345678", "东大街8号"):
        assert private not in row.description + row.result + row.place
    assert "堆放杂物" in row.description and report not in {c.number for c in r.appendix}

    with write_csv(r, tmp_path / "r.csv").open(encoding="utf-8-sig") as fh:
        cells = [cell for line in csv.reader(fh) for cell in line]
    assert not any(cell.startswith("=") or " | =" in cell for cell in cells)
    assert any(FORMULA in cell for cell in cells)  # still readable, as text

    from openpyxl import load_workbook
    sheet = load_workbook(write_xlsx(r, tmp_path / "r.xlsx"))["appendix"]
    cells = [c for line in sheet.iter_rows(min_row=2) for c in line]
    assert all(c.data_type != "f" for c in cells)
    assert any(FORMULA in str(c.value) for c in cells)
