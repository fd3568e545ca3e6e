"""Reference data shipped in resources/seed: categories, districts,
departments with their responsibility lists, and the profile's operators."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from pypinyin import Style, lazy_pinyin
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Category, Department, District, Operator, Setting
from models.db import Database
from resources import resource_path

from .routing import Duty, Routing, Suggestion, route
from .stations import STATION_KEY, new_provisional_station

SEED = resource_path("seed")

DEFAULT_OPERATORS = [
    ("op01", "张敏", "operator", None),
    ("op02", "李娜", "operator", None),
    ("op03", "刘洋", "operator", None),
    ("op04", "陈静", "operator", None),
    ("op05", "杨帆", "operator", None),
    ("lead01", "王强", "team_lead", None),
    ("admin", "系统管理员", "admin", None),
]


def pinyin_keys(text: str) -> tuple[str, str]:
    """Full pinyin without tones and the initials: 物业管理 -> (wuyeguanli, wygl)."""
    full = lazy_pinyin(text, errors="ignore")
    initials = lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore")
    return "".join(full).lower(), "".join(initials).lower()


@lru_cache(maxsize=1)
def seed(name: str):
    return json.loads((SEED / f"{name}.json").read_text("utf-8"))


def install(db: Database, station: str | None = None) -> bool:
    """Load the shipped reference data into an empty profile; True if it loaded anything.
    The profile numbers in `station`, by default a provisional one of its own
    (console.stations) until the central server assigns it one."""
    station = station or new_provisional_station()
    with db.session() as s, s.begin():
        if s.scalar(select(Category.code).limit(1)) is not None:
            return False
        _install(s, station)
        return True


def _install(s: Session, station: str) -> None:
    for top in seed("categories"):
        full, ini = pinyin_keys(top["name"])
        s.add(Category(code=top["code"], parent_code=None, name=top["name"], level=1,
                       keywords=top.get("keywords", []), pinyin=full, initials=ini))
    s.flush()
    for top in seed("categories"):
        for child in top.get("children", []):
            full, ini = pinyin_keys(child["name"])
            s.add(Category(code=child["code"], parent_code=top["code"], name=child["name"], level=2,
                           keywords=child.get("keywords", []), pinyin=full, initials=ini))
    for d in seed("districts"):
        s.add(District(code=d["code"], name=d["name"], streets=d.get("streets", []),
                       roads=d.get("roads", []), communities=d.get("communities", [])))
    add_units(s, seed_units())
    for login, name, role, dept in DEFAULT_OPERATORS:
        s.add(Operator(login=login, name=name, role=role, station=station, department_code=dept))
    s.add(Setting(key=STATION_KEY, value=station))


@dataclass(frozen=True)
class CategoryView:
    code: str
    name: str
    parent_code: str | None
    path: str  # 城市管理 / 占道经营
    pinyin: str
    initials: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class DepartmentView:
    """A handling unit at any level (console/routing.py routes over a list of them)."""
    code: str
    name: str
    kind: str
    contact_phone: str  # the unit's 24-hour contact
    contact_person: str
    responsibilities: tuple[str, ...]
    category_codes: tuple[str, ...]
    level: str = "city"  # city | district | street | community
    district_code: str | None = None  # the district whose cases it handles; None: the whole city
    parent_code: str | None = None  # the unit above
    duties: tuple[Duty, ...] = ()  # its responsibility list, per category


@dataclass(frozen=True)
class DistrictView:
    code: str
    name: str
    streets: tuple[str, ...]
    roads: tuple[str, ...]
    communities: tuple[str, ...]


@dataclass(frozen=True)
class OperatorView:
    id: object
    login: str
    name: str
    role: str
    station: str
    department: str | None


def categories(db: Database) -> list[CategoryView]:
    with db.session() as s:
        rows = s.scalars(select(Category).order_by(Category.code)).all()
        names = {c.code: c.name for c in rows}
        return [CategoryView(c.code, c.name, c.parent_code,
                             f"{names[c.parent_code]} / {c.name}" if c.parent_code else c.name,
                             c.pinyin, c.initials, tuple(c.keywords or ())) for c in rows]


def departments(db: Database) -> list[DepartmentView]:
    """Every unit of the profile, by code."""
    with db.session() as s:
        return [_view(d) for d in s.scalars(select(Department).order_by(Department.code))]


def _view(d: Department) -> DepartmentView:
    codes = tuple(d.category_codes or ())
    duties = tuple(Duty(str(c), str(r), str(line)) for c, r, line in (d.duties or ()))
    if not duties:  # a unit from before the responsibility list (migration 0014): it leads what it lists
        duties = tuple(Duty(c, "lead", "") for c in codes)
    return DepartmentView(d.code, d.name, d.kind, d.contact_phone, d.contact_person, tuple(d.responsibilities or ()),
                          codes, d.level or "city", d.district_code, d.parent_code, duties)


def unit_view(record: dict) -> DepartmentView:
    """A unit of the seed / import format (docs/reference-data.md) as a view; the record
    is trusted to be valid (console.unit_import checks files from outside)."""
    duties = tuple(Duty(x["category"], x["role"], x["duty"]) for x in record.get("duties", ()))
    codes = tuple(record.get("category_codes") or dict.fromkeys(x.category_code for x in duties))
    return DepartmentView(record["code"], record["name"], record.get("kind") or record.get("level", "city"),
                          record.get("contact_phone", ""), record.get("contact_person", ""),
                          tuple(record.get("responsibilities", ())), codes, record.get("level", "city"),
                          record.get("district"), record.get("parent"), duties)


def seed_units() -> list[DepartmentView]:
    """The shipped units (resources/seed/departments.json), for code without a profile:
    the demo generator, the central server, tests."""
    return [unit_view(d) for d in seed("departments")]


def add_units(s: Session, units: list[DepartmentView]) -> None:
    """Insert `units` into a session, parents before children."""
    for u in _parents_first(units):
        s.add(Department(code=u.code, name=u.name, parent_code=u.parent_code, kind=u.kind, level=u.level,
                         district_code=u.district_code, contact_phone=u.contact_phone,
                         contact_person=u.contact_person, responsibilities=list(u.responsibilities),
                         category_codes=list(u.category_codes),
                         duties=[[d.category_code, d.role, d.line] for d in u.duties]))
    s.flush()


def _parents_first(units: list[DepartmentView]) -> list[DepartmentView]:
    by_code = {u.code: u for u in units}

    def depth(u: DepartmentView) -> int:
        n, cur, seen = 0, u, set()
        while cur.parent_code in by_code and cur.code not in seen:
            seen.add(cur.code)
            cur, n = by_code[cur.parent_code], n + 1
        return n
    return sorted(units, key=depth)


def children(db_or_units: Database | list[DepartmentView], code: str) -> list[DepartmentView]:
    """The units directly below `code` (a district government's street offices and
    bureaus, a street office's communities), by code."""
    units = departments(db_or_units) if isinstance(db_or_units, Database) else db_or_units
    return sorted((u for u in units if u.parent_code == code), key=lambda u: u.code)


def districts(db: Database) -> list[DistrictView]:
    with db.session() as s:
        return [DistrictView(d.code, d.name, tuple(d.streets or ()), tuple(d.roads or ()),
                             tuple(d.communities or ())) for d in s.scalars(select(District).order_by(District.code))]


def operators(db: Database) -> list[OperatorView]:
    with db.session() as s:
        return [OperatorView(o.id, o.login, o.name, o.role, o.station, o.department_code)
                for o in s.scalars(select(Operator).order_by(Operator.login))]


def routing(db: Database, category_code: str | None, district: str | None = None, address: str = "") -> Routing:
    """The ranked lead and assisting units for a case (console.routing.route over the
    profile's units)."""
    return route(departments(db), category_code, district, address)


def suggest_departments(db: Database, category_code: str | None, district: str | None = None,
                        limit: int = 3) -> list[Suggestion]:
    """The first `limit` suggestions, leads before assisting units, each with its why:
    a district-level duty of a case in one district names only that district's units."""
    r = routing(db, category_code, district)
    return (r.lead + r.assist)[:limit]
