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
    central = _demo_central(prof.data_dir) if demo_passwords else None
    if central is not None:
        stats["central"] = {"db": central.url, "serve": central.serve_command,
                            "accounts": [{"login": a[0], "role": a[1], "unit": a[2]} for a in central.accounts]}
    if args.json:
        print_json(stats)
    else:
        print(f"{stats['cases']:,} cases, {stats['events']:,} events, {stats['callers']:,} callers "
              f"in {stats['seconds']} s")
        if demo_passwords:
            print(f"demo profile: every demo operator (op01 to op05, lead01, admin) signs in with the password "
                  f"{DEMO_PASSWORD} (demo only)")
        if central is not None:
            _print_central(central, prof.data_dir)
        else:
            print("this profile has a central server or online sign-ins: no demo passwords were set", file=sys.stderr)
    return 0


def _demo_central(data_dir):
    """The demo's central server database beside the profile, with its demo accounts (sync/demo_central.py)."""
    from sync.demo_central import NotADemoCentral, make_demo_central
    try:
        return make_demo_central(data_dir)
    except NotADemoCentral as exc:
        print(f"no demo central accounts: {exc}", file=sys.stderr)
        return None


def _print_central(central, data_dir) -> None:
    units = ", ".join(f"{login} ({unit})" for login, role, unit in central.accounts if role == "liaison")
    seats = ", ".join(login for login, role, _unit in central.accounts if role != "liaison")
    print(f"demo central server (demo only, password {DEMO_PASSWORD} for every account): seat accounts {seats}; "
          f"department liaisons {units}")
    print(f"  start it:          {central.serve_command}")
    print(f"  connect this seat: HOTLINE_SYNC_PASSWORD={DEMO_PASSWORD} python main.py sync --once "
          f"--central {central.central_url} --login op01 --data-dir {data_dir}")
    print(f"  a unit's window:   HOTLINE_SYNC_PASSWORD={DEMO_PASSWORD} python main.py sync --once "
          f"--central {central.central_url} --login jn --data-dir {data_dir}-jn, "
          f"then python main.py --data-dir {data_dir}-jn (docs/user-guide.md walks the loop)")
