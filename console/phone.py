"""Caller phone numbers: mainland mobiles and landlines, normalized.

The normalized form is the number as dialled inside mainland China, digits
only: `13800138000` for a mobile, `02886001234` for a landline. It is what
the caller history is keyed on. Parsing and validity come from Google's
libphonenumber (the `phonenumbers` package), not from hand-written ranges.
"""
from __future__ import annotations

import re
import unicodedata

import phonenumbers
from phonenumbers import PhoneNumberType

DEFAULT_AREA_CODE = "028"  # the city's own area code, for 7-8 digit local numbers
MAX_INPUT = 40
_SEPARATORS = re.compile(r"[\s\-().·、/]+")
_ACCEPTED = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE}


class PhoneError(ValueError):
    """The text is not a mainland mobile or landline number; the message says why."""


def normalize(text: str | None, area_code: str = DEFAULT_AREA_CODE) -> str | None:
    """The normalized number, None for an empty (anonymous) input, or PhoneError."""
    if text is None:
        return None
    raw = unicodedata.normalize("NFKC", str(text)).strip()
    if not raw:
        return None
    if len(raw) > MAX_INPUT:
        raise PhoneError("a phone number is at most 40 characters")
    digits = _SEPARATORS.sub("", raw)
    if digits.startswith("+"):
        body = digits[1:]
        if not body.isdigit():
            raise PhoneError("a phone number has only digits after +")
        if not body.startswith("86"):
            raise PhoneError("only mainland China numbers (+86) are accepted")
        digits = body[2:]
        if not digits.startswith("1"):
            digits = "0" + digits
    elif digits.startswith("0086"):
        digits = digits[4:]
        if not digits.startswith("1"):
            digits = "0" + digits
    if not digits.isdigit():
        raise PhoneError("a phone number has only digits, spaces, dashes and brackets")
    if len(digits) < 7:
        raise PhoneError(f"too short for a phone number ({len(digits)} digits)")
    if len(digits) == 13 and digits.startswith("861"):
        digits = digits[2:]
    if len(digits) in (7, 8) and not digits.startswith(("0", "1")):
        digits = area_code + digits
    if digits.startswith("1") and len(digits) != 11:
        raise PhoneError(f"a mobile number has 11 digits, this one has {len(digits)}")
    if digits.startswith("0") and not 10 <= len(digits) <= 12:
        raise PhoneError("a landline is an area code and 7-8 digits, e.g. 028-86001234")
    try:
        parsed = phonenumbers.parse(digits, "CN")
    except phonenumbers.NumberParseException:
        raise PhoneError("not a phone number") from None
    if not phonenumbers.is_valid_number_for_region(parsed, "CN"):
        raise PhoneError("not a valid mainland mobile or landline number")
    kind = phonenumbers.number_type(parsed)
    if kind not in _ACCEPTED:
        raise PhoneError("only mobile and landline numbers are accepted")
    national = str(parsed.national_number)
    return national if kind == PhoneNumberType.MOBILE else "0" + national


def display(normalized: str | None) -> str:
    """Grouped for reading aloud: 138 0013 8000, 028-8600 1234."""
    if not normalized:
        return ""
    if normalized.startswith("1"):
        return f"{normalized[:3]} {normalized[3:7]} {normalized[7:]}"
    area = 3 if normalized[1] in "12" else 4
    local = normalized[area:]
    return f"{normalized[:area]}-{local[:-4]} {local[-4:]}"


def mask(normalized: str | None) -> str:
    """For publication: 138****8000."""
    if not normalized:
        return ""
    return normalized[:3] + "*" * max(len(normalized) - 7, 1) + normalized[-4:]
