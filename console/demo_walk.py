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
from .demo_text import TYPES, Material
from .lifecycle import apply_action
from .routing import route
from .workflow import CHANNELS, INSTRUCTION_LEVELS, check

_OFFSET = CITY_TZ.utcoffset(None)
_EPOCH = datetime(1970, 1, 1)
_EPOCH_ORDINAL = _EPOCH.toordinal()

# how the demo city behaves; docs/demo-data.md gives each figure and why
_CHANNELS = list(CHANNELS)  # phone most, then the mailboxes, the web form, the app, the service hall
_CHANNEL_CUM = list(itertools.accumulate([70, 11, 9, 7, 3]))
ANSWER_RATE = {"consultation": 0.7, "help": 0.3, "other": 0.2}  # answered on the line when an article fits
MERGE_FOLLOW_UP = 0.3  # a call about a matter already on file is merged into it
INSTRUCTED = 0.0084  # cases with a leader's instruction, by level:
_LEVEL_CUM = list(itertools.accumulate([6, 80, 14]))  # city, district, township (INSTRUCTION_LEVELS)
ASSIST_SHARE = 0.25  # dispatches with an assisting unit, when the routing suggests one
OUT_OF_HOURS = 0.06  # department steps done outside working hours (urgent cases aside)
UNREACHED = 0.05  # callbacks that miss the citizen at the first try
SATISFIED = 0.882  # at the first callback
RESOLVED_IF_SATISFIED, RESOLVED_IF_NOT = 0.93, 0.45
_LEADER_SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "胡", "郭", "何"]

CASE_COLUMNS = ["id", "number", "station", "state", "type", "urgency", "channel", "category_code", "district_code",
                "address", "description", "answer", "caller_id", "caller_phone", "caller_name", "lead_department",
                "assist_departments", "operator_id", "knowledge_article_id", "created_at", "updated_at", "deadline",
                "sign_deadline", "reply_deadline", "dispatched_at", "accepted_at", "replied_at", "closed_at",
                "satisfied", "resolved", "merged_into_id", "repeat_caller", "confidential", "supervised",
                "instruction_level", "leader_pick", "return_count", "extension_count", "version",
                "satisfaction", "callback_attempts", "contact_deadline", "contacted_at", "extension_requested",
                "returned_from", "suggested_unit", "binding_unit", "upper_units"]
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
    returned_from = suggested_unit = binding_unit = upper_units = _UNSET
    callback_attempts = 0
    answer = ""
    texts: dict = {}
    assist_departments = ()
    supervised = return_count = extension_count = version = 0
    leader_pick = False


_CASE_ROW = operator.attrgetter(*CASE_COLUMNS)
urandom = os.urandom


@functools.lru_cache(maxsize=4096)
def _dumps_items(items: tuple) -> str:
    return json.dumps(dict(items), ensure_ascii=False)


