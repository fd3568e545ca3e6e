"""Every snapshot the server serves is one consistent read: version N with exactly N events.

Notes are added through the case API while other threads pull (both page formats) and
read single cases, all through HTTP against the real server, on SQLite and PostgreSQL.
A snapshot whose events are not exactly seq 1..version (a case row read after a commit
its events were read before, or the other way round) is torn: the console's rebase
would then delete an acknowledged event. The pages served after the writers stopped
(from the server's text cache) must be whole as well.
"""
from __future__ import annotations

import asyncio
import threading

import httpx

from sync.protocol import API, CASE_FIELDS

from .helpers import PASSWORD

CASES = 4
NOTES = 40  # per writer
WRITERS = 2
READS = 40  # at least, per reader, and on until the writers are done
_VERSION = CASE_FIELDS.index("version")


def _token(base: str, login: str) -> str:
    answer = httpx.post(f"{base}{API}/login", json={"login": login, "password": PASSWORD})
    answer.raise_for_status()
    return answer.json()["access_token"]


def _torn_in_page(page: dict) -> list[str]:
    torn = []
    for case in page["cases"]:
        if page.get("format") == "rows":
            number, version, seqs = case[1], case[_VERSION], [e[1] for e in case[-1]]
        else:
            number, version, seqs = case["number"], case["version"], [e["seq"] for e in case["events"]]
        if seqs != list(range(1, version + 1)):
            torn.append(f"{number}: version {version} with events {seqs}")
    return torn


def _torn_case(snap: dict) -> list[str]:
    seqs = [e["seq"] for e in snap["events"]]
    return [] if seqs == list(range(1, snap["version"] + 1)) else [
        f"{snap['number']}: version {snap['version']} with events {seqs}"]


def test_no_snapshot_is_torn_while_notes_are_added(central, consoles):
    maker = consoles("maker", central.url)
    numbers = [maker.log(f"路灯不亮{i}") for i in range(CASES)]

    async def push():
        await maker.client.sync_once()
        await maker.client.aclose()
    asyncio.run(push())

    base = central.url
    writer_headers = {"authorization": f"Bearer {_token(base, 'op01')}"}
    reader_headers = {"authorization": f"Bearer {_token(base, 'op02')}"}
    writing = threading.Event()
    writing.set()
    writers_left = [WRITERS]
    lock = threading.Lock()
    torn: list[str] = []
    failures: list[str] = []
    served = {"pull": 0, "case": 0}

    def write(w: int) -> None:
        try:
            with httpx.Client(base_url=base, headers=writer_headers, timeout=60) as http:
                for i in range(NOTES):
                    number = numbers[(i + w) % CASES]
                    answer = http.post(f"{API}/cases/{number}/actions/note",
                                       json={"reason": "", "payload": {"text": f"第{w}-{i}次补充"}})
                    if answer.status_code != 200:
                        failures.append(f"note: {answer.status_code} {answer.text[:200]}")
        finally:
            with lock:
                writers_left[0] -= 1
                if not writers_left[0]:
                    writing.clear()

    def read(r: int) -> None:
        with httpx.Client(base_url=base, headers=reader_headers, timeout=60) as http:
            done = 0
            while writing.is_set() or done < READS:
                done += 1
                if r % 3 == 2:
                    answer = http.get(f"{API}/cases/{numbers[done % CASES]}")
                    found = _torn_case(answer.json()) if answer.status_code == 200 else []
                    kind = "case"
                else:
                    answer = http.get(f"{API}/sync/pull", params={"cursor": 0, "limit": 1000,
                                                                  "format": ("rows", "objects")[r % 2]})
                    found = _torn_in_page(answer.json()) if answer.status_code == 200 else []
                    kind = "pull"
                with lock:
                    served[kind] += 1
                    torn.extend(found)
                    if answer.status_code != 200:
                        failures.append(f"{kind}: {answer.status_code} {answer.text[:200]}")

    threads = [threading.Thread(target=write, args=(w,)) for w in range(WRITERS)]
    threads += [threading.Thread(target=read, args=(r,)) for r in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert not failures, failures[:5]
    assert served["pull"] >= 4 * READS and served["case"] >= 2 * READS
    assert not torn, f"{len(torn)} torn snapshots in {served} reads, e.g. {torn[:3]}"

    # what the server serves now (its cached texts included) is whole, and holds every note
    with httpx.Client(base_url=base, headers=reader_headers, timeout=60) as http:
        for fmt in ("rows", "objects"):
            page = http.get(f"{API}/sync/pull", params={"cursor": 0, "limit": 1000, "format": fmt}).json()
            assert not _torn_in_page(page)
            assert len(page["cases"]) == CASES
        versions = [http.get(f"{API}/cases/{n}").json()["version"] for n in numbers]
    assert sum(versions) == CASES + WRITERS * NOTES
