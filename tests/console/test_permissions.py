"""The permission table (console/permissions.py) against one written out by hand
from docs/design.md section 2 and issue 12: who may take each action, through which path,
and what a department's relation to the case changes. The live server is checked
against the same table in tests/sync/test_authorization.py."""
from types import SimpleNamespace

import pytest

from console.permissions import COLUMNS, PATHS, TABLE, Forbidden, Relation, actions_for, authorize, permitted, relation
from console.workflow import ACTIONS, WorkflowError, allowed_actions

HOTLINE = {"receive", "answer", "dispatch", "queue_callback", "callback", "callback_unreached", "reopen", "close",
           "transfer", "merge", "edit", "note", "progress_contact", "attach", "unit_contacted"}
# a dissatisfied callback's review and closing a replied case without a callback are a team lead's
LEADS = {"approve_extension", "reject_extension", "cancel", "supervise", "instruct", "pick", "review_reopen",
         "review_close", "close_without_callback", "approve_return", "reject_return", "decide_dispute"}
# only the lead unit signs for, returns, extends, replies and passes a case down
DEPARTMENT = {"accept", "return", "request_extension", "reply", "progress_contact", "sub_dispatch"}
# (role, relation of the account's department to the case) -> what it may do:
# a liaison acts for its lead department, an assisting one only adds notes and its assist opinion
# (an opinion is a unit's own word: not even an admin gives one)
MAY = {("operator", "any"): HOTLINE, ("team_lead", "any"): HOTLINE | LEADS,
       ("admin", "any"): HOTLINE | LEADS | DEPARTMENT,
       ("liaison", "lead"): DEPARTMENT | {"note", "attach"},
       ("liaison", "assisting"): {"note", "assist_opinion", "attach"},
       ("liaison", "none"): set(),
       ("open311", "any"): {"receive", "attach"}}
WRITES_THROUGH = {"push": {"operator", "team_lead", "liaison", "admin"},
                  "api": {"operator", "team_lead", "liaison", "admin"}, "open311": {"open311"}}


def test_the_permission_table_is_the_one_written_out_here():
    for (role, rel), actions in MAY.items():
        for action in ACTIONS:
            for r in (list(Relation) if rel == "any" else [rel]):
                assert permitted(role, action, r) == (action in actions), (role, r, action)
    assert {p.value: {r.value for r in roles} for p, roles in PATHS.items()} == WRITES_THROUGH
    assert set(TABLE) == set(ACTIONS)
    assert not permitted("system", "receive") and not permitted("mayor", "note") and not permitted("admin", "fly")


def test_the_table_never_grants_what_the_workflow_forbids():
    for action, grants in TABLE.items():
        for role, rels in zip(COLUMNS, grants, strict=True):
            assert not rels or role in ACTIONS[action].roles, (action, role)


def _case(state="dispatched", lead="URBAN", assist=("HRSS",)):
    return SimpleNamespace(state=state, lead_department=lead, assist_departments=list(assist))


def _who(login, role, department=None):
    return SimpleNamespace(login=login, role=role, department=department)


def test_relation_of_a_department_to_a_case():
    case = _case()
    assert [relation(d, case) for d in ("URBAN", "HRSS", "HOUSING", None)] == ["lead", "assisting", "none", "none"]
    assert relation("URBAN", _case(lead=None, assist=())) == "none"


def test_what_a_window_offers_follows_the_table():
    case = _case()
    assert actions_for(_who("urban", "liaison", "URBAN"), case) == ["accept", "return", "sub_dispatch",
                                                                     "progress_contact", "note", "attach"]
    assert actions_for(_who("hrss", "liaison", "HRSS"), case) == ["assist_opinion", "note", "attach"]
    assert actions_for(_who("housing", "liaison", "HOUSING"), case) == []
    assert actions_for(_who("op01", "operator"), case) == [a for a in allowed_actions("dispatched", "operator")]
    assert "supervise" in actions_for(_who("lead01", "team_lead"), case)
    assert "supervise" not in actions_for(_who("op01", "operator"), case)


@pytest.mark.parametrize("who,path,action,message", [
    (_who("hrss", "liaison", "HRSS"), "api", "reply", "HRSS is only assisting on this case; only the lead department"),
    (_who("housing", "liaison", "HOUSING"), "api", "note",
     "not a department of this case; only the lead or an assisting"),
    (_who("op01", "operator"), "api", "supervise",
     "the account op01 (operator) may not do this (allowed: team_lead, admin)"),
    (_who("housing", "liaison", "HOUSING"), "push", "accept",
     "HOUSING is not a department of this case; only the lead department"),
    (_who("urban", "liaison", "URBAN"), "open311", "accept", "the role liaison may not write through Open311"),
    (_who("open311:app", "open311"), "open311", "note",
     "may not do this (allowed: operator, team_lead, liaison, admin)"),
    (_who("admin", "admin"), "open311", "receive", "the role admin may not write through Open311"),
])
def test_a_refusal_says_why_in_plain_words(who, path, action, message):
    with pytest.raises(Forbidden, match=message.replace("(", r"\(").replace(")", r"\)")):
        authorize(who, path, action, _case(), "原因", {"text": "x", "result": "x"})


def test_an_allowed_action_still_meets_the_workflow():
    urban = _who("urban", "liaison", "URBAN")
    assert authorize(urban, "api", "accept", _case()) == "accepted"
    with pytest.raises(WorkflowError, match="result is required") as err:
        authorize(urban, "api", "reply", _case(state="accepted"))
    assert not isinstance(err.value, Forbidden)
    with pytest.raises(WorkflowError, match="only a case that is"):
        authorize(urban, "api", "accept", _case(state="closed"))
