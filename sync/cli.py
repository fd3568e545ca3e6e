"""`central ...` (run and administer the reference server) and `sync` (headless sync).

    python main.py central serve --db URL --host H --port P [--workers N] [--tls-cert FILE --tls-key FILE]
    python main.py central add-user LOGIN --role operator [--department URBAN]   (password from stdin or prompt)
    python main.py central list-users [--json] | disable-user LOGIN
    python main.py central add-api-key NAME | list-api-keys [--json] | revoke-api-key NAME
    python main.py central audit --since DATE [--until DATE] [--actor LOGIN] [--action A] [--json]
    python main.py central import-kb FILE.jsonl
    python main.py central new-epoch            (after restoring the database from a backup)
    python main.py central migrate              (create or upgrade the schema; serve does it too)
    python main.py sync [--once] --central URL [--login NAME]   (password: HOTLINE_SYNC_PASSWORD or prompt)
                        [--ca-file PEM] [--insecure]   (plain http to another machine is refused without it)
"""
from __future__ import annotations

import asyncio
import getpass
import os
import signal
import sys

from console.cli import CliError, add_data_dir, add_json, positive_int, print_json, profile_from
from console.cli.audit import add_filters, bounds, show

DEFAULT_DB = "sqlite:///central.db"
PASSWORD_ENV = "HOTLINE_SYNC_PASSWORD"


def register(sub) -> None:
    c = sub.add_parser("central", help="run and administer the reference central server")
    csub = c.add_subparsers(dest="central_command", metavar="ACTION", required=True)

    def with_db(p):
        p.add_argument("--db", default=os.environ.get("CENTRAL_DATABASE_URL", DEFAULT_DB),
                       help="database URL: sqlite:///FILE (default central.db) or postgresql+psycopg://...")
        return p

    serve = with_db(csub.add_parser("serve", help="serve the sync API and Open311 over HTTP"))
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8345)
    serve.add_argument("--workers", type=positive_int, default=1, metavar="N",
                       help="server processes sharing the port (PostgreSQL only; about one per core)")
    serve.add_argument("--log-dir", default=None, help="folder of the request log (default: beside an SQLite "
                                                       "database, else the platform's log folder)")
    serve.add_argument("--log-max-bytes", type=positive_int, default=10 * 1024 * 1024,
                       help="rotate the request log at this size (5 old files are kept)")
    serve.add_argument("--no-request-log", action="store_true", help="write no request log")
    serve.add_argument("--tls-cert", default=None, metavar="FILE", help="serve https: the PEM certificate (chain)")
    serve.add_argument("--tls-key", default=None, metavar="FILE", help="the certificate's PEM private key")
    serve.add_argument("--trusted-proxy", default=None, metavar="ADDRS",
                       help="reverse proxy addresses (comma-separated) whose X-Forwarded-For names the client")
    serve.add_argument("--head-timeout", type=float, default=20.0, help="seconds to send a request head")
    serve.add_argument("--body-timeout", type=float, default=30.0,
                       help="seconds a request body may stall before the connection is closed")
    serve.add_argument("--login-lockout-after", type=int, default=10, metavar="N",
                       help="failed sign-ins of one account before it is locked (an address: 5 times more)")
    serve.add_argument("--login-lockout-minutes", type=float, default=15.0)
    serve.add_argument("--public-rate", type=float, default=2.0,
                       help="anonymous Open311 reads a second per client address, sustained")
    serve.add_argument("--public-burst", type=int, default=20, help="... and at once")
    _add_units(serve)
    serve.set_defaults(handler=cmd_serve)

    user = with_db(csub.add_parser("add-user", help="add an account (or reset its password and role)"))
    user.add_argument("login")
    user.add_argument("--role", required=True, choices=["operator", "team_lead", "liaison", "admin"])
    user.add_argument("--department", default=None, help="department code, required for a liaison (e.g. URBAN)")
    user.add_argument("--name", default="")
    user.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    _add_units(user)
    user.set_defaults(handler=cmd_add_user)

    users = with_db(csub.add_parser("list-users", help="the accounts (login, role, department, active)"))
    add_json(users)
    users.set_defaults(handler=cmd_list_users)

    off = with_db(csub.add_parser("disable-user", help="disable an account and end its sessions at once "
                                                       "(add-user with a new password enables it again)"))
    off.add_argument("login")
    off.set_defaults(handler=cmd_disable_user)

    key = with_db(csub.add_parser("add-api-key", help="make an API key for Open311 POST (printed once)"))
    key.add_argument("name", help="the system the key is for (names the key)")
    key.set_defaults(handler=cmd_add_api_key)

    keys = with_db(csub.add_parser("list-api-keys", help="the API keys: name, created, revoked (never the key)"))
    add_json(keys)
    keys.set_defaults(handler=cmd_list_api_keys)

    revoke = with_db(csub.add_parser("revoke-api-key", help="revoke an API key: Open311 POSTs with it are refused"))
    revoke.add_argument("name")
    revoke.set_defaults(handler=cmd_revoke_api_key)

    log = with_db(csub.add_parser("audit", help="the audit log: sign-ins, account and key changes, uploads"))
    add_filters(log)
    log.set_defaults(handler=cmd_audit)

    kbi = with_db(csub.add_parser("import-kb", help="upload knowledge articles and lexicon entries (JSON Lines) "
                                                    "to the feed"))
    kbi.add_argument("file")
    kbi.set_defaults(handler=cmd_import_kb)

    mig = with_db(csub.add_parser("migrate", help="create or upgrade the database's schema and exit "
                                                  "(serve does it too, under the same lock)"))
    mig.set_defaults(handler=cmd_migrate)

    ep = with_db(csub.add_parser("new-epoch", help="after restoring a backup: make every console resync"))
    ep.set_defaults(handler=cmd_new_epoch)

    s = sub.add_parser("sync", help="sync this profile with the central server (headless)")
    add_data_dir(s)
    s.add_argument("--central", default=None, help="central server URL (remembered in the profile)")
    s.add_argument("--login", default=None, help="log in as this account (password from "
                                                 f"{PASSWORD_ENV} or a prompt); needed once")
    s.add_argument("--ca-file", default=None, metavar="PEM",
                   help="trust the central server's certificate through this CA file (remembered)")
    s.add_argument("--insecure", action="store_true",
                   help="allow plain http to another machine (a closed network only; remembered for this URL)")
    s.add_argument("--once", action="store_true", help="sync once (retrying a few times) and exit")
    s.add_argument("--interval", type=float, default=30.0, help="seconds between syncs in loop mode")
    s.add_argument("--retries", type=int, default=5, help="with --once: retries (with backoff) while offline")
    s.add_argument("--json", action="store_true", help="print the result as JSON")
    s.set_defaults(handler=cmd_sync)


