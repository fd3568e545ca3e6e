"""Entry point: arguments, logging, then a command or the console window.

`python main.py --help` lists the commands. Without a command the window
starts on one qasync event loop (see ui/app.py).
"""
from __future__ import annotations

import importlib
import logging
import sys

from console.cli import EXIT_USAGE, CliError, build_parser
from console.log_scrub import install_log_scrubbing, log_uncaught_exceptions
from models.db import StoreError

# Each module has register(subparsers); a feature adds its module here.
COMMAND_MODULES = [
    "console.cli.cases",
    "console.cli.demo",
    "ui.report.cli",
    "console.cli.kb",
    "console.cli.audit",
    "console.cli.profile",
    "console.cli.warnings",
    "sync.cli",
]


def main(argv: list[str] | None = None) -> int:
    parser = build_parser(importlib.import_module(m).register for m in COMMAND_MODULES)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    install_log_scrubbing()
    try:
        if args.command is None:
            from ui.app import run
            return run(args)
        if not hasattr(args, "handler"):
            parser.parse_args([args.command, "--help"])
        return args.handler(args)
    except (CliError, StoreError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    log_uncaught_exceptions()  # here, not in main(): tests call main() and keep their own hooks
    sys.exit(main())
