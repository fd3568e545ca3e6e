"""The month's public site (三公开): static HTML pages and the same data as JSON.

`python main.py report public --month 2026-11 --out DIR` writes

    DIR/index.html          the month: figures, hot issues with charts, units, clusters, the case lookup
    DIR/summary.json        the same figures as data
    DIR/cases/NNNN.json     the month's public cases, in shards by a hash of the number
    DIR/cases/NNNN.js       the same shard for the page (a script, so the lookup works from file://)
    DIR/site.css, site.js   the page's style and its lookup
    DIR/media/              the photos marked public (console/report/public_media.py)

No server is needed: the folder works from a USB stick or any web server. A
citizen types a case number; the page loads that number's shard and shows
the case's handling steps and the reply.

What is published is the Open311 face of a case: confidential cases and
whistle-blowing reports (举报) are left out entirely; texts pass through
console.redact.public_text (the caller's exact address and name, numbers,
contacts, addresses and names in the text removed); the place is the
district only; no step carries an operator's or a liaison's name, nor a
reason written by staff.
"""
from __future__ import annotations

import html
import json
import shutil
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from models.db import Database

from .. import refdata
from ..attachments import BlobStore
from ..case_attachments import attachments_dir
from ..clock import CITY_TZ
from ..metrics import month_scope
from ..redact import UNPUBLISHABLE_TYPES, public_text
from .data import MonthlyReport, build_monthly
from .public_media import copy_photos, public_photos
from .tables import RATE_LABELS

SHARDS = 1024
TYPE_LABELS = {"consultation": "咨询", "help": "求助", "complaint": "投诉", "suggestion": "建议", "praise": "表扬",
               "other": "其他"}
# the steps a citizen sees, in their words; other events (notes, internal reviews) are not published
STEP_LABELS = {"receive": "受理", "answer": "直接答复", "transfer": "转接", "dispatch": "派单", "accept": "签收",
               "return": "退回重派", "approve_extension": "延期", "reply": "办结答复", "callback": "回访",
               "reopen": "重新办理", "close": "结案", "merge": "合并办理", "supervise": "督办"}
STATE_LABELS = {"received": "已受理", "answered": "已答复", "dispatched": "办理中", "accepted": "办理中",
                "returned": "办理中", "extended": "办理中", "replied": "已办结", "callback": "已办结",
                "reopened": "办理中", "closed": "已办结", "merged": "已合并"}


def shard_of(number: str) -> int:
    """FNV-1a (32 bits) of the number's characters, modulo SHARDS; site.js computes the same."""
    h = 0x811C9DC5
    for ch in number.strip().upper():
        h ^= ord(ch)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h % SHARDS


@dataclass(frozen=True)
class SiteStats:
    cases: int
    shards: int
    files: int
    bytes: int


def _local(stored) -> str:
    moment = stored if isinstance(stored, datetime) else datetime.fromisoformat(stored)
    return moment.replace(tzinfo=UTC).astimezone(CITY_TZ).strftime("%Y-%m-%d %H:%M")


