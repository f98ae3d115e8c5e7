"""The question asked after a sleep gap: keep the time, discard the gap, or split it."""

from __future__ import annotations

from datetime import datetime

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

from ui.fmt import duration_text

CHOICES = ("keep", "discard", "split")


class SleepGapDialog(QDialog):
    """Three buttons, one per choice; closing it keeps the time (flagged for review)."""

    def __init__(self, parent: QWidget | None, ticket: str, since: datetime, until: datetime) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("The timer ran while the computer slept"))
        self.choice: str | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxQuestion).pixmap(40, 40))
        top.addWidget(icon)
        until = until.astimezone(since.tzinfo)
        seconds = int(until.timestamp()) - int(since.timestamp())
        self.text = QLabel(
            self.tr(
                "The computer was asleep (or the app was stopped) from {0} to {1} "
                "while the timer on {2} ran ({3})."
            ).format(since.strftime("%H:%M"), until.strftime("%H:%M"), ticket, duration_text(seconds))
            + "\n\n"
            + self.tr(
                "Keep the time: the timer runs on, flagged for review.\n"
                "Discard the gap: the session ends at {0} and a new one starts now.\n"
                "Split at the gap: as Discard, and the gap is kept as its own session, flagged."
            ).format(since.strftime("%H:%M"))
        )
        self.text.setWordWrap(True)
        self.text.setMinimumWidth(540)
        top.addWidget(self.text, 1)
        layout.addLayout(top)
        self.buttons = QDialogButtonBox()
        self.keep_button = self._button(
            self.tr("Keep the time"), "keep", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.discard_button = self._button(
            self.tr("Discard the gap"), "discard", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.split_button = self._button(
            self.tr("Split at the gap"), "split", QDialogButtonBox.ButtonRole.ActionRole
        )
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
        dialog = cls(parent, ticket, since, until)
        dialog.exec()
        return dialog.choice or "keep"
