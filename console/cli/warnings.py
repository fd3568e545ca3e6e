"""`warnings`: clusters of calls (category x district, one day) and hotspots (one address or company)."""
from __future__ import annotations

import argparse
from datetime import date, timedelta

from .. import early_warning as ew
from ..clock import utcnow
from ..metrics import local_today
from . import add_data_dir, add_json, print_json, profile_from


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a day: {text!r} (use YYYY-MM-DD)") from None


def register(sub) -> None:
    p = sub.add_parser("warnings", help="early warning: clusters of calls by category and district, and hotspots")
    p.add_argument("--from", dest="first", type=_day, help="first day (city time); default: 6 days before --to")
    p.add_argument("--to", dest="last", type=_day, help="last day (city time); default: today")
    p.add_argument("--cases", action="store_true", help="list the case numbers behind each alert")
    add_data_dir(p)
    add_json(p)
    p.set_defaults(handler=cmd_warnings)


def cmd_warnings(args) -> int:
    last = args.last or local_today(utcnow())
    first = args.first or last - timedelta(days=6)
    if first > last:
        print(f"error: --from {first} is after --to {last}")
        return 2
    prof = profile_from(args)
    try:
        alerts = ew.alerts(prof.db, first, last)
        behind = {a: ew.cases_behind(prof.db, a) for a in alerts} if args.cases else {}
        spots = ew.hotspots(prof.db, last)
    finally:
        prof.close()
    if args.json:
        print_json({"from": first.isoformat(), "to": last.isoformat(),
                    "alerts": [{"day": a.day.isoformat(), "district": a.district, "category": a.category,
                                "count": a.count, "expected": a.expected, "limit": a.limit,
                                "p_value": a.p_value, **({"cases": behind[a]} if args.cases else {})}
                               for a in alerts],
                    "hotspots": [{"kind": h.kind, "key": h.key, "category": h.category, "callers": h.callers,
                                  "cases": list(h.cases)}
                                 for h in spots]})
        return 0
    print(f"clusters {first} .. {last}: {len(alerts)}")
    for a in alerts:
        print(f"  {a.day}  {a.district:<6} {a.category:<6} {a.count:>4} calls, usually {a.expected:.1f} "
              f"(limit {a.limit}, p={a.p_value:.1e})")
        if args.cases:
            print("    " + " ".join(behind[a]))
    print(f"hotspots of the {ew.load_detector().hotspot_days} days to {last}: {len(spots)}")
    for h in spots:
        print(f"  {h.kind:<8} {h.key} {h.category}  {h.callers} callers, {len(h.cases)} cases")
    return 0
