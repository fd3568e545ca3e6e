"""The caller log on a real profile file: outcomes, the bar's open calls, callbacks, timers
read back after the profile is closed and opened again."""
from __future__ import annotations

from datetime import datetime, timedelta

from console.calls import CallService
from console.intake import CallRecord
from console.profile import open_profile


class Clock:
    def __init__(self):
        self.now = datetime(2026, 12, 3, 2, 0, 0)

    def __call__(self):
        return self.now

    def tick(self, seconds):
        self.now += timedelta(seconds=seconds)


def test_outcomes_open_calls_and_the_log(profile, operator):
    clock = Clock()
    calls = CallService(profile.db, "op01", clock)
    profile.intake.log_call(CallRecord(caller_phone="13800138000", type="consultation", category_code="0101",
                                       description="问社保卡补办"), operator)
    calls.ring("a", "+86 138 0013 8000")
    calls.answer("a")
    calls.ring("b", "13912345678")
    calls.hangup("b", "normalClearing")  # the caller gave up while it rang
    calls.ring("c", "13700001111")
    calls.hangup("c", "noAnswer")  # the seat did not take it
    calls.ring("d", "13600002222")  # still ringing
    assert calls.ring("a", "13800138000").outcome == "answered"  # a repeated newCall changes nothing
    by_id = {c.call_id: c for c in calls.log()}
    assert {k: v.outcome for k, v in by_id.items()} == {"a": "answered", "b": "abandoned", "c": "missed",
                                                         "d": "ringing"}
    assert by_id["a"].phone == "13800138000" and by_id["a"].history_count == 1
    assert [c.call_id for c in calls.open_calls()] == ["a", "d"]  # ended unanswered calls leave the bar
    assert [c.call_id for c in calls.log(outcome="missed")] == ["c"]
    assert CallService(profile.db, "op02", clock).log() == []  # another operator's seat has its own log


def test_handling_time_runs_from_the_answer_to_the_save_and_survives_a_reopen(profile):
    clock = Clock()
    calls = CallService(profile.db, "op01", clock)
    calls.ring("a", "13800138000")
    clock.tick(20)  # ringing is not handling
    calls.answer("a")
    clock.tick(95)
    folder = profile.data_dir
    profile.close()
    reopened = open_profile(folder)
    try:
        again = CallService(reopened.db, "op01", clock)
        assert again.get("a").seconds(clock()) == 95  # the timer is read from the stored answer time
        assert again.handling_seconds("a") == 95
        clock.tick(5)
        saved = again.saved("a", "CD-X-20261203-0001")
        assert saved.handling_seconds() == 100 and again.open_calls() == []
        again.ring("n", "13912345678")  # a telephone that sends no `answer`: timed from the ring
        clock.tick(30)
        assert again.handling_seconds("n") == 30 and again.handling_seconds("unknown") is None
    finally:
        reopened.close()


def test_a_missed_call_is_called_back_with_one_call(profile):
    clock = Clock()
    calls = CallService(profile.db, "op01", clock)
    calls.ring("m", "13800138000")
    calls.hangup("m", "busy")
    missed = calls.log(outcome="missed")[0]
    clock.tick(60)
    back = calls.call_back(missed.id)
    assert back.direction == "out" and back.phone == "13800138000" and back.callback_of == missed.id
    assert back.outcome == "answered" and back.call_id in [c.call_id for c in calls.open_calls()]
    assert calls.log(outcome="missed")[0].called_back_at == clock()


def test_the_station_kind_is_set_from_the_command_line_and_chooses_the_channel(capsys, data_dir):
    import pytest

    from console.station_kind import default_channel, station_kind
    from tests.cli import run
    prof = open_profile(data_dir)
    assert station_kind(prof.db) == "seat" and default_channel(prof.db) == "phone"
    prof.close()
    code, out, _ = run(capsys, "profile", "kind", "service_hall", "--data-dir", data_dir)
    assert code == 0 and "service_hall" in out
    with pytest.raises(SystemExit):
        run(capsys, "profile", "kind", "counter", "--data-dir", data_dir)
    prof = open_profile(data_dir)
    try:
        assert station_kind(prof.db) == "service_hall" and default_channel(prof.db) == "walk_in"
    finally:
        prof.close()
