"""Entry point: arguments, logging, then a command or the console window.

`python main.py --help` lists the commands. Without a command the window
starts on one qasync event loop (see ui/app.py).
"""
from __future__ import annotations

import logging
import sys

from console.cli import EXIT_USAGE, CliError, build_parser
from console.cli import cases as cases_cli
from console.cli import demo as demo_cli
from models.db import StoreError

REGISTRARS = [cases_cli.register, demo_cli.register]


def main(argv: list[str] | None = None) -> int:
    parser = build_parser(REGISTRARS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
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
    sys.exit(main())
