"""Which central server URLs the console will talk to, and whom it trusts there.

A console sends an operator's password, tokens and citizens' cases to the
central server. Over plain http anyone on the path reads them, so a central
URL must be https unless it is this machine (loopback) or the person who
set it up said `--insecure` (a closed network they vouch for). A server
with a certificate of the city's own authority is trusted through a CA file
(`--ca-file`, remembered in the profile, or HOTLINE_CENTRAL_CA_FILE).
"""
from __future__ import annotations

import ipaddress
import os
import ssl

import httpx

CA_FILE_ENV = "HOTLINE_CENTRAL_CA_FILE"
INSECURE_ENV = "HOTLINE_CENTRAL_INSECURE"


class InsecureCentral(ValueError):
    """A central URL the console refuses (plain http to another machine, or not a URL)."""


def is_loopback(host: str) -> bool:
    """True for this machine: localhost, 127.0.0.0/8, ::1."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_central_url(url: str, insecure: bool = False) -> str:
    """`url` if the console may use it, else InsecureCentral with the reason and the way out."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise InsecureCentral(f"not a central server URL: {url!r} ({exc})") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise InsecureCentral(f"not a central server URL: {url!r} (use https://HOST:PORT)")
    if parsed.scheme == "http" and not insecure and not is_loopback(parsed.host):
        raise InsecureCentral(f"refusing plain http to {parsed.host}: passwords and cases would cross the network "
                              "unencrypted. Use https://, or --insecure on a closed network you trust.")
    return url


def tls_verify(ca_file: str | None) -> ssl.SSLContext | bool:
    """What httpx verifies the server's certificate with: the system's authorities, or `ca_file`'s."""
    if not ca_file:
        return True
    if not os.path.isfile(ca_file):
        raise InsecureCentral(f"the CA file {ca_file} does not exist")
    try:
        return ssl.create_default_context(cafile=ca_file)
    except ssl.SSLError as exc:
        raise InsecureCentral(f"the CA file {ca_file} is not a PEM certificate: {exc}") from None


def remembered_options(store, url: str) -> dict:
    """The `insecure` and `ca_file` a profile was set up with for `url` (`sync --central`),
    the environment taking precedence; keyword arguments for SyncClient."""
    insecure = os.environ.get(INSECURE_ENV, "") == "1" or store.get("central_insecure") == url
    return {"insecure": insecure, "ca_file": os.environ.get(CA_FILE_ENV) or store.get("central_ca_file")}
