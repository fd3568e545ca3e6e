"""Refusals from the core and the central server, in the operator's language.

Every WorkflowError (and Forbidden) carries a stable `code` and its `params`
(console/workflow.py; the server sends the same in its 409/403 body and in a
rejected push result). This table turns a code into a translated sentence; an
unknown code falls back to the English text, never to nothing.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from .terms import term

translate = QCoreApplication.translate


def refusal_texts() -> dict[str, str]:
    """code -> translated text; {name} placeholders are filled from the refusal's params."""
    return {
        "refused": translate("Refusals", "The action was refused."),
        "no_such_action": translate("Refusals", "There is no such action."),
        "unknown_role": translate("Refusals", "Unknown role {role}."),
        "wrong_state": translate("Refusals", "This action is not possible while the case is {state}."),
        "role_not_allowed": translate("Refusals", "Your role may not do this."),
        "reason_required": translate("Refusals", "A reason is required for this action."),
        "field_required": translate("Refusals", "Please fill in: {field}."),
        "not_editable": translate("Refusals", "These fields cannot be edited: {fields}."),
        "bad_transfer_target": translate("Refusals", "A transfer goes to one of {targets}."),
        "bad_level": translate("Refusals", "Choose the level of the instruction: city, district or township."),
        "bad_text": translate("Refusals", "{field} must be a text of at most {limit} characters."),
        "bad_duration": translate(
            "Refusals", "\"{value}\" is not a duration: write working days or hours, e.g. 5wd or 16wh."),
        "bad_satisfaction": translate("Refusals", "Choose satisfied, basically satisfied or dissatisfied."),
        "bad_resolved": translate("Refusals", "Say whether the problem was resolved."),
        "bad_payload": translate("Refusals", "The details of this action are not valid."),
        "stale_version": translate(
            "Refusals", "The case changed meanwhile; it has been reloaded, please try again."),
        "extension_not_requested": translate(
            "Refusals", "No extension was requested: only a department's request can be approved or rejected."),
        "merge_into_itself": translate("Refusals", "A case cannot be merged into itself."),
        "merge_target_merged": translate("Refusals", "Case {number} is itself merged into another case."),
        "merge_target_closed": translate(
            "Refusals", "Case {number} is closed: its callers would never be called back. Choose an open case."),
        "merge_target_unknown": translate("Refusals", "There is no case {number}."),
        "path_forbidden": translate("Refusals", "Your account may not make this change this way."),
        "lead_department_only": translate("Refusals", "Only the lead department may do this."),
        "department_not_involved": translate("Refusals", "Your department is not handling this case."),
        "assisting_department_only": translate(
            "Refusals", "Only an assisting department gives an assist opinion; the lead department replies."),
        "binding_decision": translate(
            "Refusals", "{unit} was named responsible by a team lead's binding decision: it cannot return the case."),
        "not_below_lead": translate(
            "Refusals", "{unit} is not a unit directly below {lead}: a case is passed down one level at a time."),
        "unknown_unit": translate("Refusals", "There is no unit {unit}."),
        "bad_unit": translate("Refusals", "{field} must name a unit from the list."),
        "lead_also_assists": translate("Refusals", "The responsible unit cannot also be one of its assisting units."),
        "attachment_not_uploaded": translate(
            "Refusals", "The central server lacks the attachment's file (refused, or never sent): add it again."),
        "attachment_mismatch": translate("Refusals", "The attachment's size or type differs from its file."),
        "attachment_bad_digest": translate("Refusals", "The attachment is not named by a valid checksum."),
        "attachment_empty": translate("Refusals", "The attachment is empty."),
        "attachment_too_large": translate("Refusals", "The attachment is larger than {limit_mb} MB."),
        "attachment_type_not_allowed": translate(
            "Refusals", "Only photos, PDF documents and voice recordings can be attached."),
        "attachment_bad_name": translate(
            "Refusals", "The attachment's file name has path separators or control characters."),
        "attachment_bad_public": translate("Refusals", "Whether the attachment may be published is yes or no."),
        "unit_not_on_case": translate(
            "Refusals", "{unit} is not a unit of this case: contact its lead or an assisting unit."),
        "unit_contact_invalid": translate("Refusals", "Say who answered at the unit (at most 64 characters)."),
    }


def _field_names() -> dict[str, str]:
    return {"lead_department": translate("Refusals", "Lead department"),
            "answer": translate("Refusals", "Answer"),
            "extra": translate("Refusals", "Extension"),
            "satisfaction": translate("Refusals", "Satisfaction"),
            "resolved": translate("Refusals", "Resolved"),
            "into": translate("Refusals", "Merge into case number"),
            "to": translate("Refusals", "Transfer target"),
            "level": translate("Refusals", "Instruction level"),
            "text": translate("Refusals", "Note"),
            "result": translate("Refusals", "Result"),
            "unit": translate("Refusals", "Unit"),
            "suggested_unit": translate("Refusals", "Unit believed responsible"),
            "assist_departments": translate("Refusals", "Assisting departments")}


def refusal_text(exc, units: dict[str, str] | None = None) -> str:
    """The translated sentence for a refusal (anything with `code`, `params` and `why`), with
    its code so a support call can name it: "没有延期申请…… [extension_not_requested]".
    `units` (code -> name) names the units a refusal gives by code."""
    code = getattr(exc, "code", "") or "refused"
    params = dict(getattr(exc, "params", {}) or {})
    for key in ("unit", "lead"):
        if units and params.get(key) in units:
            params[key] = units[params[key]]
    if "state" not in params and getattr(exc, "state", None):
        params["state"] = term("state", exc.state)
    if "field" in params:
        params["field"] = _field_names().get(params["field"], params["field"])
    text = refusal_texts().get(code)
    if text is None:
        return f"{getattr(exc, 'why', str(exc))} [{code}]"
    try:
        return f"{text.format(**params)} [{code}]"
    except (KeyError, IndexError, ValueError):  # a translation naming a parameter the refusal lacks
        return f"{text} [{code}]"