def _open(args):
    from sync.server.db import CentralStoreError, open_central
    try:
        return open_central(args.db)
    except CentralStoreError as exc:
        raise CliError(str(exc)) from None


SERVER_MODULES = {"fastapi", "starlette", "pydantic", "pydantic_core", "uvicorn"}


def _add_units(p) -> None:
    p.add_argument("--units", default=None, metavar="FILE",
                   help="the city's handling units (CSV or JSON, docs/reference-data.md) instead of the shipped "
                        "sample; default: the file named by CENTRAL_UNITS_FILE")


def _use_units(args) -> None:
    """Read the units file now: a bad one is reported before anything starts."""
    from console.unit_file import UnitFileError
    from sync.server import units
    path = args.units or os.environ.get(units.UNITS_ENV) or None
    if path and not os.path.isfile(path):
        raise CliError(f"no such file: {path}")
    units.use_file(path)
    try:
        found = units.units()
    except UnitFileError as exc:
        for problem in exc.problems:
            print(f"units: {problem}", file=sys.stderr)
        raise CliError(f"the units file {path} has {len(exc.problems)} problem(s); the server did not start") \
            from None
    if path:
        print(f"units: {len(found)} from {path}", file=sys.stderr)


def cmd_serve(args) -> int:
    from datetime import timedelta

    from console.password_hash import check_setting as check_hash_setting
    try:
        from sync.server.login_guard import LoginPolicy
        from sync.server.public_reads import PublicReadPolicy
        from sync.server.runner import Transport, serve
    except ModuleNotFoundError as exc:
        missing = (exc.name or "").split(".")[0]
        if missing not in SERVER_MODULES:
            raise
        raise CliError(f"the central server needs its own dependencies ({missing} is missing): "
                       "pip install 'hotline-console[server]'") from None
    transport = Transport(tls_cert=args.tls_cert, tls_key=args.tls_key, head_timeout=args.head_timeout,
                          body_timeout=args.body_timeout, trusted_proxies=args.trusted_proxy)
    for path in (args.tls_cert, args.tls_key):
        if path and not os.path.isfile(path):
            raise CliError(f"no such file: {path}")
    try:
        transport.uvicorn_options()
        check_hash_setting()
    except ValueError as exc:
        raise CliError(str(exc)) from None
    _use_units(args)
    login = LoginPolicy(lockout_after=max(1, args.login_lockout_after),
                        lockout=timedelta(minutes=args.login_lockout_minutes))
    public = PublicReadPolicy(rate=max(0.01, args.public_rate), burst=max(1, args.public_burst))
    db = _open(args)  # migrate and report a bad URL before uvicorn starts
    db.close()
    if args.workers > 1 and not db.is_postgres:
        raise CliError("--workers needs PostgreSQL: an SQLite database is served by one process")
    log = request_log_file(args)
    scheme = "https" if args.tls_cert else "http"
    workers = f"{args.workers} workers, " if args.workers > 1 else ""
    logs = "off" if not log else log.path if args.workers == 1 else \
        f"{log.path.with_name(log.path.stem + '-wN' + log.path.suffix)} (N: the worker)"
    print(f"central server on {scheme}://{args.host}:{args.port} ({workers}database {args.db.split('@')[-1]}; "
          f"request log {logs})", file=sys.stderr)
    serve(args.db, args.host, args.port, transport=transport, login=login, public=public, request_log=log,
          workers=args.workers)
    return 0


