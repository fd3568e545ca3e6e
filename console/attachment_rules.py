"""What an attachment's metadata must be: the limits and types the `attach` event is
checked against (console.workflow.check) on the console and the server alike.

Pure data and string checks: no file is opened here (console/attachments.py reads
and sniffs the bytes).
"""
from __future__ import annotations

import re
import unicodedata

MAX_BYTES = 10 * 1024 * 1024  # the default limit of one attachment
MAX_NAME = 120  # characters of a file name kept as metadata

IMAGE_TYPES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP", "image/gif": "GIF"}
AUDIO_TYPES = frozenset({"audio/mpeg", "audio/mp4", "audio/aac", "audio/amr", "audio/x-wav", "audio/ogg"})
ALLOWED_TYPES = frozenset(IMAGE_TYPES) | {"application/pdf"} | AUDIO_TYPES
SHA256 = re.compile(r"^[0-9a-f]{64}$")


class AttachmentError(ValueError):
    """A file refused as an attachment; nothing was stored. `code` is stable (a window words it
    in the operator's language from `code` and `params`); the message is English."""

    def __init__(self, code: str, message: str, **params):
        self.code, self.params = code, {k: str(v) for k, v in params.items()}
        super().__init__(message)


def valid_sha256(value) -> bool:
    """A sha256 digest as the store names files: 64 lowercase hexadecimal digits."""
    return isinstance(value, str) and bool(SHA256.match(value))


def kind_of(mime: str) -> str:
    """image, pdf or audio (what a window draws for it)."""
    if mime in IMAGE_TYPES:
        return "image"
    return "pdf" if mime == "application/pdf" else "audio"


def clean_name(name) -> str:
    """The file name as metadata, or AttachmentError: no path separators, no control
    characters, not `.` or `..`, at most MAX_NAME characters."""
    if not isinstance(name, str):
        raise AttachmentError("bad_name", "the file name is not text")
    name = unicodedata.normalize("NFC", name).strip()
    if not name or name in (".", ".."):
        raise AttachmentError("bad_name", "the file has no usable name")
    if "/" in name or "\\" in name:
        raise AttachmentError("bad_name", "a file name may not contain / or \\")
    if any(unicodedata.category(ch)[0] == "C" for ch in name):
        raise AttachmentError("bad_name", "a file name may not contain control characters")
    if len(name) > MAX_NAME:
        raise AttachmentError("bad_name", f"a file name has at most {MAX_NAME} characters", limit=MAX_NAME)
    return name


def meta_problem(payload: dict, limit: int = MAX_BYTES) -> AttachmentError | None:
    """What is wrong with an `attach` event's payload (sha256, size, mime, name, public), or None."""
    if not valid_sha256(payload.get("sha256")):
        return AttachmentError("bad_digest", "sha256 is 64 lowercase hexadecimal digits")
    size = payload.get("size")
    if type(size) is not int or size <= 0:
        return AttachmentError("empty", "size is a positive number of bytes")
    if size > limit:
        return AttachmentError("too_large", f"the file is larger than {limit // (1024 * 1024)} MB",
                               limit_mb=limit // (1024 * 1024))
    if payload.get("mime") not in ALLOWED_TYPES:
        return AttachmentError("type_not_allowed", "only photos, PDF documents and voice recordings are accepted",
                               found=str(payload.get("mime"))[:40])
    if type(payload.get("public", False)) is not bool:
        return AttachmentError("bad_public", "public is true or false")
    try:
        clean_name(payload.get("name"))
    except AttachmentError as exc:
        return exc
    return None
