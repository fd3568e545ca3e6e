"""Display names of the core's identifiers (states, request types, urgencies,
views, actions), translated through the "Terms" context. Built once after the
translators are installed."""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("Terms", text)


@lru_cache(maxsize=1)
def terms() -> dict[str, dict[str, str]]:
    return {
        "state": {
            "draft": _t("Draft"), "received": _t("Received"), "answered": _t("Answered directly"),
            "dispatched": _t("Dispatched"), "accepted": _t("Signed for"), "returned": _t("Returned"),
            "extended": _t("Extended"), "replied": _t("Replied"), "callback": _t("Waiting for callback"),
            "reopened": _t("Reopened"), "closed": _t("Closed"), "merged": _t("Merged"),
        },
        "type": {
            "consultation": _t("Consultation"), "help": _t("Help"), "complaint": _t("Complaint"),
            "report": _t("Report"), "suggestion": _t("Suggestion"), "praise": _t("Praise"), "other": _t("Other"),
        },
        "urgency": {"normal": _t("Normal"), "urgent": _t("Urgent"), "emergency": _t("Emergency")},
        "view": {
            "my_cases": _t("My cases"), "due_today": _t("Due today"), "overdue": _t("Overdue"),
            "urgent": _t("Urgent"), "all_open": _t("All open"), "callback": _t("Waiting for callback"),
            "all": _t("All"),
        },
        "action": {
            "receive": _t("Receive"), "answer": _t("Answer directly"), "dispatch": _t("Dispatch"),
            "accept": _t("Sign for"), "return": _t("Return"), "request_extension": _t("Request extension"),
            "approve_extension": _t("Approve extension"), "reject_extension": _t("Reject extension"),
            "reply": _t("Reply"), "queue_callback": _t("Queue for callback"), "callback": _t("Callback"),
            "reopen": _t("Reopen"), "close": _t("Close"), "cancel": _t("Cancel case"),
            "transfer": _t("Transfer"), "merge": _t("Merge"), "supervise": _t("Supervise"),
            "instruct": _t("Leader's instruction"), "pick": _t("Leader's pick"), "edit": _t("Edit"),
            "note": _t("Note"),
        },
        "level": {"city": _t("City"), "district": _t("District"), "township": _t("Township")},
    }


def term(kind: str, key: str | None) -> str:
    """The display name of `key` in `kind`, or the key itself when unknown."""
    if key is None:
        return ""
    return terms()[kind].get(key, key)
