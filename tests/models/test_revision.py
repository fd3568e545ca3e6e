"""`python -m models.revision`: the next numbered revision on the single head of each graph."""
from __future__ import annotations

import shutil

from alembic.config import Config
from alembic.script import ScriptDirectory

from models import db as console_db
from models import revision
from sync.server import db as central_db


def test_each_graph_has_a_single_head():
    for cfg in (console_db.alembic_config(), central_db.alembic_config()):
        assert len(ScriptDirectory.from_config(cfg).get_heads()) == 1


def test_a_new_revision_is_numbered_after_the_head_and_imports_no_live_code(tmp_path, monkeypatch):
    folder = tmp_path / "migrations"
    shutil.copytree(console_db.MIGRATIONS, folder, ignore=shutil.ignore_patterns("__pycache__"))

    def config() -> Config:
        cfg = Config()
        cfg.set_main_option("script_location", str(folder))
        return cfg

    monkeypatch.setattr(console_db, "alembic_config", config)
    head = ScriptDirectory.from_config(config()).get_current_head()
    number = int(head.split("_")[0])
    path = revision.make("console", "Call log (incoming & missed)")
    made = ScriptDirectory.from_config(config()).get_revision(f"{number + 1:04d}_call_log_incoming_missed")
    assert made.down_revision == head and str(made.path) == path
    assert "import console" not in made.module.__doc__ and "from console" not in open(path).read()