def dumps(payload: dict) -> str:
    """The stored JSON of an event payload (the in-memory `into_id` left out), cached: demo payloads repeat
    (and hold tuples for lists, to be hashable)."""
    if not payload:
        return "{}"
    if "into_id" in payload:
        return _dumps_items(tuple((k, v) for k, v in payload.items() if k != "into_id"))
    return _dumps_items(tuple(payload.items()))




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
        self._routes: dict = {}
        cal = self.policy.calendar
        self._working_days = {d.toordinal() for d in cal.working_days}
        self._periods = cal.periods
        self._shortest = min(b - a for a, b in cal.periods)
        self._in_period = [any(a <= m < b for a, b in cal.periods) for m in range(24 * 60)]
        # each calendar day -> the working day after it
        days = sorted(self._working_days)
        self._next_working_day = {d: nxt for prev, nxt in zip([days[0] - 30, *days], days, strict=False)
                                  for d in range(prev, nxt)}
        self.acc = rollups.Accumulator(self.policy)

    def rows(self, index: int, part: list) -> tuple[list, list]:
        """Walk one chunk: its case rows and event rows (and its rollup counts, in self.acc)."""
        self.rng = _Draw(self.seed * 1_000_003 + index)
        case_rows: list[tuple] = []
        ev_rows: list[tuple] = []
        # the walk makes no reference cycles, but a chunk's hundred thousand rows would make the
        # cycle collector run over and over through everything alive (about 12 % of the walk)
        with gcpause.paused():
            for t, number, phone, name, repeat, caller_id, matter, follow in part:
                case = self._walk(_EPOCH + timedelta(seconds=t), number, phone, name, repeat, matter, follow,
                                  ev_rows)
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
    def _walk(self, at: datetime, number: str, phone: str | None, name: str, repeat: bool, matter: tuple,
              follow: bool, events: list):
        rng, m, pol = self.rng, self.m, self.policy
        cat_i, dist_i, type_i, place = matter
        cat, dist, rtype = m.categories[cat_i], m.districts[dist_i], TYPES[type_i]
        u = rng.random()
        urgency = "emergency" if u < 0.003 else "urgent" if u < 0.05 else "normal"
        op_id, op_login = rng.choice(self.ops)
        where, address = m.place(dist, place)
        # time-ordered ids (like UUIDv7: milliseconds first) keep the primary-key
        # B-trees appending at the end instead of splitting pages all over the file
        case_id = f"{int((at - _EPOCH).total_seconds() * 1000):012x}" + urandom(10).hex()
        c = SimCase()
        c.id, c.number, c.station, c.state, c.type, c.urgency = case_id, number, self.station, "draft", rtype, urgency
        c.channel = rng.weighted(_CHANNELS, _CHANNEL_CUM)
        c.category_code, c.district_code, c.address = cat, dist["code"], address
        c.description = m.description(cat, rtype, where, place, rng)
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
            after, _ = self._check(before, action, role, reason, payload)
            apply_action(c, action, after, payload, when, pol)
            count(c, action, actor, when, before, reason, payload)
            text = texts[when] = when.isoformat(" ", "microseconds")
            events.append((case_id[:-4] + f"{c.version:04x}", case_id, c.version, action, actor, role,
                           text, before, c.state, reason, dumps(payload)))  # the last unreached try closes
            return True

        rand = rng.random

        def later(t: datetime, lo_h: float, hi_h: float) -> datetime:
            return t + timedelta(0, 3600 * (lo_h + (hi_h - lo_h) * rand()))

        step("receive", at, op_login, "operator")
        t = at
        instructed = rand() < INSTRUCTED  # a leader's instruction: always on a dispatched case
        answer_rate = ANSWER_RATE.get(rtype, 0.0)
        if urgency == "emergency":
            step("transfer", later(t, 0.01, 0.05), op_login, "operator",
                 payload={"to": rng.choice(["110", "119", "120"])})
        elif follow and not instructed and rand() < MERGE_FOLLOW_UP:
            step("merge", later(t, 0.05, 3), op_login, "operator", "同一事项重复来电",
                 {"into": "earlier", "into_id": None})
        elif answer_rate and not instructed and rand() < answer_rate and \
                (found := m.article(cat, (at + _OFFSET).date(), rng)) is not None:
            t = later(t, 0.02, 0.3)
            if step("answer", t, op_login, "operator", payload={"answer": found[1], "article_id": found[0]}):
                if rand() < 0.8:
                    step("close", later(t, 0.01, 0.2), op_login, "operator")
        else:
            self._dispatched(c, step, later, op_login, t, instructed, where)
        return c

    def _office(self, c, t: datetime) -> datetime:
        """When a department (or a team lead reviewing a return, a dispute or a dissatisfied
        callback) does a step planned for `t`: in working hours (the SLA policy's calendar), moved
        to a few minutes to two hours into the next working period when `t` falls outside one,
        bar urgent cases (worked on the clock) and a few steps done out of hours."""
        if c.urgency != "normal":
            return t
        local = t + _OFFSET
        day = local.toordinal()
        minute = local.hour * 60 + local.minute
        if self._in_period[minute] and day in self._working_days:
            return t
        periods = self._periods
        rand = self.rng.random
        if rand() < OUT_OF_HOURS:
            return t
        start = next((a for a, _ in periods if minute < a), None) if day in self._working_days else None
        if start is None:  # the first period of the next working day
            day, start = self._next_working_day.get(day, day + 1), periods[0][0]
        # a period is at least an hour or two long: the step lands inside it
        at = _EPOCH + timedelta(days=day - _EPOCH_ORDINAL, minutes=start + 1 + min(120, self._shortest - 2) * rand())
        return at - _OFFSET

    def _dispatched(self, c, step, later, op_login, t, instructed: bool, where: dict) -> None:
        rng, m = self.rng, self.m
        rand = rng.random
        office = self._office
        lead, assist = self._route(c.category_code, c.district_code, c.address)
        # the first suggestion most of the time, the next one when the operator knows better
        dept = lead[1] if len(lead) > 1 and rand() < 0.15 else lead[0]
        # most calls are dispatched within the hour; a few wait for a lead to check the department
        t = later(t, 0.05, 1.5) if rand() > 0.03 else later(t, 2, 30)
        if not step("dispatch", t, op_login, "operator", payload=self._dispatch_payload(dept, assist)):
            return
        if instructed:
            t = later(t, 0.5, 8)
            level = rng.weighted(INSTRUCTION_LEVELS, _LEVEL_CUM)
            text = rng.choice(m.texts["instructions"]).format(unit=m.dept_names.get(dept, "承办单位"))
            if not step("instruct", t, "lead01", "team_lead", text, {"level": level, **self._leader(level, c, where)}):
                return
        if c.contact_deadline is not None:  # the 1-hour rule: most urgent callers hear back within the hour
            step("progress_contact", later(t, 0.05, 0.9 if rand() < 0.9 else 3), dept, "liaison")
        if rand() < 0.08:  # returned, then re-dispatched elsewhere
            t = office(c, later(t, 1, 20))
            if not step("return", t, dept, "liaison", rng.choice(m.texts["return_reasons"])):
                return
            t = office(c, later(t, 1, 16))  # a team lead reviews the return (退单审核) before the re-dispatch
            if not step("approve_return", t, "lead01", "team_lead", "核实属实，同意退单改派"):
                return
            first = dept
            dept = ([d for d in lead if d != dept] or lead)[0]
            t = later(t, 0.5, 6) if rand() < 0.7 else later(t, 6, 96)  # some wait days for a new department
            if not step("dispatch", t, op_login, "operator", payload=self._dispatch_payload(dept, assist)):
                return
            if rand() < 0.25 and dept != first:  # returned again: a dispute the team lead decides (职责争议)
                t = office(c, later(t, 1, 20))
                if not step("return", t, dept, "liaison", rng.choice(m.texts["return_reasons"]),
                            {"suggested_unit": first}):
                    return
                dept = rng.choice([first, dept])
                t = office(c, later(t, 4, 72))
                if not step("decide_dispute", t, "lead01", "team_lead", "经研判，明确由该单位承办", {"unit": dept}):
                    return
        t = office(c, later(t, 0.3, 30 if rand() < 0.9 else 60))
        if not step("accept", t, dept, "liaison"):
            return
        if rand() < 0.003:
            t = later(t, 1, 48)
            step("pick", t, "lead01", "team_lead")
        if rand() < 0.05:
            t = office(c, later(t, 24, 96))
            reason = rng.choice(m.texts["extension_reasons"])
            if not step("request_extension", t, dept, "liaison", reason, {"extra": "5wd"}):
                return
            t = later(t, 1, 10)
            if not step("approve_extension", t, "lead01", "team_lead", payload={"extra": "5wd"}):
                return
        typical = 40 if c.type in ("consultation", "help") else 150
        t = office(c, later(t, 2, typical * rng.choice([1, 1, 1, 1.5, 3])))
        if c.deadline and t > c.deadline and rand() < 0.5 and self.now > c.deadline + timedelta(hours=24):
            step("supervise", c.deadline + timedelta(hours=rng.uniform(1, 24)), "lead01", "team_lead",
                 "超期未办结，请加快办理")
        if not step("reply", t, dept, "liaison", payload={"result": m.reply(c.category_code, c.type, rng)}):
            return
        self._called_back(c, step, later, op_login, t, dept)

    def _called_back(self, c, step, later, op_login, t, dept) -> None:
        rng, m = self.rng, self.m
        rand = rng.random
        # a reply waits for the hotline to review it; one that comes in the evening waits overnight
        t = later(t, 0.1, 4) if rand() < 0.8 else later(t, 4, 24)
        if not step("queue_callback", t, "system", "system"):
            return
        t = later(t, 2, 60)
        if rand() < UNREACHED:  # not reached at the first try; the policy's last try closes it
            for _ in range(self.policy.callback_attempts):
                if not step("callback_unreached", t, op_login, "operator") or c.state == "closed":
                    return
                t = later(t, 3, 30)
                if rand() < 0.5:
                    break
        satisfied = rand() < SATISFIED
        resolved = rand() < (RESOLVED_IF_SATISFIED if satisfied else RESOLVED_IF_NOT)
        if not satisfied and rand() < 0.35:
            if not step("reopen", t, op_login, "operator", rng.choice(m.texts["reopen_reasons"])):
                return
            t = self._office(c, later(t, 24, 120))
            if not step("reply", t, dept, "liaison", payload={"result": m.reply(c.category_code, c.type, rng)}):
                return
            t = later(t, 0.1, 4)
            if not step("queue_callback", t, "system", "system"):
                return
            t = later(t, 2, 48)
            satisfied, resolved = rand() < 0.7, rand() < 0.75
        level = "dissatisfied" if not satisfied else "basically_satisfied" if rand() < 0.15 else "satisfied"
        reason = "" if satisfied else rng.choice(m.texts["dissatisfaction_reasons"])
        if not step("callback", t, op_login, "operator", reason, {"satisfaction": level, "resolved": resolved}):
            return
        if not satisfied:  # a dissatisfied citizen's case goes to a team lead, who closes it with a reason here
            step("review_close", self._office(c, later(t, 2, 30)), "lead01", "team_lead",
                 "已向市民解释政策，诉求超出办理范围")

    def _route(self, category: str, district: str, address: str) -> tuple[list[str], list[str]]:
        """The codes of the units to lead a case and of those to assist (console.routing over the
        shipped units), cached by what can change them: the house number names no unit, and the
        address no unit at all where no street office or community has a duty for the category."""
        named = address.rstrip("0123456789号栋") if (district, category) in self.m.local_duties else ""
        key = (category, district, named)
        found = self._routes.get(key)
        if found is None:
            r = route(self.m.district_units.get(district, self.m.units), category, district, named)
            # no unit leads on it here: the district government takes it (属地), else the hotline's office
            lead = [s.code for s in r.lead] or [u for u in (f"GOV-{district}", "GOVSVC") if u in self.m.dept_names][:1]
            found = self._routes[key] = (lead, [s.code for s in r.assist])
        return found

    def _dispatch_payload(self, dept: str, assist: list[str]) -> dict:
        helpers = [d for d in assist if d != dept]
        if helpers and self.rng.random() < ASSIST_SHARE:
            return {"lead_department": dept, "assist_departments": (self.rng.choice(helpers),)}
        return {"lead_department": dept}

    def _leader(self, level: str, c, where: dict) -> dict:
        """Who gave an instruction: a fictional name and a title of the level (the district's or
        the street's own leader for those levels)."""
        rng = self.rng
        name = rng.choice(_LEADER_SURNAMES) + "某某"
        if level == "city":
            return {"leader": name, "title": rng.choice(["市长", "副市长", "市政府秘书长"])}
        if level == "district":
            return {"leader": name, "title": self.m.district_names[c.district_code] + rng.choice(["区长", "副区长"])}
        return {"leader": name, "title": where["street"] + rng.choice(["党工委书记", "办事处主任"])}

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
