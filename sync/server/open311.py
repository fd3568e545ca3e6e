"""Open311 GeoReport v2 under /open311/v2/: services and requests, JSON and XML.

Reads are public and carry no personal data: no caller name, phone number,
ID card number or exact address (the district stands in for the place, and
the description and result text pass through `redact`); confidential cases
do not appear at all. Filing a request needs an API key and goes through
the console's own intake validation (`console.intake.validate`).
"""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import select

from console.clock import iso, parse_iso, utcnow
from console.intake import LIMITS, CallRecord, IntakeError, validate
from console.redact import UNPUBLISHABLE_TYPES, public_text
from console.refdata import seed
from console.workflow import REQUEST_TYPES

from ..protocol import loads
from . import auth
from .access import Caller
from .case_rows import CASES, EVENTS
from .casebook import Casebook
from .media_fetch import MediaError
from .stations import WEB_STATION
from .units import unit_names

CLOSED_STATES = frozenset({"closed", "merged", "answered"})
# never public: confidential cases and whistle-blowing reports (举报), which protect who reported
PUBLIC_CASES = (CASES.c.confidential.is_(False), CASES.c.type.not_in(UNPUBLISHABLE_TYPES))
MAX_REQUESTS = 1000
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,6}$")
# XML 1.0 has no way to write these (not even as &#x..;): one breaks the whole document
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: str) -> str:
    """`value` with each character XML 1.0 cannot carry replaced by a space."""
    return _NOT_XML.sub(" ", value)


def _text(limit: int, **kw):
    return Field(None, max_length=limit, strict=True, pattern=r"^[^\x00]*$", **kw)  # a NUL is never text


