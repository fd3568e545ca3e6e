"""Running `main.py`'s command line in-process, as the CLI tests do."""
from __future__ import annotations

import main


def run(capsys, *argv) -> tuple[int, str, str]:
    """(exit code, standard output, standard error) of `main.py ARGV`."""
    code = main.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err
