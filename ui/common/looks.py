"""Style sheets set only when they change.

``QWidget.setStyleSheet`` polishes the widget again even when given the sheet it has, and
the window sets its button's and status bar's sheets on every tick and every message.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def restyle(widget: QWidget, sheet: str) -> None:
    """Give ``widget`` the style sheet ``sheet``, unless it has it already."""
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)