class RequestIn(BaseModel):
    """A GeoReport v2 POST /requests body (form or JSON), each field in the console's own limits.
    Keys of neither GeoReport nor this server are ignored, as the spec's clients expect."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    api_key: str | None = _text(128)
    jurisdiction_id: str | None = _text(64)
    service_code: str | None = _text(32)
    lat: float | None = Field(None, ge=-90, le=90, allow_inf_nan=False)
    long: float | None = Field(None, ge=-180, le=180, allow_inf_nan=False)
    address_string: str | None = _text(LIMITS["address"])
    address_id: str | None = _text(64)
    email: str | None = _text(254)
    device_id: str | None = _text(64)
    account_id: str | None = _text(64)
    first_name: str | None = _text(LIMITS["caller_name"])
    last_name: str | None = _text(LIMITS["caller_name"])
    phone: str | None = _text(32)
    description: str | None = _text(LIMITS["description"])
    media_url: str | None = _text(2048)
    type: str | None = _text(32, alias="attribute[type]", description="request type (default help)")
    district: str | None = _text(32, alias="attribute[district]",
                                 description="district code (found from address_string when not given)")


# documented, not enforced: another format is answered 404 in GeoReport v2's error shape
Fmt = Annotated[str, Path(description="json or xml", json_schema_extra={"enum": ["json", "xml"]})]
_POST_BODY = {"requestBody": {"required": True, "content": {
    "application/x-www-form-urlencoded": {"schema": RequestIn.model_json_schema(by_alias=True)},
    "application/json": {"schema": RequestIn.model_json_schema(by_alias=True)}}}}


def redact(text: str, *, names: tuple[str, ...] = (), places: tuple[str, ...] = ()) -> str:
    """The public form of free text (console.redact.public_text), HTML-escaped, so that a page
    showing it cannot be made to run a script."""
    return html.escape(public_text(text, names=names, places=places), quote=False)


def services() -> list[dict]:
    """One service per second-level category; the group is the top-level category."""
    out = []
    for top in seed("categories"):
        for child in top.get("children", []):
            out.append({"service_code": child["code"], "service_name": child["name"],
                        "description": f"{top['name']} / {child['name']}", "metadata": True, "type": "realtime",
                        "keywords": ",".join(child.get("keywords", [])), "group": top["name"]})
    return out


def _districts() -> dict[str, str]:
    return {d["code"]: d["name"] for d in seed("districts")}


def _departments() -> dict[str, str]:
    return unit_names()


class _Error(Exception):
    def __init__(self, status: int, description: str):
        self.status, self.description = status, description


def _render(fmt: str, root: str, item: str, data, status: int = 200) -> Response:
    if fmt == "xml":
        top = ET.Element(root)
        for entry in data:
            node = ET.SubElement(top, item)
            _xml_fill(node, entry)
        body = b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(top, encoding="utf-8")
        return Response(body, status_code=status, media_type="text/xml; charset=utf-8")
    return JSONResponse(data, status_code=status)


def _xml_fill(node: ET.Element, entry: dict) -> None:
    for key, value in entry.items():
        child = ET.SubElement(node, key)
        if isinstance(value, list):
            for v in value:
                sub = ET.SubElement(child, key.rstrip("s") or "item")
                if isinstance(v, dict):
                    _xml_fill(sub, v)
                else:
                    sub.text = xml_text(str(v))
        elif isinstance(value, bool):
            child.text = "true" if value else "false"
        elif value is not None:
            child.text = xml_text(str(value))


def _error(fmt: str, status: int, description: str) -> Response:
    return _render(fmt, "errors", "error", [{"code": status, "description": description}], status)


def _fmt(fmt: str) -> str:
    if fmt not in ("json", "xml"):
        raise _Error(404, "use .json or .xml")
    return fmt


def public_request(row, event_rows: list, media_base: str = "") -> dict:
    """The public face of a case: no name, phone, ID card number or exact address; its
    `media_url` (under `media_base`) only ever names a photo marked public."""
    districts, departments = _districts(), _departments()
    names = (row.caller_name or "",)
    places = (row.address or "",)
    result = ""
    public_photos: dict[str, bool] = {}
    for e in event_rows:
        if e.kind == "attach":
            p = e.payload or {}
            public_photos[str(p.get("sha256"))] = bool(p.get("public")) and str(p.get("mime", "")).startswith("image/")
        elif e.kind == "reply":
            result = str((e.payload or {}).get("result") or "")
        elif e.kind == "answer":
            result = str((e.payload or {}).get("answer") or "")
    shown = [sha for sha, public in public_photos.items() if public]
    media = {"media_url": f"{media_base}/open311/v2/media/{row.number}/{shown[0]}"} if shown else {}
    return {
        **media,
        "service_request_id": row.number,
        "status": "closed" if row.state in CLOSED_STATES else "open",
        "status_notes": redact(result, names=names, places=places),
        "service_name": _service_names().get(row.category_code or "", ""),
        "service_code": row.category_code or "",
        "description": redact(row.description or "", names=names, places=places),
        "agency_responsible": departments.get(row.lead_department or "", ""),
        "service_notice": "",
        "requested_datetime": iso(row.created_at),
        "updated_datetime": iso(row.updated_at),
        "expected_datetime": iso(row.deadline),
        "address": districts.get(row.district_code or "", ""),  # the district only: never the exact place
        "zipcode": None,
    }


def _service_names() -> dict[str, str]:
    return {s["service_code"]: s["service_name"] for s in services()}


def make_router(book: Casebook) -> APIRouter:
    """The Open311 routes over a Casebook."""
    r = APIRouter(prefix="/open311/v2", tags=["open311"])

    @r.get("/services.{fmt}", summary="Service list (the category tree's second level)")
    def list_services(fmt: Fmt) -> Response:
        try:
            return _render(_fmt(fmt), "services", "service", services())
        except _Error as exc:
            return _error("json", exc.status, exc.description)

    @r.get("/services/{code}.{fmt}", summary="One service's definition")
    def service_definition(code: str, fmt: Fmt) -> Response:
        try:
            fmt = _fmt(fmt)
        except _Error as exc:
            return _error("json", exc.status, exc.description)
        if code not in _service_names():
            return _error(fmt, 404, f"no service {code!r}")
        attrs = [
            {"variable": True, "code": "type", "datatype": "singlevaluelist", "required": False,
             "datatype_description": "request type", "order": 1, "description": "request type (default help)",
             "values": [{"key": t, "name": t} for t in REQUEST_TYPES]},
            {"variable": True, "code": "district", "datatype": "singlevaluelist", "required": False,
             "datatype_description": "district code", "order": 2,
             "description": "district (found from address_string when not given)",
             "values": [{"key": k, "name": v} for k, v in _districts().items()]},
        ]
        data = {"service_code": code, "attributes": attrs}
        if fmt == "xml":  # GeoReport v2: the root is the one <service_definition>
            top = ET.Element("service_definition")
            _xml_fill(top, data)
            body = b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(top, encoding="utf-8")
            return Response(body, media_type="text/xml; charset=utf-8")
        return JSONResponse(data)

    @r.get("/requests.{fmt}", summary="Public service requests (no personal data, no confidential cases)")
    def list_requests(request: Request, fmt: Fmt, service_request_id: str | None = Query(None, max_length=4096),
                      service_code: str | None = Query(None, max_length=1024),
                      start_date: str | None = Query(None, max_length=40),
                      end_date: str | None = Query(None, max_length=40),
                      status: str | None = Query(None, max_length=32, description="open, closed or both, "
                                                                                   "comma-delimited")) -> Response:
        try:
            fmt = _fmt(fmt)
            q = select(CASES).where(*PUBLIC_CASES)
            if service_request_id:
                q = q.where(CASES.c.number.in_([s.strip() for s in service_request_id.split(",")]))
            else:
                end = parse_iso(end_date) if end_date else utcnow()
                start = parse_iso(start_date) if start_date else end - timedelta(days=90)
                q = q.where(CASES.c.created_at >= start, CASES.c.created_at <= end)
            if service_code:
                q = q.where(CASES.c.category_code.in_([s.strip() for s in service_code.split(",")]))
            if status:
                wanted = {s.strip() for s in status.split(",") if s.strip()}
                if not wanted or wanted - {"open", "closed"}:
                    raise _Error(400, "status is open, closed or both (comma-delimited)")
                closed = list(CLOSED_STATES)
                if wanted == {"open"}:
                    q = q.where(CASES.c.state.not_in(closed))
                elif wanted == {"closed"}:
                    q = q.where(CASES.c.state.in_(closed))
        except (ValueError, OverflowError):
            return _error(fmt if fmt in ("json", "xml") else "json", 400, "dates are ISO 8601 (w3c format)")
        except _Error as exc:
            return _error(fmt if fmt in ("json", "xml") else "json", exc.status, exc.description)
        return _render(fmt, "service_requests", "request", _requests(q.order_by(CASES.c.created_at.desc())
                                                                      .limit(MAX_REQUESTS), _base(request)))

    @r.get("/requests/{request_id}.{fmt}", summary="One public service request")
    def one_request(request: Request, request_id: str, fmt: Fmt) -> Response:
        try:
            fmt = _fmt(fmt)
        except _Error as exc:
            return _error("json", exc.status, exc.description)
        found = _requests(select(CASES).where(CASES.c.number == request_id, *PUBLIC_CASES), _base(request))
        if not found:
            return _error(fmt, 404, f"no public request {request_id!r}")
        return _render(fmt, "service_requests", "request", found)

    @r.post("/requests.{fmt}", summary="File a service request (needs api_key)", status_code=201,
            openapi_extra=_POST_BODY)
    async def file_request(fmt: Fmt, request: Request) -> Response:
        try:
            fmt = _fmt(fmt)
        except _Error as exc:
            return _error("json", exc.status, exc.description)
        try:
            data = _post_data(request.headers.get("content-type", ""), await request.body())
        except _Error as exc:
            return _error(fmt, exc.status, exc.description)
        key = data.get("api_key")
        key_name = await run_in_threadpool(auth.api_key_name, book.db, key if isinstance(key, str) else "")
        if key_name is None:
            return _error(fmt, 403, "a valid api_key is required to file a request")
        request.state.login = f"key:{key_name}"  # for the request log
        try:
            given = RequestIn.model_validate(data)
        except ValidationError as exc:
            where = "; ".join(f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors()[:10])
            return _error(fmt, 400, where)
        data = given.model_dump(by_alias=True)
        code = str(data.get("service_code") or "")
        if code not in _service_names():  # GeoReport v2: an unknown service_code is 404
            return _error(fmt, 404, f"service_code {code!r} is not a known service (see services.{fmt})")
        address = str(data.get("address_string") or "")
        district = str(data.get("attribute[district]") or "")
        if not district:
            district = next((k for k, v in _districts().items() if v in address), "")
        parts = [x.strip() for x in (str(data.get("last_name") or ""), str(data.get("first_name") or "")) if x.strip()]
        name = ("" if all(_CJK_NAME.match(p) or len(p) == 1 for p in parts) else " ").join(parts)
        record = CallRecord(caller_phone=str(data.get("phone") or ""), caller_name=name,
                            type=str(data.get("attribute[type]") or "help"), category_code=code, district=district,
                            address=address, description=str(data.get("description") or ""), channel="web")
        try:
            valid = validate(record, book.codes)
        except IntakeError as exc:
            return _error(fmt, 400, "; ".join(f"{k}: {e.message}" for k, e in exc.errors.items()))
        fields = {"type": record.type, "urgency": "normal", "channel": "web", "category_code": code,
                  "district_code": district or None, "address": address.strip(),
                  "description": record.description.strip(), "caller_phone": valid.phone or "",
                  "caller_name": name.strip(), "confidential": False, "repeat_caller": False}
        media, media_error = None, ""
        if data.get("media_url"):  # fetched before filing; a failure files the request all the same
            try:
                media = await run_in_threadpool(book.media_fetch.fetch, str(data["media_url"]))
            except MediaError as exc:
                media_error = str(exc)
        snap = await run_in_threadpool(book.create, fields, Caller(f"open311:{key_name}", "open311"), WEB_STATION,
                                       media, media_error)
        notice = f"media_url was not attached: {media_error}" if media_error else ""
        return _render(fmt, "service_requests", "request",
                       [{"service_request_id": snap["number"], "service_notice": notice, "account_id": None}], 201)

    def _post_data(content_type: str, raw: bytes) -> dict:
        if content_type.startswith("application/json"):
            try:
                data = loads(raw)
            except ValueError:
                raise _Error(400, "the body is not JSON") from None
            if not isinstance(data, dict):
                raise _Error(400, "the body is a JSON object of GeoReport v2 fields")
            return data
        try:  # GeoReport v2 posts application/x-www-form-urlencoded
            pairs = parse_qs(raw.decode("ascii"), keep_blank_values=True, errors="strict", max_num_fields=100)
        except (UnicodeDecodeError, ValueError):
            raise _Error(400, "the body is not form data in UTF-8 (at most 100 fields)") from None
        return {k: v[-1] for k, v in pairs.items()}

    def _base(request: Request) -> str:
        return str(request.base_url).rstrip("/")

    def _requests(q, base: str = "") -> list[dict]:
        with book.db.read() as conn:
            rows = conn.execute(q).all()
            events: dict[str, list] = {}
            ids = [r.id for r in rows]
            for i in range(0, len(ids), 900):
                for e in conn.execute(select(EVENTS.c.case_id, EVENTS.c.kind, EVENTS.c.payload)
                                      .where(EVENTS.c.case_id.in_(ids[i:i + 900]),
                                             EVENTS.c.kind.in_(["reply", "answer", "attach"]))
                                      .order_by(EVENTS.c.seq)):
                    events.setdefault(e.case_id, []).append(e)
        return [public_request(r, events.get(r.id, []), base) for r in rows]

    return r
