"""Issue 12, point 4: one control character (U+000B) in a description broke the whole
public XML feed. Every C0 character (U+0000-U+001F), in every text field a case puts
into Open311, comes out as a document a real XML parser and a JSON parser read:
the characters XML 1.0 cannot carry become a space in XML, JSON escapes them all.
A NUL is refused at the door (PostgreSQL stores none; nobody types one)."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import httpx
import pytest

from sync.server import auth
from sync.server.casebook import Caller

BASE = "/open311/v2"
C0 = [chr(c) for c in range(0x20)]
XML_OK = {"\t", "\n", "\r"}


def _fields(text: str) -> dict:
    return {"type": "consultation", "urgency": "normal", "channel": "web", "category_code": "0203",
            "district_code": "JJ", "address": "春熙路", "description": text, "caller_phone": "",
            "caller_name": "", "confidential": False, "repeat_caller": False}


def _expected_in_xml(text: str) -> set[str]:
    """What an XML parser may give back for `text` (it reads a CR as a line end)."""
    out = "".join(c if c in XML_OK or c >= " " else " " for c in text)
    return {out, out.replace("\r", "\n")}


def test_every_c0_character_in_every_public_text_field(central):
    policy = central.app.state.public_read_policy  # this test reads far faster than one citizen may
    policy.rate, policy.burst = 1000.0, 1000
    book = central.app.state.book
    lead = Caller("lead01", "team_lead")
    chars = [c for c in C0 if not (c == "\x00" and central.db.is_postgres)]  # PostgreSQL text holds no NUL
    made = {}
    for c in chars:
        description, answer = f"路灯不亮{c}已经三天", f"已答复{c}请留意"
        number = book.create(_fields(description), Caller("open311:test", "open311"))["number"]
        book.act(lead, number, "answer", "", {"answer": answer})
        made[number] = (c, description, answer)
    with httpx.Client(base_url=central.url + BASE) as http:
        listed_json = http.get("/requests.json")
        listed_xml = http.get("/requests.xml")
        assert listed_json.status_code == 200 and listed_xml.status_code == 200
        by_json = {r["service_request_id"]: r for r in json.loads(listed_json.content)}
        root = ET.fromstring(listed_xml.content)  # one bad character would fail the whole list here
        by_xml = {n.findtext("service_request_id"): n for n in root.findall("request")}
        for number, (c, description, answer) in made.items():
            assert by_json[number]["description"] == description, repr(c)
            assert by_json[number]["status_notes"] == answer, repr(c)
            assert by_xml[number].findtext("description") in _expected_in_xml(description), repr(c)
            assert by_xml[number].findtext("status_notes") in _expected_in_xml(answer), repr(c)
            one = ET.fromstring(http.get(f"/requests/{number}.xml").content)
            assert one.find("request").findtext("description") in _expected_in_xml(description)
            assert http.get(f"/requests/{number}.json").json()[0]["description"] == description
        # a control character in the path comes back inside a parseable error
        for c in (c for c in C0 if c != "\x00"):
            r = http.get(f"/requests/A{c}B.xml".replace(c, f"%{ord(c):02X}"))
            assert r.status_code == 404 and ET.fromstring(r.content).tag == "errors", repr(c)


def test_nul_is_refused_at_input(central):
    key = auth.create_api_key(central.db, "test")
    with httpx.Client(base_url=central.url + BASE) as http:
        r = http.post("/requests.json",
                      data={"api_key": key, "service_code": "0203", "description": "路灯\x00不亮三天"})
        assert r.status_code == 400, r.text
        r = http.post("/requests.xml", json={"api_key": key, "service_code": "0203", "description": "路灯\x00不亮三天"})
        assert r.status_code == 400 and ET.fromstring(r.content).tag == "errors", r.text
        assert http.get("/requests.json", params={"service_code": "\x00"}).status_code == 400
        # the other C0 characters are text someone pasted: filed, and published safely
        r = http.post("/requests.xml", data={"api_key": key, "service_code": "0203",
                                             "description": "路灯\x0b不亮\x1f三天", "attribute[district]": "JJ"})
        assert r.status_code == 201, r.text
        number = ET.fromstring(r.content).find("request").findtext("service_request_id")
        got = ET.fromstring(http.get(f"/requests/{number}.xml").content).find("request").findtext("description")
        assert got == "路灯 不亮 三天"


@pytest.mark.parametrize("value", ["\x0b", "\x00", "\x1f\x1e", "\ufffe"])
def test_xml_text_keeps_documents_well_formed(value):
    from sync.server.open311 import xml_text
    node = ET.Element("d")
    node.text = xml_text(f"a{value}b")
    assert ET.fromstring(ET.tostring(node)).text.strip("a b") == ""
