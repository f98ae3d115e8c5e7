"""The question asked after a sleep gap: keep the time, discard the gap, or split it."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QWidget

from ui.common.choice_dialog import CHOICES, ThreeChoiceDialog
from ui.common.fmt import duration_text

__all__ = ["CHOICES", "SleepGapDialog"]


class SleepGapDialog(ThreeChoiceDialog):
    """Three buttons, one per choice; closing it keeps the time (flagged for review)."""

    def __init__(self, parent: QWidget | None, ticket: str, since: datetime, until: datetime) -> None:
        super().__init__(parent)
        until = until.astimezone(since.tzinfo)
        seconds = int(until.timestamp()) - int(since.timestamp())
        self.build(
            self.tr("The timer ran while the computer slept"),
            self.tr(
                "The computer was asleep (or the app was stopped) from {0} to {1} "
                "while the timer on {2} ran ({3})."
            ).format(since.strftime("%H:%M"), until.strftime("%H:%M"), ticket, duration_text(seconds)),
            self.tr(
                "Keep the time: the timer runs on, flagged for review.\n"
                "Discard the gap: the session ends at {0} and a new one starts now.\n"
                "Split at the gap: as Discard, and the gap is kept as its own session, flagged."
            ).format(since.strftime("%H:%M")),
            (self.tr("Keep the time"), self.tr("Discard the gap"), self.tr("Split at the gap")),
        )
