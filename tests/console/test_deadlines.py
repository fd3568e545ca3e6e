"""Deadlines on working days and hours, across holidays and adjusted working days."""
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.clock import to_local
from console.deadlines import Duration, PolicyError, load_policy, parse_policy
from console.workflow import WorkflowError
from tests.conftest import local

P = load_policy()


def due(step, rtype, urgency, start):
    return to_local(P.due(step, rtype, urgency, local(start))).strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize("start,step,rtype,urgency,expected", [
    # an ordinary week: 3 working days of 8 h from Tuesday 10:00 is Friday 10:00
    ("2026-11-24T10:00", "reply", "consultation", "normal", "2026-11-27 10:00"),
    # received after hours: the clock starts the next working morning
    ("2026-11-24T20:00", "sign", "help", "normal", "2026-11-25 18:00"),
    # at lunch time the clock waits for 13:00
    ("2026-11-27T12:30", "sign", "help", "normal", "2026-11-30 12:00"),
    # exactly one working day from 09:00 ends at 18:00 the same day
    ("2026-11-27T09:00", "sign", "help", "normal", "2026-11-27 18:00"),
    # complaints get 13 working days: from Fri 27 Nov 10:00 to Wed 16 Dec 10:00
    ("2026-11-27T10:00", "reply", "complaint", "normal", "2026-12-16 10:00"),
    # Spring Festival 2026: Feb 15-23 off; Sat Feb 14 is an adjusted working day
    ("2026-02-13T17:00", "sign", "help", "normal", "2026-02-14 17:00"),
    ("2026-02-14T10:00", "sign", "help", "normal", "2026-02-24 10:00"),
    ("2026-02-12T10:00", "reply", "consultation", "normal", "2026-02-24 10:00"),
    # Sat Feb 28 2026 is an adjusted working day, Sun Mar 1 is not
    ("2026-02-27T10:00", "reply", "help", "normal", "2026-03-03 10:00"),
    # National Day 2026: Sep 25 (Mid-Autumn) and Oct 1-7 off, Sep 20 and Oct 10 worked
    ("2026-09-30T10:00", "reply", "consultation", "normal", "2026-10-10 10:00"),
    ("2026-09-24T15:00", "sign", "help", "normal", "2026-09-28 15:00"),
    ("2026-09-19T10:00", "sign", "help", "normal", "2026-09-20 18:00"),
    ("2026-10-09T11:00", "sign", "help", "normal", "2026-10-10 11:00"),
    # urgent: contact within one clock hour, even at night and on a holiday
    ("2026-10-03T23:30", "contact", "help", "urgent", "2026-10-04 00:30"),
    # urgent sign-for: 2 clock hours, not the next working morning
    ("2026-11-27T17:00", "sign", "help", "urgent", "2026-11-27 19:00"),
    # urgent steps run on the clock across the National Day week: a 03:39 gas leak on a holiday
    ("2026-10-02T03:39", "sign", "help", "urgent", "2026-10-02 05:39"),
    ("2026-10-02T03:39", "reply", "complaint", "urgent", "2026-10-03 03:39"),
    ("2026-10-02T03:39", "contact", "complaint", "emergency", "2026-10-02 04:39"),
])
def test_deadline_rules(start, step, rtype, urgency, expected):
    assert due(step, rtype, urgency, start) == expected


@settings(max_examples=3000, deadline=None)
@given(start=st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 12, 31)),
       days=st.integers(min_value=0, max_value=30),
       exact=st.sampled_from([None, (1, 0), (4, 0), (5, 0), (4, 30), (9, 59), (10, 0)]))
def test_whole_working_days_agree_with_the_minute_arithmetic(start, days, exact):
    """add_working_days' same-time-of-day shortcut is exactly the working-minute sum,
    including period starts and ends (stored times are UTC: 01:00 is 09:00 local)."""
    if exact:
        start = start.replace(hour=exact[0], minute=exact[1], second=0, microsecond=0)
    cal = P.calendar
    assert cal.add_working_days(start, days) == cal.add_working_minutes(start, days * cal.day_minutes)
    assert cal.add(start, Duration(days, "wd")) == cal.add_working_minutes(start, days * cal.day_minutes)


def test_reply_durations_by_type_come_from_the_policy():
    assert str(P.duration("reply", "consultation", "normal")) == "3wd"
    assert str(P.duration("reply", "help", "normal")) == "3wd"
    assert str(P.duration("reply", "complaint", "normal")) == "13wd"
    assert str(P.duration("reply", "report", "normal")) == "13wd"
    assert str(P.duration("sign", "complaint", "normal")) == "1wd"
    assert str(P.duration("contact", "complaint", "urgent")) == "1h"


def test_numbers_are_configurable():
    text = """
[calendar]
work_periods = [["08:30", "12:00"], ["14:00", "17:30"]]
[defaults]
sign = "2wd"
[reply_by_type]
complaint = "10wd"
"""
    p = parse_policy(text)
    assert p.calendar.day_minutes == 420
    start = local("2026-11-24T08:30")
    assert to_local(p.due("sign", "complaint", "normal", start)).strftime("%m-%d %H:%M") == "11-25 17:30"
    assert str(p.duration("reply", "complaint", "normal")) == "10wd"


def test_extension_moves_the_deadline(profile, operator, clock):
    from console.intake import CallRecord
    from tests.conftest import LEAD, LIAISON
    case = profile.intake.log_call(CallRecord(type="complaint", category_code="1301", district="JJ",
                                              address="东大街1号", description="占道经营很严重",
                                              lead_department="URBAN"), operator)
    profile.cases.act(case.number, "accept", LIAISON)
    before = profile.cases.get(case.number).case.reply_deadline
    profile.cases.act(case.number, "request_extension", LIAISON, "需要协调多个部门", {"extra": "5wd"})
    after = profile.cases.act(case.number, "approve_extension", LEAD, payload={"extra": "5wd"})
    assert after.state == "extended"
    assert P.calendar.working_minutes_between(before, after.reply_deadline) == 5 * 480
    assert after.deadline == after.reply_deadline
    with pytest.raises(WorkflowError) as refused:  # approved once: nothing is pending any more
        profile.cases.act(case.number, "approve_extension", LEAD, payload={"extra": "5wd"})
    assert refused.value.code == "extension_not_requested"
    profile.cases.act(case.number, "request_extension", LIAISON, "还需协调", {"extra": "40wd"})
    capped = profile.cases.act(case.number, "approve_extension", LEAD)  # the requested time, capped
    assert P.calendar.working_minutes_between(after.reply_deadline, capped.reply_deadline) == 10 * 480


@pytest.mark.parametrize("bad", ["", "3", "wd", "3 weeks", "-1wd"])
def test_bad_durations(bad):
    with pytest.raises(PolicyError):
        Duration.parse(bad)


def test_bad_policy_file():
    with pytest.raises(PolicyError, match="TOML"):
        parse_policy("[defaults\nsign=")
    with pytest.raises(PolicyError, match="not a time"):
        parse_policy('[calendar]\nwork_periods=[["9h","12:00"]]')


def test_year_without_official_data_falls_back_to_weekdays(caplog):
    # chinese-calendar publishes a year's holidays once the State Council does;
    # until then Monday-Friday count, and the log says so
    got = to_local(P.due("sign", "help", "normal", local("2027-03-05T10:00")))
    assert got.strftime("%Y-%m-%d %H:%M") == "2027-03-08 10:00"