def request_log_file(args):
    """The request log `central serve` writes (None with --no-request-log); CliError if
    its folder can't be made."""
    from pathlib import Path

    from sync.server.request_log import FILE_NAME, LogFile, default_folder
    if args.no_request_log:
        return None
    folder = Path(args.log_dir) if args.log_dir else default_folder(args.db)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CliError(f"cannot make the log folder {folder}: {exc.strerror}") from None
    return LogFile(folder / FILE_NAME, max_bytes=args.log_max_bytes)


def _password(from_stdin: bool, prompt: str) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    if not sys.stdin.isatty():
        raise CliError(f"give the password with --password-stdin or {PASSWORD_ENV}")
    return getpass.getpass(prompt)


def _central(args, work):
    """`work(db)` on the central database of `--db`, closed after; a refusal (ValueError,
    LookupError: a bad password, an unknown login or key) becomes a one-line error."""
    db = _open(args)
    try:
        return work(db)
    except (ValueError, LookupError) as exc:
        raise CliError(str(exc.args[0] if exc.args else exc)) from None
    finally:
        db.close()


def cmd_add_user(args) -> int:
    from sync.server import auth
    _use_units(args)
    _central(args, lambda db: auth.create_account(
        db, args.login, _password(args.password_stdin, f"password for {args.login}: "), args.role,
        args.department, args.name))
    print(f"account {args.login} ({args.role}) saved")
    return 0


def cmd_add_api_key(args) -> int:
    from sync.server import auth
    print(_central(args, lambda db: auth.create_api_key(db, args.name)))
    print("(shown once: only a hash is kept)", file=sys.stderr)
    return 0


def cmd_list_users(args) -> int:
    from sync.server import auth
    for r in _central(args, auth.list_accounts):
        if args.json:
            print_json(r)
        else:
            print(f"{r['login']:<16} {r['role']:<10} {r['department'] or '-':<14} "
                  f"{'active' if r['active'] else 'disabled':<9} {r['created']}")
    return 0


def cmd_disable_user(args) -> int:
    from sync.server import auth
    _central(args, lambda db: auth.disable_account(db, args.login))
    print(f"account {args.login} disabled; its sessions are ended")
    return 0


def cmd_list_api_keys(args) -> int:
    from sync.server import auth
    for r in _central(args, auth.list_api_keys):
        if args.json:
            print_json(r)
        else:
            print(f"{r['name']:<24} created {r['created']}  "
                  + (f"revoked {r['revoked_at']}" if r["revoked"] else "in use"))
    return 0


