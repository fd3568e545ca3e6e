"""Routing by the responsibility list and jurisdiction, over the shipped units and a real profile."""
from __future__ import annotations

import pytest

from console import refdata
from console.routing import Duty, check_units, place_stem, route

UNITS = refdata.seed_units()
BY_CODE = {u.code: u for u in UNITS}
DISTRICTS = [d["code"] for d in refdata.seed("districts")]
CATEGORIES = [c["code"] for top in refdata.seed("categories") for c in top["children"]]


def _district_duty(district: str, category: str, role: str | None = "lead") -> bool:
    return any(u.district_code == district and u.level == "district"
               and any(d.category_code == category and (role is None or d.role == role) for d in u.duties)
               for u in UNITS)


def test_the_seed_has_units_at_every_level_each_with_a_24_hour_contact():
    levels = {u.level for u in UNITS}
    assert levels == {"city", "district", "street", "community"}
    assert check_units(UNITS) == []
    for u in UNITS:
        assert u.contact_person.strip() and u.contact_phone.startswith("028-"), u.code
    for d in refdata.seed("districts"):
        streets = [u for u in UNITS if u.level == "street" and u.district_code == d["code"]]
        assert len(streets) == len(d["streets"])  # every street office / township of districts.json
        assert all(u.parent_code == f"GOV-{d['code']}" for u in streets)
        bureaus = [u for u in UNITS if u.level == "district" and u.parent_code == f"GOV-{d['code']}"]
        assert len(bureaus) >= 3
    communities = [u for u in UNITS if u.level == "community"]
    assert communities and all(BY_CODE[u.parent_code].level == "street" for u in communities)
    assert all(BY_CODE[u.parent_code].district_code == u.district_code for u in communities)
    # the codes the consoles and the server already know stay
    assert {"HOUSING", "GOV-JN", "URBAN", "GOV-CH"} <= set(BY_CODE)


@pytest.mark.parametrize("district", DISTRICTS)
def test_a_district_level_duty_goes_to_the_cases_own_district_only(district):
    checked = 0
    for category in CATEGORIES:
        r = route(UNITS, category, district)
        for s in r.lead + r.assist:
            unit = BY_CODE[s.code]
            # nothing below the city from another district, ever, lead or assist
            assert unit.level == "city" or unit.district_code == district, (category, s)
            assert s.level == unit.level
        if _district_duty(district, category):
            checked += 1
            assert r.lead, (district, category)
            first = BY_CODE[r.lead[0].code]
            assert first.level == "district" and first.district_code == district, (category, r.lead[0])
            duty = next(d for d in first.duties if d.category_code == category)
            assert r.lead[0].why == duty.line and duty.line
    assert checked >= 40  # the five bureaus alone lead over forty categories in every district


def test_the_issues_example_0104_in_jinniu_names_jinniu():
    r = route(UNITS, "0104", "JN")
    assert r.lead[0].code == "JN-HOUSING"
    assert "施工" in r.lead[0].why
    assert "GOV-CH" not in r.codes() and "GOV-TF" not in r.codes()
    # the city bureaus stand behind, as assisting units, with their own lines
    assist = {s.code: s for s in r.assist}
    assert "HOUSING" in assist and assist["HOUSING"].why


def test_every_category_has_a_lead_in_every_district():
    for district in DISTRICTS:
        for category in CATEGORIES:
            r = route(UNITS, category, district)
            assert r.lead or r.assist, (district, category)


def test_ranking_local_first_specialist_before_its_parent_then_city():
    r = route(UNITS, "0401", "JN")
    codes = [s.code for s in r.lead + r.assist]
    assert codes[0] == "JN-HRSS"
    # the district's government assists before the city units
    assert codes.index("GOV-JN") < codes.index("HRSS-JIANCHA")
    # at the city level the inspectorate (below HRSS) comes before HRSS itself
    assert codes.index("HRSS-JIANCHA") < codes.index("HRSS")
    # a case without a district: only city units, which never claim a district
    r = route(UNITS, "0401", None)
    assert r.codes() and all(BY_CODE[c].level == "city" for c in r.codes())


