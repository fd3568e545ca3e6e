"""The OpenAPI document's answers: what each route may answer besides success, and the
success shapes of the routes other systems are written against.

FastAPI documents a 422 in its own shape; this server answers every error of its
sync API as {"error", "message"} and every Open311 error as GeoReport v2's list
of {"code", "description"} (JSON; the same fields in XML). Documenting them is
what lets the fuzzer (tests/sync/test_fuzz_api.py) check each answer's shape.
"""
from __future__ import annotations

ERROR = {"type": "object", "required": ["error", "message"],
         "properties": {"error": {"type": "string"}, "message": {"type": "string"}}}
OPEN311_ERRORS = {"type": "array", "minItems": 1, "items": {
    "type": "object", "required": ["code", "description"],
    "properties": {"code": {"type": "integer"}, "description": {"type": "string"}}}}
_API_ERRORS = {"400": "bad request or encoding", "401": "no valid token", "403": "not allowed for this role",
               "404": "not found", "409": "refused by the workflow, or the epoch changed",
               "413": "the body is over this route's limit", "422": "the body or a parameter is malformed"}
_OPEN311_ERRORS = {"400": "bad request, parameter or encoding", "403": "no valid api_key",
                   "404": "unknown service, request or format", "413": "the body is over the limit"}


_STR, _NSTR = {"type": "string"}, {"type": ["string", "null"]}


def _obj(required: dict, optional: dict | None = None) -> dict:
    return {"type": "object", "required": list(required), "properties": {**required, **(optional or {})}}


_REQUEST = _obj({"service_request_id": _STR, "status": {"enum": ["open", "closed"]}},
                {"status_notes": _NSTR, "service_name": _NSTR, "service_code": _NSTR, "description": _NSTR,
                 "agency_responsible": _NSTR, "service_notice": _NSTR, "requested_datetime": _NSTR,
                 "updated_datetime": _NSTR, "expected_datetime": _NSTR, "address": _NSTR, "zipcode": _NSTR})
_ATTRIBUTE = _obj({"code": _STR, "datatype": _STR, "variable": {"type": "boolean"}, "required": {"type": "boolean"}},
                  {"values": {"type": "array", "items": _obj({"key": _STR, "name": _STR})}})
# GeoReport v2's documented answers (JSON; XML carries the same fields)
_SUCCESS = {
    ("get", "/open311/v2/services.{fmt}"): ("200", {"type": "array", "items": _obj(
        {"service_code": _STR, "service_name": _STR, "metadata": {"type": "boolean"}, "type": _STR},
        {"description": _NSTR, "keywords": _NSTR, "group": _NSTR})}),
    ("get", "/open311/v2/services/{code}.{fmt}"): ("200", _obj(
        {"service_code": _STR, "attributes": {"type": "array", "items": _ATTRIBUTE}})),
    ("get", "/open311/v2/requests.{fmt}"): ("200", {"type": "array", "items": _REQUEST}),
    ("get", "/open311/v2/requests/{request_id}.{fmt}"): ("200", {"type": "array", "items": _REQUEST}),
    ("post", "/open311/v2/requests.{fmt}"): ("201", {"type": "array", "minItems": 1, "items": _obj(
        {"service_request_id": _STR}, {"service_notice": _NSTR, "account_id": _NSTR})}),
    ("get", "/api/v1/health"): ("200", _obj({"status": _STR, "protocol": {"type": "integer"}, "epoch": _NSTR})),
    ("post", "/api/v1/login"): ("200", _obj({"access_token": _STR, "refresh_token": _STR,
                                             "expires_in": {"type": "integer"}, "account": {"type": "object"}})),
    ("post", "/api/v1/token/refresh"): ("200", _obj({"access_token": _STR, "expires_in": {"type": "integer"}})),
    ("post", "/api/v1/devices"): ("200", _obj({"device_id": _STR})),
}


def document_errors(schema: dict) -> dict:
    """Replace FastAPI's 422 answer with the server's own error shapes on every operation, and
    state the success shapes of Open311 (GeoReport v2) and of the account routes."""
    for path, operations in schema.get("paths", {}).items():
        open311 = path.startswith("/open311/")
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            if (method, path) in _SUCCESS:
                status, shape = _SUCCESS[method, path]
                content = {"application/json": {"schema": shape}}
                if open311:
                    content["text/xml"] = {"schema": {"type": "string"}}
                responses.pop("200" if status == "201" else "201", None)
                responses[status] = {"description": "success", "content": content}
            responses.pop("422", None)
            for status, why in (_OPEN311_ERRORS if open311 else _API_ERRORS).items():
                content = {"application/json": {"schema": OPEN311_ERRORS if open311 else ERROR}}
                if open311:
                    content["text/xml"] = {"schema": {"type": "string"}}
                responses[status] = {"description": why, "content": content}
    return schema
