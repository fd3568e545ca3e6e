"""The demo's material: what a case is about and the words it is told in.

A case's matter is drawn once (category, district, request type, a place): the type from
the types the category's texts are written for, so a 违法建设 call is a complaint, a report
or a question, never a praise. The texts come from resources/seed/demo_texts.json: per
category and type the citizen's words, framed by a type's openings and closings (a
complaint complains, a report asks for an investigation, a consultation asks); the
department's reply from the type's templates, naming the category. Direct answers quote
the shipped knowledge articles of the case's own category that are in force that day,
in the words the knowledge panel inserts (console.knowledge.answer_text).
"""
from __future__ import annotations

import bisect
import itertools
import json
import random
from collections import defaultdict
from datetime import date

from . import refdata
from .knowledge import shipped_files
from .knowledge.articles import answer_text, from_record
from .routing import place_stem

TYPES = ["consultation", "help", "complaint", "report", "suggestion", "praise", "other"]
# A case's type is drawn from the types its category's texts are written for, with these
# weights: over all categories they give about 40 % consultations, 16 % help, 27 % complaints,
# 8.5 % reports, 6.5 % suggestions, praise and other about 1 % each (their only category's
# share); solved by iterative proportional fitting over the seed's texts (docs/demo-data.md).
TYPE_WEIGHTS = {"consultation": 21, "help": 41, "complaint": 23, "report": 19, "suggestion": 69, "praise": 1,
                "other": 1}


class Material:
    """The seed files, read once per process, with the cumulative weights the draws use."""

    def __init__(self, rng: random.Random):
        texts = refdata.seed("demo_texts")
        self.texts = texts
        cats = refdata.seed("categories")
        self.categories = [c["code"] for top in cats for c in top["children"]]
        self.category_names = {c["code"]: c["name"] for top in cats for c in top["children"]}
        self.cat_cum = list(itertools.accumulate(rng.uniform(0.3, 3.0) for _ in self.categories))
        self.districts = refdata.seed("districts")
        self.dist_cum = list(itertools.accumulate(rng.uniform(0.6, 1.6) for _ in self.districts))
        self.district_names = {d["code"]: d["name"] for d in self.districts}
        described = texts["descriptions"]
        self.descriptions: dict[str, dict[str, list[str]]] = {}
        self.type_choices: list[tuple[list[int], list[float]]] = []  # per category: type indexes, cumulative weights
        for code in self.categories:
            by_type = {t: v for t, v in (described.get(code) or {}).items() if t in TYPE_WEIGHTS and v} or \
                {"other": [f"来电反映{self.category_names[code]}方面的问题，请相关部门核实处理。"]}
            self.descriptions[code] = by_type
            kinds = [TYPES.index(t) for t in TYPES if t in by_type]
            self.type_choices.append((kinds, list(itertools.accumulate(TYPE_WEIGHTS[TYPES[k]] for k in kinds))))
        self.frames = texts["type_frames"]
        self.replies = texts["reply_templates"]
        self.units = refdata.seed_units()
        self.dept_names = {u.code: u.name for u in self.units}
        self._streets = _community_streets(self.units, self.districts)
        # the units that may serve a district's cases: the city's and its own (routing's first cut)
        self.district_units = {d["code"]: [u for u in self.units if u.level == "city" or u.district_code == d["code"]]
                               for d in self.districts}
        # (district, category) where a street office or community has a duty: only there can the
        # address change the routing (it names them)
        self.local_duties = {(u.district_code, d.category_code) for u in self.units
                             if u.level in ("street", "community") for d in u.duties}
        self.articles = _articles_by_category()

    # -- what a case is about ----------------------------------------------------------
    def draw_matter(self, rand) -> tuple[int, int, int, int]:
        """(category index, district index, type index, place number) of a new matter."""
        cat = bisect.bisect(self.cat_cum, rand() * self.cat_cum[-1], 0, len(self.cat_cum) - 1)
        dist = bisect.bisect(self.dist_cum, rand() * self.dist_cum[-1], 0, len(self.dist_cum) - 1)
        kinds, cum = self.type_choices[cat]
        kind = kinds[bisect.bisect(cum, rand() * cum[-1], 0, len(cum) - 1)]
        return cat, dist, kind, int(rand() * 2**40)

    def place(self, district: dict, place: int) -> tuple[dict, str]:
        """The named places of a matter and its address, the same for every call about it: a
        house number on a road, or a building of a residential compound with its street office
        (the street whose community covers the compound, where the units name one)."""
        road = _nth(district["roads"], place)
        community = _nth(district["communities"], place // 7)
        street = self._streets.get((district["code"], community)) or _nth(district["streets"], place // 49)
        number = place // 343
        address = f"{road}{number % 399 + 1}号" if number % 2 else f"{street}{community}{number % 30 + 1}栋"
        return {"road": road, "community": community, "street": street}, address

    def description(self, category: str, rtype: str, where: dict, place: int, rng) -> str:
        """The citizen's words: the category's text of this type at the place, in the type's frame.
        The text is the matter's (every call about it tells the same story); the frame varies."""
        pool = self.descriptions[category].get(rtype) or next(iter(self.descriptions[category].values()))
        body = pool[(place // 100_003) % len(pool)]
        try:
            body = body.format(**where)
        except (KeyError, IndexError, ValueError):
            pass
        frame = self.frames.get(rtype) or {"open": [""], "close": [""]}
        return rng.choice(frame["open"]) + body + rng.choice(frame["close"])

    def reply(self, category: str, rtype: str, rng) -> str:
        """A department's reply for the type, naming the category."""
        return rng.choice(self.replies.get(rtype) or self.replies["other"]).format(
            topic=self.category_names.get(category, "相关"))

    def article(self, category: str, day: date, rng) -> tuple[str, str] | None:
        """(id, answer text) of an article of `category` in force on `day`, or None."""
        found = [a for a in self.articles.get(category, ()) if a[0] <= day <= a[1]]
        if not found:
            return None
        _start, _end, art_id, text = rng.choice(found)
        return art_id, text


def _nth(seq: list, i: int):
    return seq[i % len(seq)]


def _community_streets(units, districts: list[dict]) -> dict[tuple[str, str], str]:
    """(district, residential compound) -> its street, where a community unit's name is in
    the compound's (抚琴小区 lies in 西安路街道's 抚琴社区)."""
    names = {u.code: u.name for u in units}
    found = {}
    for d in districts:
        for compound in d["communities"]:
            for u in units:
                if u.level == "community" and u.district_code == d["code"] and u.parent_code in names \
                        and place_stem(u.name.split("街道")[-1]) in compound:
                    found[(d["code"], compound)] = names[u.parent_code].removesuffix("办事处")
                    break
    return found


def _articles_by_category() -> dict[str, list[tuple[date, date, str, str]]]:
    """The shipped articles by category: (in force from, until, id, the answer the panel inserts)."""
    found: dict[str, list] = defaultdict(list)
    for path in shipped_files():
        for line in path.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            art = from_record(json.loads(line))
            if art.category_code:
                found[art.category_code].append((art.effective_date or date.min, art.expiry_date or date.max,
                                                 art.id, answer_text(art)))
    return found
