"""A push body's envelope, read by hand for speed: a batch of 1,000 operations as
pydantic models costs more than applying it (sync/server/sync-protocol.md, "Push").

`read` checks the envelope ({device_id, epoch, sent_at, ops: [...]}) and each
operation's frame; each operation's payload is then checked by `inbound` in one
pydantic pass. Plain JSON is read by orjson, anything else (NaN, huge integers,
escapes) by the json module, whose reading decides the idempotency hash
(protocol.body_hash).
"""
from __future__ import annotations

import json

import orjson

from ..protocol import plain_json_text
from .inbound import BIG
from .limits import has_lone_surrogate

MAX_OPS = 2000


class BadEnvelope(Exception):
    """A body that is no push: the HTTP status, a stable code and a sentence."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def read(raw: bytes) -> tuple[dict, bool]:
    """The push body, checked for the shape inbound.PushIn describes (422 with the reason otherwise),
    and whether it is plain JSON read by orjson (see protocol.body_hash)."""
    plain = plain_json_text(raw)
    body = None
    if plain:
        try:
            body = orjson.loads(raw)
        except orjson.JSONDecodeError:
            plain = False  # json.loads decides (it also takes NaN, Infinity and lone surrogates)
    if body is None:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BadEnvelope(400, "bad_encoding", f"the body is not UTF-8 (byte {exc.start})") from None
        try:
            body = json.loads(text)
        except ValueError as exc:
            raise BadEnvelope(422, "bad_request", f"the body is not JSON: {exc}") from None
        if has_lone_surrogate(body):
            raise BadEnvelope(400, "bad_encoding", "the body has a lone surrogate (\\ud800-\\udfff without its pair)")
    if not isinstance(body, dict) or not isinstance(body.get("ops"), list) or not _short(body.get("device_id")) \
            or not _short(body.get("sent_at")) or not (body.get("epoch") is None or _short(body["epoch"])):
        raise BadEnvelope(422, "bad_request", "a push is {device_id, epoch, sent_at, ops: [...]} "
                                                "(device_id, epoch and sent_at: strings of 1 to 64 characters)")
    if len(body["ops"]) > MAX_OPS:
        raise BadEnvelope(422, "bad_request", "at most 2,000 operations per push")
    for i, op in enumerate(body["ops"]):
        if not isinstance(op, dict) or not isinstance(op.get("payload"), dict) or not _short(op.get("kind")) \
                or not _count(op.get("seq")) or not _short(op.get("op_id")) \
                or not (op.get("server_base") is None or _count(op["server_base"])):
            raise BadEnvelope(422, "bad_request",
                              f"ops.{i}: an operation is {{op_id, seq, kind, payload, server_base}}"
                              " (seq and server_base: integers from 0 to 2^63-1)")
    return body, plain


def _short(value) -> bool:
    return type(value) is str and 0 < len(value) <= 64


def _count(value) -> bool:
    return type(value) is int and 0 <= value <= BIG
