"""What a queue shows: a saved view plus filters. Shared by the queue, the
dashboard's click-throughs and the CLI, so "those exact cases" means the same
thing everywhere."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

# return_review (退单审核) and dispute (职责争议): the team lead's queues of departments' returns
VIEWS = ("my_cases", "due_today", "overdue", "urgent", "all_open", "callback", "all", "return_review", "dispute")


@dataclass(frozen=True)
class QueueFilter:
    view: str = "all_open"
    text: str = ""  # free text: number, phone, caller name or words of the description
    states: tuple[str, ...] = ()
    category_code: str | None = None  # a top-level code matches its children too
    district: str | None = None
    department: str | None = None  # lead department
    operator_login: str | None = None
    created_from: datetime | None = None  # stored form (naive UTC), inclusive
    created_to: datetime | None = None  # exclusive
    due_before: datetime | None = None  # open cases whose deadline is before this
    due_after: datetime | None = None  # ... and at or after this ("due in the next 2 hours")
    flagged: str | None = None  # "instruction", "pick", "supervised"
    repeat_only: bool = False
    unsatisfied_only: bool = False

    def with_(self, **changes) -> QueueFilter:
        return replace(self, **changes)
