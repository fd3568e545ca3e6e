"""`cases list|show|add|act`: read and log cases without the window."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from .. import audit
from ..cases import CaseNotFound
from ..clock import iso
from ..intake import CallRecord, IntakeError
from ..workflow import ACTIONS, State, WorkflowError
from . import CliError, add_data_dir, add_json, positive_int, print_json, profile_from


def register(sub) -> None:
    p = sub.add_parser("cases", help="list, show, add and act on cases")
    csub = p.add_subparsers(dest="cases_command", metavar="ACTION", required=True)

    ls = csub.add_parser("list", help="list cases, newest first (or overdue, worst first)")
    add_data_dir(ls)
    add_json(ls)
    ls.add_argument("--state", choices=[s.value for s in State], help="only cases in this state")
    ls.add_argument("--overdue", action="store_true", help="only open cases past their deadline")
    ls.add_argument("--limit", type=positive_int, default=50, help="at most N cases (default 50)")
    ls.set_defaults(handler=cmd_list)

    show = csub.add_parser("show", help="one case with its events")
    add_data_dir(show)
    add_json(show)
    show.add_argument("number", help="case number (or id)")
    show.set_defaults(handler=cmd_show)

    add = csub.add_parser("add", help="log calls from JSON Lines through the intake validation")
    add_data_dir(add)
    add_json(add)
    add.add_argument("--from-json", required=True, metavar="FILE", help="JSON Lines file, or - for standard input")
    add.add_argument("--as", dest="login", default=None, help="operator login to log them as")
    add.set_defaults(handler=cmd_add)

    act = csub.add_parser("act", help="take a workflow action on a case")
    add_data_dir(act)
    add_json(act)
    act.add_argument("number")
    act.add_argument("action", choices=sorted(ACTIONS))
    act.add_argument("--reason", default="")
    act.add_argument("--payload", default="{}", help="JSON object, e.g. '{\"lead_department\": \"URBAN\"}'")
    act.add_argument("--as", dest="login", default=None, help="operator login")
    act.set_defaults(handler=cmd_act)


def _line(c) -> str:
    return f"{c.number}  {c.state:<10} {c.type:<12} {c.urgency:<9} {c.category_code or '-':<6} " \
           f"{c.district or '-':<4} {c.lead_department or '-':<10} {iso(c.deadline) or '-':<25} {c.description[:30]}"


def cmd_list(args) -> int:
    prof = profile_from(args)
    try:
        rows = prof.cases.list_cases(state=args.state, overdue=args.overdue, limit=args.limit)
        if args.json:  # the whole records, callers' details included: a bulk export
            audit.record(prof.db, audit.cli_actor(), audit.EXPORT, "cases list", what="cases", count=len(rows))
    finally:
        prof.close()
    for c in rows:
        if args.json:
            print_json(c.to_json())
        else:
            print(_line(c))
    return 0


def cmd_show(args) -> int:
    prof = profile_from(args)
    try:
        detail = prof.cases.get(args.number, reader=audit.cli_actor() if args.json else None)
    except CaseNotFound:
        raise CliError(f"no case {args.number}") from None
    finally:
        prof.close()
    if args.json:
        print_json(detail.to_json())
        return 0
    print(_line(detail.case))
    print(detail.case.description)
    for e in detail.events:
        print(f"  {e.seq:>3} {iso(e.at)} {e.kind:<18} {e.actor:<10} {e.from_state or '':>10} "
              f"-> {e.to_state or ''} {e.reason}")
    return 0


def cmd_add(args) -> int:
    if args.from_json == "-":
        lines, name = sys.stdin.read().splitlines(), "<stdin>"
    else:
        path = Path(args.from_json)
        try:
            lines, name = path.read_text("utf-8").splitlines(), str(path)
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(f"cannot read {path}: {exc}") from None
    prof = profile_from(args)
    saved = refused = 0
    try:
        actor = prof.actor(args.login)
        for lineno, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = CallRecord.from_dict(json.loads(line))
                case = prof.intake.log_call(record, actor)
            except json.JSONDecodeError as exc:
                refused += 1
                _report(args, name, lineno, {"_": f"not JSON: {exc.msg}"})
                continue
            except IntakeError as exc:
                refused += 1
                _report(args, name, lineno, {k: e.message for k, e in exc.errors.items()})
                continue
            saved += 1
            if args.json:
                print_json({"line": lineno, "accepted": True, "number": case.number, "state": case.state})
    except LookupError as exc:
        raise CliError(str(exc)) from None
    finally:
        prof.close()
    print(f"{saved} saved, {refused} refused", file=sys.stderr)
    return 0 if refused == 0 else 1


def _report(args, name: str, lineno: int, errors: dict) -> None:
    if args.json:
        print_json({"line": lineno, "accepted": False, "errors": errors})
    else:
        detail = "; ".join(f"{k}: {v}" if k != "_" else v for k, v in errors.items())
        print(f"{name}:{lineno}: refused: {detail}", file=sys.stderr)


def cmd_act(args) -> int:
    try:
        payload = json.loads(args.payload)
        if not isinstance(payload, dict):
            raise ValueError
    except ValueError:
        raise CliError("--payload must be a JSON object") from None
    prof = profile_from(args)
    try:
        actor = prof.actor(args.login)
        case = prof.cases.act(args.number, args.action, actor, args.reason, payload)
    except (CaseNotFound, LookupError, WorkflowError) as exc:
        raise CliError(str(exc)) from None
    finally:
        prof.close()
    if args.json:
        print_json(case.to_json())
    else:
        print(_line(case))
    return 0
