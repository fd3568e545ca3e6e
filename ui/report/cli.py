"""`python main.py report monthly --month 2026-10 --out FILE [--format pdf|csv|xlsx]` and
`python main.py report public --month 2026-10 --out DIR`."""
from __future__ import annotations

import sys
import time
from pathlib import Path

from console.cli import CliError, add_data_dir, profile_from

FORMATS = ("pdf", "csv", "xlsx")


def register(sub) -> None:
    p = sub.add_parser("report", help="reports: the monthly hotspot report")
    rsub = p.add_subparsers(dest="report_kind", metavar="KIND")
    m = rsub.add_parser("monthly", help="the monthly hotspot report (rates, hot issues, departments, appendix)")
    add_data_dir(m)
    m.add_argument("--month", required=True, help="the month, e.g. 2026-10")
    m.add_argument("--out", required=True, type=Path, help="output file")
    m.add_argument("--format", choices=FORMATS, default=None, help="pdf (default from --out's suffix), csv or xlsx")
    m.add_argument("--appendix", type=int, default=30, help="how many publishable cases in the appendix (default 30)")
    m.set_defaults(handler=cmd_monthly)
    eff = rsub.add_parser("efficiency", help="the units' and districts' efficiency assessment for a month, ranked")
    add_data_dir(eff)
    eff.add_argument("--month", required=True, help="the month, e.g. 2026-10")
    eff.add_argument("--out", required=True, type=Path, help="output file")
    eff.add_argument("--format", choices=FORMATS, default=None, help="pdf (default from --out's suffix), csv or xlsx")
    eff.set_defaults(handler=cmd_efficiency)
    pub = rsub.add_parser("public", help="the month's public site: static HTML and JSON, redacted, with a case lookup")
    add_data_dir(pub)
    pub.add_argument("--month", required=True, help="the month, e.g. 2026-10")
    pub.add_argument("--out", required=True, type=Path, help="output folder (made if missing)")
    pub.set_defaults(handler=cmd_public)
    p.set_defaults(handler=lambda args: (p.print_help(), 2)[1])


def cmd_public(args) -> int:
    from console import audit
    from console.metrics import month_scope
    from console.report.public_site import write_site

    try:
        month_scope(args.month)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    if args.out.exists() and not args.out.is_dir():
        raise CliError(f"{args.out} is a file, not a folder")
    started = time.perf_counter()
    prof = profile_from(args)
    try:
        try:
            stats = write_site(prof.db, args.month, args.out)
        except OSError as exc:
            raise CliError(f"cannot write the site into {args.out}: {exc.strerror or exc}") from None
        audit.record(prof.db, audit.cli_actor(), audit.EXPORT, args.out.name, what="public_site", month=args.month,
                     cases=stats.cases)
    finally:
        prof.close()
    print(f"wrote {args.out}/index.html ({stats.cases:,} public cases in {stats.shards} shards, "
          f"{stats.bytes / 1e6:.1f} MB, {time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return 0


def _format(args) -> str:
    suffix = args.out.suffix.lower().lstrip(".")
    return args.format or (suffix if suffix in FORMATS else "pdf")


def _check_month_and_out(args) -> None:
    from console.metrics import month_scope
    try:
        month_scope(args.month)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    if not args.out.parent.exists():
        raise CliError(f"the folder {args.out.parent} does not exist")


def cmd_efficiency(args) -> int:
    from console import audit, efficiency
    from console.report.efficiency_tables import write_csv, write_xlsx

    fmt = _format(args)
    _check_month_and_out(args)
    started = time.perf_counter()
    prof = profile_from(args)
    try:
        units = efficiency.assess(prof.db, args.month, "department")
        districts = efficiency.assess(prof.db, args.month, "district")
        if fmt == "csv":
            write_csv(units, districts, args.out)
        elif fmt == "xlsx":
            write_xlsx(units, districts, args.out)
        else:
            _with_gui(lambda: _efficiency_pdf(args.month, units, districts, args.out))
        audit.record(prof.db, audit.cli_actor(), audit.EXPORT, args.out.name, what="efficiency",
                     month=args.month, format=fmt)
    finally:
        prof.close()
    ranked = sum(1 for a in units if a.rank is not None)
    print(f"wrote {args.out} ({fmt}, {ranked} units ranked in {args.month}, "
          f"{time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return 0


def _efficiency_pdf(month, units, districts, out: Path) -> None:
    from .efficiency_pdf import write_pdf
    write_pdf(month, units, districts, out)


def cmd_monthly(args) -> int:
    from console import audit
    from console.report import build_monthly
    from console.report.tables import write_csv, write_xlsx

    fmt = _format(args)
    _check_month_and_out(args)
    if args.appendix < 0:
        raise CliError("--appendix must be 0 or more")
    started = time.perf_counter()
    prof = profile_from(args)
    try:
        report = build_monthly(prof.db, args.month, appendix_limit=args.appendix)
        if fmt == "csv":
            write_csv(report, args.out)
        elif fmt == "xlsx":
            write_xlsx(report, args.out)
        else:
            _with_gui(lambda: _monthly_pdf(report, args.out))
        audit.record(prof.db, audit.cli_actor(), audit.EXPORT, args.out.name, what="monthly_report",
                     month=args.month, format=fmt)
    finally:
        prof.close()
    print(f"wrote {args.out} ({fmt}, {report.intake.current:,.0f} cases in {args.month}, "
          f"{time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return 0


def _monthly_pdf(report, out: Path) -> None:
    from .pdf import write_pdf
    write_pdf(report, out)


def _with_gui(write) -> None:
    """Run `write` with a QGuiApplication (the PDF's fonts and layout need one; no window is shown)."""
    import os

    from PySide6.QtGui import QGuiApplication

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a server needs no display
    app = QGuiApplication.instance() or QGuiApplication(["report"])
    write()
    del app
