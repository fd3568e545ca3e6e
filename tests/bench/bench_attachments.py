"""Attachment transfer (issue 14 point 5): uploading and downloading attachment bytes through
the central server against a bare HTTP transfer of the same bytes in the same run.

- upload: PUT /blobs/{sha256} with a token (the server checks the content: sniffs the type,
  decodes a photo in full, and writes the file durably) against a PUT of the same bytes to a
  bare ASGI route on the same uvicorn settings that reads the body and drops it;
- download: the console's `sync.attachment_transfer.download` (per-case visibility check,
  HTTP streaming to a part file, sha256 verified, renamed into the store) against a GET of the
  same bytes from a bare route that answers them from memory.

Two sets: voice notes (8 MB each: the transfer dominates) and photos (about 1.5 MB each: the
server decodes every one).
"""
from __future__ import annotations

import asyncio
import io
import os
import shutil
import threading
import time

import httpx
import uvicorn

from .harness import Context, Figure

PASSWORD = "bench-password-1"


def _voice(size: int, seed: int) -> bytes:
    body = bytes((i * seed + (i >> 7)) & 0xFF for i in range(4096)) * (size // 4096)
    head = b"RIFF" + (36 + len(body)).to_bytes(4, "little") + b"WAVEfmt " + (16).to_bytes(4, "little") + \
        bytes([1, 0, 1, 0]) + (8000).to_bytes(4, "little") + (16000).to_bytes(4, "little") + bytes([2, 0, 16, 0])
    return head + b"data" + len(body).to_bytes(4, "little") + body


def _photo(seed: int) -> bytes:
    from PIL import Image

    from console.attachments import inspect
    img = Image.frombytes("RGB", (1280, 960), os.urandom(1280 * 960 * 3)).resize((1600, 1200))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return inspect(out.getvalue(), f"p{seed}.jpg").data


class _Bare:
    """A bare ASGI app: PUT reads the body and drops it; GET answers the bytes from memory."""

    def __init__(self, files: dict[str, bytes]):
        self.files = files

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return
        key = scope["path"].rsplit("/", 1)[-1]
        if scope["method"] == "PUT":
            more = True
            while more:
                message = await receive()
                more = message.get("more_body", False)
            body = b"{}"
        else:
            body = self.files[key]
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def _serve(app, port: int):
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           access_log=False, lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    return server, thread


def run(ctx: Context) -> list[Figure]:
    from console.attachments import BlobStore
    from console.profile import open_profile
    from sync.attachment_transfer import download
    from sync.client import SyncClient
    from sync.protocol import API
    from sync.server import auth
    from sync.server.casebook import Caller
    from sync.server.runner import ServerThread, free_port

    sets = {"voice notes": [_voice(8 * 1024 * 1024, s) for s in range(1, ctx.size(4, 2) + 1)],
            "photos": [_photo(s) for s in range(ctx.size(8, 3))]}
    import hashlib
    central = ServerThread(f"sqlite:///{ctx.workdir / 'attach-central.db'}",
                           blob_dir=str(ctx.workdir / "attach-blobs")).start()
    auth.create_account(central.db, "op01", PASSWORD, "operator")
    book = central.app.state.book
    all_files = {hashlib.sha256(d).hexdigest(): d for files in sets.values() for d in files}
    bare_port = free_port()
    bare, bare_thread = _serve(_Bare(all_files), bare_port)
    figures = []
    try:
        snap = book.create({"type": "help", "urgency": "normal", "channel": "web", "category_code": "0203",
                            "district_code": "JJ", "address": "", "description": "井盖破损", "caller_phone": "",
                            "caller_name": "", "confidential": False, "repeat_caller": False},
                           Caller("open311:bench", "open311"))
        token = httpx.post(f"{central.url}{API}/login", json={"login": "op01", "password": PASSWORD}).json()
        headers = {"authorization": f"Bearer {token['access_token']}"}
        with httpx.Client(timeout=60) as http:
            for label, files in sets.items():
                shas = [hashlib.sha256(d).hexdigest() for d in files]
                total = sum(len(d) for d in files)

                def upload(files=files, shas=shas):
                    for sha, data in zip(shas, files, strict=True):
                        r = http.put(f"{central.url}{API}/blobs/{sha}", content=data, headers=headers)
                        assert r.status_code == 201, r.text

                def bare_put(files=files, shas=shas):
                    for sha, data in zip(shas, files, strict=True):
                        http.put(f"http://127.0.0.1:{bare_port}/bare/{sha}", content=data).raise_for_status()

                up, base_up = [], []
                for _ in range(3):
                    shutil.rmtree(book.blobs.root, ignore_errors=True)  # each upload stored anew
                    up.append(_time(upload))
                    base_up.append(_time(bare_put))
                kind = "image/jpeg" if label == "photos" else "audio/x-wav"
                for sha, data in zip(shas, files, strict=True):
                    book.act(Caller("admin", "admin"), snap["number"], "attach", "",
                             {"sha256": sha, "size": len(data), "mime": kind, "name": f"{sha[:8]}", "public": False})
                down, base_down = _downloads(ctx, central.url, snap["number"], shas, files, bare_port, open_profile,
                                             SyncClient, BlobStore, download)
                mb = total / 1e6
                figures.append(Figure(f"upload {len(files)} {label} ({mb:.0f} MB)", min(up), "s", min(base_up),
                                      "bare HTTP PUT of the same bytes", "",
                                      f"{mb / min(up):.0f} MB/s against {mb / min(base_up):.0f} MB/s; best of 3"))
                figures.append(Figure(f"download {len(files)} {label} ({mb:.0f} MB)", min(down), "s", min(base_down),
                                      "bare HTTP GET of the same bytes", "",
                                      f"{mb / min(down):.0f} MB/s against {mb / min(base_down):.0f} MB/s; best of 3"))
    finally:
        bare.should_exit = True
        bare_thread.join(10)
        central.stop()
    return figures


def _downloads(ctx, url, number, shas, files, bare_port, open_profile, SyncClient, BlobStore, download):  # noqa: N803
    prof = open_profile(ctx.workdir / f"attach-console-{shas[0][:6]}")
    client = SyncClient(prof.db, url, login="op01", password=PASSWORD)
    down, base = [], []

    async def console_get(store):
        for sha in shas:
            await download(client, number, sha, store)

    async def bare_get():
        async with httpx.AsyncClient(timeout=60) as http:
            for sha, data in zip(shas, files, strict=True):
                r = await http.get(f"http://127.0.0.1:{bare_port}/bare/{sha}")
                assert len(r.content) == len(data)

    async def runs():
        try:
            for i in range(3):
                store = BlobStore(ctx.workdir / f"attach-dl-{shas[0][:6]}-{i}")
                t = time.perf_counter()
                await console_get(store)
                down.append(time.perf_counter() - t)
                t = time.perf_counter()
                await bare_get()
                base.append(time.perf_counter() - t)
        finally:
            await client.aclose()
    try:
        asyncio.run(runs())
    finally:
        prof.close()
    return down, base


def _time(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t
