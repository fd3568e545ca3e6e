"""Workflow actions taken on the server through the case API: a department's sign-for,
return, extension and reply; a team lead's approval."""
from __future__ import annotations

from console.permissions import Path
from console.workflow import WorkflowError, merge_target_refusal

from . import blobs
from .access import Caller, NotVisible, visible
from .case_rows import Rules, find, namespace, store, transition
from .snapshots import snapshots


def act(rules: Rules, caller: Caller, ref: str, action: str, reason: str = "", payload: dict | None = None) -> dict:
    """Take `action` on the case `ref` as `caller`; the case's new snapshot.
    Raises WorkflowError (Forbidden among them) or NotVisible."""
    payload = dict(payload or {})
    with rules.db.write() as conn:
        row = find(conn, ref)
        if row is None or not visible(row, caller):
            raise NotVisible(f"no case {ref}")
        case = namespace(row)
        if action == "merge":
            target = find(conn, str(payload.get("into") or ""))
            if target is None:
                raise WorkflowError(case.state, action, "merge needs another, open case in `into`",
                                    "merge_target_unknown", number=str(payload.get("into") or "")[:40])
            merge_target_refusal(case, target)
            payload["into"], payload["into_id"] = target.number, target.id
        if action == "attach":
            blobs.require(rules.blobs, case.state, payload)
        event = transition(rules.policy, caller, Path.API, case, action, reason, payload, rules.clock())
        if action in ("edit", "answer"):
            names = payload.get("fields") or {} if action == "edit" else ("answer",)
            case.field_versions = {**(case.field_versions or {}), **{n: case.version for n in names}}
        store(conn, case, event, new=False)
        return snapshots(conn, [case.id])[0]
