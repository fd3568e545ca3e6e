"""The monthly hotspot report as a PDF: Qt's QTextDocument laid out on QPdfWriter
pages, with a CJK font so the Chinese renders, and the charts as images."""
from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSizeF, QUrl
from PySide6.QtGui import QFont, QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from console.report.data import MonthlyReport
from console.report.disputes import OUTCOME_NAMES
from console.report.tables import LEVEL_LABELS, RATE_LABELS

from .charts import FONT_FAMILY, bar_chart

CSS = f"body {{ font-family: '{FONT_FAMILY}'; font-size: 10pt; color: #222; }}" + """
h1 { font-size: 20pt; margin-bottom: 2px; }
h2 { font-size: 14pt; margin-top: 10px; color: #1f4f85; }
.sub { color: #666; }
table { border-collapse: collapse; }
th { background: #e8eef6; font-weight: bold; }
td, th { padding: 3px 6px; }
.num { text-align: right; }
.up { color: #b02a2a; } .down { color: #1e7a3a; }
"""


def _e(x) -> str:
    return html.escape(str(x))


def _pct(v) -> str:
    return "—" if v is None else f"{v * 100:.2f}%"


def _change(v) -> str:
    if v is None:
        return "—"
    cls = "up" if v > 0 else "down" if v < 0 else ""
    return f"<span class='{cls}'>{v * 100:+.1f}%</span>"


def _table(headers: list[str], rows: list[list[str]], num_from: int = 1) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = []
    for row in rows:
        cells = "".join(f"<td class='num'>{c}</td>" if i >= num_from else f"<td>{c}</td>" for i, c in enumerate(row))
        body.append(f"<tr>{cells}</tr>")
    return f"<table border='1' cellspacing='0' width='100%'><tr>{head}</tr>{''.join(body)}</table>"


def charts(r: MonthlyReport) -> dict[str, QImage]:
    """The report's charts, by name."""
    rate_list = r.rates.as_list()
    prev = {x.name: x for x in r.previous_rates.as_list()}
    month, before = r.scope.start.strftime("%Y-%m"), r.previous_scope.start.strftime("%Y-%m")
    legend = (f"本月 {month}", f"上月 {before}")
    return {
        "rates": bar_chart("主要指标（%）", [RATE_LABELS[x.name] for x in rate_list],
                           [100 * (x.value or 0) for x in rate_list],
                           [100 * (prev[x.name].value or 0) for x in rate_list],
                           legend, value_fmt=lambda v: f"{v:.1f}%"),
        "categories": bar_chart("热点诉求类别（受理量）", [c.label for c in r.top_categories],
                                [c.current for c in r.top_categories], [c.previous for c in r.top_categories], legend),
        "districts": bar_chart("各区县受理量", [c.label for c in r.districts], [c.current for c in r.districts],
                               [c.previous for c in r.districts], legend),
        "departments": bar_chart("承办单位超期与不满意（件）", [d.name for d in r.departments[:12]],
                                 [d.replied_late + d.signed_late for d in r.departments[:12]],
                                 [d.unsatisfied for d in r.departments[:12]], ("超期", "不满意")),
    }


