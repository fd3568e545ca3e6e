"""Deadlines on working days and hours, from the SLA policy file.

Working time is counted as minutes on a line: every working day contributes
its working periods (09:00-12:00 and 13:00-18:00 by default), holidays and
weekends contribute nothing, adjusted Saturdays count. Adding "3 working
days" is then adding 3 x 480 minutes on that line, found by bisection in a
table built once, so a million deadlines cost a million bisections.
"""
from __future__ import annotations

import bisect
import logging
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path

import chinese_calendar

from .clock import CITY_TZ

log = logging.getLogger(__name__)

POLICY_FILE = Path(__file__).resolve().parent.parent / "resources" / "sla_policy.toml"
FIRST_DAY = date(2015, 1, 1)
LAST_DAY = date(2036, 12, 31)
_OFFSET = CITY_TZ.utcoffset(None)  # stored naive UTC + offset = naive city time
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(m|h|wh|wd|d)\s*$")


class PolicyError(ValueError):
    """The SLA policy file is malformed."""


_warned_years: set[int] = set()
_checked_years: set[int] = set()


def is_workday(day: date, warn: bool = True) -> bool:
    """Chinese official working day; outside the package's years, Mon-Fri."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        if warn and day.year not in _warned_years:
            _warned_years.add(day.year)
            log.warning("no official holiday data for %s: counting Monday-Friday as working days", day.year)
        return day.weekday() < 5


@dataclass(frozen=True)
class Duration:
    amount: float
    unit: str  # m, h, d (clock) or wh, wd (working)

    @classmethod
    def parse(cls, text: str) -> Duration:
        m = _DURATION.match(str(text))
        if not m:
            raise PolicyError(f"not a duration: {text!r} (use e.g. 90m, 1h, 4wh, 3wd, 2d)")
        return cls(float(m.group(1)), m.group(2))

    def __str__(self) -> str:
        amount = int(self.amount) if self.amount == int(self.amount) else self.amount
        return f"{amount}{self.unit}"


class WorkCalendar:
    """Working-time arithmetic in the city's local time."""

    def __init__(self, periods: list[tuple[time, time]]):
        if not periods:
            raise PolicyError("work_periods is empty")
        self.periods = [(p[0].hour * 60 + p[0].minute, p[1].hour * 60 + p[1].minute) for p in periods]
        for start, end in self.periods:
            if end <= start:
                raise PolicyError("a work period ends before it starts")
        self.day_minutes = sum(end - start for start, end in self.periods)
        self._days: list[date] = []
        self._cum: list[int] = []  # working minutes before the start of each working day
        total, day = 0, FIRST_DAY
        while day <= LAST_DAY:
            if is_workday(day, warn=False):
                self._days.append(day)
                self._cum.append(total)
                total += self.day_minutes
            day += timedelta(days=1)
        self._by_ordinal = {d.toordinal(): i for i, d in enumerate(self._days)}  # a working day's index
        self._midnights = [datetime.combine(d, time()) for d in self._days]
        self._times: dict[float, timedelta] = {}  # working minute of a day -> time of day

    @property
    def working_days(self) -> list[date]:
        """The calendar table's working days, in order."""
        return self._days

    @property
    def working_day_starts(self) -> list[int]:
        """The working minutes before each of `working_days` (the SQL work_days table's cum)."""
        return self._cum

    # -- the working-minute line -------------------------------------------------
    def _minutes_into_day(self, minute_of_day: float) -> float:
        done = 0.0
        for start, end in self.periods:
            if minute_of_day <= start:
                break
            done += min(minute_of_day, end) - start
        return done

    def position(self, local: datetime) -> float:
        """Working minutes from the table's origin to `local` (aware or naive local)."""
        i = self._by_ordinal.get(local.toordinal())
        if i is not None:
            mod = local.hour * 60 + local.minute + local.second / 60 + local.microsecond / 60e6
            return self._cum[i] + self._minutes_into_day(mod)
        day = local.date()
        i = bisect.bisect_left(self._days, day)
        if i >= len(self._days):
            raise PolicyError(f"{day} is outside the calendar table")
        if day.year not in _checked_years:
            _checked_years.add(day.year)
            is_workday(day)  # logs once when the year has no official holiday data
        return float(self._cum[i])  # a rest day: the clock waits for the next working day

    def at_position(self, pos: float) -> datetime:
        """The local (naive) moment at working minute `pos`; an exact period end stays on that day."""
        # the working day whose span (cum, cum + day] holds pos: an exact end
        # of day stays on that day (18:00), not the next morning's 09:00
        i = max(bisect.bisect_left(self._cum, pos) - 1, 0)
        left = pos - self._cum[i]
        for start, end in self.periods:
            span = end - start
            if left <= span:
                return self._midnights[i] + timedelta(minutes=start + left)
            left -= span
        raise PolicyError("working-minute arithmetic overflowed a day")  # cannot happen: left <= day_minutes

    def add_working_minutes(self, start_stored: datetime, minutes: float) -> datetime:
        target = self.position(start_stored + _OFFSET) + minutes
        return self.at_position(target) - _OFFSET

    def working_minutes_between(self, a_stored: datetime, b_stored: datetime) -> float:
        """Working minutes from a to b (negative when b is earlier)."""
        return self.position(b_stored + _OFFSET) - self.position(a_stored + _OFFSET)

    def add_working_days(self, start_stored: datetime, days: int) -> datetime:
        """`days` whole working days after a moment, in closed form: what the working-minute
        arithmetic gives (tested to the microsecond), without its search or float rounding.

        A moment is working minute x of working day i (0 <= x <= a day; a rest day is minute
        0 of the next working day); `days` on is minute x of day i + days: the same time of
        day when the moment is inside a period, and the end of the day before when x is 0
        (the line puts an exact day boundary on the earlier day)."""
        local = start_stored + _OFFSET
        i = self._by_ordinal.get(local.toordinal())
        x = 0.0
        if i is None:  # a rest day: the clock starts with the next working day
            i = bisect.bisect_left(self._days, local.date())
        else:
            mod = local.hour * 60 + local.minute
            for start, end in self.periods:
                if start <= mod < end and (mod > start or local.second or local.microsecond):
                    if i + days < len(self._days):
                        return start_stored + (self._midnights[i + days] - self._midnights[i])
                    return self.add_working_minutes(start_stored, days * self.day_minutes)
            x = self._minutes_into_day(mod + local.second / 60 + local.microsecond / 60e6)
        j = i + days - 1 if x == 0 else i + days
        if 0 <= j < len(self._days):  # x is a period boundary here: a whole minute of the day
            return self._midnights[j] + self._time_of(x or self.day_minutes) - _OFFSET
        return self.add_working_minutes(start_stored, days * self.day_minutes)

    def _time_of(self, x: float) -> timedelta:
        """The time of day at working minute 0 < x <= a day (a period's end stays on its day)."""
        found = self._times.get(x)
        if found is None:
            left = x
            for start, end in self.periods:
                if left <= end - start:
                    found = self._times[x] = timedelta(minutes=start + left)
                    break
                left -= end - start
            else:
                raise PolicyError("working minute beyond the day")
        return found

    def add(self, start_stored: datetime, duration: Duration) -> datetime:
        if duration.unit == "wd" and duration.amount == int(duration.amount):
            return self.add_working_days(start_stored, int(duration.amount))
        if duration.unit == "m":
            return start_stored + timedelta(minutes=duration.amount)
        if duration.unit == "h":
            return start_stored + timedelta(hours=duration.amount)
        if duration.unit == "d":
            return start_stored + timedelta(days=duration.amount)
        if duration.unit == "wh":
            return self.add_working_minutes(start_stored, duration.amount * 60)
        return self.add_working_minutes(start_stored, duration.amount * self.day_minutes)


