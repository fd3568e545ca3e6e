"""The call draft survives: save, overwrite, load the latest, discard."""
from __future__ import annotations

from console.drafts import DraftService
from console.profile import open_profile


def test_save_overwrite_and_restore_in_a_new_connection(profile, tmp_path):
    drafts = DraftService(profile.db)
    assert drafts.latest("op01") is None
    did = drafts.save("op01", {"caller_phone": "138"}, "intakeCallerPhone", "call-1")
    assert drafts.save("op01", {"caller_phone": "13800138000", "description": "噪音扰民"},
                       "intakeDescription", "call-1", draft_id=did) == did
    profile.close()
    again = open_profile(profile.data_dir)
    try:
        view = DraftService(again.db).latest("op01")
        assert view.id == did
        assert view.data == {"caller_phone": "13800138000", "description": "噪音扰民"}
        assert view.focus_field == "intakeDescription"
        assert view.call_id == "call-1"
        assert DraftService(again.db).latest("op02") is None
        DraftService(again.db).discard(did)
        assert DraftService(again.db).latest("op01") is None
    finally:
        again.close()


def test_a_discarded_draft_id_is_recreated_on_save(profile):
    drafts = DraftService(profile.db)
    did = drafts.save("op01", {"a": 1})
    drafts.discard(did)
    assert drafts.save("op01", {"a": 2}, draft_id=did) == did
    assert drafts.latest("op01").data == {"a": 2}
