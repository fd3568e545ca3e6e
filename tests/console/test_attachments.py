"""Attachments on the console (issue 14 point 5): the content decides, never the name;
hostile files get a clear refusal and leave nothing behind; what is stored carries no
location; the attach event is the case's ordinary event (and outbox row)."""
from __future__ import annotations

import io
import os

import pytest
from PIL import Image
from sqlalchemy import func, select

from console.attachment_rules import AttachmentError, meta_problem
from console.attachments import BlobStore, has_location, inspect
from console.case_attachments import AttachmentService, attachments_dir
from console.intake import CallRecord
from console.workflow import WorkflowError
from models import CaseEvent, Outbox
from tests.attachment_files import jpeg_with_location, pdf, png, truncated_jpeg, wav, zip_named_png


@pytest.fixture
def case(profile, operator, clock):
    return profile.intake.log_call(CallRecord(caller_phone="13800138000", type="help", category_code="0203",
                                              district="JJ", description="路灯不亮已经三天了"), operator)


@pytest.fixture
def service(profile):
    return AttachmentService(profile.db, profile.cases)


def _file(tmp_path, data: bytes, name: str = "file.bin"):
    path = tmp_path / "in" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return path


def _stored(service) -> list:
    root = service.store.root
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _counts(profile):
    with profile.db.session() as s:
        return s.scalar(select(func.count()).select_from(CaseEvent)), s.scalar(select(func.count())
                                                                              .select_from(Outbox))


def test_photo_pdf_and_voice_note_are_attached_by_content(profile, operator, case, service, tmp_path):
    for data, name in [(jpeg_with_location(), "现场.jpg"), (pdf(), "告知书.pdf"), (wav(), "录音.wav"),
                       (png(), "截图.dat")]:
        service.add_file(case.number, _file(tmp_path, data, name), operator)
    shown = service.list(case.id)
    assert [(a.name, a.mime, a.kind, a.public, a.local) for a in shown] == [
        ("现场.jpg", "image/jpeg", "image", False, True), ("告知书.pdf", "application/pdf", "pdf", False, True),
        ("录音.wav", "audio/x-wav", "audio", False, True), ("截图.dat", "image/png", "image", False, True)]
    for a in shown:  # stored under the profile, named by the digest of what is stored
        path = service.local_copy(a.sha256)
        assert path == attachments_dir(profile.db) / a.sha256[:2] / a.sha256 and path.stat().st_size == a.size
    assert not has_location(service.store.read(shown[0].sha256))  # the GPS position is gone
    with profile.db.session() as s:
        events = s.scalars(select(CaseEvent).where(CaseEvent.kind == "attach")).all()
        outbox = [o.payload["event"]["kind"] for o in s.scalars(select(Outbox).order_by(Outbox.seq))]
    assert len(events) == 4 and outbox.count("attach") == 4
    assert set(events[0].payload) == {"sha256", "size", "mime", "name", "public"}
    assert profile.cases.get(case.number).case.state == "received"  # no state change


