"""A city's handling units and their responsibility lists from a CSV or JSON file
(docs/reference-data.md gives the format), checked row by row.

`read_units` is pure (no database): the console's `refdata import` and the central
server's `--units FILE` read the same file the same way. Every problem is reported
with its line number; a file with any problem yields nothing.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .refdata import DepartmentView
from .routing import LEVELS, ROLES, Duty, check_units

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_PROBLEMS = 200  # a file that wrong is the wrong file; more lines would not help
LIMITS = {"code": 32, "name": 128, "level": 16, "district": 16, "parent": 32, "kind": 16,
          "contact_person": 64, "contact_phone": 32, "category": 16, "role": 8, "duty": 500}
CSV_COLUMNS = ("code", "name", "level", "district", "parent", "kind", "contact_person", "contact_phone",
               "category", "role", "duty")
UNIT_FIELDS = CSV_COLUMNS[:8]
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*")
_PHONE = re.compile(r"[0-9+()\- ,/转]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


class UnitFileError(Exception):
    """The file was refused; `problems` says why, one line each ("units.csv:12: ...")."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s): " + "; ".join(problems[:3]))


@dataclass
class _Draft:
    line: int
    fields: dict
    duties: list[Duty] = field(default_factory=list)
    responsibilities: list[str] = field(default_factory=list)


def read_units(path: Path | str, categories: set[str] | frozenset[str],
               districts: set[str] | frozenset[str]) -> list[DepartmentView]:
    """The units of a .csv or .json file, checked against the known category and district
    codes. Raises UnitFileError listing every problem (nothing is returned then)."""
    path = Path(path)
    text = _read_text(path)
    problems: list[str] = []
    if path.suffix.lower() == ".csv":
        drafts = _from_csv(text, path.name, problems)
    elif path.suffix.lower() == ".json":
        drafts = _from_json(text, path.name, problems)
    else:
        raise UnitFileError([f"{path.name}: a .csv or .json file is expected"])
    units = _finish(drafts, path.name, categories, districts, problems)
    if problems:
        raise UnitFileError(problems[:MAX_PROBLEMS])
    return units


