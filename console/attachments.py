"""Attachments: what a file is (from its content, never its name), whether a case may
carry it, and where its bytes live (named by their sha256).

Pure Python, no Qt, no session: the console, the central server and the Open311
media fetch all check a file with `inspect` and keep it in a `BlobStore`. A file name
is metadata shown to people; it never decides a path.

Images are decoded in full (a truncated or corrupt one is refused) and written again
without their metadata (EXIF with its GPS position, XMP, text chunks, comments), turned
upright first, so nothing that may be published carries where or on what it was taken;
the sha256 is that of the stored, stripped bytes.
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

import filetype
from PIL import Image, ImageOps

from .attachment_rules import (
    ALLOWED_TYPES,
    IMAGE_TYPES,
    MAX_BYTES,
    AttachmentError,
    clean_name,
    valid_sha256,
)

MAX_PIXELS = 40_000_000  # an image larger than this (a decompression bomb) is refused


@dataclass(frozen=True)
class Checked:
    """A file that passed: the bytes to store and the metadata the `attach` event carries."""

    data: bytes
    sha256: str
    mime: str
    name: str

    @property
    def size(self) -> int:
        return len(self.data)

    def meta(self, public: bool = False) -> dict:
        """The payload of the `attach` event."""
        return {"sha256": self.sha256, "size": self.size, "mime": self.mime, "name": self.name,
                "public": bool(public)}


def read_limited(path: Path | str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of the file at `path`, or AttachmentError when it is over `limit` (read no
    further than limit + 1 bytes: a 50 MB file is never read whole)."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except IsADirectoryError:
        raise AttachmentError("unreadable", "that is a folder, not a file") from None
    except OSError as exc:
        raise AttachmentError("unreadable", f"the file cannot be read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise AttachmentError("too_large", f"the file is larger than {limit // (1024 * 1024)} MB",
                              limit_mb=limit // (1024 * 1024))
    return data


def inspect(data: bytes, name: str, limit: int = MAX_BYTES) -> Checked:
    """Check `data` as an attachment named `name`: size, type (sniffed from the content),
    a complete image or PDF; strip an image's metadata. Returns what to store, or raises
    AttachmentError with nothing stored."""
    name = clean_name(name)
    if not data:
        raise AttachmentError("empty", "the file is empty")
    if len(data) > limit:
        raise AttachmentError("too_large", f"the file is larger than {limit // (1024 * 1024)} MB",
                              limit_mb=limit // (1024 * 1024))
    mime = sniff(data)
    if mime not in ALLOWED_TYPES:
        what = mime or "of an unknown type"
        raise AttachmentError("type_not_allowed", f"the file's content is {what}: only photos (JPEG, PNG, WebP, "
                                                  "GIF), PDF documents and voice recordings are accepted",
                              found=mime or "unknown")
    if mime in IMAGE_TYPES:
        data = strip_image(data, mime)
        if len(data) > limit:  # a re-encoded image may grow a little
            raise AttachmentError("too_large", f"the file is larger than {limit // (1024 * 1024)} MB",
                                  limit_mb=limit // (1024 * 1024))
    elif mime == "application/pdf" and b"%%EOF" not in data[-2048:]:
        raise AttachmentError("damaged", "the PDF is incomplete (cut off before its end)")
    return Checked(data, hashlib.sha256(data).hexdigest(), mime, name)


def sniff(data: bytes) -> str:
    """The MIME type the content says (filetype's signatures), '' when unknown."""
    found = filetype.guess_mime(data[:8192])
    return found or ""


def strip_image(data: bytes, mime: str) -> bytes:
    """The image decoded in full and written again without metadata, upright (EXIF
    orientation applied). A truncated or corrupt image raises AttachmentError."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as img:
                if img.width * img.height > MAX_PIXELS:
                    raise AttachmentError("damaged", "the image is too large to open (over 40 million pixels)")
                if (IMAGE_TYPES.get(mime) or "") != img.format:
                    raise AttachmentError("damaged", "the image's content does not match its type")
                if img.format == "GIF" and getattr(img, "n_frames", 1) > 1:
                    return _gif_frames(img)
                img.load()
                upright = ImageOps.exif_transpose(img)
        except AttachmentError:
            raise
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Image.DecompressionBombWarning,
                EOFError) as exc:
            raise AttachmentError("damaged", f"the image is damaged or incomplete ({type(exc).__name__})") from None
    return _save(upright, IMAGE_TYPES[mime])


def _save(img: Image.Image, fmt: str) -> bytes:
    img.info.clear()  # comments, text chunks, XMP, EXIF: nothing of it is written again
    out = io.BytesIO()
    if fmt == "JPEG":
        if img.mode not in ("RGB", "L", "CMYK"):
            img = img.convert("RGB")
        img.save(out, "JPEG", quality=90, optimize=True)
    elif fmt == "WEBP":
        img.save(out, "WEBP", quality=90)
    else:
        img.save(out, fmt)
    return out.getvalue()


def _gif_frames(img: Image.Image) -> bytes:
    frames = []
    for i in range(getattr(img, "n_frames", 1)):
        img.seek(i)
        frames.append(img.copy())
    out = io.BytesIO()
    for f in frames:
        f.info.pop("comment", None)
        f.info.pop("extension", None)
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], loop=img.info.get("loop", 0),
                   duration=img.info.get("duration", 100))
    return out.getvalue()


def has_location(data: bytes) -> bool:
    """Whether an image carries a GPS position in its EXIF (what `strip_image` removes)."""
    try:
        with Image.open(io.BytesIO(data)) as img:
            return bool(img.getexif().get_ifd(0x8825))
    except (OSError, ValueError):
        return False


class BlobStore:
    """Files named by the sha256 of their content under `root` (root/ab/abcdef...). Writes are
    atomic (a temporary file renamed into place); a path is made only from a checked digest."""

    def __init__(self, root: Path | str):
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        if not valid_sha256(sha256):
            raise AttachmentError("bad_digest", "not a sha256 digest")
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        try:
            return self.path(sha256).is_file()
        except AttachmentError:
            return False

    def put(self, data: bytes, sha256: str | None = None) -> str:
        """Store `data` (checked against `sha256` when given); its digest."""
        digest = hashlib.sha256(data).hexdigest()
        if sha256 is not None and digest != sha256:
            raise AttachmentError("digest_mismatch", "the bytes do not match their sha256")
        target = self.path(digest)
        if target.is_file() and target.stat().st_size == len(data):
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        return digest

    def read(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()

    def verified(self, sha256: str) -> Path | None:
        """The file's path when it is there and its content still hashes to `sha256`."""
        try:
            path = self.path(sha256)
            with open(path, "rb") as fh:
                digest = hashlib.file_digest(fh, "sha256").hexdigest()
        except (OSError, AttachmentError):
            return None
        return path if digest == sha256 else None


def check_stored(data: bytes, limit: int = MAX_BYTES) -> str:
    """Check bytes that were already made ready by `inspect` (an upload to the server): the
    size, the type from the content, a complete image or PDF, no location left in an image.
    Nothing is re-encoded (the sha256 names these very bytes). Returns the MIME type."""
    if not data:
        raise AttachmentError("empty", "the file is empty")
    if len(data) > limit:
        raise AttachmentError("too_large", f"the file is larger than {limit // (1024 * 1024)} MB",
                              limit_mb=limit // (1024 * 1024))
    mime = sniff(data)
    if mime not in ALLOWED_TYPES:
        raise AttachmentError("type_not_allowed", f"the file's content is {mime or 'of an unknown type'}: only "
                                                  "photos, PDF documents and voice recordings are accepted",
                              found=mime or "unknown")
    if mime in IMAGE_TYPES:
        try:
            with Image.open(io.BytesIO(data)) as img:
                if img.width * img.height > MAX_PIXELS:
                    raise AttachmentError("damaged", "the image is too large to open (over 40 million pixels)")
                if img.format == "JPEG":  # every byte is still decoded (a cut file is caught), at 1/8 scale
                    img.draft("RGB", (max(1, img.width // 8), max(1, img.height // 8)))
                img.load()
                exif = img.getexif()
                if exif.get_ifd(0x8825) or exif.get(0x8825):
                    raise AttachmentError("has_location", "the image still carries a GPS position")
        except AttachmentError:
            raise
        except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError) as exc:
            raise AttachmentError("damaged", f"the image is damaged or incomplete ({type(exc).__name__})") from None
    elif mime == "application/pdf" and b"%%EOF" not in data[-2048:]:
        raise AttachmentError("damaged", "the PDF is incomplete (cut off before its end)")
    return mime
