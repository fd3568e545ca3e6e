"""Issue 14 point 5: attachments between consoles and the central server, on the real
server over loopback with real httpx: upload before the event (queued while offline),
download on demand with a resumed range, visibility per role, hostile uploads, EXIF
stripped, and the attach event reaching a second console."""
from __future__ import annotations

import asyncio
import hashlib
import io

import httpx
import pytest
from PIL import Image

from console.attachments import has_location
from console.case_attachments import AttachmentService
from sync.attachment_transfer import TransferError, download
from sync.client import Offline
from sync.server import auth
from tests.attachment_files import jpeg_with_location, photo, truncated_jpeg, wav, zip_named_png

from .helpers import PASSWORD

API = "/api/v1"


def _token(url: str, login: str) -> dict:
    r = httpx.post(f"{url}{API}/login", json={"login": login, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return {"authorization": "Bearer " + r.json()["access_token"]}


async def _sync_and_close(console):
    try:
        return await console.client.sync_once()
    finally:
        await console.client.aclose()


def _attach(console, number: str, data: bytes, name: str, tmp_path, public: bool = False):
    path = tmp_path / f"upload-{hashlib.sha256(data).hexdigest()[:8]}"
    path.write_bytes(data)
    service = AttachmentService(console.db, console.profile.cases)
    service.add_file(number, path, console.profile.actor(console.login), public=public, name=name)
    case = console.profile.cases.get(number).case
    return service.list(case.id)[-1]


def test_an_attachment_added_offline_is_uploaded_then_opened_on_a_second_console(central, consoles, tmp_path):
    a, b = consoles("a", central.url), consoles("b", central.url, login="op02")
    number = a.log()
    a.net.cut_outbound = True  # offline: the event waits in the outbox, the bytes in the profile
    shown = _attach(a, number, jpeg_with_location(), "现场照片.jpg", tmp_path)
    assert shown.local and shown.mime == "image/jpeg" and not shown.public

    async def first():
        with pytest.raises(Offline):
            await a.client.sync_once()
        assert not central.app.state.book.blobs.has(shown.sha256)
        a.net.cut_outbound = False
        try:
            return await a.client.sync_once()
        finally:
            await a.client.aclose()
    report = asyncio.run(first())
    assert report.uploaded == 1 and report.applied >= 1 and report.rejected == 0
    stored = central.app.state.book.blobs.read(shown.sha256)
    assert hashlib.sha256(stored).hexdigest() == shown.sha256
    assert not has_location(stored)  # what the server keeps carries no GPS position
    service_b = AttachmentService(b.db, b.profile.cases)

    async def second():
        try:
            await b.client.sync_once()
            case_b = b.profile.cases.get(number).case
            [seen] = service_b.list(case_b.id)
            assert (seen.sha256, seen.name, seen.size, seen.local) == (shown.sha256, "现场照片.jpg", len(stored),
                                                                       False)
            assert service_b.local_copy(seen.sha256) is None
            return case_b, await download(b.client, number, seen.sha256)
        finally:
            await b.client.aclose()
    case_b, path = asyncio.run(second())
    assert path.read_bytes() == stored and service_b.local_copy(shown.sha256) == path
    assert service_b.list(case_b.id)[0].local
    assert _kinds(central, number).count("attach") == 1


class _Recording(httpx.AsyncBaseTransport):
    def __init__(self):
        self.inner, self.ranges = httpx.AsyncHTTPTransport(), []

    async def handle_async_request(self, request):
        if "/attachments/" in request.url.path:
            self.ranges.append(request.headers.get("range"))
        return await self.inner.handle_async_request(request)

    async def aclose(self):
        await self.inner.aclose()


def test_a_cut_download_resumes_with_a_range(central, consoles, tmp_path):
    a = consoles("a", central.url)
    number = a.log()
    voice = wav(seconds=60)  # about 1 MB
    shown = _attach(a, number, voice, "录音.wav", tmp_path)
    asyncio.run(_sync_and_close(a))
    recording = _Recording()
    b = consoles("b", central.url, login="op02")
    b.net.inner = recording  # the console's own transport, watched
    store = AttachmentService(b.db, b.profile.cases).store
    part = store.path(shown.sha256).with_name(f".part-{shown.sha256}")

    async def run():
        try:
            await b.client.sync_once()
            part.parent.mkdir(parents=True, exist_ok=True)
            part.write_bytes(voice[:400_000])  # what arrived before the connection dropped
            path = await download(b.client, number, shown.sha256)
            assert path.read_bytes() == voice and not part.exists()
            assert recording.ranges == ["bytes=400000-"]
            # a partial copy that is not a prefix of the bytes is caught by the digest and removed
            path.unlink()
            part.write_bytes(b"\0" * 1000)
            with pytest.raises(TransferError, match="do not match"):
                await download(b.client, number, shown.sha256)
            assert not part.exists() and not path.exists()
        finally:
            await b.client.aclose()
    asyncio.run(run())


def test_range_requests_on_the_endpoint(central):
    book = central.app.state.book
    checked = photo("a.png")
    book.blobs.put(checked.data)
    headers = _token(central.url, "op01")
    with httpx.Client(base_url=central.url, headers=headers) as http:
        number = _filed(http, central)
        assert http.post(f"{API}/cases/{number}/actions/attach", json={"payload": checked.meta()}).status_code == 200
        url = f"{API}/cases/{number}/attachments/{checked.sha256}"
        whole = http.get(url)
        assert whole.status_code == 200 and whole.content == checked.data
        assert whole.headers["content-type"] == "image/png" and whole.headers["x-content-type-options"] == "nosniff"
        assert whole.headers["content-disposition"].startswith("attachment")
        part = http.get(url, headers={"range": "bytes=10-19"})
        assert part.status_code == 206 and part.content == checked.data[10:20]
        assert part.headers["content-range"] == f"bytes 10-19/{len(checked.data)}"
        assert http.get(url, headers={"range": f"bytes={len(checked.data) + 5}-"}).status_code == 416


def _filed(http, central, dispatch_to: str | None = None, assist: tuple = ()) -> str:
    from sync.server.casebook import Caller
    book = central.app.state.book
    snap = book.create({"type": "help", "urgency": "normal", "channel": "web", "category_code": "0203",
                        "district_code": "JJ", "address": "", "description": "井盖破损", "caller_phone": "",
                        "caller_name": "", "confidential": False, "repeat_caller": False},
                       Caller("open311:setup", "open311"))
    if dispatch_to:
        book.act(Caller("admin", "admin"), snap["number"], "dispatch", "",
                 {"lead_department": dispatch_to, "assist_departments": list(assist)})
    return snap["number"]


def test_who_may_download_and_attach(central):
    """A liaison only for cases its unit leads or assists; hotline roles for any; nobody
    without a token; an attachment the case does not name is not served through it."""
    auth.create_account(central.db, "housing", PASSWORD, "liaison", "HOUSING")
    book = central.app.state.book
    checked = photo("井盖.png")
    with httpx.Client(base_url=central.url) as http:
        number = _filed(http, central, "URBAN", ("HRSS",))
        other = _filed(http, central, "HOUSING")
        put = http.put(f"{API}/blobs/{checked.sha256}", content=checked.data, headers=_token(central.url, "urban"))
        assert put.status_code == 201 and put.json()["mime"] == "image/png"
        r = http.post(f"{API}/cases/{number}/actions/attach", headers=_token(central.url, "urban"),
                      json={"payload": checked.meta()})
        assert r.status_code == 200, r.text
        url = f"{API}/cases/{number}/attachments/{checked.sha256}"
        got = {login: http.get(url, headers=_token(central.url, login)).status_code
               for login in ("urban", "hrss", "housing", "op01", "lead01", "admin")}
        assert got == {"urban": 200, "hrss": 200, "housing": 404, "op01": 200, "lead01": 200, "admin": 200}
        assert http.get(url).status_code == 401
        # the bytes exist, but the other case does not name them: not served through it
        assert http.get(f"{API}/cases/{other}/attachments/{checked.sha256}",
                        headers=_token(central.url, "housing")).status_code == 404
        # an assisting unit may attach; a unit with nothing to do with the case may not
        second = photo("补充.png", color=(200, 10, 10))
        book.blobs.put(second.data)
        assert http.post(f"{API}/cases/{number}/actions/attach", headers=_token(central.url, "hrss"),
                         json={"payload": second.meta()}).status_code == 200
        assert http.post(f"{API}/cases/{other}/actions/attach", headers=_token(central.url, "hrss"),
                         json={"payload": second.meta()}).status_code == 404


def test_hostile_uploads_are_refused_and_nothing_is_kept(central):
    book = central.app.state.book
    headers = _token(central.url, "op01")

    def put(data: bytes, sha: str | None = None, **kw):
        sha = sha or hashlib.sha256(data).hexdigest()
        return sha, http.put(f"{API}/blobs/{sha}", content=data, headers=headers, **kw)

    with httpx.Client(base_url=central.url) as http:
        for data, status, code in [(zip_named_png(), 415, "attachment_type_not_allowed"),
                                   (truncated_jpeg(), 422, "attachment_damaged"),
                                   (b"", 422, "attachment_empty"),
                                   (jpeg_with_location(), 422, "attachment_has_location")]:
            sha, r = put(data)
            assert (r.status_code, r.json()["error"]) == (status, code), r.text
            assert not book.blobs.has(sha)
        sha, r = put(photo().data, sha="0" * 64)  # bytes that are not what the path names
        assert (r.status_code, r.json()["error"]) == (422, "attachment_digest_mismatch")
        assert not book.blobs.has("0" * 64) and not book.blobs.has(photo().sha256)
        # 50 MB: refused from its Content-Length, before a byte of it is read
        big = b"\xff\xd8\xff" + b"\0" * (50 * 1024 * 1024)
        sha, r = put(big)
        assert r.status_code == 413 and not book.blobs.has(sha)
        assert http.put(f"{API}/blobs/{'a' * 64}", content=b"x").status_code == 401
        assert 400 <= http.put(f"{API}/blobs/..%2F..%2Fetc", content=photo().data, headers=headers).status_code < 500
        # an attach event whose bytes never came, or with a name that is a path: refused, the case unchanged
        number = _filed(http, central)
        checked = photo("ok.png")
        r = http.post(f"{API}/cases/{number}/actions/attach", headers=headers, json={"payload": checked.meta()})
        assert r.status_code == 409 and r.json()["refusal"] == "attachment_not_uploaded"
        book.blobs.put(checked.data)
        for wrong in ({"size": checked.size + 1}, {"mime": "audio/mpeg"}):  # not what the bytes are
            r = http.post(f"{API}/cases/{number}/actions/attach", headers=headers,
                          json={"payload": {**checked.meta(), **wrong}})
            assert r.status_code == 409 and r.json()["refusal"] == "attachment_mismatch", r.text
        for name in ("../../etc/passwd", "a\\b.png", "bad\x07name.png"):
            r = http.post(f"{API}/cases/{number}/actions/attach", headers=headers,
                          json={"payload": {**checked.meta(), "name": name}})
            assert r.status_code in (409, 422) and "attach" not in _kinds(central, number), (name, r.text)


def _kinds(central, number: str) -> list[str]:
    return [e["kind"] for e in central.app.state.book.get(_ADMIN, number)["events"]]


def _admin():
    from sync.server.casebook import Caller
    return Caller("admin", "admin")


_ADMIN = _admin()


def test_the_pushed_exif_is_gone_and_the_image_upright(central, consoles, tmp_path):
    a = consoles("a", central.url)
    number = a.log()
    img = Image.new("RGB", (40, 20), (0, 0, 255))
    exif = Image.Exif()
    exif[0x0112] = 6  # taken with the phone turned: shown rotated 90 degrees
    exif[0x8825] = {1: "N", 2: (30.0, 39.0, 42.0), 3: "E", 4: (104.0, 3.0, 58.0)}
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    shown = _attach(a, number, out.getvalue(), "turned.jpg", tmp_path)
    asyncio.run(_sync_and_close(a))
    with Image.open(io.BytesIO(central.app.state.book.blobs.read(shown.sha256))) as kept:
        assert kept.size == (20, 40) and not kept.getexif()