def _read_text(path: Path) -> str:
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise UnitFileError([f"{path.name}: cannot read: {exc.strerror}"]) from None
    if len(data) > MAX_FILE_BYTES:
        raise UnitFileError([f"{path.name}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise UnitFileError([f"{path.name}:{line}: not UTF-8 text (save the file as UTF-8, "
                             "in a spreadsheet as \"CSV UTF-8\")"]) from None


def _from_csv(text: str, name: str, problems: list[str]) -> list[_Draft]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    drafts: dict[str, _Draft] = {}
    try:
        header = next(reader, None)
    except csv.Error as exc:
        problems.append(f"{name}:1: {exc}")
        return []
    if header is None:
        problems.append(f"{name}: the file is empty")
        return []
    header = [h.strip().lower() for h in header]
    missing = [c for c in CSV_COLUMNS if c not in header]
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if missing or unknown or len(set(header)) != len(header):
        problems.append(f"{name}:1: the header must name the columns {', '.join(CSV_COLUMNS)} once each"
                        + (f"; missing {', '.join(missing)}" if missing else "")
                        + (f"; unknown {', '.join(unknown[:5])}" if unknown else ""))
        return []
    start = reader.line_num + 1
    for _line, row in _rows(reader, name, problems):
        where = f"{name}:{start}"
        start = reader.line_num + 1
        if problems and len(problems) >= MAX_PROBLEMS:
            break
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(f"{where}: {len(row)} fields where the header has {len(header)}")
            continue
        values = dict(zip(header, row, strict=True))
        cleaned = _clean(values, where, problems)
        if cleaned is None:
            continue
        unit = {k: cleaned[k] for k in UNIT_FIELDS}
        draft = drafts.get(unit["code"])
        if draft is None:
            draft = drafts[unit["code"]] = _Draft(int(where.rsplit(":", 1)[1]), unit)
        elif draft.fields != unit:
            diff = [k for k in UNIT_FIELDS if draft.fields[k] != unit[k]]
            problems.append(f"{where}: unit {unit['code']} differs from its line {draft.line} in "
                            f"{', '.join(diff)} (a unit's columns must agree on each of its lines)")
            continue
        if cleaned["duty"] and not cleaned["category"] and not cleaned["role"]:
            draft.responsibilities.append(cleaned["duty"])  # a line of the list tied to no category
        elif cleaned["category"] or cleaned["role"] or cleaned["duty"]:
            duty = _duty(cleaned, where, problems)
            if duty is not None:
                _add_duty(draft, duty, where, problems)
                draft.responsibilities.append(duty.line)
    return list(drafts.values())


def _rows(reader, name: str, problems: list[str]) -> Iterator[tuple[int, list[str]]]:
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # a field past csv's limit, a NUL byte, a stray quote
            problems.append(f"{name}:{reader.line_num}: {exc}; stopped reading here")
            return
        yield reader.line_num, row


def _from_json(text: str, name: str, problems: list[str]) -> list[_Draft]:
    decoder = json.JSONDecoder()
    pos = _skip_ws(text, 0)
    if pos >= len(text) or text[pos] != "[":
        problems.append(f"{name}:1: a JSON array of units is expected")
        return []
    pos = _skip_ws(text, pos + 1)
    drafts: dict[str, _Draft] = {}
    first = True
    while pos < len(text) and text[pos] != "]":
        if not first:
            if text[pos] != ",":
                problems.append(f"{name}:{text.count(chr(10), 0, pos) + 1}: ',' or ']' expected")
                return []
            pos = _skip_ws(text, pos + 1)
        first = False
        line = text.count("\n", 0, pos) + 1
        try:
            obj, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            problems.append(f"{name}:{exc.lineno}: {exc.msg}")
            return []
        pos = _skip_ws(text, pos)
        where = f"{name}:{line}"
        if len(problems) >= MAX_PROBLEMS:
            break
        draft = _json_unit(obj, where, line, problems)
        if draft is None:
            continue
        if draft.fields["code"] in drafts:
            problems.append(f"{where}: unit {draft.fields['code']} again (first at line "
                            f"{drafts[draft.fields['code']].line})")
            continue
        drafts[draft.fields["code"]] = draft
    if pos >= len(text):
        problems.append(f"{name}:{text.count(chr(10)) + 1}: the array is not closed")
    elif _skip_ws(text, pos + 1) != len(text):
        problems.append(f"{name}:{text.count(chr(10), 0, pos) + 1}: text after the array")
    return list(drafts.values())


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _json_unit(obj, where: str, line: int, problems: list[str]) -> _Draft | None:
    if not isinstance(obj, dict):
        problems.append(f"{where}: a unit must be an object")
        return None
    known = set(UNIT_FIELDS) | {"duties", "responsibilities", "category_codes"}
    unknown = sorted(k for k in obj if k not in known)
    if unknown:
        problems.append(f"{where}: unknown field(s) {', '.join(str(k)[:32] for k in unknown[:5])}")
        return None
    values = {k: obj.get(k) for k in UNIT_FIELDS}
    for k, v in values.items():
        if v is not None and not isinstance(v, str):
            problems.append(f"{where}: {k} must be text")
            return None
    cleaned = _clean({**{k: v or "" for k, v in values.items()}, "category": "", "role": "", "duty": ""},
                     where, problems)
    if cleaned is None:
        return None
    draft = _Draft(line, {k: cleaned[k] for k in UNIT_FIELDS})
    duties = obj.get("duties", [])
    lines = obj.get("responsibilities", [])
    if not isinstance(duties, list) or not isinstance(lines, list):
        problems.append(f"{where}: duties and responsibilities must be lists")
        return None
    for n, d in enumerate(duties, 1):
        at = f"{where} ({draft.fields['code']}, duty {n})"
        if not isinstance(d, dict) or set(d) - {"category", "role", "duty"} or \
                not all(isinstance(d.get(k), str) for k in ("category", "role", "duty")):
            problems.append(f"{at}: a duty is an object with text fields category, role and duty")
            continue
        c = _clean({**{k: "" for k in UNIT_FIELDS}, **d}, at, problems, unit=False)
        duty = _duty(c, at, problems) if c else None
        if duty is not None:
            _add_duty(draft, duty, at, problems)
    for n, text in enumerate(lines, 1):
        if not isinstance(text, str) or not text.strip() or len(text) > LIMITS["duty"] or _CONTROL.search(text):
            problems.append(f"{where}: responsibility {n} must be text of 1 to {LIMITS['duty']} characters "
                            "without control characters")
        else:
            draft.responsibilities.append(text.strip())
    return draft


def _clean(values: dict, where: str, problems: list[str], unit: bool = True) -> dict | None:
    """Stripped values, or None after reporting what is wrong with them."""
    out, bad = {}, []
    for k, v in values.items():
        v = (v or "").strip()
        if len(v) > LIMITS[k]:
            bad.append(f"{k} is longer than {LIMITS[k]} characters")
        elif _CONTROL.search(v):
            bad.append(f"{k} contains control characters")
        out[k] = v
    if unit and not bad:
        if not _CODE.fullmatch(out["code"]):
            bad.append("code must be letters, digits, '-', '_' or '.' (e.g. JN-HOUSING)")
        if not out["name"]:
            bad.append("name is empty")
        if out["level"] not in LEVELS:
            bad.append(f"level must be one of {', '.join(LEVELS)}")
        if out["parent"] and not _CODE.fullmatch(out["parent"]):
            bad.append("parent must be a unit's code")
        if not out["contact_person"]:
            bad.append("contact_person is empty (every unit has a 24-hour contact)")
        phone = out["contact_phone"]
        if not _PHONE.fullmatch(phone or "-") or sum(ch.isdigit() for ch in phone) < 5:
            bad.append("contact_phone must be a telephone number (digits, '-', '+', spaces)")
    if bad:
        problems.append(f"{where}: " + "; ".join(bad))
        return None
    return out


def _duty(c: dict, where: str, problems: list[str]) -> Duty | None:
    bad = []
    if not c["category"]:
        bad.append("category is empty")
    if c["role"] not in ROLES:
        bad.append(f"role must be {' or '.join(ROLES)}")
    if not c["duty"]:
        bad.append("duty is empty (it is the line shown as the reason for a suggestion)")
    if bad:
        problems.append(f"{where}: " + "; ".join(bad))
        return None
    return Duty(c["category"], c["role"], c["duty"])


def _add_duty(draft: _Draft, duty: Duty, where: str, problems: list[str]) -> None:
    if any(d.category_code == duty.category_code for d in draft.duties):
        problems.append(f"{where}: unit {draft.fields['code']} has a duty for category {duty.category_code} "
                        "already (one line per unit and category)")
        return
    draft.duties.append(duty)


def _finish(drafts: list[_Draft], name: str, categories, districts, problems: list[str]) -> list[DepartmentView]:
    if not drafts and not problems:
        problems.append(f"{name}: no units in the file")
    units = []
    line_of = {}
    for d in drafts:
        f, where = d.fields, f"{name}:{d.line}"
        line_of[f["code"]] = d.line
        if f["level"] == "city" and f["district"]:
            problems.append(f"{where}: {f['code']} is a city unit: leave its district empty")
        elif f["level"] != "city" and f["district"] not in districts:
            problems.append(f"{where}: {f['code']}: district {f['district'] or '(empty)'} is not a district "
                            f"of the profile ({', '.join(sorted(districts)[:12])})")
        for duty in d.duties:
            if duty.category_code not in categories:
                problems.append(f"{where}: {f['code']}: category {duty.category_code} is not a category "
                                "of the profile")
        # the responsibility list holds every duty line (the knowledge base searches it)
        lines = list(dict.fromkeys(d.responsibilities + [x.line for x in d.duties]))
        units.append(DepartmentView(f["code"], f["name"], f["kind"] or f["level"], f["contact_phone"],
                                    f["contact_person"], tuple(lines),
                                    tuple(dict.fromkeys(x.category_code for x in d.duties)), f["level"],
                                    f["district"] or None, f["parent"] or None, tuple(d.duties)))
    for problem in check_units(units):
        if problem.endswith("needs its district"):
            continue  # said above, with the district codes
        code = problem.split(":", 1)[0]
        problems.append(f"{name}:{line_of.get(code, 1)}: {problem}")
    return units


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int
    removed: int


def import_units(db, path: Path | str) -> ImportResult:
    """Replace the profile's units with those of the file, in one transaction: units the
    file lacks are removed, unless a case or an operator still names them (then nothing
    is imported and UnitFileError says which). Raises UnitFileError for a bad file."""
    from sqlalchemy import func, select

    from models import Case, Category, Department, District, Operator

    from .knowledge.store import rebuild_duties
    from .refdata import add_units

    with db.session() as s:
        categories = frozenset(s.scalars(select(Category.code)))
        districts = frozenset(s.scalars(select(District.code)))
    units = read_units(path, categories, districts)
    wanted = {u.code: u for u in units}
    added = updated = unchanged = 0
    with db.session() as s, s.begin():
        existing = {d.code: d for d in s.scalars(select(Department))}
        gone = [c for c in existing if c not in wanted]
        if gone:
            used = dict(s.execute(select(Case.lead_department, func.count()).where(Case.lead_department.in_(gone))
                                  .group_by(Case.lead_department)).all())
            for code in s.scalars(select(Operator.department_code).where(Operator.department_code.in_(gone))):
                used[code] = used.get(code, 0)
            if used:
                names = ", ".join(sorted(used)[:10])
                raise UnitFileError([f"{Path(path).name}: the file leaves out units that cases or operators "
                                     f"still name: {names}{' ...' if len(used) > 10 else ''}; keep them in the file"])
        before = {code: _comparable({k: getattr(d, k) for k in _COMPARED}, d.parent_code)
                  for code, d in existing.items()}
        # parents change in place: clear the links first so no row points at one about to go
        for d in existing.values():
            d.parent_code = None
        s.flush()
        for code in gone:
            s.delete(existing.pop(code))
        s.flush()
        new = []
        for u in units:
            row = existing.get(u.code)
            if row is None:
                new.append(u)
                continue
            values = dict(name=u.name, kind=u.kind, level=u.level, district_code=u.district_code,
                          contact_person=u.contact_person, contact_phone=u.contact_phone,
                          responsibilities=list(u.responsibilities), category_codes=list(u.category_codes),
                          duties=[[d.category_code, d.role, d.line] for d in u.duties])
            if _comparable(values, u.parent_code) == before[u.code]:
                unchanged += 1  # left as it is, in its own order
                continue
            for k, v in values.items():
                setattr(row, k, v)
            updated += 1
        s.flush()
        add_units(s, new)
        added = len(new)
        for u in units:  # every parent exists now, new or kept
            if u.parent_code and u.code in existing:
                existing[u.code].parent_code = u.parent_code
    rebuild_duties(db)
    return ImportResult(added, updated, unchanged, len(gone))


_COMPARED = ("name", "kind", "level", "district_code", "contact_person", "contact_phone", "responsibilities",
             "category_codes", "duties")


def _comparable(values: dict, parent: str | None) -> tuple:
    """A unit's stored values in a form where the order of its codes and duties does not count."""
    return tuple(sorted(values[k] or ()) if k in ("category_codes", "duties") else values[k]
                 for k in _COMPARED) + (parent,)


def write_units(units: list[DepartmentView], path: Path | str) -> None:
    """Write units as .csv (one line per duty) or .json (the seed's form); read_units reads it back."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        with open(path, "w", encoding="utf-8-sig", newline="") as fh:  # the BOM: spreadsheets then read UTF-8
            w = csv.writer(fh)
            w.writerow(CSV_COLUMNS)
            for u in units:
                head = [u.code, u.name, u.level, u.district_code or "", u.parent_code or "", u.kind,
                        u.contact_person, u.contact_phone]
                for d in _csv_lines(u):
                    w.writerow(head + [d.category_code, d.role, d.line])
        return
    records = [{"code": u.code, "name": u.name, "level": u.level, "district": u.district_code,
                "parent": u.parent_code, "kind": u.kind, "contact_person": u.contact_person,
                "contact_phone": u.contact_phone, "responsibilities": list(u.responsibilities),
                "duties": [{"category": d.category_code, "role": d.role, "duty": d.line} for d in u.duties]}
               for u in units]
    path.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", "utf-8")


def _csv_lines(u: DepartmentView) -> list[Duty]:
    """A unit's CSV lines in the order of its responsibility list: each line's duties, or
    the line alone (no category) when no duty cites it; at least one line per unit."""
    out, done = [], set()
    for line in u.responsibilities:
        mine = [d for d in u.duties if d.line == line and d not in done]
        out.extend(mine or [Duty("", "", line)])
        done.update(mine)
    out.extend(d for d in u.duties if d not in done)
    return out or [Duty("", "", "")]