def public_cases(db: Database, month: str) -> list[dict]:
    """The month's public cases with their public steps, redacted."""
    scope = month_scope(month)
    names = {
        "category": {c.code: c.name for c in refdata.categories(db)},
        "district": {d.code: d.name for d in refdata.districts(db)},
        "department": {d.code: d.name for d in refdata.departments(db)},
    }
    unpublishable = ", ".join("?" * len(UNPUBLISHABLE_TYPES))
    a = scope.created_from.isoformat(" ", "microseconds")
    b = scope.created_to.isoformat(" ", "microseconds")
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT id, number, created_at, type, state, district_code, category_code, lead_department, address, "
            "description, caller_name, satisfied FROM cases WHERE created_at >= ? AND created_at < ? "
            f"AND NOT confidential AND type NOT IN ({unpublishable}) AND state != 'draft' ORDER BY created_at",
            (a, b, *UNPUBLISHABLE_TYPES)).all()
        events: dict[str, list] = defaultdict(list)
        for case_id, kind, at, payload in conn.exec_driver_sql(
                "SELECT e.case_id, e.kind, e.at, e.payload FROM case_events e JOIN cases c ON c.id = e.case_id "
                "WHERE c.created_at >= ? AND c.created_at < ? AND NOT c.confidential "
                f"AND c.type NOT IN ({unpublishable}) AND e.kind IN ({', '.join('?' * len(STEP_LABELS))}) "
                "ORDER BY e.case_id, e.seq", (a, b, *UNPUBLISHABLE_TYPES, *STEP_LABELS)):
            events[case_id].append((kind, at, payload))
        photos = public_photos(conn, [r[0] for r in rows])
    out = []
    for (cid, number, created, type_, state, district, category, lead, address, description, caller,
         satisfied) in rows:
        hide = {"names": (caller or "",), "places": (address or "",)}
        steps, reply = [], ""
        for kind, at, payload in events.get(cid, []):
            data = json.loads(payload) if isinstance(payload, str) and payload else (payload or {})
            unit = names["department"].get(data.get("lead_department") or "", "") if kind == "dispatch" else ""
            steps.append({"at": _local(at), "step": STEP_LABELS[kind], "unit": unit})
            if kind == "reply":
                reply = public_text(str(data.get("result") or ""), **hide)
            elif kind == "answer":
                reply = public_text(str(data.get("answer") or ""), **hide)
        out.append({
            "number": number, "received": _local(created), "type": TYPE_LABELS.get(type_, "其他"),
            "status": STATE_LABELS.get(state, "办理中"),
            "district": names["district"].get(district or "", ""),
            "category": names["category"].get(category or "", ""),
            "unit": names["department"].get(lead or "", ""),
            "description": public_text(description or "", **hide), "reply": reply, "steps": steps,
            "satisfied": None if satisfied is None else bool(satisfied),
            "photos": photos.get(cid, []),  # (sha256, mime) of the public ones; write_site copies them
        })
    return out


def summary(report: MonthlyReport) -> dict:
    """The month's public figures (no case, no person)."""
    rates = {r.name: {"value": r.value, "numerator": r.numerator, "denominator": r.denominator}
             for r in report.rates.as_list()}
    ranked = sorted(report.departments, key=lambda d: (-(d.on_time.value or 0), -d.replied, d.name))
    units = [{"name": d.name, "dispatched": d.dispatched, "replied": d.replied, "reply_on_time": d.on_time.value,
              "callbacks": d.callbacks, "unsatisfied": d.unsatisfied} for d in ranked]
    return {
        "month": report.month, "generated_at": report.generated_at.isoformat(timespec="seconds"),
        "intake": int(report.intake.current), "previous_intake": int(report.intake.previous),
        "rates": rates,
        "top_categories": [{"name": c.label, "count": int(c.current), "previous": int(c.previous)}
                           for c in report.top_categories],
        "districts": [{"name": c.label, "count": int(c.current), "previous": int(c.previous)}
                      for c in report.districts],
        "units": units,
        "clusters": [{"day": w.day, "district": w.district, "category": w.category, "count": w.count}
                     for w in report.warnings],
    }


