"""The handling units the server knows: the shipped seed, or a city's own file.

A city's file (the console's `refdata import` format, docs/reference-data.md) is
named by `central serve --units FILE` or the environment variable
CENTRAL_UNITS_FILE; the server then accepts exactly the unit codes it lists
(dispatches, liaison accounts) and names them in Open311. Read once per process;
a bad file stops the server at start with the file's problems.
"""
from __future__ import annotations

import os
from functools import lru_cache

from console.refdata import DepartmentView, seed, seed_units
from console.unit_file import read_units

UNITS_ENV = "CENTRAL_UNITS_FILE"


@lru_cache(maxsize=1)
def units() -> tuple[DepartmentView, ...]:
    """Every unit, from CENTRAL_UNITS_FILE when set, else the shipped seed.
    Raises console.unit_file.UnitFileError for a bad file."""
    path = os.environ.get(UNITS_ENV, "").strip()
    if not path:
        return tuple(seed_units())
    categories = {c["code"] for top in seed("categories") for c in top.get("children", [])}
    categories |= {top["code"] for top in seed("categories")}
    return tuple(read_units(path, frozenset(categories), frozenset(d["code"] for d in seed("districts"))))


def unit_codes() -> frozenset[str]:
    return frozenset(u.code for u in units())


def unit_names() -> dict[str, str]:
    return {u.code: u.name for u in units()}


def use_file(path: str | None) -> None:
    """Serve the units of `path` (None: the seed) from now on, in this process and the
    worker processes it starts."""
    if path:
        os.environ[UNITS_ENV] = str(path)
    else:
        os.environ.pop(UNITS_ENV, None)
    units.cache_clear()
    from .case_rows import reference_codes, unit_parents
    reference_codes.cache_clear()
    unit_parents.cache_clear()
