"""The team lead's live dashboard (see ui/dashboard/widget.py)."""
from . import refcount_guard
from .widget import DashboardWidget

refcount_guard.install()  # see refcount_guard.py: PySide6 6.12.0 drops references to None/True

__all__ = ["DashboardWidget"]
