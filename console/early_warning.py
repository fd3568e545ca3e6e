"""Early warning: a cluster of calls about one category in one district, on one day.

The detector (docs/early-warning.md gives the reasoning and the figures):

- The day's count n of a (district, category) cell is compared with what the
  cell usually gets on that weekday: λ, the cell's mean over the previous 28
  days times the weekday's share of the city's calls over those days (Sundays
  get about half a Monday's), never below `floor` (a cell that is usually
  silent must not alert on its second call). The same weekdays of the last
  four weeks alone were tried as λ: four values are too noisy (precision 0.87
  against 0.95 at the same recall, docs/early-warning.md).
- The control limit is the smallest count whose Poisson tail P(X >= limit | λ)
  is below `alpha`; the cell alerts when n reaches the limit and is at least
  `min_count`.

The counts come from the rollups (`rollup_day_district_category.intake`), so a
run over 90 days of every cell reads a few hundred thousand small rows, not the
cases. `hotspots` is the second signal: three or more different callers about
one address or one named company within 7 days.
"""
from __future__ import annotations

import math
import re
import tomllib
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from models.db import Database

from .metrics import day_start

CONFIG_FILE = Path(__file__).resolve().parent.parent / "resources" / "early_warning.toml"


@dataclass(frozen=True)
class Detector:
    alpha: float = 1e-4
    min_count: int = 5
    floor: float = 0.5
    history_days: int = 28
    hotspot_days: int = 7
    hotspot_callers: int = 3


def load_detector(path: Path = CONFIG_FILE) -> Detector:
    raw = tomllib.loads(Path(path).read_text("utf-8"))
    known = set(Detector.__dataclass_fields__)
    unknown = set(raw) - known
    if unknown:
        raise ValueError(f"{path.name}: unknown settings {', '.join(sorted(unknown))}")
    return Detector(**raw)


@dataclass(frozen=True)
class Alert:
    day: date
    district: str
    category: str
    count: int
    expected: float
    limit: int
    p_value: float


def poisson_tail(k: int, lam: float) -> float:
    """P(X >= k) for X ~ Poisson(lam)."""
    if k <= 0:
        return 1.0
    term = math.exp(-lam)
    below = term
    for i in range(1, k):
        term *= lam / i
        below += term
    return max(0.0, 1.0 - below)


def control_limit(lam: float, alpha: float) -> int:
    """The smallest k with P(X >= k | lam) < alpha."""
    k = max(1, int(lam))
    while poisson_tail(k, lam) >= alpha:
        k += 1
    return k


Counts = Mapping[tuple[date, str, str], int]


def _day_totals(counts: Counts) -> dict[date, int]:
    totals: dict[date, int] = defaultdict(int)
    for (day, _d, _c), n in counts.items():
        totals[day] += n
    return totals


def weekday_share(totals: Mapping[date, int], day: date, history: int) -> float:
    """`day`'s weekday's calls relative to the average day, over the `history` days before `day`."""
    past = [day - timedelta(days=i) for i in range(1, history + 1)]
    mean = sum(totals.get(d, 0) for d in past) / history
    same = [totals.get(d, 0) for d in past if d.weekday() == day.weekday()]
    return (sum(same) / len(same)) / mean if mean and same else 1.0


def expected(counts: Counts, day: date, cell: tuple[str, str], det: Detector, share: float) -> float:
    """What the cell usually gets on `day`'s weekday (λ above)."""
    d, c = cell
    recent = sum(counts.get((day - timedelta(days=i), d, c), 0) for i in range(1, det.history_days + 1))
    return max(det.floor, recent / det.history_days * share)


def detect(counts: Counts, days: list[date], det: Detector) -> list[Alert]:
    """The alerts of each of `days`, from daily counts per (day, district, category); `counts` must
    hold the `det.history_days` days before the first of `days` too."""
    cells_by_day: dict[date, list[tuple[str, str, int]]] = defaultdict(list)
    for (day, d, c), n in counts.items():
        if n >= det.min_count:
            cells_by_day[day].append((d, c, n))
    totals = _day_totals(counts)
    alerts = []
    limits: dict[float, int] = {}
    for day in days:
        share = weekday_share(totals, day, det.history_days)
        for d, c, n in cells_by_day.get(day, []):
            lam = expected(counts, day, (d, c), det, share)
            key = round(lam, 3)
            limit = limits.get(key)
            if limit is None:
                limit = limits[key] = control_limit(lam, det.alpha)
            if n >= limit:
                alerts.append(Alert(day, d, c, n, round(lam, 2), limit, poisson_tail(n, lam)))
    return sorted(alerts, key=lambda a: (a.day, a.p_value))


# -- on a profile -------------------------------------------------------------------------------
def daily_counts(db: Database, start: date, end: date) -> dict[tuple[date, str, str], int]:
    """Calls per (city-local day, district, category) in [start, end), from the rollups."""
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT day, district, category, intake FROM rollup_day_district_category "
            "WHERE day >= ? AND day < ? AND intake > 0", (start.isoformat(), end.isoformat())).all()
    return {(date.fromisoformat(day), d, c): n for day, d, c, n in rows}


def alerts(db: Database, first: date, last: date, det: Detector | None = None) -> list[Alert]:
    """The alerts of the days first..last (inclusive)."""
    det = det or load_detector()
    counts = daily_counts(db, first - timedelta(days=det.history_days), last + timedelta(days=1))
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    return detect(counts, days, det)


