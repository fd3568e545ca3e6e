"""The efficiency assessment as a PDF: the units' and the districts' ranking with every indicator."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from console.efficiency import INDICATORS, Assessment
from console.report.efficiency_tables import INDICATOR_LABELS

from .pdf import CSS, _e, _table, html_to_pdf


def _pct(v) -> str:
    return "—" if v is None else f"{v * 100:.1f}%"


def _score(v) -> str:
    return "—" if v is None else f"{v:.2f}"


def _change(a: Assessment) -> str:
    if a.change is None:
        return "—"
    cls = "down" if a.change > 0 else "up" if a.change < 0 else ""  # a better score is good news (green)
    return f"<span class='{cls}'>{a.change:+.2f}</span>"


def section(title: str, label: str, assessed: list[Assessment]) -> str:
    ranked = [a for a in assessed if a.rank is not None]
    idle = [a.name for a in assessed if a.rank is None]
    main = _table(["排名", label, "得分", "变化", "上月排名", "派单", "超期"],
                  [[str(a.rank), _e(a.name), _score(a.score), _change(a), str(a.previous_rank or "—"),
                    f"{a.dispatched:,}", f"{a.overdue:,}"] for a in ranked], num_from=2)
    detail = _table([label, *(INDICATOR_LABELS[i] for i in INDICATORS)],
                    [[_e(a.name), *(_pct(a.indicators[i].value) for i in INDICATORS)] for a in ranked])
    tail = f"<p class='sub'>本月无考核数据：{_e('、'.join(idle))}</p>" if idle else ""
    return f"<h2>{_e(title)}</h2>{main}<h3>分项指标</h3>{detail}{tail}"


def html_of(month: str, units: list[Assessment], districts: list[Assessment], generated: datetime) -> str:
    y, m = month.split("-")
    parts = [f"<h1>12345热线 {y}年{int(m)}月 承办单位效能考核</h1>",
             f"<p class='sub'>得分为各项指标（0–1，越高越好；退单率、延期率、重复诉求率、超期率取 1 减其值）的"
             f"加权平均 × 100，权重见 resources/efficiency.toml。生成时间：{generated:%Y-%m-%d %H:%M}</p>",
             section("一、承办单位排名", "承办单位", units),
             "<div style='page-break-before: always'></div>",
             section("二、区县排名", "区县", districts)]
    return f"<html><head><style>{CSS}</style></head><body>{''.join(parts)}</body></html>"


def write_pdf(month: str, units: list[Assessment], districts: list[Assessment], path: Path | str) -> Path:
    return html_to_pdf(html_of(month, units, districts, datetime.now()), path, f"12345 efficiency {month}")
