"""Files for the attachment tests: real photos (with a GPS position), a PDF, a voice note,
and the hostile ones (a ZIP named .png, a cut-off image, an empty file)."""
from __future__ import annotations

import io
import struct
import zipfile

from PIL import Image

from console.attachments import Checked, inspect

GPS = {1: "N", 2: (30.0, 39.0, 42.0), 3: "E", 4: (104.0, 3.0, 58.0)}  # 成都天府广场


def jpeg_with_location(size=(640, 480), seed: int = 1) -> bytes:
    """A photo as a phone takes it: EXIF with the camera, the time and a GPS position."""
    img = Image.new("RGB", size, (30 * seed % 255, 120, 200))
    for x in range(0, size[0], 16):  # some detail, so the JPEG is not trivially small
        for y in range(0, size[1], 16):
            img.putpixel((x, y), ((x * seed) % 255, (y * 3) % 255, (x + y) % 255))
    exif = Image.Exif()
    exif[0x010F] = "HUAWEI"
    exif[0x0132] = "2026:12:03 09:15:00"
    exif[0x8825] = GPS
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif, quality=92)
    return out.getvalue()


def png(size=(32, 24), color=(10, 150, 60)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def photo(name: str = "photo.png", color=(10, 150, 60)) -> Checked:
    """A small PNG, checked as an attachment (what the console stores and sends)."""
    return inspect(png(color=color), name)


def pdf() -> bytes:
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            b"trailer<</Root 1 0 R>>\n%%EOF\n")


def wav(seconds: float = 0.5) -> bytes:
    """A voice note: 8 kHz 16-bit mono PCM."""
    frames = int(8000 * seconds)
    body = b"".join(struct.pack("<h", (i * 37) % 2000 - 1000) for i in range(frames))
    head = b"RIFF" + struct.pack("<I", 36 + len(body)) + b"WAVEfmt " + struct.pack("<IHHIIHH", 16, 1, 1, 8000,
                                                                                  16000, 2, 16)
    return head + b"data" + struct.pack("<I", len(body)) + body


def zip_named_png() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("payload.exe", b"MZ" + b"\0" * 200)
    return out.getvalue()


def truncated_jpeg() -> bytes:
    data = jpeg_with_location()
    return data[: len(data) // 2]
