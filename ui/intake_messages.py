"""Validation messages in plain, translated words, from IntakeError's field codes."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.intake import FieldError


def _t(text: str) -> str:
    return QCoreApplication.translate("IntakeMessages", text)


def field_message(name: str, error: FieldError) -> str:
    """What to tell the operator about one refused field."""
    code = error.code
    if code == "too_long":
        return _t("Too long: at most {0} characters.").format(error.limit)
    if name == "caller_phone":
        return _t("Not a valid mainland mobile or landline number (e.g. 138 0013 8000 or 028-8600 1234).")
    if name == "description":
        if code == "too_short":
            return _t("Write at least {0} characters.").format(error.limit)
        return _t("Describe the request.")
    if name == "type":
        return _t("Choose the request type.")
    if name == "category_code":
        return _t("Choose a category.") if code == "required" else _t("Unknown category; pick one from the list.")
    if name == "district":
        return _t("Choose the district where it happens.") if code == "required" else \
            _t("Unknown district; pick one from the list.")
    if name == "address":
        return _t("Give the place: road, compound or landmark.")
    if name == "transfer_to":
        return _t("An emergency is transferred: choose 110, 119 or 120.")
    if name == "answer":
        return _t("A call is either answered directly or dispatched, not both.")
    if name in ("lead_department", "assist_departments"):
        return _t("Unknown department; pick one from the list.")
    if name == "urgency":
        return _t("Choose the urgency.")
    return error.message
