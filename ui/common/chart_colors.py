"""The colours the charts share: the day review's timeline and the consultant's week."""

from __future__ import annotations

from PySide6.QtGui import QColor

from tracker.model import ConsultancyType

TYPE_COLORS = {
    ConsultancyType.TECHNICAL: QColor("#2f6fb3"),
    ConsultancyType.SUPPORT: QColor("#e08a1e"),
    ConsultancyType.STANDARD: QColor("#8c959f"),
}
GRID = QColor("#d9dde3")
