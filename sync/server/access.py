"""Who acts through the case API, what a caller may see, and the refusals of access."""
from __future__ import annotations

from dataclasses import dataclass


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
    """A liaison sees only cases its department leads or assists; others see all."""
    if caller.role != "liaison":
        return True
    return bool(caller.department) and (case.lead_department == caller.department
                                        or caller.department in (case.assist_departments or []))
