"""Public-safety signals: the relevance sets (precision and recall), the rules of the lexicon,
and an emergency logged with only its description, a utility's case dispatched to it as urgent."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from console import emergency
from console.emergency import LexiconError, detect, load_lexicon
from console.intake import CallRecord, IntakeError

DATA = Path(__file__).resolve().parent.parent / "data"
SETS = ("emergency_relevance.jsonl", "emergency_relevance_round2.jsonl")
# thresholds stated in docs/benchmarks.md ("Emergency signals")
MIN_PRECISION, MIN_RECALL, MIN_TARGET_ACCURACY = 0.95, 0.95, 0.95


def _rows():
    rows = []
    for name in SETS:
        rows += [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line]
    return rows


def measure(rows):
    tp = fp = fn = right = 0
    for r in rows:
        alert = detect(r["text"], r["category"])
        got = alert.line.code if alert else None
        if got and r["target"]:
            tp += 1
            right += got == r["target"]
        elif got:
            fp += 1
        elif r["target"]:
            fn += 1
    return tp / (tp + fp), tp / (tp + fn), right / tp


def test_relevance_set_precision_recall_and_targets():
    rows = _rows()
    positives = [r for r in rows if r["target"]]
    assert len(rows) >= 80 and len(positives) >= 40 and len(rows) - len(positives) >= 40
    assert {r["target"] for r in positives} >= {"110", "119", "120", "122", "96777"}
    precision, recall, targets = measure(rows)
    assert precision >= MIN_PRECISION, precision
    assert recall >= MIN_RECALL, recall
    assert targets >= MIN_TARGET_ACCURACY, targets


@pytest.mark.parametrize("text,category,target", [
    ("燃气泄漏，厨房里全是煤气味", "0108", "96777"),
    ("老人在家摔倒昏迷不醒", "", "120"),
    ("燃气爆炸了，有人受伤", "", "119"),  # the more severe reading wins over the gas smell
    ("高速上两车追尾", "", "122"),
])
def test_the_right_line_is_proposed(text, category, target):
    assert detect(text, category).line.code == target


@pytest.mark.parametrize("text,category", [
    ("火锅店油烟太大", "0203"), ("消防通道被占", "0907"), ("燃气费缴纳方式", "0108"),
    ("没有闻到煤气味，只是燃气表走字快", "0108"), ("去年小区着火的赔偿还没落实", ""), ("", ""),
])
def test_tricky_negatives_stay_quiet(text, category):
    assert detect(text, category) is None


def test_a_weak_word_counts_only_under_its_category():
    assert detect("管道接口嘶嘶响，有股味道", "0108").line.code == "96777"
    assert detect("管道接口嘶嘶响，有股味道", "0201") is None


def test_lines_come_from_reference_data_with_the_utilities():
    lines = emergency.lines()
    assert emergency.transfer_targets()[:4] == emergency.PUBLIC_LINES
    assert lines["96777"].department == "GAS" and lines["96777"].kind == "utility"
    assert emergency.utility_line("119") is None and emergency.utility_line("96777").code == "96777"


def test_a_malformed_lexicon_is_refused_with_its_reason(tmp_path):
    bad = tmp_path / "signals.toml"
    bad.write_text('[[signal]]\nid = "x"\ntarget = "999"\nphrases = ["a"]\n', encoding="utf-8")
    with pytest.raises(LexiconError, match="x: target '999'"):
        load_lexicon(bad)
    bad.write_text('[[signal]]\nid = "y"\ntarget = "110"\nweak = ["a"]\n', encoding="utf-8")
    with pytest.raises(LexiconError, match="weak words need categories"):
        load_lexicon(bad)


def test_an_emergency_transfer_needs_only_the_description(profile, operator):
    saved = profile.intake.log_call(CallRecord(description="老人在家摔倒昏迷不醒", urgency="emergency",
                                               transfer_to="120"), operator)
    detail = profile.cases.get(saved.number)
    assert detail.case.state == "closed" and detail.case.type == "help"
    assert [(e.kind, e.payload.get("to")) for e in detail.events] == [("receive", None), ("transfer", "120")]


def test_an_emergency_without_a_line_names_every_target(profile, operator):
    with pytest.raises(IntakeError) as err:
        profile.intake.log_call(CallRecord(description="老人在家摔倒昏迷不醒", urgency="emergency"), operator)
    assert set(err.value.errors) == {"transfer_to"}
    assert "110, 119, 120, 122 or a utility" in err.value.errors["transfer_to"].message


def test_a_utility_emergency_is_put_through_and_dispatched_to_it_as_urgent(profile, operator):
    saved = profile.intake.log_call(CallRecord(caller_phone="13800138000", description="楼道里很浓的煤气味",
                                               urgency="emergency", transfer_to="96777"), operator)
    detail = profile.cases.get(saved.number)
    assert detail.case.state == "dispatched" and detail.case.urgency == "urgent"
    assert detail.case.lead_department == "GAS" and detail.case.deadline is not None
    kinds = [(e.kind, e.payload.get("transferred_to") or e.payload.get("lead_department")) for e in detail.events]
    assert kinds == [("receive", None), ("note", "96777"), ("dispatch", "GAS")]
