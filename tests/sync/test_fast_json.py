"""The fast JSON paths (orjson) give exactly what the json module gives where it matters:
the idempotency hash of an operation (stored hashes were made with json.dumps) and
the push body as the server reads it."""
from __future__ import annotations

import hashlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.protocol import body_hash, dumps, loads, plain_json_text
from sync.server.push_envelope import BadEnvelope, read


def reference_hash(kind, payload) -> str:
    text = json.dumps({"kind": kind, "payload": payload}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=12) | st.sampled_from(
    ['a"b', "1.5", "e", '\\"', "\\", "\u2028", "\x7f", "\x00", "北京"])
scalars = st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.integers(-2**63, 2**63 - 1) | texts \
    | st.floats(allow_nan=False, allow_infinity=False) | st.sampled_from([1e-05, 1e-7, 1e16, 0.1, -0.0, 2.5e-300])
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
                      max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(texts, values, max_size=6), st.booleans(), st.booleans())
def test_the_server_reads_and_hashes_a_push_as_the_json_module_does(payload, ascii_only, compact):
    raw = json.dumps({"device_id": "d", "sent_at": "2026-11-27T00:00:00",
                      "ops": [{"op_id": "x", "seq": 1, "kind": "case_event", "payload": payload}]},
                     ensure_ascii=ascii_only, separators=(",", ":") if compact else None).encode()
    body, plain = read(raw)
    assert body == json.loads(raw)
    op = body["ops"][0]
    expected = reference_hash("case_event", json.loads(raw)["ops"][0]["payload"])
    assert body_hash(op["kind"], op["payload"], plain) == expected


def test_odd_values_fall_back_to_the_json_module():
    assert plain_json_text(b'{"a":[1,"b.5e",null,true,-3],"x\\"1.5":"\\\\"}')
    assert not plain_json_text(b'{"a":1.5}') and not plain_json_text(b'{"a":1E5}')
    assert not plain_json_text(b'{"a":1234567890123456789}') and not plain_json_text(b'{"a":"\\"",  "b": 0.5}')
    assert loads(b'{"a": NaN}')["a"] != loads(b'{"a": NaN}')["a"]  # NaN, as json.loads reads it
    assert json.loads(dumps({"n": 2**80, "s": "北京"})) == {"n": 2**80, "s": "北京"}
    for raw in (b'{"device_id":"d","sent_at":"t","ops":[{"op_id":"x","seq":1,"kind":"k",'
                b'"payload":{"n":123456789012345678901234567890}}]}',
                b'{"device_id":"d","sent_at":"t","ops":[{"op_id":"x","seq":1,"kind":"k","payload":{"n":NaN,"s":"\\u00e9"}}]}'):
        body, plain = read(raw)
        assert not plain and body == json.loads(raw)
    with pytest.raises(BadEnvelope) as refused:  # a lone surrogate is no text any database stores (issue 12)
        read(b'{"device_id":"d","sent_at":"t","ops":[{"op_id":"x","seq":1,"kind":"k","payload":{"s":"\\ud800"}}]}')
    assert refused.value.status == 400
    assert body_hash("k", {"u": "\u2028\x7f\x00\\\""}, plain=True) == reference_hash("k", {"u": "\u2028\x7f\x00\\\""})


def test_a_console_push_takes_the_fast_path():
    raw = (b'{"device_id":"d","epoch":null,"sent_at":"2026-11-27T02:00:05.120000","ops":[{"op_id":"u","seq":17,'
           b'"kind":"case_event","server_base":null,"payload":{"case_id":"c","base_version":4,"event":{"at":'
           b'"2026-11-27T01:58:00","payload":{"case":{"confidential":false,"repeat_caller":true}}}}}]}')
    assert read(raw)[1]
