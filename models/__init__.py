"""SQLAlchemy 2 models of the console's local store (no Qt here)."""
from .audit import AuditEntry
from .base import Base, new_id, utcnow
from .call import CallLogEntry
from .case import Caller, Case, CaseAlias, CaseEvent, CaseNumberSeq, Draft, StateCount
from .knowledge import KnowledgeArticle, LearnedWord, LexiconEntry  # noqa: F401  (registers the tables)
from .org import Category, Department, District, Operator, Setting
from .rollup import DailyRollup, OpenCount, OperatorRollup, ReasonRollup, WorkDay  # noqa: F401  (registers the tables)
from .sync import Conflict, Outbox, SyncState

__all__ = [
    "Base", "new_id", "utcnow", "AuditEntry", "CallLogEntry", "Caller", "Case", "CaseAlias", "CaseEvent",
    "CaseNumberSeq", "Draft",
    "StateCount", "Category", "Department", "District", "Operator", "Setting",
    "Conflict", "Outbox", "SyncState",
]
