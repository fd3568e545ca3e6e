"""The command line: `python main.py COMMAND ...`.

Each feature module has `register(subparsers)` adding its commands; a
command's handler takes the parsed arguments and returns the exit code.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from ..profile import Profile, default_data_dir, open_profile

EXIT_USAGE = 2


class CliError(Exception):
    """A plain message for the user; exit code 2."""


def add_data_dir(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", type=Path, default=None,
                   help=f"profile folder (default: {default_data_dir()})")


def add_json(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON (one object per line for lists)")


def positive_int(text: str) -> int:
    """argparse type: a whole number of at least 1."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def profile_from(args) -> Profile:
    return open_profile(args.data_dir)


def print_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def build_parser(registrars: Iterable[Callable]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="12345 hotline operator console. Without a command, starts the window.")
    add_data_dir(parser)
    parser.add_argument("--lang", choices=["en", "zh_CN"], default=None, help="language of the window")
    parser.add_argument("--operator", default=None,
                        help="fill in the sign-in login name (the password is still asked for)")
    parser.add_argument("--verbose", "-v", action="store_true", help="log debug messages")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for register in registrars:
        register(sub)
    return parser
