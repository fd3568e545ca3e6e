"""The report's tables as rows, and their CSV and XLSX writers.

The CSV is one long table (section, key, label, value, previous, change,
detail) so a spreadsheet or a script can filter it by section; the XLSX has
one sheet per section with its own columns.
"""
from __future__ import annotations

import csv
from pathlib import Path

from .data import MonthlyReport
from .disputes import OUTCOME_NAMES

RATE_LABELS = {
    "direct_answer": "直接答复率", "sign_on_time": "按时签收率", "reply_on_time": "按时办结率",
    "resolution": "解决率", "satisfaction": "满意率", "return_rate": "退单率", "repeat_request": "重复来电率",
}
LEVEL_LABELS = {"city": "市级批示", "district": "区级批示", "township": "街道（乡镇）级批示"}
CSV_COLUMNS = ["section", "key", "label", "value", "previous", "change", "detail"]


def _pct(v: float | None) -> str:
    return "" if v is None else f"{v * 100:.2f}"


def sections(r: MonthlyReport) -> dict[str, tuple[list[str], list[list]]]:
    """Each section's headers and rows (values as numbers where they are numbers)."""
    prev = {x.name: x for x in r.previous_rates.as_list()}
    rates: list[list] = [[x.name, RATE_LABELS[x.name], _pct(x.value), _pct(prev[x.name].value),
              f"{int(x.numerator)}/{int(x.denominator)}"] for x in r.rates.as_list()]
    avg, pavg = r.rates.avg_reply_working_days, r.previous_rates.avg_reply_working_days
    rates.append(["avg_reply_working_days", "平均办理时长（工作日）", "" if avg is None else round(avg, 2),
                  "" if pavg is None else round(pavg, 2), f"{int(r.rates.counts['replied'])} replies"])
    rates.append(["intake", "受理量", int(r.intake.current), int(r.intake.previous), ""])
    for level, n in r.rates.instructions.items():
        rates.append([f"instructions_{level}", LEVEL_LABELS[level], n, r.previous_rates.instructions[level], ""])

    def change_rows(items):
        return [[c.key, c.label, int(c.current), int(c.previous), _pct(c.change)] for c in items]

    return {
        "rates": (["key", "指标", "本月(%)", "上月(%)", "分子/分母"], rates),
        "top_categories": (["code", "类别", "本月", "上月", "环比(%)"], change_rows(r.top_categories)),
        "top_level_categories": (["code", "大类", "本月", "上月", "环比(%)"], change_rows(r.top_top_categories)),
        "districts": (["code", "区县", "本月", "上月", "环比(%)"], change_rows(r.districts)),
        "departments": (["code", "承办单位", "派单", "办结", "超期办结", "超期签收", "回访", "不满意", "按时办结率(%)"],
                        [[d.code, d.name, d.dispatched, d.replied, d.replied_late, d.signed_late, d.callbacks,
                          d.unsatisfied, _pct(d.on_time.value)] for d in r.departments]),
        "reasons": (["rank", "不满意原因", "次数"], [[i + 1, reason, n] for i, (reason, n) in enumerate(r.reasons)]),
        "efficiency": (["rank", "承办单位", "得分", "上月得分", "变化"],
                       [[a.rank, a.name, a.score, "" if a.previous_score is None else a.previous_score,
                         "" if a.change is None else round(a.change, 2)] for a in r.efficiency if a.rank]),
        **_instruction_sections(r),
        **_dispute_sections(r),
        "warnings": (["day", "区县", "类别", "来电", "通常"],
                     [[w.day, w.district, w.category, w.count, w.expected] for w in r.warnings]),
        "hotspots": (["kind", "地点或企业", "类别", "来电人数", "工单"],
                     [["地点" if h.kind == "address" else "企业", _as_text(h.name), h.category, h.callers, h.cases]
                      for h in r.hotspots]),
        "appendix": (["number", "受理日期", "区县", "类别", "承办单位", "地点", "诉求内容", "办理结果", "满意"],
                     [[c.number, c.received, c.district, c.category, c.department, _as_text(c.place),
                       _as_text(c.description), _as_text(c.result),
                       "" if c.satisfied is None else ("满意" if c.satisfied else "不满意")]
                      for c in r.appendix]),
    }


