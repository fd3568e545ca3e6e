"""Display names of the core's identifiers (states, request types, urgencies,
views, actions), translated through the "Terms" context. Built once after the
translators are installed."""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QCoreApplication


@lru_cache(maxsize=1)
def terms() -> dict[str, dict[str, str]]:
    return {
        "state": {
            "draft": QCoreApplication.translate("Terms", "Draft"),
            "received": QCoreApplication.translate("Terms", "Received"),
            "answered": QCoreApplication.translate("Terms", "Answered directly"),
            "dispatched": QCoreApplication.translate("Terms", "Dispatched"),
            "accepted": QCoreApplication.translate("Terms", "Signed for"),
            "returned": QCoreApplication.translate("Terms", "Returned"),
            "extended": QCoreApplication.translate("Terms", "Extended"),
            "replied": QCoreApplication.translate("Terms", "Replied"),
            "callback": QCoreApplication.translate("Terms", "Waiting for callback"),
            "review": QCoreApplication.translate("Terms", "Under review"),
            "return_review": QCoreApplication.translate("Terms", "Return under review"),
            "dispute": QCoreApplication.translate("Terms", "Responsibility dispute"),
            "reopened": QCoreApplication.translate("Terms", "Reopened"),
            "closed": QCoreApplication.translate("Terms", "Closed"),
            "merged": QCoreApplication.translate("Terms", "Merged"),
        },
        "type": {
            "consultation": QCoreApplication.translate("Terms", "Consultation"),
            "help": QCoreApplication.translate("Terms", "Help"),
            "complaint": QCoreApplication.translate("Terms", "Complaint"),
            "report": QCoreApplication.translate("Terms", "Report"),
            "suggestion": QCoreApplication.translate("Terms", "Suggestion"),
            "praise": QCoreApplication.translate("Terms", "Praise"),
            "other": QCoreApplication.translate("Terms", "Other"),
        },
        "urgency": {
            "normal": QCoreApplication.translate("Terms", "Normal"),
            "urgent": QCoreApplication.translate("Terms", "Urgent"),
            "emergency": QCoreApplication.translate("Terms", "Emergency"),
        },
        "view": {
            "my_cases": QCoreApplication.translate("Terms", "My cases"),
            "due_today": QCoreApplication.translate("Terms", "Due today"),
            "overdue": QCoreApplication.translate("Terms", "Overdue"),
            "urgent": QCoreApplication.translate("Terms", "Urgent"),
            "all_open": QCoreApplication.translate("Terms", "All open"),
            "callback": QCoreApplication.translate("Terms", "Waiting for callback"),
            "all": QCoreApplication.translate("Terms", "All"),
            "return_review": QCoreApplication.translate("Terms", "Returns to review"),
            "dispute": QCoreApplication.translate("Terms", "Disputes"),
        },
        "action": {
            "receive": QCoreApplication.translate("Terms", "Receive"),
            "answer": QCoreApplication.translate("Terms", "Answer directly"),
            "dispatch": QCoreApplication.translate("Terms", "Dispatch"),
            "accept": QCoreApplication.translate("Terms", "Sign for"),
            "return": QCoreApplication.translate("Terms", "Return"),
            "request_extension": QCoreApplication.translate("Terms", "Request extension"),
            "approve_extension": QCoreApplication.translate("Terms", "Approve extension"),
            "reject_extension": QCoreApplication.translate("Terms", "Reject extension"),
            "reply": QCoreApplication.translate("Terms", "Reply"),
            "queue_callback": QCoreApplication.translate("Terms", "Queue for callback"),
            "callback": QCoreApplication.translate("Terms", "Callback"),
            "reopen": QCoreApplication.translate("Terms", "Reopen"),
            "close": QCoreApplication.translate("Terms", "Close"),
            "cancel": QCoreApplication.translate("Terms", "Cancel case"),
            "transfer": QCoreApplication.translate("Terms", "Transfer"),
            "merge": QCoreApplication.translate("Terms", "Merge"),
            "supervise": QCoreApplication.translate("Terms", "Supervise"),
            "instruct": QCoreApplication.translate("Terms", "Leader's instruction"),
            "pick": QCoreApplication.translate("Terms", "Leader's pick"),
            "edit": QCoreApplication.translate("Terms", "Edit"),
            "note": QCoreApplication.translate("Terms", "Note"),
            "attach": QCoreApplication.translate("Terms", "Attachment"),
            "progress_contact": QCoreApplication.translate("Terms", "Progress contacted"),
            "callback_unreached": QCoreApplication.translate("Terms", "Callback: not reached"),
            "review_reopen": QCoreApplication.translate("Terms", "Review: reopen to the department"),
            "review_close": QCoreApplication.translate("Terms", "Review: close with a reason"),
            "close_without_callback": QCoreApplication.translate("Terms", "Close without callback"),
            "approve_return": QCoreApplication.translate("Terms", "Accept the return"),
            "reject_return": QCoreApplication.translate("Terms", "Reject the return"),
            "decide_dispute": QCoreApplication.translate("Terms", "Decide the dispute"),
            "assist_opinion": QCoreApplication.translate("Terms", "Assist opinion"),
            "sub_dispatch": QCoreApplication.translate("Terms", "Pass down"),
            "unit_contacted": QCoreApplication.translate("Terms", "Unit contacted"),
        },
        "satisfaction": {
            "satisfied": QCoreApplication.translate("Terms", "Satisfied"),
            "basically_satisfied": QCoreApplication.translate("Terms", "Basically satisfied"),
            "dissatisfied": QCoreApplication.translate("Terms", "Dissatisfied"),
        },
        "level": {
            "city": QCoreApplication.translate("Terms", "City"),
            "district": QCoreApplication.translate("Terms", "District"),
            "township": QCoreApplication.translate("Terms", "Township"),
        },
    }


def term(kind: str, key: str | None) -> str:
    """The display name of `key` in `kind`, or the key itself when unknown."""
    if key is None:
        return ""
    return terms()[kind].get(key, key)