@pytest.mark.parametrize("data,name,code", [
    (zip_named_png(), "photo.png", "type_not_allowed"),  # a PNG that is really a ZIP
    (b"", "empty.jpg", "empty"),
    (truncated_jpeg(), "cut.jpg", "damaged"),
    (b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n", "cut.pdf", "damaged"),
    (b"MZ\x90\x00" + b"\0" * 100, "photo.jpg", "type_not_allowed"),
    (b"<html><script>alert(1)</script></html>", "photo.jpg", "type_not_allowed"),
    (png(), "a\x1b[31mb.png", "bad_name"),
    (png(), "..", "bad_name"),
])
def test_hostile_files_are_refused_and_nothing_is_kept(profile, operator, case, service, tmp_path, data, name,
                                                       code):
    before = _counts(profile)
    path = _file(tmp_path, data, "upload")
    with pytest.raises(AttachmentError) as refused:
        service.add_file(case.number, path, operator, name=name)
    assert refused.value.code == code and str(refused.value)
    assert _counts(profile) == before and _stored(service) == []
    assert path.read_bytes() == data  # the operator's file is untouched


def test_a_name_with_path_separators_never_decides_a_path(profile, operator, case, service, tmp_path):
    for name in ("../../etc/passwd.png", "..\\..\\boot.png", "/tmp/x.png"):
        with pytest.raises(AttachmentError, match="may not contain"):
            service.add_file(case.number, _file(tmp_path, png()), operator, name=name)
    assert _stored(service) == []


def test_a_50_mb_file_is_refused_without_being_read_whole(profile, operator, case, service, tmp_path):
    path = tmp_path / "huge.jpg"
    with open(path, "wb") as fh:  # sparse: 50 MB on paper
        fh.write(jpeg_with_location()[:200])
        fh.truncate(50 * 1024 * 1024)
    before = _counts(profile)
    with pytest.raises(AttachmentError) as refused:
        service.add_file(case.number, path, operator)
    assert refused.value.code == "too_large" and "10 MB" in str(refused.value)
    assert _counts(profile) == before and _stored(service) == []


def test_a_refused_action_keeps_no_bytes(profile, operator, case, service, tmp_path):
    other = profile.intake.log_call(CallRecord(caller_phone="13800138000", type="help", category_code="0203",
                                               district="JJ", description="同一个路灯"), operator)
    profile.cases.act(case.number, "merge", operator, "重复来电", {"into": other.number})  # merged: no attachments
    with pytest.raises(WorkflowError) as refused:
        service.add_file(case.number, _file(tmp_path, png()), operator)
    assert refused.value.code == "wrong_state"
    assert _stored(service) == []


def test_a_changed_local_copy_is_not_offered_for_opening(operator, case, service, tmp_path):
    service.add_file(case.number, _file(tmp_path, png(), "a.png"), operator)
    [a] = service.list(case.id)
    path = service.local_copy(a.sha256)
    os.chmod(path, 0o644)
    path.write_bytes(png(color=(1, 2, 3)))  # someone changed the file on disk
    assert service.local_copy(a.sha256) is None


def test_the_image_is_turned_upright_and_loses_every_tag():
    img = Image.new("RGB", (40, 20), (0, 0, 255))
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "HUAWEI"
    exif[0x8825] = {1: "N", 2: (30.0, 39.0, 42.0), 3: "E", 4: (104.0, 3.0, 58.0)}
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif, comment=b"taken at home")
    checked = inspect(out.getvalue(), "x.jpg")
    with Image.open(io.BytesIO(checked.data)) as kept:
        assert kept.size == (20, 40) and not kept.getexif() and "comment" not in kept.info


def test_the_event_payload_is_checked_like_the_file():
    good = {"sha256": "a" * 64, "size": 10, "mime": "image/png", "name": "a.png", "public": False}
    assert meta_problem(good) is None
    for bad, code in [({"sha256": "A" * 64}, "bad_digest"), ({"sha256": "../x"}, "bad_digest"),
                      ({"size": 0}, "empty"), ({"size": 11 * 1024 * 1024}, "too_large"), ({"size": "10"}, "empty"),
                      ({"mime": "application/zip"}, "type_not_allowed"), ({"name": "a/b"}, "bad_name"),
                      ({"public": "yes"}, "bad_public")]:
        assert meta_problem({**good, **bad}).code == code, bad


def test_the_store_names_files_only_by_a_checked_digest(tmp_path):
    store = BlobStore(tmp_path / "blobs")
    for bad in ("../../etc/passwd", "a" * 63, "A" * 64, ""):
        with pytest.raises(AttachmentError):
            store.path(bad)
        assert not store.has(bad)
    sha = store.put(b"hello")
    assert store.read(sha) == b"hello" and store.verified(sha)
    with pytest.raises(AttachmentError):
        store.put(b"hello", "0" * 64)
