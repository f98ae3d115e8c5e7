"""The selected consultant's day in the review: totals, day flags, defects, the decision.

The panel shows; the window decides (Tracker.decide_day) and tells the panel what came
of it.  ``approve_button`` and ``return_button`` are enabled only for a team lead.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.common.fmt import ERROR_STYLE
from ui.lead.consultants_model import Consultant, hm

COMMENT_ERROR_STYLE = "border: 2px solid #c0392b;"


def when_text(iso: str) -> str:
    return datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M")


class DecisionPanel(QWidget):
    """One consultant's day: heading, flags of the day, defects, and the decision box."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        self.heading = QLabel()
        font = QFont(self.heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        self.day_flags = QLabel()
        self.day_flags.setStyleSheet(ERROR_STYLE)
        self.day_flags.setWordWrap(True)
        layout.addWidget(self.day_flags)
        self.decision_label = QLabel()
        self.decision_label.setWordWrap(True)
        layout.addWidget(self.decision_label)
        layout.addWidget(QLabel(self.tr("Defects flagged that day:")))
        self.defects = QListWidget()
        self.defects.setMaximumHeight(58)
        layout.addWidget(self.defects)
        layout.addStretch(1)
        # The window puts the decision box under the split, full width: however long the day's
        # texts above grow, the comment and the buttons keep their room.
        self.decision_box = self._decision_box()

    def _decision_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Decision"))
        self.box = box
        column = QVBoxLayout(box)
        row = QHBoxLayout()
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(self.tr("Comment (optional to approve, required to return)"))
        self.comment.setMaxLength(2000)
        self.comment.textEdited.connect(lambda _text: self.clear_error())  # a fixed comment: no stale error
        row.addWidget(self.comment, 1)
        self.approve_button = QPushButton(self.tr("Approve day"))
        row.addWidget(self.approve_button)
        self.return_button = QPushButton(self.tr("Return day…"))
        self.return_button.setToolTip(self.tr("Send the day back to the consultant with your comment"))
        row.addWidget(self.return_button)
        column.addLayout(row)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        column.addWidget(self.error)
        return box

    # ----- showing a consultant ------------------------------------------------------------

    def show_consultant(self, c: Consultant | None, can_decide: bool) -> None:
        """The consultant's day, or an empty panel for None."""
        self.clear_error()
        self.approve_button.setEnabled(can_decide and c is not None)
        self.return_button.setEnabled(can_decide and c is not None)
        self.defects.clear()
        self.box.setTitle(
            self.tr("Decision on {who}'s day").format(who=c["consultant"]) if c else self.tr("Decision")
        )
        if c is None:
            self.heading.setText(self.tr("No consultant selected"))
            self.day_flags.hide()
            self.decision_label.setText("")
            return
        self.heading.setText(
            self.tr("{who} — recorded {recorded}, billable {billable}, standard {standard}").format(
                who=c["consultant"],
                recorded=hm(c["recorded_seconds"]),
                billable=hm(c["billable_seconds"]),
                standard=hm(c["standard_seconds"]),
            )
        )
        self._show_defects(c["defects"])
        flags = self.day_flag_text(c)
        self.day_flags.setText("\n".join(flags))
        self.day_flags.setVisible(bool(flags))
        self.decision_label.setText(self.decision_text(c.get("decision")))

    def _show_defects(self, defects: list[dict[str, Any]]) -> None:
        for d in defects:
            kind = self.tr("product") if d["kind"] == "product" else self.tr("documentation")
            published = self.tr("already published") if d["published"] else self.tr("new")
            self.defects.addItem(
                self.tr("Ticket {ticket}: {kind} defect {ref} ({published})").format(
                    ticket=d["ticket"], kind=kind, ref=d["ref"], published=published
                )
            )
        if not defects:
            self.defects.addItem(self.tr("None"))

    def day_flag_text(self, c: Consultant) -> list[str]:
        out = []
        for flag in c["flags"]:
            if flag == "never_synced":
                out.append(
                    self.tr("Never synced: nothing from {who} has reached the export.").format(
                        who=c["consultant"]
                    )
                )
            elif flag == "not_synced_since_day_end":
                when = c.get("last_sync") or ""
                out.append(
                    self.tr(
                        "Not synced since the day ended (last sync {when}): sessions may be missing."
                    ).format(when=when_text(when) if when else "?")
                )
            else:
                out.append(flag)
        return out

    def decision_text(self, d: dict[str, Any] | None) -> str:
        if not d:
            return self.tr("Not reviewed yet.")
        when = when_text(d["at"]) if d.get("at") else ""
        if d["decision"] == "approve":
            text = self.tr("Approved by {lead} on {when}.").format(lead=d["lead"], when=when)
        else:
            text = self.tr("Returned by {lead} on {when}.").format(lead=d["lead"], when=when)
        if d.get("comment"):
            text += " " + self.tr("Comment: {comment}").format(comment=d["comment"])
        if d.get("pending"):
            text += " " + self.tr("(made here; not synced yet)")
        return text

    # ----- what came of a decision ----------------------------------------------------------

    def show_decision(self, d: dict[str, Any]) -> None:
        """A decision made here: shown, and the comment box emptied for the next one."""
        self.decision_label.setText(self.decision_text(d))
        self.comment.clear()

    def clear_error(self) -> None:
        self.error.hide()
        self.comment.setStyleSheet("")

    def show_error(self, text: str, *, comment: bool = False) -> None:
        """A refusal in red; ``comment`` outlines the comment box and puts the cursor there."""
        self.error.setText(text)
        self.error.show()
        if comment:
            self.comment.setStyleSheet(COMMENT_ERROR_STYLE)
            self.comment.setFocus()
