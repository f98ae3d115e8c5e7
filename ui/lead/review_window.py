"""A team lead's review of one day: every consultant's sessions from the central export.

The day is read in a worker thread (Tracker.review_day reads the whole export, slow on
a big one) over a store of its own; the window stays responsive with a busy bar.  The
lead approves a consultant's day (with an optional note) or returns it (a comment is
required) through Tracker.decide_day, and is then offered a sync so the decision
reaches the consultant.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QWidget,
)

from tracker.app import Decision, Tracker
from tracker.errors import BadInput, TrackerError
from ui.common.fmt import counted, error_text
from ui.common.report_window import WARN_STYLE, ReportWindow
from ui.lead.consultants_model import C_NAME, Consultant, ConsultantsModel
from ui.lead.decision_panel import DecisionPanel
from ui.lead.review_sessions_model import S_NOTE, S_START, ReviewSessionsModel
from ui.lead.timeline import Timeline, TimelineSession

TIMELINE_MAX = 260  # about six consultants; more scroll
SPLIT_MIN = 170  # the consultants' table shows four of them, and the day's texts their start


def scrolled(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless scroll area that follows its width and scrolls its height."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


class SyncOffer:
    """'Sync now?' after a decision; tests monkeypatch ``ask``."""

    @classmethod
    def ask(cls, parent: QWidget, text: str) -> bool:
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("ReviewWindow", "Sync now?"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes


class ReviewWindow(ReportWindow):
    """The lead's day review.  ``loaded`` is emitted each time a day has been shown."""

    loaded = Signal()
    load_failed = Signal(str)
    synced = Signal(str)

    def __init__(self, app: Tracker, parent: QWidget | None = None, day: date | None = None) -> None:
        super().__init__(app, parent)
        self.result: dict[str, Any] | None = None
        self._local: dict[tuple[str, str], dict[str, Any]] = {}  # decisions made here, not yet read back
        self.synced_text = ""  # what the last sync did, shown with the reload it brings
        self.setWindowTitle(self.tr("Day review"))
        self.resize(1180, 690)
        self.syncer = self.job_runner()
        self.syncer.finished.connect(self._sync_done)
        self.syncer.failed.connect(self._sync_failed)
        self._build(day or app.now().date())
        self.load()

    # ----- building --------------------------------------------------------------------

    def _build(self, day: date) -> None:
        layout = self.main_layout
        layout.addLayout(self._picker_row(day))
        self.role_notice = self.banner(WARN_STYLE)
        self.role_notice.hide()
        layout.addWidget(self.role_notice)
        self.timeline = Timeline()
        self.timeline.consultant_clicked.connect(self.select_consultant)
        self.timeline_area = scrolled(self.timeline)  # a big team scrolls instead of growing the window
        layout.addWidget(self.timeline_area)
        layout.addWidget(self._consultants_split(), 2)
        layout.addWidget(self.panel.decision_box)
        self.sessions = ReviewSessionsModel(self)
        self.sessions_view, self.sessions_proxy = self.table(self.sessions, single=True, stripes=True)
        header = self.sessions_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(S_NOTE, QHeaderView.ResizeMode.Stretch)
        self.sessions_view.setWordWrap(False)
        self.sessions_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.sessions_view.sortByColumn(S_START, Qt.SortOrder.AscendingOrder)
        layout.addWidget(self.sessions_view, 3)
        layout.addWidget(self.problems)
        self._check_role()
        self._show_consultant(None)

    def _picker_row(self, day: date) -> QHBoxLayout:
        self.day_edit = self.date_picker(day)
        bar = self.picker_row(self.tr("Day:"), self.day_edit)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("Consultant:")))
        self.who = QComboBox()
        self.who.setEditable(True)
        self.who.setMinimumWidth(170)
        self.who.addItem(self.tr("All consultants"), "")
        self.who.lineEdit().setPlaceholderText(self.tr("All consultants"))
        self.who.activated.connect(self.load)
        self.who.lineEdit().returnPressed.connect(self.load)
        bar.addWidget(self.who)
        self.reload_button = self.button(
            self.tr("Reload"), self.tr("Read the central export again"), self.load
        )
        bar.addWidget(self.reload_button)
        bar.addSpacing(12)
        self.add_status(bar)
        return bar

    def _consultants_split(self) -> QSplitter:
        split = QSplitter(Qt.Orientation.Horizontal)
        self.consultants = ConsultantsModel(self)
        self.consultants_view, self.consultants_proxy = self.table(
            self.consultants, single=True, stripes=True
        )
        header = self.consultants_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.consultants_view.selectionModel().currentRowChanged.connect(self._consultant_changed)
        split.addWidget(self.consultants_view)
        self.panel = DecisionPanel()
        self.panel.approve_button.clicked.connect(self.approve)
        self.panel.return_button.clicked.connect(self.return_day)
        split.addWidget(scrolled(self.panel))
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([580, 600])
        # It shares the height with the sessions below: a long decision must not squeeze its buttons.
        split.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        split.setMinimumHeight(SPLIT_MIN)
        return split

    def _check_role(self) -> None:
        role = self.app.settings.get("role")
        self.is_lead = role == "lead"
        if not self.is_lead:
            self.role_notice.setText(
                self.tr(
                    "This app's role is {role}: you can look at the day, but only a team lead "
                    "approves or returns it."
                ).format(role=self.role_name(role))
            )
            self.role_notice.show()

    def role_name(self, role: str) -> str:
        names = {"consultant": self.tr("consultant"), "lead": self.tr("lead"), "billing": self.tr("billing")}
        return names.get(role, role)

    # ----- loading ---------------------------------------------------------------------

    @property
    def day(self) -> date:
        value: date = self.day_edit.date().toPython()  # type: ignore[assignment]
        return value

    def consultant_filter(self) -> str:
        text = self.who.currentText().strip()
        return "" if text in ("", self.tr("All consultants")) else text

    def load(self) -> None:
        """Read the day from the export in the worker thread; ``loaded`` follows."""
        day, who = self.day.isoformat(), self.consultant_filter() or None
        reading = self.tr("Reading the central export…")

        def work(tracker: Tracker, progress: Any) -> dict[str, Any]:
            progress(reading)
            review = tracker.review_day(day, who)
            doc = review.to_json()
            for person, shown in zip(review.consultants, doc["consultants"], strict=True):
                for session, row in zip(person.sessions, shown["sessions"], strict=True):
                    if session.ticket_differs:  # which fields, for the flag's tooltip
                        row["ticket_differs"] = list(session.ticket_differs)
            return doc

        self.start_loading(work, reading)

    def show_failure(self, text: str) -> None:
        # What an earlier read showed is not shown as if it were current.
        self.consultants.load([])
        self.timeline.set_day([], [])
        self._show_consultant(None)
        self.status.setText("")
        self.show_problems([])
        self.panel.show_error(self.tr("The day could not be read: {error}").format(error=text))
        self.load_failed.emit(text)

    def show_result(self, result: dict[str, Any]) -> None:
        self.result = result
        selected = self.selected_consultant()
        people = result["consultants"]
        for c in people:
            mine = self._local.get((c["consultant"], result["day"]))
            if mine and (not c["decision"] or c["decision"].get("at", "") < mine["at"]):
                c["decision"] = {**mine, "pending": True}
        self.consultants.load(people)
        self.consultants_proxy.sort(C_NAME)
        self.timeline.set_day(
            [c["consultant"] for c in people],
            [TimelineSession.from_review(c["consultant"], s) for c in people for s in c["sessions"]],
        )
        self.timeline_area.setFixedHeight(min(self.timeline.height(), TIMELINE_MAX) + 2)
        self.main_layout.activate()  # the timeline's height follows its rows now, not at the next event
        names = {self.who.itemText(i) for i in range(self.who.count())}
        for c in people:
            if c["consultant"] not in names:
                self.who.addItem(c["consultant"], c["consultant"])
        self.status.setText(
            self.tr("{day}: {people} consultants, {sessions} sessions").format(
                day=self.day.strftime("%d/%m/%Y"),
                people=len(people),
                sessions=sum(len(c["sessions"]) for c in people),
            )
            + (f" — {self.synced_text}" if self.synced_text else "")
        )
        self.synced_text = ""
        problems = "; ".join(result["problems"])
        self.show_problems(
            [self.tr("Problems in the export: {problems}").format(problems=problems)] if problems else []
        )
        if people:
            keep = self.consultants.row_of(selected) >= 0
            self.select_consultant(selected if keep else people[0]["consultant"])
        else:
            self._show_consultant(None)
        self.loaded.emit()

    # ----- the selected consultant ---------------------------------------------------------

    def selected_consultant(self) -> str:
        index = self.consultants_view.currentIndex()
        if not index.isValid():
            return ""
        c = self.consultants.consultant_at(self.consultants_proxy.mapToSource(index).row())
        return c["consultant"] if c else ""

    def select_consultant(self, consultant: str) -> None:
        row = self.consultants.row_of(consultant)
        if row < 0:
            return
        index = self.consultants_proxy.mapFromSource(self.consultants.index(row, 0))
        if (
            self.consultants_view.currentIndex().row() == index.row()
            and self.selected_consultant() == consultant
        ):
            self._show_consultant(self.consultants.consultant_at(row))
        else:
            self.consultants_view.setCurrentIndex(index)

    def _consultant_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.consultants_proxy.mapToSource(current).row() if current.isValid() else -1
        self._show_consultant(self.consultants.consultant_at(row))

    def _show_consultant(self, c: Consultant | None) -> None:
        self.timeline.set_selected(c["consultant"] if c else "")
        self.sessions.load(c["sessions"] if c else [])
        self.panel.show_consultant(c, self.is_lead)

    # ----- deciding ------------------------------------------------------------------------

    def approve(self) -> None:
        self.decide("approve")

    def return_day(self) -> None:
        self.decide("return")

    def field_name(self, field: str) -> str:
        names = {
            "comment": self.tr("Comment"),
            "day": self.tr("Day"),
            "consultant": self.tr("Consultant"),
            "role": self.tr("Role"),
        }
        return names.get(field, field)

    def decide(self, decision: str) -> Decision | None:
        who = self.selected_consultant()
        self.panel.clear_error()
        try:
            row = self.app.decide_day(self.day.isoformat(), who, decision, self.panel.comment.text())
        except BadInput as exc:
            text = f"{self.field_name(exc.field)}: {exc.message}"
            self.panel.show_error(text, comment=exc.field == "comment")
            return None
        except TrackerError as exc:
            self.panel.show_error(error_text(exc))
            return None
        mine: dict[str, Any] = {**row.to_json(), "pending": True}
        self._local[(who, row.day)] = mine
        self.consultants.set_decision(who, mine)
        self.panel.show_decision(mine)
        done = self.tr("approved") if decision == "approve" else self.tr("returned")
        if SyncOffer.ask(
            self,
            self.tr(
                "{who}'s day was {done}. The decision reaches the consultant with the next sync. Sync now?"
            ).format(who=who, done=done),
        ):
            self.sync_now()
        return row

    def sync_now(self) -> None:
        self.status.setText(self.tr("Syncing…"))

        def work(tracker: Tracker, progress: Any) -> Any:
            return tracker.sync()

        self.syncer.start(work)

    def _sync_done(self, result: Any) -> None:
        text = counted(
            result.batches_written,
            self.tr("Synced: {0} batch written to the export."),
            self.tr("Synced: {0} batches written to the export."),
        )
        self.synced_text = text
        self.synced.emit(text)
        self.load()  # the decisions are in the export now: read them back, no longer "not synced"

    def _sync_failed(self, text: str) -> None:
        self.status.setText("")
        self.panel.show_error(self.tr("Sync failed; the decision stays queued: {error}").format(error=text))
        self.synced.emit("")
