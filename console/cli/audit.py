"""`audit --since DATE [--until DATE] [--actor LOGIN] [--action A] [--json]`: the
profile's audit log (exports, reads of callers' personal data, sign-ins)."""
from __future__ import annotations

from .. import audit
from . import CliError, add_data_dir, add_json, print_json, profile_from


def register(sub) -> None:
    p = sub.add_parser("audit", help="the profile's audit log: exports, reads of callers' data, sign-ins")
    add_data_dir(p)
    add_filters(p)
    p.set_defaults(handler=cmd_audit)


def add_filters(p) -> None:
    """--since/--until/--actor/--action/--json (shared with `central audit`)."""
    p.add_argument("--since", required=True, help="from this date (YYYY-MM-DD, city time) or ISO date-time")
    p.add_argument("--until", default=None, help="to this date, included (or before this ISO date-time)")
    p.add_argument("--actor", default=None, help="only what this login did")
    p.add_argument("--action", default=None, help="only this action (e.g. export, read_personal, sign_in)")
    add_json(p)


def bounds(args):
    """The stored-time bounds of --since and --until (CliError for a bad date)."""
    try:
        return audit.bound(args.since), audit.bound(args.until, end=True)
    except ValueError as exc:
        raise CliError(str(exc)) from None


def show(args, rows) -> None:
    """The entries, one JSON object or one line of text each."""
    for e in rows:
        if args.json:
            print_json(e)
        else:
            print(audit.line(e))


def cmd_audit(args) -> int:
    since, until = bounds(args)
    prof = profile_from(args)
    try:
        rows = audit.entries(prof.db, since, until, args.actor, args.action)
    finally:
        prof.close()
    show(args, rows)
    return 0
