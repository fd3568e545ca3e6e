"""The team lead's live dashboard (see ui/dashboard/widget.py)."""
from .widget import DashboardWidget

__all__ = ["DashboardWidget"]