def _instruction_sections(r: MonthlyReport) -> dict[str, tuple[list[str], list[list]]]:
    i = r.instructions
    if i is None:
        return {}
    counts = ["收到", "按时办结", "超期", "在办"]
    return {
        "instructions_by_level": (["level", "层级", *counts],
                                  [[c.key, c.name, c.received, c.on_time, c.overdue, c.open] for c in i.by_level]),
        "instructions_by_unit": (["code", "承办单位", *counts],
                                 [[c.key, c.name, c.received, c.on_time, c.overdue, c.open] for c in i.by_unit]),
        "instructions_overdue": (["number", "层级", "批示领导", "职务", "承办单位", "办结时限", "办结时间"],
                                 [[o.number, LEVEL_LABELS.get(o.level, o.level), o.leader, o.title, o.unit,
                                   o.deadline, o.replied] for o in i.overdue]),
    }


def _dispute_sections(r: MonthlyReport) -> dict[str, tuple[list[str], list[list]]]:
    d = r.disputes
    if d is None:
        return {}
    return {
        "returns_reviewed": (["number", "退单单位", "退单理由", "建议承办单位", "审核结果", "审核时间", "审核人",
                              "审核意见"],
                             [[x.number, x.unit, _as_text(x.reason), x.suggested, OUTCOME_NAMES[x.outcome],
                               x.decided_at, x.decided_by, _as_text(x.decision_reason)] for x in d.reviews]),
        "disputes": (["number", "退单单位", "裁定承办单位", "裁定时间", "裁定人", "裁定理由"],
                     [[x.number, x.returned_by, x.bound_unit, x.decided_at, x.decided_by,
                       _as_text(x.decision_reason)] for x in d.disputes]),
    }


def _as_text(value: str) -> str:
    """A citizen's text that a spreadsheet would run as a formula (=HYPERLINK(...), +, -, @)
    kept as text: a leading apostrophe, which Excel and LibreOffice hide."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def write_csv(r: MonthlyReport, path: Path | str) -> Path:
    """One UTF-8 (with BOM, so Excel reads the Chinese) long-format CSV of every section."""
    path = Path(path)
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh)
        w.writerow(CSV_COLUMNS)
        for name, (_headers, rows) in sections(r).items():
            for row in rows:
                if name == "appendix":
                    w.writerow([name, row[0], row[3], "", "", "", " | ".join(str(x) for x in row[1:])])
                elif name == "departments":
                    w.writerow([name, row[0], row[1], row[3], "", "",
                                f"dispatched={row[2]};replied_late={row[4]};signed_late={row[5]};"
                                f"callbacks={row[6]};unsatisfied={row[7]};on_time_pct={row[8]}"])
                elif name == "efficiency":  # key: the rank; value: the score
                    w.writerow([name, row[0], row[1], row[2], row[3], "", f"change={row[4]}"])
                elif name in ("instructions_by_level", "instructions_by_unit"):  # value: received
                    w.writerow([name, row[0], row[1], row[2], "", "",
                                f"on_time={row[3]};overdue={row[4]};open={row[5]}"])
                elif name == "instructions_overdue":
                    w.writerow([name, row[0], row[4], row[5], "", "", " | ".join(str(x) for x in row[1:])])
                elif name == "returns_reviewed":  # label: the returning unit; value: the outcome
                    w.writerow([name, row[0], row[1], row[4], "", "", " | ".join(str(x) for x in row[2:])])
                elif name == "disputes":  # label: the units that returned it; value: the bound unit
                    w.writerow([name, row[0], row[1], row[2], "", "", " | ".join(str(x) for x in row[3:])])
                elif name == "warnings":  # key: the day; label: district and category; value: calls
                    w.writerow([name, row[0], f"{row[1]} {row[2]}", row[3], "", "", f"expected={row[4]}"])
                elif name == "hotspots":  # key: place or company; value: callers
                    w.writerow([name, row[0], row[1], row[3], "", "", f"category={row[2]};cases={row[4]}"])
                elif name == "reasons":
                    w.writerow([name, row[0], row[1], row[2], "", "", ""])
                elif name == "rates":  # the fifth column is numerator/denominator
                    w.writerow([name, row[0], row[1], row[2], row[3], "", row[4]])
                else:  # the fifth column is the change in percent
                    w.writerow([name, row[0], row[1], row[2], row[3], row[4], ""])
    return path


def write_xlsx(r: MonthlyReport, path: Path | str) -> Path:
    """One sheet per section, headers bold, columns sized to their content."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    path = Path(path)
    wb = Workbook()
    wb.remove(wb.active)
    for name, (headers, rows) in sections(r).items():
        ws = wb.create_sheet(name)
        ws.append(headers)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append(row)
        for col in ws.columns:
            width = max(len(str(c.value or "")) for c in col)
            ws.column_dimensions[col[0].column_letter].width = min(max(8, width * 1.6), 60)
        ws.freeze_panes = "A2"
    wb.save(path)
    return path
