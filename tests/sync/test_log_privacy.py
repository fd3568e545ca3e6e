"""Issue 12, point 6: logs, tracebacks and error responses never carry a caller's personal data.

A real failing insert on the central database (SQLite, and PostgreSQL when configured), with a
caller's phone, name and address in the row: the exception's own text (SQLAlchemy's parameters,
PostgreSQL's "Failing row contains" detail) and the record the server logs for it, message and
traceback, keep none of them."""
from __future__ import annotations

import logging
import traceback
import uuid

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from console.log_scrub import install_log_scrubbing
from sync.server.casebook import CASES, Caller

PHONE, NAME, ADDRESS, EMAIL = "13912345678", "欧阳建华", "春熙路88号3栋", "ouyang@example.com"


def _row(**over) -> dict:
    return {"id": str(uuid.uuid4()), "number": "CD-T01-20261203-0001", "station": "T01", "type": "help",
            "address": ADDRESS, "description": f"{NAME}反映漏水，电话{PHONE}，邮箱{EMAIL}",
            "caller_phone": PHONE, "caller_name": NAME, "state": "received", "version": 1} | over


def _failing_insert(db, **over) -> IntegrityError:
    with pytest.raises(IntegrityError) as caught:
        with db.write() as conn:
            conn.execute(insert(CASES), [_row(**over)])
    return caught.value


@pytest.fixture
def server_log():
    """What the server's error logger (uvicorn's, which does not propagate to the root) writes."""
    install_log_scrubbing()
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(logging.Formatter("%(levelname)s %(name)s: %(message)s").format(record))

    logger, handler = logging.getLogger("uvicorn.error"), Keep()
    logger.addHandler(handler)
    yield records
    logger.removeHandler(handler)


def test_a_failing_insert_leaves_no_personal_data(central, server_log, caplog):
    db = central.app.state.db
    with db.write() as conn:
        conn.execute(insert(CASES), [_row()])
    duplicate = _failing_insert(db)  # the same number again
    not_null = _failing_insert(db, number="CD-T01-20261203-0002", station=None)
    # the statement's parameters are not in the exception (PostgreSQL's own DETAIL line for a
    # NOT NULL failure still lists the row: only the log scrubbing below removes that)
    text = "".join(traceback.format_exception(duplicate))
    for private in (PHONE, NAME, ADDRESS):
        assert private not in text, text
    for exc in (duplicate, not_null):
        logging.getLogger("uvicorn.error").error("Exception in ASGI application", exc_info=exc)
        with caplog.at_level(logging.ERROR):
            logging.getLogger("sync.server.casebook").exception("push of %s failed: %s", PHONE, exc,
                                                                exc_info=exc)
    logged = "\n".join(server_log) + caplog.text
    assert "Exception in ASGI application" in logged and "IntegrityError" in logged
    for private in (PHONE, NAME, ADDRESS, EMAIL):
        assert private not in logged, logged


def test_log_messages_and_error_text_are_scrubbed(caplog):
    install_log_scrubbing()
    with caplog.at_level(logging.INFO):
        logging.getLogger("console.test").info("caller %s id %s mail %s", "138 1234 5678", "51010419900101123X",
                                               EMAIL)
        try:
            raise ValueError(f"bad row ({PHONE}, {EMAIL})")
        except ValueError:
            logging.getLogger("console.test").exception("could not save")
    assert caplog.records[0].getMessage().startswith("caller *** **** **** id")
    for private in (PHONE, "1234 5678", "123X", EMAIL):
        assert private not in caplog.text
    assert "ValueError: bad row" in caplog.text  # the traceback is still there, without the data


def test_error_responses_do_not_echo_personal_data(central):
    """A refused action whose message quotes the request (a phone typed where an extension's
    duration belongs: "not a duration: '...'") answers without the number."""
    import httpx

    from tests.sync.helpers import PASSWORD

    book = central.app.state.book
    number = book.create({"type": "help", "category_code": "0203", "description": "路灯不亮已经三天了",
                          "caller_phone": PHONE, "caller_name": NAME, "address": ADDRESS},
                         Caller("open311:test", "open311"))["number"]
    with httpx.Client(base_url=central.url) as http:
        def act(login: str, action: str, **body):
            token = http.post("/api/v1/login", json={"login": login, "password": PASSWORD}).json()["access_token"]
            return http.post(f"/api/v1/cases/{number}/actions/{action}", json=body,
                             headers={"authorization": f"Bearer {token}"})
        assert act("lead01", "dispatch", payload={"lead_department": "URBAN"}).status_code == 200
        assert act("urban", "accept").status_code == 200
        r = act("lead01", "approve_extension", reason="同意", payload={"extra": f"{PHONE} {EMAIL}"})
    assert r.status_code == 409 and "not a duration" in r.json()["message"], r.text
    assert PHONE not in r.text and EMAIL not in r.text, r.text


def test_a_request_log_line_keeps_its_shape_and_loses_the_phone():
    """uvicorn's access formatter reads the record's arguments one by one: scrubbing keeps them
    (a case number and a timestamp stay readable; a phone in the query goes)."""
    import io

    from uvicorn.logging import AccessFormatter

    install_log_scrubbing()
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(AccessFormatter('%(client_addr)s - "%(request_line)s" %(status_code)s'))
    logger = logging.getLogger("uvicorn.access.test")
    logger.addHandler(handler)
    logger.propagate, level = False, logger.level
    logger.setLevel(logging.INFO)
    try:
        logger.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:50000", "GET",
                    f"/open311/v2/requests/CD-WEB-20261203-0001.json?phone={PHONE}", "1.1", 404)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    line = out.getvalue()
    assert line.startswith('127.0.0.1:50000 - "GET /open311/v2/requests/CD-WEB-20261203-0001.json?phone=')
    assert PHONE not in line and "404" in line