def cases_behind(db: Database, alert: Alert, limit: int = 200) -> list[str]:
    """The numbers of the cases an alert counted."""
    with db.engine.connect() as conn:
        return list(conn.exec_driver_sql(
            "SELECT number FROM cases WHERE created_at >= ? AND created_at < ? AND district_code = ? "
            "AND category_code = ? ORDER BY created_at LIMIT ?",
            (day_start(alert.day).isoformat(" ", "microseconds"),
             day_start(alert.day + timedelta(days=1)).isoformat(" ", "microseconds"),
             alert.district, alert.category, limit)).scalars())


# -- hotspots: one address or one company, several callers ----------------------------------------
_PLACE_END = re.compile(r"^(.*?(?:\d+号|小区|花园|大厦|广场|公寓|家园|新村|苑|院|市场|酒店|商场|学校|医院))")
_PUNCT = re.compile(r"[\s,，.。、;；:：()（）\[\]【】\-—_#]+")
# a company is named by a word ending like these, after a name the tagger marks as proper
_COMPANY_ENDS = ("有限公司", "公司", "集团", "物业", "酒店", "宾馆", "餐厅", "饭店", "店", "超市", "商场", "健身房",
                 "幼儿园", "医院", "诊所", "药房", "工地", "项目部", "培训机构", "中介", "网吧", "市场")
_NAME_TAGS = frozenset({"n", "nr", "nrt", "ns", "nz", "nt", "j", "eng", "m", "vn"})
_PROPER_TAGS = frozenset({"nr", "nrt", "ns", "nz", "nt", "eng"})
_QUANTIFIERS = ("一", "两", "几", "这", "那", "某个", "每")


def place_key(address: str) -> str:
    """An address cut to the place it names (the building or estate, not the flat), normalised."""
    text = _PUNCT.sub("", unicodedata.normalize("NFKC", address or ""))
    m = _PLACE_END.match(text)
    return m.group(1) if m else text


def companies(description: str) -> set[str]:
    """Named companies, shops, sites, schools ... in a description: a word ending like
    _COMPANY_ENDS after nouns of which at least one is a proper name ("蓝天健身房",
    "成都某某物业管理有限公司"; not "我们公司", "一家小公司", "民办幼儿园")."""
    text = unicodedata.normalize("NFKC", description or "")
    if not any(end in text for end in _COMPANY_ENDS):
        return set()  # most descriptions: no tagging
    import rjieba  # the tagger's dictionary loads on first use (console/person_names.py does the same)

    words = rjieba.tag(text)
    out = set()
    for i, (word, _tag) in enumerate(words):
        if not word.endswith(_COMPANY_ENDS):
            continue
        j, proper = i, False
        while j > 0:
            prev, tag = words[j - 1]
            if prev == "某某" or (tag in _NAME_TAGS and not (tag == "m" and prev.startswith(_QUANTIFIERS))):
                proper = proper or tag in _PROPER_TAGS
                j -= 1
            else:
                break
        name = "".join(w for w, _ in words[j:i + 1])
        if proper and j < i and len(name) >= 4:
            out.add(name)
    # "X有限公司工地" is X有限公司's site: one company
    return {n for n in out if not any(n != m and n.startswith(m) for m in out)}


@dataclass(frozen=True)
class Hotspot:
    kind: str  # "address" (one place, one category) or "company"
    key: str  # the place or the company's name
    category: str  # the category of an address hotspot; "" for a company
    callers: int
    cases: tuple[str, ...]


# what a hotspot counts: complaints, reports and requests for help (not questions or praise)
HOTSPOT_TYPES = ("complaint", "report", "help")


def hotspots(db: Database, today: date, det: Detector | None = None) -> list[Hotspot]:
    """Places (about one category) and companies that `det.hotspot_callers` or more different
    callers complained about in the `det.hotspot_days` days up to `today`."""
    det = det or load_detector()
    start = day_start(today - timedelta(days=det.hotspot_days - 1))
    end = day_start(today + timedelta(days=1))
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT number, caller_phone, address, description, category_code FROM cases "
            "WHERE created_at >= ? AND created_at < ? AND state NOT IN ('draft', 'merged') "
            f"AND type IN ({', '.join('?' * len(HOTSPOT_TYPES))}) ORDER BY created_at",
            (start.isoformat(" ", "microseconds"), end.isoformat(" ", "microseconds"), *HOTSPOT_TYPES)).all()
    groups: dict[tuple[str, str, str], tuple[set[str], list[str]]] = {}
    for number, phone, address, description, category in rows:
        caller = phone or number  # a caller without a number counts once per case
        keys = [("company", name, "") for name in companies(description)]
        place = place_key(address)
        if len(place) >= 4:
            keys.append(("address", place, category or ""))
        for key in keys:
            callers, numbers = groups.setdefault(key, (set(), []))
            callers.add(caller)
            numbers.append(number)
    found = [Hotspot(kind, key, category, len(callers), tuple(numbers))
             for (kind, key, category), (callers, numbers) in groups.items() if len(callers) >= det.hotspot_callers]
    return sorted(found, key=lambda h: (-h.callers, h.kind, h.key))
