"""The efficiency assessment (console/efficiency.py) as table rows, CSV and XLSX."""
from __future__ import annotations

import csv
from pathlib import Path

from ..efficiency import INDICATORS, Assessment

INDICATOR_LABELS = {
    "sign_on_time": "按时签收率", "reply_on_time": "按时办结率", "resolution": "解决率", "satisfaction": "满意率",
    "return_rate": "退单率", "extension_rate": "延期率", "repeat_rate": "重复诉求率", "overdue_rate": "超期率",
    "instructions_on_time": "批示件按时办结率",
}


def _pct(v: float | None) -> str:
    return "" if v is None else f"{v * 100:.2f}"


def headers(unit_label: str) -> list[str]:
    return ["rank", unit_label, "得分", "上月得分", "变化", "上月排名", "派单", "超期件数",
            *(INDICATOR_LABELS[i] + "(%)" for i in INDICATORS)]


def rows(assessed: list[Assessment]) -> list[list]:
    """One row per unit or district, ranked first; values as numbers where they are numbers."""
    out = []
    for a in assessed:
        out.append([a.rank or "", a.name, "" if a.score is None else a.score,
                    "" if a.previous_score is None else a.previous_score,
                    "" if a.change is None else round(a.change, 2), a.previous_rank or "", a.dispatched, a.overdue,
                    *(_pct(a.indicators[i].value) for i in INDICATORS)])
    return out


def write_csv(units: list[Assessment], districts: list[Assessment], path: Path | str) -> Path:
    """One UTF-8 (with BOM) CSV: a `level` column (unit, district) before the table's columns."""
    path = Path(path)
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh)
        w.writerow(["level", *headers("name")])
        for level, assessed in (("unit", units), ("district", districts)):
            for row in rows(assessed):
                w.writerow([level, *row])
    return path


def write_xlsx(units: list[Assessment], districts: list[Assessment], path: Path | str) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    path = Path(path)
    wb = Workbook()
    wb.remove(wb.active)
    for title, label, assessed in (("units", "承办单位", units), ("districts", "区县", districts)):
        ws = wb.create_sheet(title)
        ws.append(headers(label))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows(assessed):
            ws.append(row)
        ws.column_dimensions["B"].width = 24
    wb.save(path)
    return path
