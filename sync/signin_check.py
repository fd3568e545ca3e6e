"""The central server's half of a seat's sign-in: POST /login with the operator's password.

`central_check(url)` returns the `online_check` that console.signin.sign_in takes.
It is a short blocking call (the sign-in dialog runs it off the GUI thread): a
console that cannot reach the server within a few seconds checks the password
offline instead. The tokens the login answer carries are not kept: signing a
seat in proves who sits there; what the sync client syncs with is configured
by `main.py sync --login`.
"""
from __future__ import annotations

import httpx

from console.signin import ROLES, CentralAccount, SignInError, TooSoon, Unreachable, WrongPassword

from .endpoint import InsecureCentral, check_central_url, tls_verify
from .protocol import API


def central_check(central_url: str, *, timeout: float = 8.0, transport: httpx.BaseTransport | None = None,
                  insecure: bool = False, ca_file: str | None = None):
    """An online check of (login, password) against the central server at `central_url`.
    A password is never sent over plain http to another machine (sync.endpoint): such a
    server counts as unreachable and the cached verifier decides."""
    try:
        base = check_central_url(central_url, insecure).rstrip("/") + API
        verify = tls_verify(ca_file)
    except InsecureCentral as exc:
        refused = str(exc)

        def offline(login: str, password: str) -> CentralAccount:
            raise Unreachable(refused)
        return offline

    def check(login: str, password: str) -> CentralAccount:
        try:
            with httpx.Client(base_url=base, transport=transport, verify=verify,
                              timeout=httpx.Timeout(timeout, connect=min(timeout, 4.0))) as http:
                r = http.post("/login", json={"login": login, "password": password})
        except httpx.TransportError as exc:
            raise Unreachable(type(exc).__name__) from None
        if r.status_code in (401, 403):
            raise WrongPassword()
        if r.status_code == 429:
            raise TooSoon(_seconds(r.headers.get("retry-after")))
        if r.status_code >= 500:
            raise Unreachable(f"HTTP {r.status_code}")
        if r.status_code != 200:
            raise SignInError(f"the central server refused the sign-in (HTTP {r.status_code})")
        return _account(r)

    return check


def _account(r: httpx.Response) -> CentralAccount:
    try:
        acc = r.json()["account"]
        login, role = acc["login"], acc["role"]
        name, department = acc.get("name") or "", acc.get("department")
    except (ValueError, KeyError, TypeError):
        raise SignInError("the central server's answer could not be read") from None
    if not (isinstance(login, str) and isinstance(name, str) and role in ROLES
            and (department is None or isinstance(department, str))):
        raise SignInError("the central server's answer could not be read")
    return CentralAccount(login[:64], role, name[:64], department[:32] if department else None)


def _seconds(value: str | None) -> float:
    try:
        return max(1.0, min(3600.0, float(value))) if value else 30.0
    except ValueError:
        return 30.0
