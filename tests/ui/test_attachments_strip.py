"""The case detail's attachments (issue 14 point 5): thumbnails and icons with name and size,
Add attachment with a refusal in plain words, Open on a verified local copy only, and a
download first when the file is not on this computer."""
from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path

import pytest
import qasync
from PySide6.QtWidgets import QApplication, QListWidget, QPushButton

from console.intake import CallRecord
from tests.attachment_files import jpeg_with_location, pdf, wav, zip_named_png


@pytest.fixture
def panel(qtbot, profile, clock):
    from ui.case_detail import CaseDetailPanel
    from ui.services import build_services
    services = build_services(profile, profile.actor("op01"))
    p = CaseDetailPanel(services)
    qtbot.addWidget(p)
    p.resize(620, 760)
    p.show()
    case = profile.intake.log_call(CallRecord(caller_phone="13800138000", type="complaint", category_code="0203",
                                              district="JJ", address="春熙路1号",
                                              description="井盖破损，夜里有人差点摔倒"),
                                   profile.actor("op01"))
    p.load(case.id)
    return p


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_add_shows_a_thumbnail_and_icons_with_name_and_size(panel, tmp_path, qtbot):
    strip = panel.attachments
    files = iter([_write(tmp_path, "井盖.jpg", jpeg_with_location()), _write(tmp_path, "告知书.pdf", pdf()),
                  _write(tmp_path, "录音.wav", wav())])
    strip.file_picker = lambda: next(files)
    add = panel.findChild(QPushButton, "caseAddAttachment")
    assert add.isEnabled()
    with qtbot.waitSignal(panel.acted):
        add.click()
    add.click()
    add.click()
    shown = panel.findChild(QListWidget, "caseAttachments")
    texts = [shown.item(i).text() for i in range(shown.count())]
    assert [t.split("\n")[0] for t in texts] == ["井盖.jpg", "告知书.pdf", "录音.wav"]
    assert all(t.split("\n")[1].endswith(("KB", "B", "MB")) for t in texts)
    photo_icon = shown.item(0).icon().pixmap(72, 72)
    assert not photo_icon.isNull() and max(photo_icon.width(), photo_icon.height()) <= 72
    assert "attach" in [e.kind for e in panel.detail.events]  # the timeline has the event
    assert strip.title.text().endswith("(3)")


def test_a_hostile_file_is_refused_in_plain_words_and_nothing_changes(panel, tmp_path):
    strip = panel.attachments
    version = panel.detail.case.version
    assert not strip.add_file(_write(tmp_path, "photo.png", zip_named_png()))
    assert "application/zip" in strip.error.text() and strip.error.text().startswith("Not attached")
    big = tmp_path / "big.jpg"
    with open(big, "wb") as fh:
        fh.write(b"\xff\xd8\xff")
        fh.truncate(50 * 1024 * 1024)
    assert not strip.add_file(str(big))
    assert "10 MB" in strip.error.text()
    panel.reload()
    assert panel.detail.case.version == version and strip.list.count() == 0


def test_open_hands_the_viewer_a_verified_copy(panel, tmp_path):
    opened = []
    strip = panel.attachments
    strip.opener = lambda url: opened.append(url.toLocalFile()) or True
    strip.add_file(_write(tmp_path, "x/../井盖.jpg".replace("/", "_"), jpeg_with_location()))
    [view] = strip.service.list(panel.detail.case.id)
    assert strip.open_selected()
    assert len(opened) == 1 and opened[0].endswith(".jpg") and "井盖" not in opened[0]
    assert hashlib.sha256(Path(opened[0]).read_bytes()).hexdigest() == view.sha256
    # the stored copy changed behind the program's back: not opened
    stored = strip.service.store.path(view.sha256)
    stored.write_bytes(b"\xff\xd8\xff" + b"\0" * 10)
    assert not strip.open_selected() and len(opened) == 1
    assert "not on this computer" in strip.error.text()


def test_a_file_not_here_is_downloaded_then_opened(panel, tmp_path, qtbot):
    strip = panel.attachments
    strip.add_file(_write(tmp_path, "录音.wav", wav()))
    [view] = strip.service.list(panel.detail.case.id)
    stored = strip.service.store.path(view.sha256)
    data = stored.read_bytes()
    stored.unlink()  # another console's attachment: only its event is here
    panel.reload()
    assert "downloaded when opened" in strip.list.item(0).toolTip()
    asked, opened = [], []

    async def download(number: str, sha: str) -> Path:  # the sync controller's download, faked
        asked.append((number, sha))
        await asyncio.sleep(0)
        return Path(strip.service.store.root / sha[:2] / sha) if strip.service.store.put(data) else Path()

    strip.downloader = download
    strip.opener = lambda url: opened.append(url.toLocalFile()) or True
    loop = qasync.QEventLoop(QApplication.instance())  # the program's one loop, as ui.app makes it
    asyncio.set_event_loop(loop)
    try:
        assert strip.open_selected()
        loop.run_until_complete(strip._task)
        loop.run_until_complete(asyncio.sleep(0.01))  # the done callback
    finally:
        asyncio.set_event_loop(None)
        loop.close()
    assert asked == [(panel.detail.case.number, view.sha256)] and opened[0].endswith(".wav")
    assert "on this computer" in strip.list.item(0).toolTip()


def test_mark_publishable(panel, tmp_path):
    strip = panel.attachments
    strip.add_file(_write(tmp_path, "井盖.jpg", jpeg_with_location()))
    publish = panel.findChild(QPushButton, "casePublishAttachment")
    assert publish.isEnabled() and "not public" in strip.list.item(0).toolTip()
    publish.click()
    assert "may be published" in strip.list.item(0).toolTip() and not publish.isEnabled()
    assert [e.payload["public"] for e in panel.detail.events if e.kind == "attach"] == [False, True]


def test_a_merged_case_offers_no_add(panel, profile):
    op = profile.actor("op01")
    other = profile.intake.log_call(CallRecord(caller_phone="13800138000", type="complaint", category_code="0203",
                                               district="JJ", address="春熙路1号", description="同一个井盖"), op)
    profile.cases.act(panel.detail.case.number, "merge", op, "重复来电", {"into": other.number})
    panel.reload()
    assert not panel.findChild(QPushButton, "caseAddAttachment").isEnabled()