@dataclass
class SlaPolicy:
    """The policy file, parsed: durations by step, request type and urgency."""

    calendar: WorkCalendar
    defaults: dict[str, Duration]
    reply_by_type: dict[str, Duration]
    by_urgency: dict[str, dict[str, Duration]] = field(default_factory=dict)
    extension_max: Duration | None = None

    def __post_init__(self) -> None:
        self._resolved: dict[tuple[str, str, str], Duration | None] = {}

    def duration(self, step: str, request_type: str, urgency: str) -> Duration | None:
        """The duration allowed for `step` (contact, sign, reply, callback)."""
        override = self.by_urgency.get(urgency, {})
        if step in override:
            return override[step]
        if step == "reply" and request_type in self.reply_by_type:
            return self.reply_by_type[request_type]
        return self.defaults.get(step)

    def due(self, step: str, request_type: str, urgency: str, start: datetime) -> datetime | None:
        """The stored-form deadline of `step` started at stored time `start`."""
        key = (step, request_type, urgency)
        try:
            dur = self._resolved[key]
        except KeyError:
            dur = self._resolved[key] = self.duration(step, request_type, urgency)
        return self.calendar.add(start, dur) if dur else None


def _parse_time(text: str) -> time:
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise PolicyError(f"not a time of day: {text!r}") from None


def parse_policy(text: str) -> SlaPolicy:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"SLA policy is not valid TOML: {exc}") from None
    periods = [(_parse_time(a), _parse_time(b)) for a, b in raw.get("calendar", {}).get("work_periods", [])]
    cal = _calendar(tuple(periods))
    defaults = {k: Duration.parse(v) for k, v in raw.get("defaults", {}).items()}
    reply = {k: Duration.parse(v) for k, v in raw.get("reply_by_type", {}).items()}
    urg = {u: {k: Duration.parse(v) for k, v in steps.items()} for u, steps in raw.get("urgency", {}).items()}
    ext = raw.get("extension", {}).get("max")
    return SlaPolicy(cal, defaults, reply, urg, Duration.parse(ext) if ext else None)


@lru_cache(maxsize=4)
def _calendar(periods: tuple[tuple[time, time], ...]) -> WorkCalendar:
    return WorkCalendar(list(periods))


@lru_cache(maxsize=4)
def load_policy(path: Path = POLICY_FILE) -> SlaPolicy:
    """The SLA policy from `path` (the shipped file by default), cached."""
    return parse_policy(Path(path).read_text("utf-8"))
