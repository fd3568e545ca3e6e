"""Arguments, logging, then a command or the console window.

`main(argv)` is the command line as the tests call it in-process. `run()` is the
program (the `hotline` and `hotline-console` commands, `python main.py`): it also
logs to the log file, sends uncaught exceptions through logging (scrubbed) and
exits quietly when the reader of its output goes away (`hotline cases list | head -1`).
"""
from __future__ import annotations

import importlib
import logging
import os
import platform
import sys

from console.cli import EXIT_USAGE, CliError, build_parser
from console.log_file import setup_logging
from console.log_scrub import log_uncaught_exceptions
from models.db import StoreError

# Each module has register(subparsers); a feature adds its module here.
COMMAND_MODULES = [
    "console.cli.cases",
    "console.cli.demo",
    "ui.report.cli",
    "console.cli.kb",
    "console.cli.refdata",
    "console.cli.audit",
    "console.cli.profile",
    "console.cli.warnings",
    "sync.cli",
]
log = logging.getLogger(__name__)
EXIT_BROKEN_PIPE = 141  # what a shell reports for a program ended by SIGPIPE (128 + 13)


def main(argv: list[str] | None = None, log_to_file: bool = False) -> int:
    parser = build_parser(importlib.import_module(m).register for m in COMMAND_MODULES)
    args = parser.parse_args(argv)
    setup_logging(verbose=args.verbose, data_dir=args.data_dir, to_file=log_to_file)
    log.info("start: %s (hotline-console %s, Python %s, %s)", args.command or "window", _version(),
             platform.python_version(), sys.platform)
    try:
        if args.command is None:
            from ui.app import run as run_window
            return run_window(args)
        if not hasattr(args, "handler"):
            parser.parse_args([args.command, "--help"])
        return args.handler(args)
    except (CliError, StoreError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("hotline-console")
    except PackageNotFoundError:  # run from a checkout or a PyInstaller folder
        return "(not installed)"


def run(argv: list[str] | None = None) -> int:
    """The program's entry point (see the module's docstring); returns the exit code."""
    log_uncaught_exceptions()  # here, not in main(): tests call main() and keep their own hooks
    try:
        code = main(argv, log_to_file=True)
        if sys.stdout is not None:  # None under pythonw (the hotline-console command on Windows)
            sys.stdout.flush()  # a closed pipe shows here, not at the interpreter's exit
        return code
    except BrokenPipeError:
        # the reader left (head, a closed pager): nothing more to say, and Python must not
        # complain when it flushes standard output at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def gui() -> int:
    """`hotline-console`: the window (a GUI entry point: no console window on Windows)."""
    return run()
