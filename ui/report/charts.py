"""Report charts drawn with QPainter into images (embedded in the PDF and saved as PNG)."""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

CURRENT = QColor("#2f6fb3")
PREVIOUS = QColor("#b8c4d6")
FONT_FAMILY = "Noto Sans CJK SC"


def _font(size: float, bold: bool = False) -> QFont:
    f = QFont(FONT_FAMILY)
    f.setPixelSize(int(size))
    f.setBold(bold)
    return f


def bar_chart(title: str, labels: list[str], current: list[float], previous: list[float] | None,
              legend: tuple[str, str], width: int = 1400, bar_h: int = 34, value_fmt=lambda v: f"{v:,.0f}") -> QImage:
    """Horizontal bars, this period (blue) over the previous one (grey), values at the bar ends."""
    n = len(labels)
    top, left, right = 90, 330, 140
    height = top + max(n, 1) * bar_h + 30
    img = QImage(width, height, QImage.Format.Format_RGB32)
    img.fill(Qt.GlobalColor.white)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setFont(_font(28, True))
    p.setPen(QColor("#222"))
    p.drawText(QRectF(20, 8, width - 40, 40), Qt.AlignmentFlag.AlignLeft, title)
    p.setFont(_font(20))
    p.fillRect(QRectF(width - 420, 56, 22, 16), CURRENT)
    p.drawText(QRectF(width - 390, 48, 160, 30), Qt.AlignmentFlag.AlignLeft, legend[0])
    if previous is not None:
        p.fillRect(QRectF(width - 220, 56, 22, 16), PREVIOUS)
        p.drawText(QRectF(width - 190, 48, 180, 30), Qt.AlignmentFlag.AlignLeft, legend[1])
    top_value = max(list(current) + list(previous or []) + [1e-9])
    span = width - left - right
    for i, label in enumerate(labels):
        y = top + i * bar_h
        p.setPen(QColor("#333"))
        p.drawText(QRectF(10, y, left - 20, bar_h), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        w = span * current[i] / top_value
        p.fillRect(QRectF(left, y + 5, w, bar_h * 0.45), CURRENT)
        if previous is not None:
            pw = span * previous[i] / top_value
            p.fillRect(QRectF(left, y + 5 + bar_h * 0.45, pw, bar_h * 0.3), PREVIOUS)
        p.drawText(QRectF(left + w + 8, y, right + 60, bar_h * 0.6), Qt.AlignmentFlag.AlignLeft |
                   Qt.AlignmentFlag.AlignVCenter, value_fmt(current[i]))
    p.setPen(QPen(QColor("#999"), 1))
    p.drawLine(left, top, left, top + n * bar_h)
    p.end()
    return img
