"""Issue 12, point 11: `central serve --tls-cert --tls-key` speaks https, a console
trusts the city's own authority through a CA file, and a console refuses plain
http to another machine unless told --insecure.

TLS is a matter of the transport, not of the database: SQLite only."""
from __future__ import annotations

import asyncio
import json
import shutil

import httpx
import pytest
import trustme

import main
from sync.client import Offline, SyncClient
from sync.endpoint import InsecureCentral, check_central_url
from sync.server.runner import ServerThread, Transport

from .helpers import PASSWORD


@pytest.fixture(scope="module")
def authority(tmp_path_factory):
    """A certificate authority of the city's own and the server's certificate from it."""
    folder = tmp_path_factory.mktemp("tls")
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    paths = {"ca": folder / "ca.pem", "cert": folder / "server.pem", "key": folder / "server.key"}
    ca.cert_pem.write_to_path(str(paths["ca"]))
    cert.private_key_pem.write_to_path(str(paths["key"]))
    for i, blob in enumerate(cert.cert_chain_pems):
        blob.write_to_path(str(paths["cert"]), append=i > 0)
    return {k: str(v) for k, v in paths.items()}


@pytest.fixture
def tls_central(tmp_path, central_template, authority):
    path = tmp_path / "central.db"
    shutil.copy(central_template, path)
    srv = ServerThread(f"sqlite:///{path}", transport=Transport(tls_cert=authority["cert"], tls_key=authority["key"]))
    srv.start()
    yield srv
    srv.stop()


def test_a_console_syncs_over_https_trusting_the_city_authority(tls_central, authority, consoles):
    assert tls_central.url.startswith("https://")
    with httpx.Client(verify=False) as http:  # plain http to the TLS port gets no answer
        with pytest.raises(httpx.TransportError):
            http.get(tls_central.url.replace("https://", "http://") + "/api/v1/health")
    a = consoles("a", tls_central.url)
    number = a.log("https 同步的工单")

    async def scenario(client):
        try:
            return await client.sync_once()
        finally:
            await client.aclose()

    # without the authority the certificate is not trusted: nothing is sent
    stranger = SyncClient(a.db, tls_central.url, login="op01", password=PASSWORD)
    with pytest.raises(Offline, match="CERTIFICATE_VERIFY_FAILED"):
        asyncio.run(scenario(stranger))
    trusting = SyncClient(a.db, tls_central.url, login="op01", password=PASSWORD, ca_file=authority["ca"])
    report = asyncio.run(scenario(trusting))
    assert report.applied == 1
    number = a.profile.cases.get(number).case.number  # its first sync gave it its station's number
    assert tls_central.app.state.book.get(_lead(), number)["number"] == number


def test_the_sync_command_remembers_the_ca_file(tls_central, authority, consoles, capsys, monkeypatch):
    a = consoles("a", tls_central.url)
    a.log()
    folder = str(a.profile.data_dir)
    monkeypatch.setenv("HOTLINE_SYNC_PASSWORD", PASSWORD)
    args = ["sync", "--once", "--json", "--retries", "0", "--data-dir", folder, "--central", tls_central.url,
            "--login", "op01"]
    assert main.main(args) == 1 and "CERTIFICATE_VERIFY_FAILED" in capsys.readouterr().err
    assert main.main([*args, "--ca-file", authority["ca"]]) == 0
    assert json.loads(capsys.readouterr().out)["applied"] == 1
    assert main.main(["sync", "--once", "--json", "--data-dir", folder]) == 0  # URL and CA file remembered
    capsys.readouterr()


def test_plain_http_to_another_machine_is_refused(consoles, capsys):
    for url in ("http://127.0.0.1:8345", "http://localhost:8345", "http://[::1]:8345", "https://central.city.gov"):
        assert check_central_url(url) == url
    for url in ("http://10.20.30.40:8345", "http://central.city.gov", "ftp://central.city.gov", "central.city.gov"):
        with pytest.raises(InsecureCentral):
            check_central_url(url)
    assert check_central_url("http://10.20.30.40:8345", insecure=True)

    a = consoles("a", "http://127.0.0.1:9")
    with pytest.raises(InsecureCentral, match="plain http"):
        SyncClient(a.db, "http://10.20.30.40:8345")
    folder = str(a.profile.data_dir)
    assert main.main(["sync", "--once", "--data-dir", folder, "--central", "http://10.20.30.40:8345"]) == 2
    err = capsys.readouterr().err
    assert "plain http" in err and "--insecure" in err
    assert a.client.store.get("central_url") is None  # a refused URL is not remembered
    # told --insecure, the URL is taken (remembered for it alone); the next question is who signs in
    url = "http://10.20.30.40:8345"
    assert main.main(["sync", "--once", "--data-dir", folder, "--central", url, "--insecure"]) == 2
    err = capsys.readouterr().err
    assert "plain http" not in err and "log in" in err
    assert a.client.store.get("central_insecure") == url
    assert main.main(["sync", "--once", "--data-dir", folder]) == 2 and "log in" in capsys.readouterr().err
    assert main.main(["sync", "--once", "--data-dir", folder, "--central", "http://10.20.30.41"]) == 2
    assert "plain http" in capsys.readouterr().err


def _lead():
    from sync.server.casebook import Caller
    return Caller("lead01", "team_lead")
