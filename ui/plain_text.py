"""Text from outside (citizens, departments, other consoles) shown by Qt exactly as typed.

Qt renders a label or a tooltip as HTML when the text merely looks like HTML
(Qt.mightBeRichText). Labels are set to plain text where they are built; a
tooltip has no such switch, so its text is converted to escaped rich text.
"""
from __future__ import annotations

from PySide6.QtGui import Qt


def tooltip(text: str) -> str:
    """A tooltip that shows `text` as typed, markup and all."""
    return Qt.convertFromPlainText(text) if text else text