# -- the files ------------------------------------------------------------------------------------
def _json(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _script_json(obj) -> str:
    # inside a <script> file nothing can close a tag, but keep "</" out all the same
    return _json(obj).replace("</", "<\\/")


def write_site(db: Database, month: str, out: Path | str) -> SiteStats:
    """Write the month's public site into `out` (created; files of an earlier run replaced)."""
    out = Path(out)
    report = build_monthly(db, month, appendix_limit=0)
    cases = public_cases(db, month)
    data = summary(report)
    (out / "cases").mkdir(parents=True, exist_ok=True)
    for old in (out / "cases").glob("*"):
        old.unlink()
    shards: dict[int, dict[str, dict]] = defaultdict(dict)
    shutil.rmtree(out / "media", ignore_errors=True)
    store = BlobStore(attachments_dir(db))
    for case in cases:
        case["photos"] = copy_photos(store, case["photos"], out)
        shards[shard_of(case["number"])][case["number"].upper()] = case
    files = 0
    for n, content in shards.items():
        (out / "cases" / f"{n:04d}.json").write_text(_json(content), "utf-8")
        (out / "cases" / f"{n:04d}.js").write_text(f"hotlineShard({n},{_script_json(content)});\n", "utf-8")
        files += 2
    data["cases"] = len(cases)
    (out / "summary.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
    (out / "index.html").write_text(index_html(data), "utf-8")
    assets = resources.files("console.report") / "public_assets"
    for name in ("site.css", "site.js"):
        with resources.as_file(assets / name) as src:
            shutil.copyfile(src, out / name)
    files += 5
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    return SiteStats(len(cases), len(shards), files, size)


def _e(x) -> str:
    return html.escape(str(x), quote=True)


def _pct(v) -> str:
    return "—" if v is None else f"{v * 100:.1f}%"


def _bars(items: list[dict], label: str) -> str:
    """A horizontal bar chart as inline SVG (no script, no image file)."""
    items = items[:10]
    if not items:
        return "<p>本月无数据。</p>"
    top = max(i["count"] for i in items) or 1
    row, width = 26, 380
    parts = [f'<svg class="bars" viewBox="0 0 {width} {row * len(items) + 4}" role="img" aria-label="{_e(label)}">']
    for k, i in enumerate(items):
        y = k * row + 2
        w = max(2, int((width - 190) * i["count"] / top))
        parts.append(f'<text x="0" y="{y + 17}">{_e(i["name"][:8])}</text>'
                     f'<rect x="120" y="{y + 4}" width="{w}" height="16" rx="2"></rect>'
                     f'<text x="{126 + w}" y="{y + 17}">{i["count"]:,}</text>')
    parts.append("</svg>")
    return "".join(parts)


def index_html(data: dict) -> str:
    month = data["month"]
    y, m = month.split("-")
    rates = "".join(f"<div class='figure'><span>{_e(RATE_LABELS.get(k, k))}</span><b>{_pct(r['value'])}</b></div>"
                    for k, r in data["rates"].items() if k in RATE_LABELS)
    units = "".join(f"<tr><td>{i + 1}</td><td>{_e(u['name'])}</td><td>{u['dispatched']:,}</td>"
                    f"<td>{u['replied']:,}</td><td>{_pct(u['reply_on_time'])}</td></tr>"
                    for i, u in enumerate(data["units"]))
    clusters = "".join(f"<li>{_e(c['day'])} {_e(c['district'])}「{_e(c['category'])}」来电 {c['count']} 件</li>"
                       for c in data["clusters"]) or "<li>本月无诉求聚集预警。</li>"
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>12345热线 {y}年{int(m)}月 办理情况公开</title>
<link rel="stylesheet" href="site.css">
</head>
<body>
<header><h1>12345热线 {y}年{int(m)}月 办理情况公开</h1>
<p>诉求内容、办理过程和办理结果向社会公开。姓名、电话、证件号码和详细地址已隐去；涉密诉求与举报类诉求不公开。</p></header>
<main>
<section id="lookup"><h2>查询工单办理进度</h2>
<form id="lookup-form"><label for="number">工单编号</label>
<input id="number" name="number" autocomplete="off" placeholder="例如 CD-S001-20261127-0042" required>
<button type="submit">查询</button></form>
<div id="result" aria-live="polite"><noscript><p>查询需要浏览器启用脚本；
也可打开 cases 文件夹中的 JSON 数据。</p></noscript></div>
</section>
<section><h2>本月概况</h2>
<p>受理 <b>{data['intake']:,}</b> 件（上月 {data['previous_intake']:,} 件），其中可公开 {data['cases']:,} 件。</p>
<div class="figures">{rates}</div></section>
<section><h2>热点诉求</h2>{_bars(data['top_categories'], '本月热点诉求类别')}</section>
<section><h2>各区县诉求</h2>{_bars(data['districts'], '各区县诉求量')}</section>
<section><h2>诉求聚集预警</h2><ul>{clusters}</ul></section>
<section><h2>承办单位办理情况</h2>
<div class="table"><table>
<thead><tr><th>排名</th><th>承办单位</th><th>派单</th><th>办结</th><th>按时办结率</th></tr></thead>
<tbody>{units or '<tr><td colspan="5">本月无派单。</td></tr>'}</tbody></table></div></section>
</main>
<footer><p>生成时间 {_e(data['generated_at'])}。数据文件：<a href="summary.json">summary.json</a>。</p></footer>
<script src="site.js"></script>
</body>
</html>
"""
