"""A case's attachments in the case detail: thumbnails (photos) and file icons (PDF, voice
notes) with name and size, Add attachment, and Open with the system's viewer.

Open shows only a verified local copy (its bytes hash to the sha256 that names it); one
that is not on this computer is downloaded first when a sync client is configured (the
`downloader` the window's sync controller sets). The viewer gets a copy under a name this
program makes from the type (never the name the file came with)."""
from __future__ import annotations

import asyncio
import logging
import shutil
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from console.attachment_rules import AttachmentError
from console.workflow import WorkflowError

from .refusals import refusal_text

log = logging.getLogger(__name__)
THUMB = 72
CELL = QSize(THUMB + 72, THUMB + 46)  # a thumbnail and two lines under it: the name and the size
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/gif": "gif",
              "application/pdf": "pdf", "audio/mpeg": "mp3", "audio/mp4": "m4a", "audio/aac": "aac",
              "audio/amr": "amr", "audio/x-wav": "wav", "audio/ogg": "ogg"}
SHA_ROLE = Qt.ItemDataRole.UserRole


def file_size(n: int) -> str:
    """12 KB, 3.4 MB: a size as people read it."""
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / (1024 * 1024):.1f} MB"


class AttachmentStrip(QWidget):
    """Attachments of the case shown in the detail panel."""

    added = Signal(object)  # the CaseSummary after an attach
    status_message = Signal(str)

    def __init__(self, service, actor, parent=None, file_picker: Callable[[], str] | None = None,
                 opener: Callable[[QUrl], bool] | None = None):
        super().__init__(parent)
        self.setObjectName("caseAttachmentStrip")
        self.service, self.actor = service, actor
        self.file_picker = file_picker or self._pick_file
        self.opener = opener or QDesktopServices.openUrl
        # (case number, sha256) -> an awaitable of the local path; set when a central server is configured
        self.downloader: Callable[[str, str], Awaitable[Path]] | None = None
        self.case = None
        self._views: dict[str, object] = {}
        self._task: asyncio.Future | None = None
        self._setup_ui()

    # -- public ------------------------------------------------------------------------
    def show_case(self, case, may_attach: bool) -> None:
        """Show `case`'s attachments (None: nothing); `may_attach`: the account may add one."""
        self.case = case
        self.error.clear()
        self.list.clear()
        self._views = {}
        if case is None or self.service is None:
            self.title.setText(self.tr("Attachments"))
            self.add_button.setEnabled(False)
            self.open_button.setEnabled(False)
            self.publish_button.setEnabled(False)
            return
        views = self.service.list(case.id)
        for view in views:
            self._views[view.sha256] = view
            item = QListWidgetItem(self._icon(view), f"{_short(view.name)}\n{file_size(view.size)}")
            item.setData(SHA_ROLE, view.sha256)
            item.setToolTip(self._tooltip(view))
            item.setSizeHint(CELL)
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            self.list.addItem(item)
        self.title.setText(self.tr("Attachments ({0})").format(len(views)) if views else
                           self.tr("Attachments: none yet"))
        self.list.setVisible(bool(views))
        self.add_button.setEnabled(may_attach)
        self.public.setEnabled(may_attach)
        self._may_attach = may_attach
        self.open_button.setEnabled(bool(views))
        if views:
            self.list.setCurrentRow(0)
        self._on_current_changed()

    def add_file(self, path: str | None = None) -> bool:
        """Attach the file at `path` (asked for when None); a refusal is shown in plain words."""
        if self.case is None or self.service is None:
            return False
        path = path if path is not None else self.file_picker()
        if not path:
            return False
        self.error.clear()
        try:
            summary = self.service.add_file(self.case.id, path, self.actor, public=self.public.isChecked())
        except AttachmentError as exc:
            self.error.setText(self.tr("Not attached: {0}").format(self._refusal(exc)))
            return False
        except WorkflowError as exc:
            self.error.setText(self.tr("Not attached: {0}").format(refusal_text(exc)))
            return False
        self.public.setChecked(False)
        self.status_message.emit(self.tr("{0}: attachment added.").format(summary.number))
        self.added.emit(summary)
        return True

    def publish_selected(self) -> bool:
        """Mark the selected attachment publishable (it may then appear on the public site and in Open311)."""
        item = self.list.currentItem()
        if item is None or self.case is None or self.service is None:
            return False
        try:
            summary = self.service.mark_public(self.case.id, item.data(SHA_ROLE), self.actor)
        except WorkflowError as exc:
            self.error.setText(self.tr("Not marked: {0}").format(refusal_text(exc)))
            return False
        self.status_message.emit(self.tr("{0}: attachment marked publishable.").format(summary.number))
        self.added.emit(summary)
        return True

    def _on_current_changed(self, *_args) -> None:
        item = self.list.currentItem()
        view = self._views.get(item.data(SHA_ROLE)) if item is not None else None
        self.publish_button.setEnabled(bool(view is not None and not view.public and self._may_attach))

    def open_selected(self) -> bool:
        """Open the selected attachment with the system's viewer (downloading it first when needed)."""
        item = self.list.currentItem()
        if item is None or self.case is None or self.service is None:
            return False
        sha = item.data(SHA_ROLE)
        local = self.service.local_copy(sha)
        if local is not None:
            return self._open(sha, local)
        if self.downloader is None:
            self.error.setText(self.tr("This attachment is not on this computer, and no central server is set up "
                                       "to download it from."))
            return False
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self.error.setText(self.tr("Downloading {0}…").format(self._views[sha].name))
        self._task = asyncio.ensure_future(self.downloader(self.case.number, sha))
        self._task.add_done_callback(lambda task, sha=sha: self._on_downloaded(sha, task))
        return True

    # -- internals ---------------------------------------------------------------------
    def _on_downloaded(self, sha: str, task: asyncio.Future) -> None:
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            log.info("attachment download failed: %s", exc)
            self.error.setText(self.tr("Could not download the attachment: {0}").format(exc))
            return
        self.error.clear()
        local = self.service.local_copy(sha)
        if local is not None:
            self._open(sha, local)
        if self.case is not None:
            self.show_case(self.case, self.add_button.isEnabled())

    def _open(self, sha: str, local: Path) -> bool:
        view = self._views.get(sha)
        ext = EXTENSIONS.get(getattr(view, "mime", ""), "bin")
        shown = local.parent.parent / "open" / f"{sha[:16]}.{ext}"
        try:
            shown.parent.mkdir(parents=True, exist_ok=True)
            if not shown.exists() or shown.stat().st_size != local.stat().st_size:
                shutil.copyfile(local, shown)
        except OSError as exc:
            self.error.setText(self.tr("Could not open the attachment: {0}").format(exc.strerror or exc))
            return False
        if not self.opener(QUrl.fromLocalFile(str(shown))):
            self.error.setText(self.tr("No program on this computer opens this kind of file."))
            return False
        return True

    def _refusal(self, exc: AttachmentError) -> str:
        texts = {
            "empty": self.tr("the file is empty"),
            "too_large": self.tr("the file is larger than {0} MB").format(exc.params.get("limit_mb", "10")),
            "type_not_allowed": self.tr("only photos (JPEG, PNG, WebP, GIF), PDF documents and voice recordings "
                                        "(MP3, M4A, AAC, AMR, WAV, OGG) can be attached; this file's content is "
                                        "{0}").format(exc.params.get("found", "?")),
            "damaged": self.tr("the file is damaged or incomplete"),
            "bad_name": self.tr("the file name has characters that cannot be kept (path separators or control "
                                "characters); rename the file"),
            "unreadable": self.tr("the file cannot be read"),
        }
        return texts.get(exc.code, str(exc))

    def _icon(self, view) -> QIcon:
        if view.kind == "image" and view.local:
            path = self.service.local_copy(view.sha256)
            if path is not None:
                reader = QImageReader(str(path))
                size = reader.size()
                if size.isValid() and size.width() > 0 and size.height() > 0:
                    reader.setScaledSize(size.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio))
                image = reader.read()
                if not image.isNull():
                    return QIcon(QPixmap.fromImage(image))
        style = self.style()
        which = {"pdf": QStyle.StandardPixmap.SP_FileIcon, "audio": QStyle.StandardPixmap.SP_MediaVolume}
        if view.kind == "image":
            return style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown)  # a photo still to download
        return style.standardIcon(which.get(view.kind, QStyle.StandardPixmap.SP_FileIcon))

    def _tooltip(self, view) -> str:
        kinds = {"image": self.tr("photo"), "pdf": self.tr("PDF document"), "audio": self.tr("voice recording")}
        lines = [view.name, f"{kinds.get(view.kind, view.mime)} · {file_size(view.size)}",
                 self.tr("may be published") if view.public else self.tr("not public"),
                 self.tr("on this computer") if view.local else self.tr("downloaded when opened")]
        return "\n".join(lines)

    def _pick_file(self) -> str:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Add attachment"), "",
            self.tr("Photos, PDF, voice recordings (*.jpg *.jpeg *.png *.webp *.gif *.pdf *.mp3 *.m4a *.aac *.amr "
                    "*.wav *.ogg);;All files (*)"))
        return path

    def _setup_ui(self) -> None:
        self.title = QLabel(self.tr("Attachments"), self, objectName="caseAttachmentsTitle")
        self.title.setStyleSheet("font-weight:bold;")
        self.list = QListWidget(self, objectName="caseAttachments")
        self.list.setAccessibleName(self.tr("Attachments"))
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setGridSize(CELL)
        self.list.setWordWrap(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setFixedHeight(CELL.height() + 12)
        self.list.itemActivated.connect(lambda _item: self.open_selected())
        self.add_button = QPushButton(self.tr("Add attachment…"), self, objectName="caseAddAttachment")
        self.add_button.setAccessibleName(self.tr("Add attachment"))
        self.add_button.clicked.connect(lambda: self.add_file())
        self.public = QCheckBox(self.tr("May be published"), self, objectName="caseAttachmentPublic")
        self.public.setAccessibleName(self.tr("Attachment may be published"))
        self.public.setToolTip(self.tr("Only attachments marked so are ever shown on the public site or through "
                                       "Open311; location data is removed from every photo."))
        self.open_button = QPushButton(self.tr("Open"), self, objectName="caseOpenAttachment")
        self.open_button.setAccessibleName(self.tr("Open attachment"))
        self.open_button.clicked.connect(self.open_selected)
        self.publish_button = QPushButton(self.tr("Mark publishable"), self, objectName="casePublishAttachment")
        self.publish_button.setAccessibleName(self.tr("Mark the attachment publishable"))
        self.publish_button.clicked.connect(self.publish_selected)
        self.list.currentItemChanged.connect(self._on_current_changed)
        self._may_attach = False
        self.error = QLabel(self, objectName="caseAttachmentError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#b02a37;")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        row = QHBoxLayout()
        row.addWidget(self.title, 1)
        row.addWidget(self.public)
        row.addWidget(self.add_button)
        row.addWidget(self.publish_button)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.list)
        layout.addWidget(self.error)
        self.show_case(None, False)

    def focus_order(self) -> list[QWidget]:
        """The strip's widgets in Tab order."""
        return [self.list, self.public, self.add_button, self.publish_button, self.open_button]


def _short(name: str, limit: int = 18) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def main() -> int:
    """The strip alone on a temporary demo profile: `python -m ui.attachments_strip`."""
    from console.case_attachments import AttachmentService

    from .demo_profile import demo_window_profile
    app = QApplication.instance() or QApplication(sys.argv[:1])
    profile, actor, _tmp = demo_window_profile(cases=20)
    strip = AttachmentStrip(AttachmentService(profile.db, profile.cases), actor)
    first = profile.cases.list_cases(limit=1)
    strip.show_case(first[0] if first else None, True)
    strip.resize(560, 200)
    strip.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