def html_of(r: MonthlyReport, images: dict[str, QImage]) -> str:
    """The report's HTML; images are referenced as chart:NAME resources."""
    month, before = r.scope.start.strftime("%Y年%m月"), r.previous_scope.start.strftime("%Y年%m月")
    def img(name: str) -> str:
        return f"<p><img src='chart:{name}' width='840'></p>"
    prev = {x.name: x for x in r.previous_rates.as_list()}
    rows = [[_e(RATE_LABELS[x.name]), _pct(x.value), _pct(prev[x.name].value),
             f"{int(x.numerator):,} / {int(x.denominator):,}"] for x in r.rates.as_list()]
    avg, pavg = r.rates.avg_reply_working_days, r.previous_rates.avg_reply_working_days
    rows.append(["平均办理时长（工作日）", "—" if avg is None else f"{avg:.2f}", "—" if pavg is None else f"{pavg:.2f}",
                 f"{int(r.rates.counts['replied']):,} 件办结"])
    rows.append(["受理量", f"{int(r.intake.current):,}", f"{int(r.intake.previous):,}", _change(r.intake.change)])
    for level, n in r.rates.instructions.items():
        rows.append([_e(LEVEL_LABELS[level]), str(n), str(r.previous_rates.instructions[level]), ""])
    parts = [f"<h1>12345热线 {month} 热点诉求分析报告</h1>",
             f"<p class='sub'>统计周期：{r.scope.start} 至 {r.scope.end}（不含），对比 {before}。"
             f"生成时间：{r.generated_at:%Y-%m-%d %H:%M}</p>",
             "<h2>一、主要指标</h2>", _table(["指标", "本月", "上月", "分子 / 分母"], rows), img("rates"),
             "<h2 style='page-break-before: always'>二、热点诉求类别</h2>", img("categories"),
             _table(["类别", "本月", "上月", "环比"], [[_e(c.label), f"{int(c.current):,}", f"{int(c.previous):,}",
                                                   _change(c.change)] for c in r.top_categories]),
             "<h2 style='page-break-before: always'>三、各区县诉求</h2>", img("districts"),
             _table(["区县", "本月", "上月", "环比"], [[_e(c.label), f"{int(c.current):,}", f"{int(c.previous):,}",
                                                   _change(c.change)] for c in r.districts]),
             "<h2 style='page-break-before: always'>四、承办单位超期与不满意情况</h2>", img("departments"),
             _table(["承办单位", "派单", "办结", "超期办结", "超期签收", "回访", "不满意", "按时办结率"],
                    [[_e(d.name), f"{d.dispatched:,}", f"{d.replied:,}", f"{d.replied_late:,}", f"{d.signed_late:,}",
                      f"{d.callbacks:,}", f"{d.unsatisfied:,}", d.on_time.percent()] for d in r.departments]),
             "<h2>五、群众不满意原因</h2>",
             _table(["序号", "原因", "次数"], [[str(i + 1), _e(reason), f"{n:,}"] for i, (reason, n) in
                                           enumerate(r.reasons)], num_from=2),
             "<h2>六、承办单位效能考核</h2>",
             "<p class='sub'>各项指标的加权得分（满分100），完整分项见 report efficiency。</p>",
             _table(["排名", "承办单位", "得分", "上月得分", "变化"],
                    [[str(a.rank), _e(a.name), f"{a.score:.2f}",
                      "—" if a.previous_score is None else f"{a.previous_score:.2f}",
                      "—" if a.change is None else f"{a.change:+.2f}"] for a in r.efficiency if a.rank]
                    or [["—", "本月无考核数据", "", "", ""]], num_from=2),
             *_instructions(r),
             *_disputes(r),
             "<h2>九、预警：诉求聚集与热点</h2>",
             "<p class='sub'>某区县某类诉求单日来电明显高于其近28天的通常水平（按星期调整，泊松控制限）；"
             "热点为7天内3位以上不同来电人反映同一地点同一类问题或同一企业。</p>",
             _table(["日期", "区县", "类别", "来电", "通常"],
                    [[w.day, _e(w.district), _e(w.category), str(w.count), f"{w.expected:.1f}"] for w in r.warnings]
                    or [["本月无预警", "", "", "", ""]], num_from=3),
             _table(["类型", "地点或企业", "类别", "来电人数", "工单"],
                    [["地点" if h.kind == "address" else "企业", _e(h.name), _e(h.category), str(h.callers),
                      str(h.cases)] for h in r.hotspots] or [["本月无热点", "", "", "", ""]], num_from=3),
             "<h2 style='page-break-before: always'>附录：可公开工单（已脱敏）</h2>",
             "<p class='sub'>姓名、电话号码、身份证号码和详细地址已隐去。</p>",
             _table(["编号", "日期", "地点", "类别", "承办单位", "诉求内容", "办理结果", "回访"],
                    [[f"<nobr>{_e(c.number)}</nobr>", f"<nobr>{_e(c.received)}</nobr>", _e(c.place), _e(c.category),
                      _e(c.department), _e(c.description),
                      _e(c.result), "" if c.satisfied is None else ("满意" if c.satisfied else "不满意")]
                     for c in r.appendix], num_from=99)]
    return f"<html><head><style>{CSS}</style></head><body>{''.join(parts)}</body></html>"


