"""The console's own commands work with only the console's dependencies: `python dev.py run`
installs no `[server]` extra, yet its demo also writes the demo central accounts."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# importing any of these raises ImportError in the child, as on a machine without the extra
BLOCK = "import sys\nfor m in ('pydantic', 'fastapi', 'uvicorn', 'starlette'):\n    sys.modules[m] = None\n"


def test_the_demo_with_its_central_accounts_needs_no_server_package(tmp_path):
    code = BLOCK + ("from hotline.cli import main\n"
                    f"sys.exit(main(['demo', '--cases', '30', '--data-dir', {str(tmp_path / 'p')!r}]))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / "p" / "demo-central.db").is_file()
    assert "jn-s01" in done.stdout
