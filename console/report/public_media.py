"""The public site's photos: only attachments marked public (the latest `attach` event for
the same bytes decides), only photos, only from a verified local copy, copied under a name
made from the digest (never the name the file came with)."""
from __future__ import annotations

import shutil
from pathlib import Path

from ..attachment_rules import IMAGE_TYPES
from ..attachments import BlobStore

EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/gif": "gif"}


def public_photos(conn, case_ids: list) -> dict:
    """case id -> [(sha256, mime)] of its public photos, in the order they were added.
    `conn` is a DB-API-level SQLAlchemy connection on the profile (exec_driver_sql)."""
    import json
    out: dict = {}
    for i in range(0, len(case_ids), 500):
        chunk = case_ids[i:i + 500]
        rows = conn.exec_driver_sql(
            f"SELECT case_id, payload FROM case_events WHERE kind = 'attach' AND case_id IN "
            f"({', '.join('?' * len(chunk))}) ORDER BY case_id, seq", tuple(chunk)).all()
        for case_id, payload in rows:
            p = json.loads(payload) if isinstance(payload, str) and payload else (payload or {})
            shas = out.setdefault(case_id, {})
            shas[str(p.get("sha256"))] = (str(p.get("mime") or ""), bool(p.get("public")))
    return {cid: [(sha, mime) for sha, (mime, public) in shas.items() if public and mime in IMAGE_TYPES]
            for cid, shas in out.items()}


def copy_photos(store: BlobStore, photos: list[tuple[str, str]], out: Path) -> list[str]:
    """Copy the photos that are here (verified) into out/media/; their paths relative to `out`."""
    paths = []
    for sha, mime in photos:
        src = store.verified(sha)
        if src is None:
            continue  # not on this computer: the site leaves it out rather than show something unchecked
        name = f"media/{sha[:32]}.{EXTENSIONS[mime]}"
        (out / "media").mkdir(parents=True, exist_ok=True)
        if not (out / name).exists():
            shutil.copyfile(src, out / name)
        paths.append(name)
    return paths
