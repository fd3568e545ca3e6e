"""Validation messages in plain, translated words, from IntakeError's field codes."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.intake import FieldError


def field_message(name: str, error: FieldError) -> str:
    """What to tell the operator about one refused field."""
    code = error.code
    if code == "too_long":
        return QCoreApplication.translate("IntakeMessages", "Too long: at most {0} characters.").format(error.limit)
    if name == "caller_phone":
        return QCoreApplication.translate(
            "IntakeMessages", "Not a valid mainland mobile or landline number (e.g. 138 0013 8000 or 028-8600 1234).")
    if name == "description":
        if code == "too_short":
            return QCoreApplication.translate("IntakeMessages", "Write at least {0} characters.").format(error.limit)
        return QCoreApplication.translate("IntakeMessages", "Describe the request.")
    if name == "type":
        return QCoreApplication.translate("IntakeMessages", "Choose the request type.")
    if name == "category_code":
        if code == "required":
            return QCoreApplication.translate("IntakeMessages", "Choose a category.")
        return QCoreApplication.translate("IntakeMessages", "Unknown category; pick one from the list.")
    if name == "district":
        if code == "required":
            return QCoreApplication.translate("IntakeMessages", "Choose the district where it happens.")
        return QCoreApplication.translate("IntakeMessages", "Unknown district; pick one from the list.")
    if name == "address":
        return QCoreApplication.translate("IntakeMessages", "Give the place: road, compound or landmark.")
    if name == "transfer_to":
        return QCoreApplication.translate("IntakeMessages",
                                          "An emergency is transferred: choose 110, 119, 120, 122 or a utility's line.")
    if name == "answer":
        return QCoreApplication.translate("IntakeMessages",
                                          "A call is either answered directly or dispatched, not both.")
    if name in ("lead_department", "assist_departments"):
        return QCoreApplication.translate("IntakeMessages", "Unknown department; pick one from the list.")
    if name == "urgency":
        return QCoreApplication.translate("IntakeMessages", "Choose the urgency.")
    return error.message
