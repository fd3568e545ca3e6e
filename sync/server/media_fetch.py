"""Fetching an Open311 request's `media_url`: the server downloads the citizen's photo and
attaches it to the filed case.

Only http and https; at most `limit` bytes (read no further); a timeout for the whole
fetch; redirects followed by hand (at most three), each hop checked like the first; no
address that is private, loopback, link-local, multicast or reserved unless
`allow_private` (tests on loopback: CENTRAL_MEDIA_ALLOW_PRIVATE=1). The bytes are then
checked like any attachment (console.attachments.inspect). A failure never loses the
request: it is filed, and the reason is recorded on its receive event.
"""
from __future__ import annotations

import ipaddress
import os
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from console.attachment_rules import MAX_BYTES, AttachmentError, clean_name
from console.attachments import Checked, inspect

ALLOW_PRIVATE_ENV = "CENTRAL_MEDIA_ALLOW_PRIVATE"


class MediaError(Exception):
    """The media could not be fetched or is not an acceptable attachment (the reason, in English)."""


@dataclass
class MediaFetch:
    """How the server fetches a `media_url`."""

    timeout: float = 10.0
    limit: int = MAX_BYTES
    allow_private: bool = field(default_factory=lambda: os.environ.get(ALLOW_PRIVATE_ENV, "") == "1")
    max_redirects: int = 3
    transport: httpx.BaseTransport | None = None

    def fetch(self, url: str) -> Checked:
        """The checked media at `url`, or MediaError saying why not."""
        deadline = time.monotonic() + self.timeout
        with httpx.Client(transport=self.transport, timeout=self.timeout, follow_redirects=False,
                          headers={"user-agent": "12345-hotline-central/1"}) as client:
            for _hop in range(self.max_redirects + 1):
                self._check_target(url)
                try:
                    with client.stream("GET", url) as r:
                        if r.status_code in (301, 302, 303, 307, 308) and r.headers.get("location"):
                            url = urljoin(url, r.headers["location"])
                            continue
                        if r.status_code != 200:
                            raise MediaError(f"the media server answered HTTP {r.status_code}")
                        declared = r.headers.get("content-length", "")
                        if declared.isdigit() and int(declared) > self.limit:
                            raise MediaError(f"the media is larger than {self.limit // (1024 * 1024)} MB")
                        data = bytearray()
                        for chunk in r.iter_bytes():
                            data += chunk
                            if len(data) > self.limit:
                                raise MediaError(f"the media is larger than {self.limit // (1024 * 1024)} MB")
                            if time.monotonic() > deadline:
                                raise MediaError(f"the media took longer than {self.timeout:g} s")
                except httpx.TimeoutException:
                    raise MediaError(f"the media took longer than {self.timeout:g} s") from None
                except httpx.HTTPError as exc:
                    raise MediaError(f"the media could not be fetched ({type(exc).__name__})") from None
                try:
                    return inspect(bytes(data), _name_of(url), self.limit)
                except AttachmentError as exc:
                    raise MediaError(str(exc)) from None
        raise MediaError(f"more than {self.max_redirects} redirects")

    def _check_target(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise MediaError("media_url must be an http or https address")
        host = parts.hostname
        if not host:
            raise MediaError("media_url has no host")
        if self.allow_private:
            return
        try:
            infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80),
                                       type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            raise MediaError("the media's host name does not resolve") from None
        for info in infos:
            address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
            if not address.is_global or address.is_multicast:
                raise MediaError("media_url points to a private or local address")


def _name_of(url: str) -> str:
    tail = unquote(urlsplit(url).path.rsplit("/", 1)[-1])
    try:
        return clean_name(tail)
    except AttachmentError:
        return "media"
