"""The files the console ships with: reference data (seed/), the SLA policy,
the knowledge base (kb/) and the translations (i18n/).

They are package data, found through importlib.resources, so the same code
finds them in a source checkout, an installed wheel and a PyInstaller folder.
The packages are always installed as files (never run from a zip), so a
resource is handed out as a plain `Path` (Qt, glob and SQLite need one).
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def package_path(package: str, *parts: str) -> Path:
    """A file or folder shipped inside `package` (e.g. `models`, "migrations")."""
    return Path(str(files(package))).joinpath(*parts)


def resource_path(*parts: str) -> Path:
    """A file or folder under resources/ (e.g. "seed", "districts.json")."""
    return package_path(__name__, *parts)
