"""The demo's material: categories, districts, departments and texts from the seed files."""
from __future__ import annotations

import itertools
import random
from collections import defaultdict

from . import refdata


class Material:
    def __init__(self, rng: random.Random):
        texts = refdata.seed("demo_texts")
        self.texts = texts
        cats = refdata.seed("categories")
        self.categories = [c["code"] for top in cats for c in top["children"]]
        self.cat_cum = list(itertools.accumulate(rng.uniform(0.3, 3.0) for _ in self.categories))
        self.districts = refdata.seed("districts")
        self.dist_cum = list(itertools.accumulate(rng.uniform(0.6, 1.6) for _ in self.districts))
        handlers = defaultdict(list)
        for d in refdata.seed("departments"):
            for code in d.get("category_codes", []):
                handlers[code].append(d["code"])
        self.handlers = handlers
        self.all_depts = [d["code"] for d in refdata.seed("departments")]
        descriptions = texts.get("descriptions", {})
        self.descriptions = {c: descriptions.get(c) or [f"来电反映{c}相关问题，请相关部门核实处理。"]
                             for c in self.categories}

