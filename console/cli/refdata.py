"""`refdata import|export`: a city's handling units and responsibility lists
(docs/reference-data.md gives the file format)."""
from __future__ import annotations

import sys
from pathlib import Path

from .. import refdata
from ..unit_file import UnitFileError, import_units, write_units
from . import CliError, add_data_dir, add_json, print_json, profile_from


def register(sub) -> None:
    p = sub.add_parser("refdata", help="import or export the handling units and their responsibility lists")
    rsub = p.add_subparsers(dest="refdata_command", metavar="ACTION", required=True)
    imp = rsub.add_parser("import", help="replace the profile's units with those of a CSV or JSON file "
                                         "(every row checked; nothing imported if any row is wrong)")
    add_data_dir(imp)
    add_json(imp)
    imp.add_argument("path", type=Path, nargs="?", help="units.csv or units.json")
    imp.add_argument("--sample", action="store_true",
                     help="the shipped sample city's units (brings a profile made before 0014 up to date)")
    imp.set_defaults(handler=cmd_import)
    ex = rsub.add_parser("export", help="write the profile's units as CSV or JSON (import reads it back)")
    add_data_dir(ex)
    ex.add_argument("path", type=Path, help="a .csv or .json file to write")
    ex.set_defaults(handler=cmd_export)


def cmd_import(args) -> int:
    if bool(args.path) == bool(args.sample):
        raise CliError("name a file to import, or --sample for the shipped sample city")
    if args.sample:
        args.path = refdata.SEED / "departments.json"
    prof = profile_from(args)
    try:
        result = import_units(prof.db, args.path)
    except UnitFileError as exc:
        for problem in exc.problems:
            print(f"not imported: {problem}", file=sys.stderr)
        print(f"nothing imported from {args.path.name}: {len(exc.problems)} problem(s)", file=sys.stderr)
        return 1
    finally:
        prof.close()
    if args.json:
        print_json(vars(result))
    else:
        print(f"imported {args.path.name}: {result.added} added, {result.updated} updated, "
              f"{result.unchanged} unchanged, {result.removed} removed")
    return 0


def cmd_export(args) -> int:
    if args.path.suffix.lower() not in (".csv", ".json"):
        raise CliError("the file to write must end in .csv or .json")
    prof = profile_from(args)
    try:
        units = refdata.departments(prof.db)
    finally:
        prof.close()
    try:
        write_units(units, args.path)
    except OSError as exc:
        raise CliError(f"cannot write {args.path}: {exc.strerror}") from None
    print(f"wrote {len(units)} units to {args.path}")
    return 0
