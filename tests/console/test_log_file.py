"""The program's log: a private rotating file (beside a --data-dir profile, else the platform's
log folder), --verbose, uncaught errors written there without personal data, a quiet broken
pipe, and a one-line message when the central server's extra is not installed."""
from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from console.demo import fill
from console.log_file import FILE_NAME, LOG_DIR_ENV, log_folder, setup_logging
from console.profile import open_profile
from tests.file_modes import mode

ROOT = Path(__file__).resolve().parents[2]
PHONE, EMAIL = "13812345678", "li.ming@example.com"


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k != LOG_DIR_ENV}
    env.update(extra)
    return env


def _hotline(args, env, **kw):
    return subprocess.run([sys.executable, "main.py", *map(str, args)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, **kw)


@pytest.fixture
def own_handlers(monkeypatch):
    """setup_logging changes the root logger: put back what the test run had (and the
    folder comes from --data-dir, not the run's HOTLINE_LOG_DIR)."""
    monkeypatch.delenv(LOG_DIR_ENV, raising=False)
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for h in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(h)
        h.close()
    root.setLevel(level)


def test_the_log_folder_is_the_variable_then_beside_the_profile_then_the_platforms(tmp_path):
    assert log_folder(tmp_path / "p", {LOG_DIR_ENV: str(tmp_path / "x")}) == tmp_path / "x"
    assert log_folder(tmp_path / "p", {}) == tmp_path / "p" / "logs"
    from platformdirs import user_log_dir
    assert log_folder(None, {}) == Path(user_log_dir("hotline-console", appauthor=False))


def test_a_command_logs_to_a_private_file_beside_its_profile(tmp_path, template_profile):
    import shutil
    shutil.copytree(template_profile, tmp_path / "p")
    done = _hotline(["cases", "list", "--data-dir", tmp_path / "p"], _env())
    assert done.returncode == 0, done.stderr
    log = tmp_path / "p" / "logs" / FILE_NAME
    assert "INFO hotline.cli: start: cases" in log.read_text("utf-8")
    if os.name == "posix":
        assert mode(log) == 0o600 and mode(log.parent) == 0o700


def test_verbose_logs_debug_to_the_file_and_standard_error(tmp_path, own_handlers, capsys):
    path = setup_logging(verbose=False, data_dir=tmp_path)
    logging.getLogger("hotline.test").debug("quiet detail")
    logging.getLogger("hotline.test").info("an info line")
    assert path == tmp_path / "logs" / FILE_NAME
    text = path.read_text("utf-8")
    assert "an info line" in text and "quiet detail" not in text
    assert "an info line" not in capsys.readouterr().err  # standard error: warnings only

    setup_logging(verbose=True, data_dir=tmp_path)
    logging.getLogger("hotline.test").debug("loud detail")
    assert "loud detail" in path.read_text("utf-8")
    assert "DEBUG hotline.test: loud detail" in capsys.readouterr().err


def test_the_file_scrubs_personal_data_even_of_records_made_elsewhere(tmp_path, own_handlers):
    path = setup_logging(data_dir=tmp_path)
    # a record built by hand skips the record factory: the file's formatter still scrubs it
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, f"caller {PHONE} wrote {EMAIL}", None, None)
    logging.getLogger("x").handle(record)
    text = path.read_text("utf-8")
    assert "caller" in text and PHONE not in text and EMAIL not in text


def test_an_unwritable_log_folder_warns_and_the_program_goes_on(tmp_path, own_handlers, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert setup_logging(data_dir=blocker) is None
    assert "no log file" in capsys.readouterr().err


def test_an_uncaught_error_goes_to_the_log_file_without_personal_data(tmp_path):
    code = ("import sys, threading\n"
            "import console.cli.cases as cases\n"
            "def worker(): raise ValueError('thread saw " + PHONE + "')\n"
            "def boom(args):\n"
            "    t = threading.Thread(target=worker, name='worker'); t.start(); t.join()\n"
            f"    raise RuntimeError('caller {PHONE} {EMAIL}')\n"
            "cases.cmd_list = boom\n"
            "from hotline.cli import run\n"
            f"sys.exit(run(['cases', 'list', '--data-dir', {str(tmp_path / 'p')!r}]))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=_env(), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode != 0
    text = (tmp_path / "p" / "logs" / FILE_NAME).read_text("utf-8")
    assert "CRITICAL uncaught: uncaught exception" in text and "RuntimeError: caller" in text
    assert "uncaught exception in thread worker" in text and "ValueError: thread saw" in text
    for private in (PHONE, EMAIL):
        assert private not in text and private not in done.stderr
    assert "RuntimeError: caller" in done.stderr  # the person at the terminal sees it too


def test_a_reader_that_goes_away_ends_the_listing_quietly(tmp_path, template_profile):
    import shutil
    shutil.copytree(template_profile, tmp_path / "p")
    prof = open_profile(tmp_path / "p")
    try:
        fill(prof.db, 600, seed=2)
    finally:
        prof.close()
    proc = subprocess.Popen([sys.executable, "main.py", "cases", "list", "--limit", "1000", "--json",
                             "--data-dir", str(tmp_path / "p")], cwd=ROOT, env=_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    first = proc.stdout.readline()  # what `| head -1` reads before it exits
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 141
    assert first.startswith("{")
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err


def test_central_serve_without_the_server_extra_says_what_to_install(tmp_path):
    code = ("import sys\n"
            "sys.modules['fastapi'] = None; sys.modules['uvicorn'] = None  # as if not installed\n"
            "from hotline.cli import run\n"
            f"sys.exit(run(['central', 'serve', '--db', {str(tmp_path / 'c.db')!r}]))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=_env(HOTLINE_LOG_DIR=str(tmp_path)),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "error: the central server needs its own dependencies (fastapi is missing): "
        "pip install 'hotline-console[server]'"]
