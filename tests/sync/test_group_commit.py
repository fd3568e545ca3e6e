"""Pushes that wait for the writer are committed together (Casebook.push): each one
still gets its own results, stored with its effects; one failing push does not fail
the others grouped with it."""
from __future__ import annotations

import threading
import time
import uuid

from sqlalchemy import func, select

from sync.server.casebook import Caller, Casebook, EpochChanged
from sync.server.db import open_central
from sync.server.models import AppliedOp, CentralCase, Device
from sync.server.push import Pushes, apply_push


def _receive(seq: int, station: str) -> dict:
    number = f"CD-{station}-20261127-{seq:04d}"
    case = {"number": number, "station": station, "type": "consultation", "urgency": "normal", "channel": "phone",
            "category_code": "0203", "district_code": "JJ", "address": "", "description": "模拟坐席受理",
            "caller_phone": "", "caller_name": "", "confidential": False, "repeat_caller": False,
            "created_at": "2026-11-27T01:00:00"}
    return {"op_id": str(uuid.uuid4()), "seq": seq, "kind": "case_event", "payload": {
        "case_id": str(uuid.uuid4()), "case_number": number, "base_version": 0,
        "event": {"id": str(uuid.uuid4()), "seq": 1, "kind": "receive", "actor": "op01", "actor_role": "operator",
                  "at": "2026-11-27T01:00:00", "from_state": "draft", "to_state": "received", "reason": "",
                  "payload": {"case": case}}}}


def test_grouped_pushes_each_get_their_own_answer(tmp_path):
    db = open_central(f"sqlite:///{tmp_path / 'central.db'}")
    book = Casebook(db)
    devices = [str(uuid.uuid4()) for _ in range(12)]
    with db.write() as conn:
        conn.execute(Device.__table__.insert(), [{"id": d, "name": "", "registered_by": "op01", "last_seq": 0,
                                                  "station": f"S{i:02d}"} for i, d in enumerate(devices)])
    epoch = db.meta("epoch")
    caller = Caller("op01", "operator")
    grouped = []

    def slow_apply(rules, conn, job):
        grouped.append(job.device_id)
        if job.device_id == devices[3]:
            raise RuntimeError("a bug in one push")
        time.sleep(0.02)  # hold the writer so that the others queue up behind it
        return apply_push(rules, conn, job)
    book.pushes = Pushes(book, apply=slow_apply)

    answers: dict[int, object] = {}
    ops = {i: [_receive(1, f"S{i:02d}"), _receive(2, f"S{i:02d}")] for i in range(len(devices))}

    def push(i):
        try:
            answers[i] = book.push(caller, devices[i] if i != 5 else "no-such-device", ops[i], "2026-11-27T01:00:05",
                                   "old-epoch" if i == 7 else epoch)
        except Exception as exc:  # noqa: BLE001 - the answer under test
            answers[i] = exc
    threads = [threading.Thread(target=push, args=(i,)) for i in range(len(devices))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert len(grouped) > len(devices)  # some pushes ran in a group (and again alone after the bug)
    assert isinstance(answers[3], RuntimeError)
    assert isinstance(answers[5], LookupError) and isinstance(answers[7], EpochChanged)
    for i in set(range(len(devices))) - {3, 5, 7}:
        assert [r["status"] for r in answers[i]["results"]] == ["applied", "applied"]
        assert [r["op_id"] for r in answers[i]["results"]] == [op["op_id"] for op in ops[i]]
    with db.read() as conn:
        assert conn.scalar(select(func.count()).select_from(CentralCase)) == 2 * 9
        assert conn.scalar(select(func.count()).select_from(AppliedOp)) == 2 * 9
        assert not conn.scalar(select(func.count()).select_from(AppliedOp).where(
            AppliedOp.device_id.in_([devices[3], devices[7]])))
    # a push sent again (its answer was lost) is answered from the record, in a group or not
    again = book.push(caller, devices[0], ops[0], "2026-11-27T01:00:09", epoch)
    assert all(r.get("replayed") for r in again["results"])
    db.close()
