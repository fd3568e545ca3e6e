"""A temporary demo profile for launching one widget alone (`python -m ui.<widget>`)."""
from __future__ import annotations

import tempfile
from pathlib import Path

from console.demo import fill
from console.profile import open_profile


def demo_window_profile(cases: int = 500, seed: int = 11):
    """(profile, acting operator, TemporaryDirectory): a fresh profile with `cases` demo cases."""
    tmp = tempfile.TemporaryDirectory(prefix="hotline-widget-")
    profile = open_profile(Path(tmp.name) / "profile")
    if cases:
        fill(profile.db, cases, seed=seed)
    return profile, profile.actor(), tmp
