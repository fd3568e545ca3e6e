"""The case detail with attachments, for docs/screenshots/case_attachments_<lang>.png:
`QT_QPA_PLATFORM=offscreen python -m tests.ui.attachment_screenshot [en|zh_CN ...]`."""
from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw
from PySide6.QtWidgets import QApplication

from tests.attachment_files import pdf, wav
from tests.ui.screenshots import SHOTS, _settle


def street_photo(seed: int) -> bytes:
    """A photo-like picture: a road, a kerb and a broken manhole cover (or a streetlight)."""
    img = Image.new("RGB", (800, 600), (120, 124, 130))
    d = ImageDraw.Draw(img)
    for y in range(600):  # asphalt shading
        g = 95 + (y * 40) // 600
        d.line([(0, y), (800, y)], fill=(g, g + 2, g + 6))
    d.rectangle([0, 0, 800, 140], fill=(170, 200, 230))  # sky
    d.polygon([(0, 140), (800, 140), (800, 190), (0, 230)], fill=(180, 176, 168))  # kerb
    if seed == 1:
        d.ellipse([280, 300, 560, 460], fill=(40, 42, 45), outline=(20, 20, 20), width=6)
        d.line([(300, 330), (540, 430)], fill=(150, 150, 150), width=8)
        d.line([(330, 450), (500, 310)], fill=(150, 150, 150), width=6)
    else:
        d.rectangle([600, 20, 612, 190], fill=(60, 60, 64))
        d.rectangle([560, 20, 640, 40], fill=(60, 60, 64))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=88)
    return out.getvalue()


def shoot(lang: str) -> Path:
    from console.intake import CallRecord
    from ui.app import install_translators
    from ui.case_detail import CaseDetailPanel
    from ui.demo_profile import demo_window_profile
    from ui.services import build_services
    app = QApplication.instance() or QApplication(sys.argv[:1])
    installed = install_translators(app, lang)
    profile, _actor, tmp = demo_window_profile(cases=0)
    try:
        op = profile.actor("op01")
        case = profile.intake.log_call(CallRecord(
            caller_phone="13700006666", caller_name="李女士", type="help", category_code="0203", district="JJ",
            address="东大街3号", lead_department="GOV-JJ",
            description="东大街3号门口井盖破损下陷，夜里有行人差点摔倒，市民拍了照片并录了语音说明"), op)
        panel = CaseDetailPanel(build_services(profile, op))
        panel.resize(620, 760)
        panel.show()
        panel.load(case.id)
        folder = Path(tempfile.mkdtemp(prefix="attach-shot-"))
        for name, data in [("井盖破损.jpg", street_photo(1)), ("路灯位置.jpg", street_photo(2)),
                           ("情况说明.pdf", pdf()), ("市民语音.wav", wav(20))]:
            (folder / name).write_bytes(data)
            panel.attachments.add_file(str(folder / name))
        panel.timeline.setFocus()
        _settle(app)
        out = SHOTS / f"case_attachments_{lang}.png"
        panel.grab().save(str(out))
        panel.close()
        return out
    finally:
        for t in installed:
            app.removeTranslator(t)
        profile.close()
        tmp.cleanup()


if __name__ == "__main__":
    for lang in sys.argv[1:] or ["zh_CN", "en"]:
        print(shoot(lang))
