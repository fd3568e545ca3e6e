"""Issue 12, point 6: what Open311 publishes. 举报 (report) cases and confidential cases are never
public, by list or by id, in JSON or XML; published free text is HTML-escaped and redacted."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import httpx

from sync.server.casebook import Caller

BASE = "/open311/v2"


def _case(book, description: str, **fields) -> str:
    base = {"type": "help", "urgency": "normal", "channel": "web", "category_code": "0203",
            "district_code": None, "address": "春熙路8号", "description": description,
            "caller_phone": "13912345678", "caller_name": "李小明", "confidential": False, "repeat_caller": False}
    return book.create(base | fields, Caller("open311:test", "open311"))["number"]


def test_reports_and_confidential_cases_are_never_public(central):
    book = central.app.state.book
    public = _case(book, "春熙路路灯不亮已经三天了")
    report = _case(book, "举报某单位负责人收受红包", type="report")
    secret = _case(book, "家庭纠纷需要保密处理", confidential=True)
    with httpx.Client(base_url=central.url) as http:
        for fmt in ("json", "xml"):
            for hidden in (report, secret):
                r = http.get(f"{BASE}/requests/{hidden}.{fmt}")
                assert r.status_code == 404, (hidden, fmt, r.text)
                by_param = http.get(f"{BASE}/requests.{fmt}", params={"service_request_id": hidden})
                assert hidden not in by_param.text
            listed = http.get(f"{BASE}/requests.{fmt}").text
            assert public in listed and report not in listed and secret not in listed
            assert "收受红包" not in listed and "保密处理" not in listed


def test_published_text_is_escaped_and_redacted(central):
    book = central.app.state.book
    number = _case(book, "<script>alert(1)</script>邻居王建国占用楼道，李小明电话13912345678，邮箱li@qq.com")
    with httpx.Client(base_url=central.url) as http:
        as_json = http.get(f"{BASE}/requests/{number}.json")
        as_xml = http.get(f"{BASE}/requests/{number}.xml")
    description = as_json.json()[0]["description"]
    assert "<script>" not in as_json.text and description.startswith("&lt;script&gt;alert(1)&lt;/script&gt;")
    xml_description = ET.fromstring(as_xml.content).find("request").findtext("description")
    assert xml_description == description  # the same escaped text in both formats
    for private in ("王建国", "李小明", "小明", "13912345678", "li@qq.com", "春熙路8号"):
        assert private not in as_json.text and private not in as_xml.text
    assert "占用楼道" in description
