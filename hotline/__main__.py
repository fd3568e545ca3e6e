"""`python -m hotline ...`: the same as the `hotline` command."""
import sys

from hotline.cli import run

sys.exit(run())
