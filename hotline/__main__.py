"""`python -m hotline ...`: the same as the `hotline` command."""
import sys

from hotline.cli import run

sys.argv[0] = "python -m hotline"  # the usage line's program name
sys.exit(run())