def cmd_revoke_api_key(args) -> int:
    from sync.server import auth
    _central(args, lambda db: auth.revoke_api_key(db, args.name))
    print(f"API key {args.name} revoked")
    return 0


def cmd_audit(args) -> int:
    from sync.server import audit
    since, until = bounds(args)
    show(args, _central(args, lambda db: audit.entries(db, since, until, args.actor, args.action)))
    return 0


def cmd_import_kb(args) -> int:
    from sync.server import audit, kb
    try:
        text = open(args.file, encoding="utf-8").read()
        articles = kb.parse_jsonl(text)
    except OSError as exc:
        raise CliError(f"cannot read {args.file}: {exc.strerror}") from None
    except kb.FeedError as exc:
        raise CliError(f"{args.file}: {exc}; nothing imported") from None
    db = _open(args)
    try:
        done = kb.upload(db, articles)
        audit.record(db, audit.cli_actor(), "kb_upload", os.path.basename(args.file),
                     added=done["added"], updated=done["updated"])
        print_json(done)
    finally:
        db.close()
    return 0


def cmd_migrate(args) -> int:
    from sync.server.db import schema_heads
    db = _open(args)
    try:
        with db.read() as conn:
            print(f"central schema at {', '.join(sorted(schema_heads(conn)))}")
    finally:
        db.close()
    return 0


def cmd_new_epoch(args) -> int:
    from sync.server.db import new_epoch
    db = _open(args)
    try:
        print(f"new epoch {new_epoch(db)}: consoles will pull everything again and re-send what was lost")
    finally:
        db.close()
    return 0


def cmd_sync(args) -> int:
    from sync.client import AuthNeeded, Offline, SyncClient, SyncError
    from sync.endpoint import InsecureCentral, remembered_options
    from sync.store import LocalSyncStore
    profile = profile_from(args)
    try:
        url = args.central or profile_setting(profile, "central_url")
        if not url:
            raise CliError("no central server: give --central URL")
        password = None
        if args.login:
            password = _password(False, f"central password for {args.login}: ")
        store = LocalSyncStore(profile.db)
        if args.ca_file:
            store.put(central_ca_file=os.path.abspath(args.ca_file))
        options = remembered_options(store, url)
        try:
            client = SyncClient(profile.db, url, login=args.login, password=password, store=store,
                                insecure=args.insecure or options["insecure"], ca_file=options["ca_file"])
        except InsecureCentral as exc:
            raise CliError(str(exc)) from None
        client.store.put(central_url=url)
        if args.insecure:  # for this URL only: another one is checked afresh
            client.store.put(central_insecure=url)

        async def once() -> int:
            try:
                rep = await client.sync_until_done(attempts=max(0, args.retries) + 1)
            except AuthNeeded as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 2
            except Offline as exc:
                print(f"offline: {exc}; the changes stay queued", file=sys.stderr)
                return 1
            except SyncError as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 1
            finally:
                status = await client.status()
                await client.aclose()
            out = {"pushed": rep.pushed, "applied": rep.applied, "merged": rep.merged, "rejected": rep.rejected,
                   "pulled_changes": rep.pulled_changes, "pulled_cases": rep.pulled_cases, "articles": rep.articles,
                   "resynced": rep.resynced, "renumbered": rep.renumbered, "pending": status.pending,
                   "rejected_waiting": status.rejected, "conflicts": status.conflicts}
            if args.json:
                print_json(out)
            else:
                print(" ".join(f"{k}={v}" for k, v in out.items()))
            return 0

        async def loop() -> int:
            stop = asyncio.Event()
            for sig in (signal.SIGINT, signal.SIGTERM):
                try:
                    asyncio.get_running_loop().add_signal_handler(sig, stop.set)
                except (NotImplementedError, RuntimeError):
                    pass
            try:
                await client.run(stop, args.interval)
            finally:
                await client.aclose()
            return 0

        return asyncio.run(once() if args.once else loop())
    finally:
        profile.close()


def profile_setting(profile, key: str) -> str | None:
    from sync.store import LocalSyncStore
    return LocalSyncStore(profile.db).get(key)
