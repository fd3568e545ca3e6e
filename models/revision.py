"""Make the next schema revision: `python -m models.revision console|central "what it does"`.

Both migration graphs (the console's profile, models/migrations; the central
server's, sync/server/migrations) have a single head. The new revision gets the
next number and a slug of the message as its id (0011_call_log), the current
head as its parent, and the project's template. Write upgrade() with literal
SQL and values: a revision must not import the project's code, which changes
after it (tests/console/test_rollups.py checks). docs/migrations.md says more.
"""
from __future__ import annotations

import re
import sys

from alembic import command
from alembic.script import ScriptDirectory


def _config(graph: str):
    if graph == "console":
        from models.db import alembic_config
    elif graph == "central":
        from sync.server.db import alembic_config
    else:
        raise SystemExit(f"unknown migration graph {graph!r}: console or central")
    return alembic_config()


def next_id(script: ScriptDirectory, message: str) -> str:
    numbers = [int(m.group(1)) for rev in script.walk_revisions() if (m := re.match(r"(\d+)", rev.revision))]
    slug = re.sub(r"[^a-z0-9]+", "_", message.lower()).strip("_")[:32] or "revision"
    return f"{max(numbers, default=0) + 1:04d}_{slug}"


def make(graph: str, message: str) -> str:
    cfg = _config(graph)
    script = ScriptDirectory.from_config(cfg)
    heads = script.get_heads()
    if len(heads) != 1:
        raise SystemExit(f"the {graph} migration graph has {len(heads)} heads ({', '.join(heads)}): merge them first")
    cfg.set_main_option("file_template", "%%(rev)s")  # the id already carries the slug
    rev = command.revision(cfg, message=message, rev_id=next_id(script, message))
    return rev.path if rev is not None and not isinstance(rev, list) else ""


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.splitlines()[0])
        return 2
    print(make(argv[0], argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