def _instructions(r: MonthlyReport) -> list[str]:
    i = r.instructions
    if i is None:
        return []
    head = ["收到", "按时办结", "超期", "在办"]
    return ["<h2>七、领导批示办理情况</h2>",
            _table(["层级", *head], [[_e(c.name), str(c.received), str(c.on_time), str(c.overdue), str(c.open)]
                                   for c in i.by_level] or [["本月无批示", "", "", "", ""]]),
            _table(["承办单位", *head], [[_e(c.name), str(c.received), str(c.on_time), str(c.overdue), str(c.open)]
                                     for c in i.by_unit if c.key]) if any(c.key for c in i.by_unit) else "",
            "<h3>超期批示件</h3>" if i.overdue else "",
            _table(["编号", "层级", "批示领导", "承办单位", "办结时限", "办结时间"],
                   [[f"<nobr>{_e(o.number)}</nobr>", _e(LEVEL_LABELS.get(o.level, o.level)),
                     _e(f"{o.title} {o.leader}".strip()), _e(o.unit), _e(o.deadline), _e(o.replied or "未办结")]
                    for o in i.overdue], num_from=99) if i.overdue else ""]


def _disputes(r: MonthlyReport) -> list[str]:
    d = r.disputes
    if d is None:
        return []
    return ["<h2>八、退单审核与职责争议</h2>",
            f"<p class='sub'>本月审核退单 {len(d.reviews)} 件（同意 {d.approved} 件，驳回 {d.rejected} 件），"
            f"裁定职责争议 {len(d.disputes)} 件；裁定的承办单位不得再退单。</p>",
            _table(["编号", "退单单位", "退单理由", "建议承办单位", "审核结果", "审核时间"],
                   [[f"<nobr>{_e(x.number)}</nobr>", _e(x.unit), _e(x.reason), _e(x.suggested or "—"),
                     _e(OUTCOME_NAMES[x.outcome]), _e(x.decided_at)] for x in d.reviews]
                   or [["本月无退单审核", "", "", "", "", ""]], num_from=99),
            "<h3>职责争议裁定</h3>",
            _table(["编号", "退单单位", "裁定承办单位", "裁定时间", "裁定理由"],
                   [[f"<nobr>{_e(x.number)}</nobr>", _e(x.returned_by), _e(x.bound_unit), _e(x.decided_at),
                     _e(x.decision_reason)] for x in d.disputes]
                   or [["本月无职责争议", "", "", "", ""]], num_from=99)]


def write_pdf(r: MonthlyReport, path: Path | str, chart_dir: Path | None = None) -> Path:
    """Write the A4 PDF (a QGuiApplication must exist); optionally save the charts as PNG too."""
    images = charts(r)
    if chart_dir is not None:
        for name, image in images.items():
            image.save(str(Path(chart_dir) / f"{name}.png"))
    return html_to_pdf(html_of(r, images), path, f"12345 hotspot report {r.month}", images)


def html_to_pdf(page: str, path: Path | str, title: str, images: dict[str, QImage] | None = None) -> Path:
    """An A4 PDF of `page` (Qt's rich-text HTML), images referenced as chart:NAME."""
    path = Path(path)
    doc = QTextDocument()
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(10)
    doc.setDefaultFont(font)
    for name, image in (images or {}).items():
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"chart:{name}"), image)
    doc.setHtml(page)
    writer = QPdfWriter(str(path))
    writer.setResolution(120)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    writer.setTitle(title)
    writer.setCreator("hotline console")
    doc.setPageSize(QSizeF(writer.width(), writer.height()))
    doc.print_(writer)
    return path


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return bytes(data)
