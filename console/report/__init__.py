"""The monthly hotspot report: its data (data.py) and table writers (tables.py)."""
from .data import MonthlyReport, build_monthly

__all__ = ["MonthlyReport", "build_monthly"]
