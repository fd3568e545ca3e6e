"""Issue 12, point 4: no input yields a 500. Schemathesis (the OpenAPI fuzzer) drives
the live server over every operation of its own OpenAPI document, with valid and
invalid data, authenticated as an admin (so every route is reachable), a real
device and a real Open311 API key filled in where a body names them. Checks: no
server error, and each response conforms to the schema. The examples per operation
are bounded (FUZZ_EXAMPLES) to keep the test within the CI budget."""
from __future__ import annotations

import os

import httpx
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import response_schema_conformance

from sync.server import auth

from .helpers import PASSWORD

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
# a wrong login costs a full argon2 verification (and, by design, gets slower when repeated)
SLOW = {"POST /api/v1/login"}
FEW = max(1, EXAMPLES // 5)


def test_no_input_is_a_server_error(central):
    base = central.url
    token = httpx.post(f"{base}/api/v1/login", json={"login": "admin", "password": PASSWORD}).json()["access_token"]
    headers = {"authorization": f"Bearer {token}"}
    device = httpx.post(f"{base}/api/v1/devices", json={"name": "fuzz"}, headers=headers).json()["device_id"]
    key = auth.create_api_key(central.db, "fuzz")
    schema = schemathesis.openapi.from_url(f"{base}/openapi.json")
    operations = [op.ok() for op in schema.get_all_operations()]
    assert len(operations) >= 13  # every route of the server and of Open311 is in the document
    failures: list[str] = []

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                _fuzz(operation, mode, base, headers, device, key, failures)
            except Unsatisfiable:  # nothing can be invalid in an operation without parameters (health)
                assert mode == GenerationMode.NEGATIVE, operation.label
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures[:20])


def _fuzz(operation, mode, base: str, headers: dict, device: str, key: str, failures: list[str]) -> None:
    """Drive one operation in one generation mode; failures are collected, not raised."""
    @settings(max_examples=FEW if operation.label in SLOW else EXAMPLES, deadline=None, database=None,
              derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        if isinstance(case.body, dict):
            if "device_id" in case.body and operation.path.endswith("/sync/push"):
                case.body["device_id"] = device
            if operation.path.startswith("/open311/") and mode == GenerationMode.POSITIVE:
                case.body["api_key"] = key
        response = case.call(base_url=base, headers=headers, timeout=30)
        try:
            case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
        except (AssertionError, FailureGroup) as exc:  # every failure is collected, not only the first
            failures.append(f"{operation.label} [{mode.value}] {response.status_code}: "
                            f"{str(exc)[:300]}\n  {case.as_curl_command()[:400]}")
    run()
