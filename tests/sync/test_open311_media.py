"""An Open311 request's media_url: the server fetches it (limits, type from the content,
http/https only, no private addresses unless allowed, redirects checked) and attaches it;
a failed fetch files the request all the same and records why. Open311 shows a photo only
once it is marked public."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from console.attachments import has_location
from sync.server.casebook import Caller
from sync.server.media_fetch import MediaError, MediaFetch
from sync.server.stations import WEB_STATION
from tests.attachment_files import jpeg_with_location, zip_named_png

ADMIN = Caller("admin", "admin")
FILES = {"/photo.jpg": jpeg_with_location(), "/photo.png": zip_named_png()}


class _Files(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("location", "/photo.jpg")
            self.end_headers()
            return
        if self.path == "/huge":
            self.send_response(200)
            self.send_header("content-length", str(60 * 1024 * 1024))
            self.end_headers()
            return
        data = FILES.get(self.path)
        self.send_response(200 if data else 404)
        self.send_header("content-length", str(len(data or b"")))
        self.end_headers()
        self.wfile.write(data or b"")

    def log_message(self, *args):
        pass


@pytest.fixture
def files():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Files)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _file(central, media_url: str) -> tuple[dict, dict]:
    from sync.server import auth
    key = auth.create_api_key(central.db, f"app-{len(media_url)}-{hash(media_url) % 1000}")
    r = httpx.post(f"{central.url}/open311/v2/requests.json",
                   data={"api_key": key, "service_code": "0203", "description": "路灯不亮已经三天了",
                         "address_string": "锦江区春熙路1号", "media_url": media_url})
    assert r.status_code == 201, r.text
    answer = r.json()[0]
    return answer, central.app.state.book.get(ADMIN, answer["service_request_id"])


def test_a_fetched_photo_is_attached_stripped_and_public_only_when_marked(central, files):
    book = central.app.state.book
    book.media_fetch = MediaFetch(allow_private=True)  # the test's file server is on loopback
    answer, case = _file(central, f"{files}/redirect")  # one redirect, checked like the first address
    assert answer["service_notice"] == ""
    attach = [e for e in case["events"] if e["kind"] == "attach"]
    assert len(attach) == 1 and attach[0]["actor_role"] == "open311"
    meta = attach[0]["payload"]
    assert (meta["mime"], meta["name"], meta["public"]) == ("image/jpeg", "photo.jpg", False)
    assert not has_location(book.blobs.read(meta["sha256"]))
    number = case["number"]
    media = f"{central.url}/open311/v2/media/{number}/{meta['sha256']}"
    public = httpx.get(f"{central.url}/open311/v2/requests/{number}.json").json()[0]
    assert "media_url" not in public and httpx.get(media).status_code == 404  # not public: not shown, not served
    book.act(ADMIN, number, "attach", "", {**meta, "public": True})  # a team lead marks it publishable
    public = httpx.get(f"{central.url}/open311/v2/requests/{number}.json").json()[0]
    assert public["media_url"] == media
    served = httpx.get(media)
    assert served.status_code == 200 and served.content == book.blobs.read(meta["sha256"])


@pytest.mark.parametrize("path,why", [("/photo.png", "application/zip"), ("/huge", "larger than 10 MB"),
                                      ("/missing.jpg", "HTTP 404")])
def test_a_failed_fetch_files_the_request_and_says_why(central, files, path, why):
    central.app.state.book.media_fetch = MediaFetch(allow_private=True)
    answer, case = _file(central, f"{files}{path}")
    assert why in answer["service_notice"]
    assert [e["kind"] for e in case["events"]] == ["receive"]
    assert why in case["events"][0]["payload"]["media_error"]


def test_private_addresses_and_other_schemes_are_not_fetched(files):
    fetch = MediaFetch()  # the default: no private, loopback or link-local address
    for url, why in [(f"{files}/photo.jpg", "private or local"), ("ftp://example.org/a.jpg", "http or https"),
                     ("http://169.254.169.254/latest/meta-data", "private or local"),
                     ("http://[::1]/a.jpg", "private or local"), ("file:///etc/passwd", "http or https")]:
        with pytest.raises(MediaError, match=why):
            fetch.fetch(url)


def test_a_redirect_to_a_private_address_is_not_followed():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(302, headers={"location": "http://127.0.0.1:9/secret"})

    fetch = MediaFetch(transport=httpx.MockTransport(handler))
    fetch._check_target = _public_only_for("93.184.215.14", fetch._check_target)  # the first hop is public
    with pytest.raises(MediaError, match="private or local"):
        fetch.fetch("http://93.184.215.14/photo.jpg")
    assert seen == ["http://93.184.215.14/photo.jpg"]


def _public_only_for(address: str, check):
    def checked(url: str) -> None:
        if f"//{address}/" in url:
            return
        check(url)
    return checked


def test_the_filing_keeps_the_request_when_the_media_is_refused(central):
    book = central.app.state.book
    snap = book.create({"type": "help", "urgency": "normal", "channel": "web", "category_code": "0203",
                        "district_code": "JJ", "address": "", "description": "井盖破损", "caller_phone": "",
                        "caller_name": "", "confidential": False, "repeat_caller": False},
                       Caller("open311:x", "open311"), WEB_STATION, None, "the media server answered HTTP 500")
    got = book.get(ADMIN, snap["number"])
    assert got["state"] == "received" and got["events"][0]["payload"]["media_error"].endswith("HTTP 500")
