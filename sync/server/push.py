"""The push: a console's batch of operations applied in order, with group commit.

Pushes that arrive while another one holds the writer wait, and the next of them
to run takes every push then waiting into one transaction (one commit, one wait for
the disk). Each push's results are written in the same transaction as its effects,
and a push is answered only after that transaction committed. Should a grouped
transaction fail, each of its pushes runs again on its own, so one bad push can't
fail the others.
"""
from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

from sqlalchemy import Connection, select, update

from .access import Caller, EpochChanged, NotYourDevice, visible
from .inbound import mark_malformed
from .models import Device
from .pull import epoch_of
from .push_batch import Batch, Rules
from .snapshots import snapshots


@dataclass(eq=False)
class PushJob:
    """One push request, and its answer once its transaction committed."""

    caller: Caller
    device_id: str
    ops: list
    sent_at: str
    client_epoch: str | None
    plain: bool  # the ops were read from plain JSON text (protocol.body_hash)
    result: dict | None = None
    error: BaseException | None = None
    done: bool = False


def apply_push(rules: Rules, conn: Connection, job: PushJob) -> dict:
    """Apply one push in the write transaction `conn`: each op's result, and the snapshots
    of the cases whose ops were not applied as sent (the console takes the server's)."""
    caller, device_id, ops = job.caller, job.device_id, job.ops
    epoch = epoch_of(conn)
    if job.client_epoch and job.client_epoch != epoch:
        raise EpochChanged(epoch)
    owner = conn.execute(select(Device.registered_by).where(Device.id == device_id)).first()
    if owner is None:
        raise LookupError("unknown device")
    if owner.registered_by != caller.login:
        raise NotYourDevice("this device was registered by another account")
    batch = Batch(rules, conn, caller, device_id, ops, job.plain)
    results = [batch.apply(op, job.sent_at) for op in ops]
    batch.flush()
    max_seq = max((int(op.get("seq") or 0) for op in ops), default=0)
    conn.execute(update(Device).where(Device.id == device_id, Device.last_seq < max_seq).values(last_seq=max_seq))
    touched = sorted({r["case_id"] for r in results if r.get("status") in ("rejected", "merged", "refused")
                      and r.get("case_id")})
    cases = [c for c in snapshots(conn, touched) if visible(SimpleNamespace(**c), caller)]
    return {"epoch": epoch, "results": results, "cases": cases}


class Pushes:
    """Group commit of pushes over the writer of `rules.db`. `apply` applies one push
    in a transaction (apply_push); `committed` hears the ids of the cases each committed
    group changed."""

    def __init__(self, rules: Rules, committed: Callable[[list[str]], None] = lambda ids: None,
                 apply: Callable[[Rules, Connection, PushJob], dict] = apply_push):
        self.rules, self.committed, self.apply = rules, committed, apply
        self._group = threading.Condition()
        self._waiting: list[PushJob] = []
        self._leading = False

    def push(self, caller: Caller, device_id: str, ops: list[dict], sent_at: str, client_epoch: str | None,
             plain: bool = False) -> dict:
        """Apply a batch of operations in order, in a transaction; return each one's result.
        A replayed op id returns the stored result; the same id with another body is
        refused (and nothing is stored for it)."""
        mark_malformed(ops)
        job = PushJob(caller, device_id, ops, sent_at, client_epoch, plain)
        with self._group:
            self._waiting.append(job)
            while not job.done and self._leading:
                self._group.wait()
            if not job.done:
                self._leading = True
                jobs, self._waiting = self._waiting, []
        if not job.done:
            try:
                self._run(jobs)
            finally:
                with self._group:
                    self._waiting[:0] = [j for j in jobs if not j.done]  # only if the leader itself failed
                    self._leading = False
                    self._group.notify_all()
        if job.error is not None:
            raise job.error
        assert job.result is not None
        return job.result

    def _run(self, jobs: list[PushJob]) -> None:
        try:
            with self.rules.db.write() as conn:
                for job in jobs:
                    job.result, job.error = None, None
                    try:
                        job.result = self.apply(self.rules, conn, job)
                    except (EpochChanged, LookupError) as exc:  # raised before the push wrote anything
                        job.error = exc
        except Exception:
            if len(jobs) == 1:
                jobs[0].result, jobs[0].error = None, sys.exc_info()[1]
            else:  # nothing of the group was stored: each push again in a transaction of its own
                for job in jobs:
                    self._run([job])
                return
        for job in jobs:
            job.done = True
        self.committed([r["case_id"] for job in jobs if job.result for r in job.result["results"]
                        if r.get("status") in ("applied", "merged") and r.get("case_id")])
