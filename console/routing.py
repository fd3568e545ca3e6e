"""Which units should handle a case: the responsibility list read by level and jurisdiction.

Pure: no database, no Qt. The console (console.refdata.suggest_departments), the demo
generator and the central server call it with the units of their own reference data.

Each unit carries its duties: (category, role, line), role "lead" or "assist". A unit
of a level below the city (district, street, community) serves only its own district:
for a case in 金牛区 only 金牛区's units (and city units) are ever named. Street and
community units are named only when the case's address names them; otherwise their
district's units stand for them (a district's sub-centre passes the case down).

Ranking, lead and assist alike: the most local level first (属地管理: community, street,
district, then city); at one level a unit below another candidate before its parent (a
bureau before its government); then the unit with the fewest duties (the specialist);
then the code, so the order is stable.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

LEVELS = ("city", "district", "street", "community")
ROLES = ("lead", "assist")
_LOCALITY = {"community": 0, "street": 1, "district": 2, "city": 3}
_NAME_SUFFIXES = ("街道办事处", "街道", "镇人民政府", "乡人民政府", "镇", "乡", "社区居民委员会", "社区居委会", "社区",
                  "村民委员会", "村")


@dataclass(frozen=True)
class Duty:
    """One line of a unit's responsibility list: the category it covers, whether the unit
    leads or assists on it, and the line itself (shown as the suggestion's why)."""
    category_code: str
    role: str
    line: str


class Unit(Protocol):
    """What routing reads of a unit (console.refdata.DepartmentView has it); read-only."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def level(self) -> str: ...
    @property
    def district_code(self) -> str | None: ...
    @property
    def parent_code(self) -> str | None: ...
    @property
    def duties(self) -> tuple[Duty, ...]: ...


@dataclass(frozen=True)
class Suggestion:
    code: str
    name: str
    level: str
    why: str  # the responsibility line that matched


@dataclass(frozen=True)
class Routing:
    lead: list[Suggestion]
    assist: list[Suggestion]

    def codes(self) -> list[str]:
        """Every suggested unit's code, leads first."""
        return [s.code for s in self.lead] + [s.code for s in self.assist]


def place_stem(name: str) -> str:
    """A street's or community's name without its administrative suffix:
    西安路街道 -> 西安路, 抚琴社区 -> 抚琴; what a caller's address mentions."""
    for suffix in _NAME_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def _named_in(unit: Unit, address: str) -> bool:
    if not address:
        return False
    short = unit.name
    # a community's name may carry its street's: 西安路街道抚琴社区 -> 抚琴社区
    for sep in ("街道", "镇", "乡"):
        if unit.level == "community" and sep in short[:-2]:
            short = short[short.index(sep) + len(sep):]
            break
    return short in address or place_stem(short) in address


def in_jurisdiction(unit: Unit, district_code: str | None) -> bool:
    """A city unit serves every case; any other unit only cases of its own district."""
    if unit.level == "city":
        return True
    return bool(district_code) and unit.district_code == district_code


def route(units: Iterable[Unit], category_code: str | None, district_code: str | None,
          address: str = "") -> Routing:
    """The ranked lead and assisting units for a case of `category_code` in `district_code`.

    `address` (optional) lets a street office or community named in it take its duties;
    without it the district's own units are the most local ones named. A unit appears
    once, in the lead list if it has a lead duty for the category, else in the assist list.
    """
    if not category_code:
        return Routing([], [])
    units = list(units)
    codes_here: set[str] = set()
    matched: list[tuple[Unit, Duty]] = []
    for unit in units:
        duty = _duty(unit, category_code)
        if duty is None or not in_jurisdiction(unit, district_code):
            continue
        if unit.level in ("street", "community") and not _named_in(unit, address):
            continue
        matched.append((unit, duty))
        codes_here.add(unit.code)
    ranked = sorted(matched, key=lambda m: _rank(m[0], codes_here))
    lead = [_suggest(u, d) for u, d in ranked if d.role == "lead"]
    assist = [_suggest(u, d) for u, d in ranked if d.role != "lead"]
    return Routing(lead, assist)


def children(units: Iterable[Unit], code: str) -> list[Unit]:
    """The units directly below `code`, by code."""
    return sorted((u for u in units if u.parent_code == code), key=lambda u: u.code)


def _duty(unit: Unit, category_code: str) -> Duty | None:
    found = None
    for duty in unit.duties:
        if duty.category_code == category_code:
            if duty.role == "lead":
                return duty
            found = found or duty
    return found


def _rank(unit: Unit, codes_here: set[str]) -> tuple:
    # a unit whose parent is a candidate too is the more specific of the two
    return (_LOCALITY.get(unit.level, 9), unit.parent_code not in codes_here, len(unit.duties), unit.code)


def _suggest(unit: Unit, duty: Duty) -> Suggestion:
    return Suggestion(unit.code, unit.name, unit.level, duty.line)


def check_units(units: Sequence[Unit]) -> list[str]:
    """What is wrong with a set of units as a whole (empty when nothing): parents that do
    not exist, a unit below the city without a district, a unit whose district differs
    from its parent's below the city, a cycle of parents."""
    by_code = {u.code: u for u in units}
    problems = []
    for u in units:
        if u.level != "city" and not u.district_code:
            problems.append(f"{u.code}: a {u.level} unit needs its district")
        if u.parent_code is None:
            continue
        parent = by_code.get(u.parent_code)
        if parent is None:
            problems.append(f"{u.code}: parent {u.parent_code} is not a unit")
        elif parent.level != "city" and u.level != "city" and parent.district_code != u.district_code:
            problems.append(f"{u.code}: in district {u.district_code} but its parent {parent.code} "
                            f"is in {parent.district_code}")
    for u in units:
        seen, cur = {u.code}, u
        while cur.parent_code and cur.parent_code in by_code:
            cur = by_code[cur.parent_code]
            if cur.code in seen:
                problems.append(f"{u.code}: its parents form a cycle")
                break
            seen.add(cur.code)
    return problems