def test_a_street_named_in_the_address_takes_its_duty_else_the_district_stands_for_it():
    street = next(u for u in UNITS if u.district_code == "JN" and u.level == "street")
    address = f"{place_stem(street.name)}某小区3栋门口"
    r = route(UNITS, "1304", "JN", address)
    assert r.lead[0].code == street.code
    assert r.lead[0].why == next(d.line for d in street.duties if d.category_code == "1304")
    assert r.lead[1].code == "JN-URBAN"
    r = route(UNITS, "1304", "JN", "某路口")
    assert all(BY_CODE[c].level in ("district", "city") for c in r.codes())
    assert r.lead[0].code == "JN-URBAN"
    # the same street name in another district's case names nobody of that street's district
    r = route(UNITS, "1304", "QY", address)
    assert street.code not in r.codes()


def test_a_community_named_in_the_address_assists():
    community = next(u for u in UNITS if u.level == "community" and u.district_code == "WH")
    stem = place_stem(community.name.split("街道")[-1])
    r = route(UNITS, "0701", "WH", f"{stem}小区物业")
    assert community.code in [s.code for s in r.assist]
    assert r.lead[0].code == "WH-HOUSING"


def test_unknown_category_or_none_suggests_nothing():
    assert route(UNITS, None, "JN").codes() == []
    assert route(UNITS, "9999", "JN").codes() == []


def test_lead_duty_wins_over_an_assist_duty_of_the_same_unit():
    from console.refdata import DepartmentView
    u = DepartmentView("X", "某单位", "city", "1", "p", (), ("0101",), "city", None, None,
                       (Duty("0101", "assist", "协助"), Duty("0101", "lead", "负责")))
    r = route([u], "0101", "JN")
    assert [s.why for s in r.lead] == ["负责"] and r.assist == []


def test_check_units_names_each_problem():
    from console.refdata import DepartmentView
    units = [DepartmentView("A", "甲", "district", "1", "p", (), (), "district", None, None),
             DepartmentView("B", "乙", "street", "1", "p", (), (), "street", "JN", "NOPE"),
             DepartmentView("C", "丙", "street", "1", "p", (), (), "street", "JN", "D"),
             DepartmentView("D", "丁", "district", "1", "p", (), (), "district", "QY", "C")]
    problems = "\n".join(check_units(units))
    assert "A: a district unit needs its district" in problems
    assert "B: parent NOPE is not a unit" in problems
    assert "C: in district JN but its parent D is in QY" in problems
    assert "cycle" in problems


def test_the_profile_routes_like_the_seed(profile):
    db = profile.db
    units = refdata.departments(db)
    assert len(units) == len(UNITS)
    jn = next(u for u in units if u.code == "JN-HOUSING")
    assert jn.level == "district" and jn.district_code == "JN" and jn.parent_code == "GOV-JN"
    assert jn.duties == BY_CODE["JN-HOUSING"].duties
    suggested = refdata.suggest_departments(db, "0104", "JN")
    assert suggested[0].code == "JN-HOUSING" and suggested[0].why
    assert refdata.routing(db, "0104", "CH").lead[0].code == "CH-HOUSING"
    below = refdata.children(db, "GOV-JN")
    assert {u.level for u in below} == {"district", "street"}
    assert [u.code for u in refdata.children(units, "JN-S01")] == ["JN-S01-C1", "JN-S01-C2"]


def test_the_knowledge_bases_duty_search_keeps_to_the_cases_district(profile):
    from console.knowledge import KnowledgeService
    service = KnowledgeService(profile.db)
    anywhere = service.search_responsibilities("建筑工地施工噪音", 20)
    assert {BY_CODE[h.department_code].district_code for h in anywhere} - {None, "JN"}  # every district's bureau
    hits = service.search_responsibilities("建筑工地施工噪音", 20, "JN", jurisdiction=True)
    assert "JN-HOUSING" in [h.department_code for h in hits]
    assert all(BY_CODE[h.department_code].level == "city" or BY_CODE[h.department_code].district_code == "JN"
               for h in hits)
    no_district = service.search_responsibilities("建筑工地施工噪音", 20, None, jurisdiction=True)
    assert no_district and all(BY_CODE[h.department_code].level == "city" for h in no_district)
