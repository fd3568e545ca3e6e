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
    depts = seed("departments")
    for d in sorted(depts, key=lambda d: d.get("parent") is not None):
        s.add(Department(code=d["code"], name=d["name"], parent_code=d.get("parent"), kind=d.get("kind", "city"),
                         contact_phone=d.get("contact_phone", ""), contact_person=d.get("contact_person", ""),
                         responsibilities=d.get("responsibilities", []),
                         category_codes=d.get("category_codes", [])))
        s.flush()
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
    code: str
    name: str
    kind: str
    contact_phone: str
    contact_person: str
    responsibilities: tuple[str, ...]
    category_codes: tuple[str, ...]


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
    with db.session() as s:
        return [DepartmentView(d.code, d.name, d.kind, d.contact_phone, d.contact_person,
                               tuple(d.responsibilities or ()), tuple(d.category_codes or ()))
                for d in s.scalars(select(Department).order_by(Department.code))]


def districts(db: Database) -> list[DistrictView]:
    with db.session() as s:
        return [DistrictView(d.code, d.name, tuple(d.streets or ()), tuple(d.roads or ()),
                             tuple(d.communities or ())) for d in s.scalars(select(District).order_by(District.code))]


def operators(db: Database) -> list[OperatorView]:
    with db.session() as s:
        return [OperatorView(o.id, o.login, o.name, o.role, o.station, o.department_code)
                for o in s.scalars(select(Operator).order_by(Operator.login))]


def suggest_departments(db: Database, category_code: str | None, district: str | None = None,
                        limit: int = 3) -> list[DepartmentView]:
    """Departments whose responsibility list covers the category; the district's
    government comes after the city departments."""
    if not category_code:
        return []
    found = [d for d in departments(db) if category_code in d.category_codes]
    found.sort(key=lambda d: (d.kind == "district" and not d.code.endswith(district or "?"), d.kind != "city"))
    return found[:limit]
