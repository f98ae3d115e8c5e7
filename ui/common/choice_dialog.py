"""The keep / discard / split question, asked after a sleep gap or after idle time."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

CHOICES = ("keep", "discard", "split")


class ThreeChoiceDialog(QDialog):
    """Three buttons, one per choice; closing the dialog keeps the time.

    Subclasses give the words (through their own ``tr()``, so each keeps its
    translation context) by calling :meth:`build`.
    """

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.choice: str | None = None
        self.details: QLabel | None = None

    def build(self, title: str, headline: str, details: str, labels: tuple[str, str, str]) -> None:
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxQuestion).pixmap(40, 40))
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        self.text = QLabel(headline)
        bold = self.text.font()
        bold.setBold(True)
        self.text.setFont(bold)
        self.details = QLabel(details)
        words = QVBoxLayout()
        words.setSpacing(10)
        for label in (self.text, self.details):
            label.setWordWrap(True)
            label.setMinimumWidth(540)
            words.addWidget(label)
        top.addLayout(words, 1)
        layout.addLayout(top)
        self.buttons = QDialogButtonBox()
        keep, discard, split = labels
        self.keep_button = self._button(keep, "keep", QDialogButtonBox.ButtonRole.AcceptRole)
        self.discard_button = self._button(discard, "discard", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.split_button = self._button(split, "split", QDialogButtonBox.ButtonRole.ActionRole)
        self.keep_button.setDefault(True)
        layout.addWidget(self.buttons)

    def _button(self, text: str, choice: str, role: QDialogButtonBox.ButtonRole) -> QPushButton:
        button = self.buttons.addButton(text, role)
        assert button is not None
        button.clicked.connect(lambda: self._choose(choice))
        return button

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, ticket: str, since: datetime, until: datetime) -> str:
        """'keep', 'discard' or 'split'; closing the dialog keeps the time."""
        dialog = cls(parent, ticket, since, until)  # type: ignore[call-arg]
        dialog.exec()
        return dialog.choice or "keep"
