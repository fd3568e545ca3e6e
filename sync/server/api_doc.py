"""The OpenAPI document's error answers: what each route may answer besides success.

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


def document_errors(schema: dict) -> dict:
    """Replace FastAPI's 422 answer with the server's own error shapes on every operation."""
    for path, operations in schema.get("paths", {}).items():
        open311 = path.startswith("/open311/")
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            responses.pop("422", None)
            for status, why in (_OPEN311_ERRORS if open311 else _API_ERRORS).items():
                content = {"application/json": {"schema": OPEN311_ERRORS if open311 else ERROR}}
                if open311:
                    content["text/xml"] = {"schema": {"type": "string"}}
                responses[status] = {"description": why, "content": content}
    return schema
