"""For the child processes that start the real program: it asks for a password now."""
from __future__ import annotations

import os
from pathlib import Path


def sign_in_as_demo_operator(folder: Path) -> None:
    """Give the profile in `folder` the demo verifiers and hand op01's password to the
    program through $HOTLINE_PASSWORD (run with operator="op01")."""
    from console.profile import open_profile
    from console.signin import DEMO_PASSWORD, install_demo_verifiers
    prof = open_profile(folder)
    install_demo_verifiers(prof.db)
    prof.close()
    os.environ["HOTLINE_PASSWORD"] = DEMO_PASSWORD
