"""`python main.py ...`: the same program as the installed `hotline` command (hotline/cli.py).

`python main.py --help` lists the commands. Without a command the window
starts on one qasync event loop (see ui/app.py).
"""
from __future__ import annotations

import sys

from hotline.cli import COMMAND_MODULES, main, run

__all__ = ["COMMAND_MODULES", "main", "run"]

if __name__ == "__main__":
    sys.exit(run())
