"""A message bar in the window: a long message, a warning or an error, read in full.

The status bar shows one line and cuts what does not fit (a backup's path, a sync
failure, a warning added to an action's message).  :class:`MessageBar` sits in the
window above its table, wraps the text over as many lines as it needs, can be selected
and copied, and stays until it is closed or the next message replaces it; an information
(not a warning or an error) leaves by itself after a while, as the status bar's would.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

STYLES = {
    "info": "QFrame#messageBar { background: #eef4fb; border: 1px solid #b8cde6; border-radius: 6px; }"
    "QLabel { color: #1f3a5a; }",
    "warning": "QFrame#messageBar { background: #fdf3e1; border: 1px solid #e3b866; border-radius: 6px; }"
    "QLabel { color: #7a4700; }",
    "error": "QFrame#messageBar { background: #fdecea; border: 1px solid #e6a39b; border-radius: 6px; }"
    "QLabel { color: #8e2b20; font-weight: bold; }",
}


INFO_MS = 20_000  # how long an information stays


def fits(text: str, widget: QWidget, width: int) -> bool:
    """Whether ``text`` shows whole on one line ``width`` pixels wide in ``widget``'s font."""
    return "\n" not in text and QFontMetrics(widget.font()).horizontalAdvance(text) <= width


class MessageBar(QFrame):
    """One message at a time, word-wrapped, with a button that closes it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        self.label = QLabel()
        self.label.setObjectName("messageText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Close this message"))
        self.close_button.clicked.connect(self.dismiss)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.kind = ""
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(INFO_MS)
        self.timer.timeout.connect(self.dismiss)
        self.hide()

    @property
    def text(self) -> str:
        return self.label.text() if self.isVisible() or self.kind else ""

    def show_message(self, text: str, kind: str = "info") -> None:
        if not text:
            self.dismiss()
            return
        self.kind = kind
        self.setStyleSheet(STYLES.get(kind, STYLES["info"]))
        self.label.setText(text)
        self.show()
        if kind == "info":
            self.timer.start()
        else:
            self.timer.stop()

    def dismiss(self) -> None:
        self.timer.stop()
        self.kind = ""
        self.label.clear()
        self.hide()
