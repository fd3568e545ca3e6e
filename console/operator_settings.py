"""Per-operator window settings: one typed object with a version, stored in the profile.

The window keeps its layout (splitter sizes, column widths, the last view)
per operator in the `settings` table under `ui.<login>`, as JSON. A stored
object from an older version is upgraded key by key; unknown keys are dropped
and a damaged value falls back to the defaults, so a bad setting never stops
the window from opening.
"""
from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field, fields

from models import Setting
from models.db import Database

log = logging.getLogger(__name__)

SETTINGS_VERSION = 1


@dataclass
class OperatorSettings:
    """What the window remembers for one operator."""

    version: int = SETTINGS_VERSION
    geometry: str = ""  # QMainWindow.saveGeometry() as base64
    window_state: str = ""  # QMainWindow.saveState() as base64
    splitter_sizes: list[int] = field(default_factory=list)
    queue_column_widths: dict[str, int] = field(default_factory=dict)
    queue_view: str = "all_open"
    queue_sort: str = "created"
    queue_descending: bool = True
    cti_port: int = 8765
    cti_enabled: bool = True
    lock_idle_minutes: float = 10.0  # the window locks after this long without keyboard or mouse input


def _key(login: str) -> str:
    return f"ui.{login}"


def load_settings(db: Database, login: str) -> OperatorSettings:
    """The operator's settings, or the defaults when none are stored or they can't be read."""
    with db.session() as s:
        row = s.get(Setting, _key(login))
        raw = row.value if row else ""
    if not raw:
        return OperatorSettings()
    try:
        data = json.loads(raw)
        known = {f.name for f in fields(OperatorSettings)}
        values = {k: v for k, v in data.items() if k in known}
        values["version"] = SETTINGS_VERSION
        return OperatorSettings(**values)
    except (ValueError, TypeError, AttributeError):
        log.warning("settings of %s are damaged; using the defaults", login)
        return OperatorSettings()


def save_settings(db: Database, login: str, settings: OperatorSettings) -> None:
    """Store the operator's settings (one small transaction)."""
    value = json.dumps(asdict(settings), ensure_ascii=False)
    with db.session() as s, s.begin():
        row = s.get(Setting, _key(login))
        if row is None:
            s.add(Setting(key=_key(login), value=value))
        else:
            row.value = value
