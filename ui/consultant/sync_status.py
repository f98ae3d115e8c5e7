"""What the window shows about the central export: the status bar indicator and the review banner."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from tracker.app import Decision, SyncStatus
from ui.common.fmt import ERROR_STYLE, counted

WHEN_FORMAT = "%d/%m/%Y %H:%M"
PENDING_STYLE = "color: #9a5b00;"
ERROR_WIDTH = 320  # the error is elided to this many pixels; the tooltip has it whole
RETURNED_STYLE = (
    "QFrame#reviewBanner { background: #fdecea; border: 1px solid #e6a39b; border-radius: 6px; }"
    "QLabel { color: #8e2b20; }"
)
CORRECTED_STYLE = (
    "QFrame#reviewBanner { background: #fdf6e3; border: 1px solid #e3c98a; border-radius: 6px; }"
    "QLabel { color: #6b4e00; }"
)
APPROVED_STYLE = "QFrame#reviewBanner { background: transparent; border: none; } QLabel { color: #4d7a5a; }"


def when_text(value: str | None) -> str:
    """An ISO time from the tracker as dd/MM/yyyy HH:mm; the text itself if it is no time."""
    if not value:
        return ""
    try:
        return datetime.fromisoformat(value).strftime(WHEN_FORMAT)
    except ValueError:
        return value


class SyncIndicator(QWidget):
    """Last sync, what is pending, the last error in red, progress and the Sync button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.setSpacing(8)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.state_label = QLabel(self.tr("Sync: reading…"))
        layout.addWidget(self.state_label)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(140)
        self.progress.setMaximumHeight(16)
        self.progress.setTextVisible(False)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.button = QToolButton()
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        layout.addWidget(self.button)
        self.pending = 0
        self.error = ""
        self.last_sync = ""

    def show_status(self, status: SyncStatus) -> None:
        """Tracker.sync_status(): the last sync, the pending count and the last error."""
        counts = status.pending
        self.pending = counts.total
        self.last_sync = when_text(status.last_sync)
        self.error = status.last_error or ""
        last = self.tr("Last sync {0}").format(self.last_sync) if self.last_sync else self.tr("Never synced")
        self.state_label.setText(self.tr("{0} · {1} pending").format(last, str(self.pending)))
        self.state_label.setStyleSheet(PENDING_STYLE if self.pending and not self.last_sync else "")
        parts = [
            counted(counts.sessions, self.tr("{0} session"), self.tr("{0} sessions")),
            counted(counts.events, self.tr("{0} ticket event"), self.tr("{0} ticket events")),
        ]
        if counts.reviews:
            parts.append(
                counted(counts.reviews, self.tr("{0} review decision"), self.tr("{0} review decisions"))
            )
        self.state_label.setToolTip(
            self.tr("Waiting for the central export: {0}\nExport folder: {1}").format(
                ", ".join(parts), status.target or "—"
            )
        )
        self.show_error(self.error)

    def show_error(self, text: str) -> None:
        self.error = text
        if not text:
            self.error_label.hide()
            self.error_label.setToolTip("")
            return
        line = self.tr("Sync failed: {0}").format(text)
        elided = QFontMetrics(self.error_label.font()).elidedText(
            line, Qt.TextElideMode.ElideRight, ERROR_WIDTH
        )
        self.error_label.setText(elided)
        self.error_label.setToolTip(text)
        self.error_label.show()

    def show_checking(self) -> None:
        self.state_label.setText(self.tr("Checking the database…"))

    def show_progress(self, done: int, total: int) -> None:
        """A busy bar until the total is known, then rows sent of rows pending."""
        self.progress.setMaximum(max(total, 0))
        self.progress.setValue(min(done, total) if total else 0)
        self.progress.setToolTip(self.tr("Sending {0} of {1}").format(done, total) if total else "")
        self.progress.show()

    def hide_progress(self) -> None:
        self.progress.hide()


class ReviewBanner(QFrame):
    """Above the day's table: a returned day in red with the lead's comment, an approval quietly."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewBanner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self.decision = ""
        self.hide()

    def show_review(self, review: Decision | None, corrected: str = "") -> None:
        """The latest decision about the shown day (Tracker.my_reviews), or None.

        ``corrected``: for a returned day changed since, where that stands (its text).
        """
        self.decision = review.decision if review else ""
        if review is None or self.decision not in ("return", "approve"):
            self.label.clear()
            self.hide()
            return
        when = when_text(review.at)
        comment = review.comment
        if self.decision == "return":
            text = self.tr("Day returned by {0} on {1}: {2}").format(review.lead, when, comment)
            self.label.setText(f"{text} — {corrected}" if corrected else text)
            font = self.label.font()
            font.setBold(not corrected)
            self.label.setFont(font)
            self.setStyleSheet(CORRECTED_STYLE if corrected else RETURNED_STYLE)
            self.setToolTip(self.tr("Correct the sessions of this day; the next sync sends the changes."))
        else:
            text = self.tr("Approved by {0} on {1}").format(review.lead, when)
            self.label.setText(f"✓ {text}" + (f" — {comment}" if comment else ""))
            font = self.label.font()
            font.setBold(False)
            self.label.setFont(font)
            self.setStyleSheet(APPROVED_STYLE)
            self.setToolTip("")
        self.show()

    def show_problem(self, text: str) -> None:
        """The start-up check found the database damaged; nothing is written to it."""
        self.decision = "damaged"
        self.label.setText(text)
        self.setStyleSheet(RETURNED_STYLE)
        self.show()
