"""Issue 12, point 10: Open311 GeoReport v2 conformance, checked by driving the live
server with an independent GeoReport v2 client library (`georeport` from PyPI,
JSON and XML). That client only reads; filing follows the spec's documented form
POST (application/x-www-form-urlencoded) with httpx."""
from __future__ import annotations

import httpx
import pytest
from georeport import GeoReport
from requests import HTTPError

from sync.server import auth


@pytest.fixture
def filed(central):
    """The server's Open311 root, an API key, and two filed requests (one then closed)."""
    key = auth.create_api_key(central.db, "georeport")
    root = central.url + "/open311/v2"
    numbers = []
    for text in ("春熙路路灯不亮已经三天", "红星路井盖缺失很危险"):
        r = httpx.post(f"{root}/requests.json", data={"api_key": key, "service_code": "0203", "description": text,
                                                      "address_string": "锦江区春熙路", "attribute[district]": "JJ"})
        assert r.status_code == 201, r.text
        numbers.append(r.json()[0]["service_request_id"])
    from sync.server.casebook import Caller
    central.app.state.book.act(Caller("lead01", "team_lead"), numbers[1], "answer", "", {"answer": "已转交处理"})
    return root, key, numbers


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_georeport_client_reads_services_and_definitions(filed, fmt):
    root, _, _ = filed
    client = GeoReport(root, output_format=fmt)
    services = client.get_service_list()
    codes = {s["service_code"] for s in services}
    assert "0203" in codes
    definition = client.get_service_definition("0203")  # XML: the root must be <service_definition>
    assert definition["service_code"] == "0203"
    attributes = definition["attributes"] if fmt == "json" else definition["attributes"]["attribute"]
    assert {a["code"] for a in attributes} == {"type", "district"}
    with pytest.raises(HTTPError) as err:
        client.get_service_definition("9999")
    assert err.value.response.status_code == 404


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_georeport_client_reads_requests_with_comma_delimited_status(filed, fmt):
    root, _, numbers = filed
    client = GeoReport(root, output_format=fmt)

    def ids(found) -> set[str]:
        found = [found] if isinstance(found, dict) else found
        return {r["service_request_id"] for r in found}
    assert ids(client.get_service_requests(status="open,closed")) == set(numbers)
    assert ids(client.get_service_requests(status="closed, open")) == set(numbers)
    assert ids(client.get_service_requests(status="open")) == {numbers[0]}
    assert ids(client.get_service_requests(status="closed")) == {numbers[1]}
    assert ids(client.get_service_requests(service_request_id=",".join(numbers))) == set(numbers)
    one = client.get_service_request(numbers[1])
    assert one["service_request_id"] == numbers[1] and one["status"] == "closed"
    with pytest.raises(HTTPError) as err:
        client.get_service_requests(status="open,pending")
    assert err.value.response.status_code == 400


def test_filing_follows_the_spec(filed):
    root, key, _ = filed
    form = {"api_key": key, "service_code": "0203", "description": "建设路路灯闪烁不停", "attribute[district]": "JJ"}
    # an unknown service_code is 404 (GeoReport v2 errors), in the format asked for
    for fmt in ("json", "xml"):
        r = httpx.post(f"{root}/requests.{fmt}", data=form | {"service_code": "NOPE"})
        assert r.status_code == 404, r.text
    assert "<errors><error><code>404</code>" in r.text
    r = httpx.post(f"{root}/requests.json", data=form | {"api_key": "wrong"})
    assert r.status_code == 403 and r.json()[0]["code"] == 403
    r = httpx.post(f"{root}/requests.xml", data=form)
    assert r.status_code == 201 and "<service_requests><request><service_request_id>" in r.text
    # a JSON body that is not an object is a 400 in the spec's error shape, never a 500
    for body in ("[1,2,3]", "42", "null", '"text"', "{"):
        r = httpx.post(f"{root}/requests.json", content=body, headers={"content-type": "application/json"})
        assert r.status_code == 400 and r.json()[0]["code"] == 400, (body, r.status_code, r.text)
    r = httpx.post(f"{root}/requests.json", json={**form, "description": {"text": "x"}})
    assert r.status_code == 400 and "description" in r.json()[0]["description"]
