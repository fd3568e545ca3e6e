"""Who acts through the case API, what a caller may see, and the refusals of access."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Text, cast, literal, or_


@dataclass
class Caller:
    """The account acting through the API."""

    login: str
    role: str
    department: str | None = None


class EpochChanged(Exception):
    """The client's epoch (or cursor) belongs to a history this server no longer has."""

    def __init__(self, epoch: str):
        self.epoch = epoch
        super().__init__(f"the server's history changed (epoch {epoch}); resync")


class NotVisible(LookupError):
    """No such case, or not one this account may see."""


class NotYourDevice(LookupError):
    """The pushed device_id was registered by another account."""


def visible(case, caller: Caller) -> bool:
    """A liaison sees only cases its department leads or assists, or passed down to a unit
    below it (sub-dispatch); others see all."""
    if caller.role != "liaison":
        return True
    dept = caller.department
    return bool(dept) and (case.lead_department == dept or dept in (case.assist_departments or [])
                           or dept in (getattr(case, "upper_units", None) or "").split(","))


def department_cases(table, department: str | None) -> ColumnElement[bool]:
    """The SQL condition of `visible` for a liaison of `department` over the `cases` table
    (a superset where the JSON text is matched: `visible` then decides exactly)."""
    dept = department or "\x00"
    escaped = dept.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    c = table.c
    return or_(c.lead_department == dept,
               cast(c.assist_departments, Text).like('%"' + escaped + '"%', escape="\\"),
               (literal(",") + c.upper_units + literal(",")).like("%," + escaped + ",%", escape="\\"))
