"""Issue 12, point 6: the console's database errors and log records carry no caller's data."""
from __future__ import annotations

import logging
import traceback

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from console.log_scrub import install_log_scrubbing, scrub_log_text
from models.db import open_database

PHONE, NAME, ADDRESS = "13812345678", "司马建国", "人民南路四段27号"


def test_a_failing_insert_in_console_db_leaves_no_personal_data(tmp_path, caplog):
    install_log_scrubbing()
    db = open_database(tmp_path / "console.db")
    try:
        insert = text("INSERT INTO cases (id, number, caller_phone, caller_name, address) VALUES (:i, :n, :p, :c, :a)")
        with pytest.raises(IntegrityError) as caught:
            with db.engine.begin() as conn:
                conn.execute(insert, {"i": "x", "n": "n", "p": PHONE, "c": NAME, "a": ADDRESS})
        trace = "".join(traceback.format_exception(caught.value))
        with caplog.at_level(logging.ERROR):
            logging.getLogger("console.cases").error("save failed for %s", PHONE, exc_info=caught.value)
    finally:
        db.close()
    assert "IntegrityError" in trace and "IntegrityError" in caplog.text
    for private in (PHONE, NAME, ADDRESS):
        assert private not in trace and private not in caplog.text


def test_scrub_log_text_drops_parameters_and_detail_lines():
    out = scrub_log_text("(psycopg.errors.NotNullViolation) null value\n"
                         "DETAIL:  Failing row contains (x, 司马建国, 春熙路).\n"
                         "[SQL: INSERT INTO cases ...]\n[parameters: ('司马建国', '13812345678')]")
    assert "司马建国" not in out and "春熙路" not in out and "13812345678" not in out
    assert "NotNullViolation" in out and "[SQL: INSERT INTO cases ...]" in out


def test_an_uncaught_exception_prints_a_scrubbed_traceback():
    """What main.py sets up: a crash (main thread or another) still prints its traceback, without
    the phone number or e-mail its message carried."""
    import subprocess
    import sys
    from pathlib import Path

    code = ("import logging, threading\n"
            "from console.log_scrub import install_log_scrubbing, log_uncaught_exceptions\n"
            "logging.basicConfig()\n"
            "install_log_scrubbing(); log_uncaught_exceptions()\n"
            "def boom(): raise RuntimeError('caller 13812345678 li@example.com')\n"
            "t = threading.Thread(target=boom, name='worker'); t.start(); t.join()\n"
            "raise ValueError('caller 13812345678 li@example.com')\n")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "ValueError: caller" in done.stderr and "RuntimeError: caller" in done.stderr and "worker" in done.stderr
    assert "13812345678" not in done.stderr and "li@example.com" not in done.stderr
