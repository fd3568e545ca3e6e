"""One demo case's walk through the real lifecycle (workflow.check + lifecycle.apply_action on a
light in-memory record), and the rows it leaves: the case row and its events.

The load (console.demo) plans what needs global order and hands chunks of planned cases to a
Walker, in the main process or in a worker process.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import json
import operator
import os
import random
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from models.storage_forms import stored_time

from . import gcpause, rollups
from .clock import CITY_TZ
from .deadlines import SlaPolicy, load_policy
from .demo_text import Material
from .lifecycle import apply_action
from .workflow import check

_OFFSET = CITY_TZ.utcoffset(None)
_EPOCH = datetime(1970, 1, 1)
TYPE_WEIGHTS = {"consultation": 38, "help": 15, "complaint": 25, "report": 8, "suggestion": 6, "praise": 3, "other": 5}

CASE_COLUMNS = ["id", "number", "station", "state", "type", "urgency", "channel", "category_code", "district_code",
                "address", "description", "answer", "caller_id", "caller_phone", "caller_name", "lead_department",
                "assist_departments", "operator_id", "knowledge_article_id", "created_at", "updated_at", "deadline",
                "sign_deadline", "reply_deadline", "dispatched_at", "accepted_at", "replied_at", "closed_at",
                "satisfied", "resolved", "merged_into_id", "repeat_caller", "confidential", "supervised",
                "instruction_level", "leader_pick", "return_count", "extension_count", "version",
                "satisfaction", "callback_attempts", "contact_deadline", "contacted_at", "extension_requested"]
_TIME_COLUMNS = [CASE_COLUMNS.index(c) for c in ("created_at", "updated_at", "deadline", "sign_deadline",
                                                 "reply_deadline", "dispatched_at", "accepted_at", "replied_at",
                                                 "closed_at", "contact_deadline", "contacted_at")]
_ASSIST = CASE_COLUMNS.index("assist_departments")
EVENT_COLUMNS = ["id", "case_id", "seq", "kind", "actor", "actor_role", "at", "from_state", "to_state", "reason",
                 "payload"]


_UNSET: Any = None


class SimCase:
    """The case attributes lifecycle.apply_action touches, without an ORM.

    Defaults live on the class, so a new record costs no per-field assignment; each
    field holds what the ORM column would (typed Any: a class default cannot be both
    None and the column's type)."""

    id = number = station = state = type = urgency = channel = category_code = district_code = _UNSET
    address = description = caller_id = caller_phone = caller_name = lead_department = operator_id = _UNSET
    knowledge_article_id = created_at = updated_at = deadline = sign_deadline = reply_deadline = _UNSET
    dispatched_at = accepted_at = replied_at = closed_at = satisfied = resolved = merged_into_id = _UNSET
    repeat_caller = confidential = instruction_level = _UNSET
    satisfaction = contact_deadline = contacted_at = extension_requested = _UNSET
    callback_attempts = 0
    answer = ""
    texts: dict = {}
    assist_departments = ()
    supervised = return_count = extension_count = version = 0
    leader_pick = False


_CASE_ROW = operator.attrgetter(*CASE_COLUMNS)
_TYPES = list(TYPE_WEIGHTS)
_TYPE_CUM = list(itertools.accumulate(TYPE_WEIGHTS.values()))
_CHANNELS = ["phone", "mailbox", "web", "app", "walk_in"]
_CHANNEL_CUM = list(itertools.accumulate([80, 6, 6, 6, 2]))
urandom = os.urandom


@functools.lru_cache(maxsize=4096)
def _dumps_items(items: tuple) -> str:
    return json.dumps(dict(items), ensure_ascii=False)


def dumps(payload: dict) -> str:
    """The stored JSON of an event payload (the in-memory `into_id` left out), cached: demo payloads repeat."""
    if not payload:
        return "{}"
    if "into_id" in payload:
        return _dumps_items(tuple((k, v) for k, v in payload.items() if k != "into_id"))
    return _dumps_items(tuple(payload.items()))




# who gives the demo's instructions: titles of each level, fictional names
_LEADERS = {
    "city": [{"leader": "王某某", "title": "市长"}, {"leader": "李某某", "title": "副市长"}],
    "district": [{"leader": "张某某", "title": "区长"}, {"leader": "刘某某", "title": "副区长"}],
    "township": [{"leader": "陈某某", "title": "街道办事处主任"}, {"leader": "杨某某", "title": "镇长"}],
}



class _Draw(random.Random):
    """random.Random with cheaper draws for the walk: one random() each (the stdlib's choice and
    randint loop on getrandbits), same distributions up to 2**-53."""

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def weighted(self, seq, cum: Sequence[float]):
        """One item of `seq` by cumulative weights (like choices(seq, cum_weights=cum)[0])."""
        return seq[bisect.bisect(cum, self.random() * cum[-1], 0, len(cum) - 1)]



class Walker:
    """Walks planned cases through the lifecycle and builds their rows."""

    def __init__(self, seed: int, now: datetime, station: str, ops: list, policy: SlaPolicy | None, db_path: str):
        self.db_path = db_path
        self.seed = seed
        self.now = now
        self.station = station
        self.ops = ops
        self.policy = policy or load_policy()
        self.m = Material(random.Random(seed))
        self._checks: dict = {}
        self.acc = rollups.Accumulator(self.policy)

    def rows(self, index: int, part: list) -> tuple[list, list]:
        """Walk one chunk: its case rows and event rows (and its rollup counts, in self.acc)."""
        self.rng = _Draw(self.seed * 1_000_003 + index)
        case_rows: list[tuple] = []
        ev_rows: list[tuple] = []
        # the walk makes no reference cycles, but a chunk's hundred thousand rows would make the
        # cycle collector run over and over through everything alive (about 12 % of the walk)
        with gcpause.paused():
            for t, number, phone, name, repeat, caller_id in part:
                case = self._walk(_EPOCH + timedelta(seconds=t), number, phone, name, repeat, ev_rows)
                case.caller_id = caller_id
                self.acc.case(case)
                case_rows.append(self._case_row(case))
        return case_rows, ev_rows

    def _check(self, before, action, role, reason, payload):
        """(new state, its value): workflow.check, cached where the payload's values cannot matter."""
        if action in ("transfer", "instruct", "edit", "approve_extension", "request_extension", "callback"):
            after = check(before, action, role, reason, payload)
            return after, after.value
        key = (before, action, role, bool(reason), tuple(payload))
        found = self._checks.get(key)
        if found is None:
            after = check(before, action, role, reason, payload)
            found = self._checks[key] = (after, after.value)
        return found

    # -- one case ------------------------------------------------------------------
    def _walk(self, at: datetime, number: str, phone: str | None, name: str, repeat: bool, events: list):
        rng, m, pol = self.rng, self.m, self.policy
        pick = rng.weighted
        cat = pick(m.categories, m.cat_cum)
        dist = pick(m.districts, m.dist_cum)
        rtype = pick(_TYPES, _TYPE_CUM)
        u = rng.random()
        urgency = "emergency" if u < 0.003 else "urgent" if u < 0.05 else "normal"
        op_id, op_login = rng.choice(self.ops)
        road = rng.choice(dist["roads"])
        place = {"road": road, "community": rng.choice(dist["communities"]), "street": rng.choice(dist["streets"])}
        desc = rng.choice(m.descriptions[cat])
        try:
            desc = desc.format(**place)
        except (KeyError, IndexError, ValueError):
            pass
        address = (f"{road}{rng.randint(1, 399)}号" if rng.random() < 0.6
                   else f"{place['community']}{rng.randint(1, 30)}栋")
        # time-ordered ids (like UUIDv7: milliseconds first) keep the primary-key
        # B-trees appending at the end instead of splitting pages all over the file
        case_id = f"{int((at - _EPOCH).total_seconds() * 1000):012x}" + urandom(10).hex()
        c = SimCase()
        c.id, c.number, c.station, c.state, c.type, c.urgency = case_id, number, self.station, "draft", rtype, urgency
        c.channel = pick(_CHANNELS, _CHANNEL_CUM)
        c.category_code, c.district_code, c.address, c.description = cat, dist["code"], address, desc
        c.caller_phone, c.caller_name, c.operator_id = phone or "", name, op_id
        c.created_at = c.updated_at = at
        c.repeat_caller, c.confidential = repeat, rng.random() < 0.02
        now = self.now
        count = self.acc.event
        c.texts = texts = {}  # each event's time as text, for the case row's times that are event times

        def step(action: str, when: datetime, actor: str, role: str, reason: str = "",
                 payload: dict | None = None) -> bool:
            if when > now:
                return False
            payload = payload or {}
            before = c.state
            after, after_value = self._check(before, action, role, reason, payload)
            apply_action(c, action, after, payload, when, pol)
            count(c, action, actor, when, before, reason, payload)
            text = texts[when] = when.isoformat(" ", "microseconds")
            events.append((case_id[:-4] + f"{c.version:04x}", case_id, c.version, action, actor, role,
                           text, before, after_value, reason, dumps(payload)))
            return True

        rand = rng.random

        def later(t: datetime, lo_h: float, hi_h: float) -> datetime:
            return t + timedelta(0, 3600 * (lo_h + (hi_h - lo_h) * rand()))

        step("receive", at, op_login, "operator")
        t = at
        r = rng.random()
        if urgency == "emergency":
            step("transfer", later(t, 0.01, 0.05), op_login, "operator",
                 payload={"to": rng.choice(["110", "119", "120"])})
        elif r < 0.02:
            step("merge", later(t, 0.05, 3), op_login, "operator", "同一事项重复来电",
                 {"into": "earlier", "into_id": None})
        elif r < 0.32 and rtype in ("consultation", "help", "other", "praise", "suggestion"):
            t = later(t, 0.02, 0.3)
            if step("answer", t, op_login, "operator", payload={"answer": rng.choice(m.texts["answers"]),
                                                                "article_id": f"KB-{rng.randint(1, 78):04d}"}):
                if rng.random() < 0.8:
                    step("close", later(t, 0.01, 0.2), op_login, "operator")
        else:
            self._dispatched(c, step, later, op_login, t)
        return c

    def _dispatched(self, c, step, later, op_login, t) -> None:
        rng, m = self.rng, self.m
        handlers = m.handlers.get(c.category_code) or m.all_depts
        dept = rng.choice(handlers)
        # most calls are dispatched within the hour; a few wait for a lead to check the department
        t = later(t, 0.05, 1.5) if rng.random() > 0.03 else later(t, 2, 30)
        if not step("dispatch", t, op_login, "operator", payload={"lead_department": dept}):
            return
        if c.contact_deadline is not None:  # the 1-hour rule: most urgent callers hear back within the hour
            step("progress_contact", later(t, 0.05, 0.9 if rng.random() < 0.9 else 3), dept, "liaison")
        if rng.random() < 0.08:  # returned, then re-dispatched elsewhere
            t = later(t, 1, 20)
            if not step("return", t, dept, "liaison", rng.choice(m.texts["return_reasons"])):
                return
            dept = rng.choice(m.all_depts if len(handlers) < 2 else handlers)
            t = later(t, 0.5, 6) if rng.random() < 0.7 else later(t, 6, 96)  # some wait days for a new department
            if not step("dispatch", t, op_login, "operator", payload={"lead_department": dept}):
                return
        t = later(t, 0.3, 30 if rng.random() < 0.9 else 60)
        if not step("accept", t, dept, "liaison"):
            return
        if rng.random() < 0.004:
            level = rng.choice(["city", "district", "district", "township"])
            step("instruct", later(t, 1, 48), "lead01", "team_lead", rng.choice(m.texts["instructions"]),
                 {"level": level, **_LEADERS[level][rng.randrange(len(_LEADERS[level]))]})
        if rng.random() < 0.003:
            step("pick", later(t, 1, 48), "lead01", "team_lead")
        if rng.random() < 0.05:
            t = later(t, 24, 96)
            reason = rng.choice(m.texts["extension_reasons"])
            if not step("request_extension", t, dept, "liaison", reason, {"extra": "5wd"}):
                return
            t = later(t, 1, 10)
            if not step("approve_extension", t, "lead01", "team_lead", payload={"extra": "5wd"}):
                return
        typical = 40 if c.type in ("consultation", "help") else 150
        t = later(t, 2, typical * rng.choice([1, 1, 1, 1.5, 3]))
        if c.deadline and t > c.deadline and rng.random() < 0.5 and self.now > c.deadline + timedelta(hours=24):
            step("supervise", c.deadline + timedelta(hours=rng.uniform(1, 24)), "lead01", "team_lead",
                 "超期未办结，请加快办理")
        top = c.category_code[:2]
        result = rng.choice(m.texts["reply_texts"].get(top) or m.texts["answers"])
        if not step("reply", t, dept, "liaison", payload={"result": result}):
            return
        # a reply waits for the hotline to review it; one that comes in the evening waits overnight
        t = later(t, 0.1, 4) if rng.random() < 0.8 else later(t, 4, 24)
        if not step("queue_callback", t, "system", "system"):
            return
        t = later(t, 2, 60)
        satisfied = rng.random() < 0.9
        resolved = rng.random() < (0.93 if satisfied else 0.45)
        if not satisfied and rng.random() < 0.35:
            if not step("reopen", t, op_login, "operator", rng.choice(m.texts["reopen_reasons"])):
                return
            t = later(t, 24, 120)
            if not step("reply", t, dept, "liaison", payload={"result": rng.choice(m.texts["answers"])}):
                return
            t = later(t, 0.1, 4)
            if not step("queue_callback", t, "system", "system"):
                return
            t = later(t, 2, 48)
            satisfied, resolved = rng.random() < 0.7, rng.random() < 0.75
        level = "dissatisfied" if not satisfied else "basically_satisfied" if rng.random() < 0.15 else "satisfied"
        reason = "" if satisfied else rng.choice(m.texts["dissatisfaction_reasons"])
        if not step("callback", t, op_login, "operator", reason, {"satisfaction": level, "resolved": resolved}):
            return
        if not satisfied:  # a dissatisfied citizen's case goes to a team lead, who closes it with a reason here
            step("review_close", later(t, 1, 24), "lead01", "team_lead", "已向市民解释政策，诉求超出办理范围")

    @staticmethod
    def _case_row(c: SimCase) -> tuple:
        row = list(_CASE_ROW(c))
        texts = c.texts
        for i in _TIME_COLUMNS:
            v = row[i]
            if v is not None:
                row[i] = texts.get(v) or stored_time(v)
        row[_ASSIST] = "[]" if not row[_ASSIST] else json.dumps(row[_ASSIST], ensure_ascii=False)
        return tuple(row)
