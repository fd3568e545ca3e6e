"""`demo --cases N [--seed S]`: fill a profile with synthetic cases."""
from __future__ import annotations

import sys

from ..demo import Progress, fill
from ..signin import DEMO_PASSWORD, install_demo_verifiers
from . import add_data_dir, add_json, print_json, profile_from


def register(sub) -> None:
    p = sub.add_parser("demo", help="fill the profile with realistic synthetic cases of the last 90 days")
    add_data_dir(p)
    add_json(p)
    p.add_argument("--cases", type=int, default=5000, help="how many cases (default 5000)")
    p.add_argument("--seed", type=int, default=12345, help="random seed, for a repeatable profile")
    p.set_defaults(handler=cmd_demo)


def cmd_demo(args) -> int:
    from . import CliError
    if args.cases < 1:
        raise CliError("--cases must be at least 1")
    prof = profile_from(args)
    last = [0]

    def report(done: int, total: int) -> None:
        pct = done * 100 // total
        if not args.json and pct >= last[0] + 10:
            last[0] = pct
            print(f"  {done:,}/{total:,} cases", file=sys.stderr, flush=True)

    try:
        stats = fill(prof.db, args.cases, args.seed, Progress(report), station=prof.cases.station)
        demo_passwords = install_demo_verifiers(prof.db)
    finally:
        prof.close()
    if args.json:
        print_json(stats)
    else:
        print(f"{stats['cases']:,} cases, {stats['events']:,} events, {stats['callers']:,} callers "
              f"in {stats['seconds']} s")
        if demo_passwords:
            print(f"demo profile: every demo operator (op01 to op05, lead01, admin) signs in with the password "
                  f"{DEMO_PASSWORD} (demo only)")
        else:
            print("this profile has a central server or online sign-ins: no demo passwords were set", file=sys.stderr)
    return 0
