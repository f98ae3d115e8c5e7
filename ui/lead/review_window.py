"""A team lead's review of one day: every consultant's sessions from the central export.

The day is read in a worker thread (Tracker.review_day reads the whole export, slow on
a big one) over a store of its own; the window stays responsive with a busy bar.  The
lead approves a consultant's day (with an optional note) or returns it (a comment is
required) through Tracker.decide_day, and is then offered a sync so the decision
reaches the consultant.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QCloseEvent, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tracker.errors import BadInput, TrackerError
from tracker.model import ConsultancyType
from tracker.service import Tracker
from ui.common.fmt import ERROR_STYLE, duration_text
from ui.common.table_model import HeaderedTableModel
from ui.lead.timeline import Timeline, TimelineSession
from ui.common.tracker_job import JobRunner

Index = QModelIndex | QPersistentModelIndex
SortRole = Qt.ItemDataRole.UserRole + 1
UuidRole = Qt.ItemDataRole.UserRole + 2

WARN_STYLE = "color: #9a4d00;"
FLAG_COLOR = QColor("#b00020")
APPROVED_COLOR = QColor("#1b7f3b")
RETURNED_COLOR = QColor("#b00020")


def hm(seconds: int) -> str:
    """Totals as h:mm (whole minutes, rounded down); the tooltip has the seconds."""
    minutes = max(0, int(seconds)) // 60
    return f"{minutes // 60}:{minutes % 60:02d}"


def _right() -> int:
    return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


# ----- models --------------------------------------------------------------------------

C_NAME = 0
C_RECORDED = 1
C_BILLABLE = 2
C_STANDARD = 3
C_FLAGGED = 4
C_DECISION = 5
CONSULTANT_COLUMNS = 6


class ConsultantsModel(HeaderedTableModel):
    """One row per consultant of the day, with the totals of Tracker.review_day()."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []
        self._headers = [
            self.tr("Consultant"),
            self.tr("Recorded"),
            self.tr("Billable"),
            self.tr("Standard"),
            self.tr("Flagged"),
            self.tr("Decision"),
        ]

    def load(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def consultant_at(self, row: int) -> dict[str, Any] | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, consultant: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r["consultant"] == consultant), -1)

    def set_decision(self, consultant: str, decision: dict[str, Any]) -> None:
        row = self.row_of(consultant)
        if row < 0:
            return
        self._rows[row] = {**self._rows[row], "decision": decision}
        cell = self.index(row, C_DECISION)
        self.dataChanged.emit(cell, cell, [Qt.ItemDataRole.DisplayRole, SortRole])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else CONSULTANT_COLUMNS

    def decision_text(self, decision: dict[str, Any] | None) -> str:
        if not decision:
            return self.tr("not reviewed")
        if decision["decision"] == "approve":
            return self.tr("approved")
        return self.tr("returned")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r, col = self._rows[index.row()], index.column()
        flagged = sum(1 for s in r["sessions"] if s["flags"])
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                C_NAME: r["consultant"],
                C_RECORDED: hm(r["recorded_seconds"]),
                C_BILLABLE: hm(r["billable_seconds"]),
                C_STANDARD: hm(r["standard_seconds"]),
                C_FLAGGED: str(flagged + len(r["flags"])),
                C_DECISION: self.decision_text(r.get("decision")),
            }.get(col)
        if role == SortRole:
            return {
                C_NAME: r["consultant"],
                C_RECORDED: r["recorded_seconds"],
                C_BILLABLE: r["billable_seconds"],
                C_STANDARD: r["standard_seconds"],
                C_FLAGGED: flagged + len(r["flags"]),
                C_DECISION: (r.get("decision") or {}).get("decision", ""),
            }.get(col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col in (C_RECORDED, C_BILLABLE, C_STANDARD):
                key = {C_RECORDED: "recorded_seconds", C_BILLABLE: "billable_seconds"}.get(
                    col, "standard_seconds"
                )
                return duration_text(r[key])
            if col == C_FLAGGED:
                return self.tr("{n} flagged sessions, {d} day flags").format(n=flagged, d=len(r["flags"]))
            if col == C_DECISION and r.get("decision"):
                return self.tr("by {lead}").format(lead=r["decision"]["lead"])
        if role == Qt.ItemDataRole.TextAlignmentRole and col not in (C_NAME, C_DECISION):
            return _right()
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == C_FLAGGED and flagged + len(r["flags"]):
                return QBrush(FLAG_COLOR)
            decision = r.get("decision")
            if col == C_DECISION and decision:
                return QBrush(APPROVED_COLOR if decision["decision"] == "approve" else RETURNED_COLOR)
        return None


S_START = 0
S_END = 1
S_TICKET = 2
S_CUSTOMER = 3
S_TYPE = 4
S_DURATION = 5
S_FLAGS = 6
S_NOTE = 7
SESSION_COLUMNS = 8


class ReviewSessionsModel(HeaderedTableModel):
    """One consultant's sessions of the day, with their flags in plain words."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []
        self._headers = [
            self.tr("Start"),
            self.tr("End"),
            self.tr("Ticket"),
            self.tr("Customer"),
            self.tr("Type"),
            self.tr("Duration"),
            self.tr("Flags"),
            self.tr("Note"),
        ]

    def flag_words(self) -> dict[str, tuple[str, str]]:
        """Each flag's short name and a sentence a lead can act on."""
        return {
            "overlap": (self.tr("overlaps another session"), self.tr("Two sessions of one person at once.")),
            "long": (self.tr("very long"), self.tr("Longer than the usual limit; was the timer left on?")),
            "across_midnight": (
                self.tr("runs past midnight"),
                self.tr("It runs into the next day; was the timer left on overnight?"),
            ),
            "sleep_gap": (
                self.tr("computer slept while timing"),
                self.tr("The computer was asleep or the app stopped while the timer ran."),
            ),
            "clock_jump": (
                self.tr("clock went backwards"),
                self.tr("The computer's clock moved back while it ran; check the times."),
            ),
            "conflict": (
                self.tr("conflicting copies"),
                self.tr("The export holds two different copies of this session; the first read is shown."),
            ),
            "no_term": (
                self.tr("no term acceptance"),
                self.tr("A billed ticket without the customer's acceptance: its time is held from billing."),
            ),
            "ticket_disagrees": (
                self.tr("ticket details differ"),
                self.tr("Consultants recorded different details (customer, type…) for this ticket."),
            ),
        }

    def flags_text(self, flags: list[str]) -> str:
        words = self.flag_words()
        return ", ".join(words.get(f, (f, ""))[0] for f in flags)

    def flags_help(self, flags: list[str]) -> str:
        words = self.flag_words()
        return "\n".join(f"• {words.get(f, (f, f))[1]}" for f in flags)

    def type_name(self, value: str) -> str:
        return {
            "technical": self.tr("Technical"),
            "support": self.tr("Support"),
            "standard": self.tr("Standard"),
        }.get(value, value)

    def load(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def session_at(self, row: int) -> dict[str, Any] | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else SESSION_COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        s, col = self._rows[index.row()], index.column()
        start, end = datetime.fromisoformat(s["start"]), datetime.fromisoformat(s["end"])
        if role == Qt.ItemDataRole.DisplayRole:
            end_text = end.strftime("%H:%M")
            if end.date() != start.date():
                end_text = end.strftime("%d/%m %H:%M")
            return {
                S_START: start.strftime("%H:%M"),
                S_END: end_text,
                S_TICKET: s["ticket"],
                S_CUSTOMER: s.get("customer", ""),
                S_TYPE: self.type_name(s["type"]),
                S_DURATION: duration_text(int(s["seconds"])),
                S_NOTE: s.get("note", ""),
                S_FLAGS: self.flags_text(s["flags"]),
            }.get(col)
        if role == SortRole:
            return {
                S_START: int(start.timestamp()),
                S_END: int(end.timestamp()),
                S_TICKET: s["ticket"],
                S_CUSTOMER: s.get("customer", ""),
                S_TYPE: s["type"],
                S_DURATION: int(s["seconds"]),
                S_NOTE: s.get("note", ""),
                S_FLAGS: len(s["flags"]),
            }.get(col)
        if role == UuidRole:
            return s["uuid"]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == S_FLAGS and s["flags"]:
                return self.flags_help(s["flags"])
            if col in (S_START, S_END):
                return (start if col == S_START else end).isoformat(timespec="seconds")
            if col == S_TYPE:
                return ConsultancyType(s["type"]).portuguese
            if col in (S_NOTE, S_CUSTOMER):
                return s.get("note" if col == S_NOTE else "customer", "") or None
        if role == Qt.ItemDataRole.ForegroundRole and col == S_FLAGS and s["flags"]:
            return QBrush(FLAG_COLOR)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == S_DURATION:
            return _right()
        return None


def sorted_view(model: QAbstractTableModel, parent: QWidget) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SortRole)
    view = QTableView(parent)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setHighlightSections(False)
    return view, proxy


# ----- dialogs a test replaces -----------------------------------------------------


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


# ----- the window ----------------------------------------------------------------------


class ReviewWindow(QWidget):
    """The lead's day review.  ``loaded`` is emitted each time a day has been shown."""

    loaded = Signal()
    load_failed = Signal(str)
    synced = Signal(str)

    def __init__(self, app: Tracker, parent: QWidget | None = None, day: date | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.app = app
        self.result: dict[str, Any] | None = None
        self._local: dict[tuple[str, str], dict[str, Any]] = {}  # decisions made here, not yet read back
        self.setWindowTitle(self.tr("Day review"))
        self.resize(1180, 780)
        self.loader = JobRunner(app.home, app.clock, self)
        self.loader.busy_changed.connect(self._busy)
        self.loader.progress.connect(self._progress)
        self.loader.finished.connect(self._show)
        self.loader.failed.connect(self._failed)
        self.syncer = JobRunner(app.home, app.clock, self)
        self.syncer.finished.connect(self._sync_done)
        self.syncer.failed.connect(self._sync_failed)
        self.syncer.busy_changed.connect(self._busy)
        self._build(day or app.now().date())
        self.load()

    # ----- building --------------------------------------------------------------------

    def _build(self, day: date) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Day:")))
        self.day_edit = QDateEdit(QDate(day.year, day.month, day.day))
        self.day_edit.setDisplayFormat("dd/MM/yyyy")
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setMaximumDate(QDate.currentDate().addYears(1))
        self.day_edit.dateChanged.connect(self.load)
        bar.addWidget(self.day_edit)
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
        self.reload_button = QPushButton(self.tr("Reload"))
        self.reload_button.setToolTip(self.tr("Read the central export again"))
        self.reload_button.clicked.connect(self.load)
        bar.addWidget(self.reload_button)
        bar.addSpacing(12)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(160)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        bar.addWidget(self.busy_bar)
        self.status = QLabel()
        bar.addWidget(self.status, 1)
        layout.addLayout(bar)

        self.role_notice = QLabel()
        self.role_notice.setStyleSheet(WARN_STYLE)
        self.role_notice.setWordWrap(True)
        self.role_notice.hide()
        layout.addWidget(self.role_notice)

        self.timeline = Timeline()
        self.timeline.consultant_clicked.connect(self.select_consultant)
        layout.addWidget(self.timeline)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.consultants = ConsultantsModel(self)
        self.consultants_view, self.consultants_proxy = sorted_view(self.consultants, self)
        self.consultants_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.consultants_view.horizontalHeader().setStretchLastSection(True)
        self.consultants_view.selectionModel().currentRowChanged.connect(self._consultant_changed)
        split.addWidget(self.consultants_view)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(6, 0, 0, 0)
        self.heading = QLabel()
        font = QFont(self.heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        rl.addWidget(self.heading)
        self.day_flags = QLabel()
        self.day_flags.setStyleSheet(ERROR_STYLE)
        self.day_flags.setWordWrap(True)
        rl.addWidget(self.day_flags)
        self.decision_label = QLabel()
        self.decision_label.setWordWrap(True)
        rl.addWidget(self.decision_label)

        rl.addWidget(QLabel(self.tr("Defects flagged that day:")))
        self.defects = QListWidget()
        self.defects.setMaximumHeight(58)
        rl.addWidget(self.defects)

        decide = QGroupBox(self.tr("Decision"))
        dk = QVBoxLayout(decide)
        row = QHBoxLayout()
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(self.tr("Note (optional to approve, required to return)"))
        self.comment.setMaxLength(2000)
        row.addWidget(self.comment, 1)
        self.approve_button = QPushButton(self.tr("Approve day"))
        self.approve_button.clicked.connect(self.approve)
        row.addWidget(self.approve_button)
        self.return_button = QPushButton(self.tr("Return day…"))
        self.return_button.setToolTip(self.tr("Send the day back to the consultant with your comment"))
        self.return_button.clicked.connect(self.return_day)
        row.addWidget(self.return_button)
        dk.addLayout(row)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        dk.addWidget(self.error)
        rl.addWidget(decide)
        rl.addStretch(1)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([580, 600])
        layout.addWidget(split, 2)

        self.sessions = ReviewSessionsModel(self)
        self.sessions_view, self.sessions_proxy = sorted_view(self.sessions, self)
        header = self.sessions_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(S_NOTE, QHeaderView.ResizeMode.Stretch)
        self.sessions_view.setWordWrap(False)
        self.sessions_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.sessions_view.sortByColumn(S_START, Qt.SortOrder.AscendingOrder)
        layout.addWidget(self.sessions_view, 3)

        self.problems = QLabel()
        self.problems.setStyleSheet(WARN_STYLE)
        self.problems.setWordWrap(True)
        self.problems.hide()
        layout.addWidget(self.problems)
        self._check_role()
        self._show_consultant(None)

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
            return tracker.review_day(day, who).to_json()

        self.status.setText(reading)
        self.loader.start(work)

    def _busy(self, _busy: bool) -> None:
        busy = self.loader.busy or self.syncer.busy
        self.busy_bar.setVisible(busy)

    def _progress(self, text: str) -> None:
        self.status.setText(text)

    def _failed(self, text: str) -> None:
        self.status.setText("")
        self.error.setText(self.tr("The day could not be read: {error}").format(error=text))
        self.error.show()
        self.load_failed.emit(text)

    def _show(self, result: dict[str, Any]) -> None:
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
        layout = self.layout()
        if layout is not None:
            layout.activate()  # the timeline's height follows its rows now, not at the next event
        names = {self.who.itemText(i) for i in range(self.who.count())}
        for c in people:
            if c["consultant"] not in names:
                self.who.addItem(c["consultant"], c["consultant"])
        sessions = sum(len(c["sessions"]) for c in people)
        self.status.setText(
            self.tr("{day}: {people} consultants, {sessions} sessions").format(
                day=self.day.strftime("%d/%m/%Y"), people=len(people), sessions=sessions
            )
        )
        if result["problems"]:
            self.problems.setText(
                self.tr("Problems in the export: {problems}").format(problems="; ".join(result["problems"]))
            )
            self.problems.show()
        else:
            self.problems.hide()
        if people:
            self.select_consultant(
                selected if self.consultants.row_of(selected) >= 0 else people[0]["consultant"]
            )
        else:
            self._show_consultant(None)
        self.loaded.emit()

    # ----- the selected consultant ---------------------------------------------------------

    def selected_consultant(self) -> str:
        index = self.consultants_view.currentIndex()
        if not index.isValid():
            return ""
        row = self.consultants_proxy.mapToSource(index).row()
        c = self.consultants.consultant_at(row)
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

    def day_flag_text(self, c: dict[str, Any]) -> list[str]:
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
                shown = datetime.fromisoformat(when).strftime("%d/%m/%Y %H:%M") if when else "?"
                out.append(
                    self.tr(
                        "Not synced since the day ended (last sync {when}): sessions may be missing."
                    ).format(when=shown)
                )
            else:
                out.append(flag)
        return out

    def _show_consultant(self, c: dict[str, Any] | None) -> None:
        self.error.hide()
        if c is None:
            self.heading.setText(self.tr("No consultant selected"))
            self.sessions.load([])
            self.defects.clear()
            self.day_flags.hide()
            self.decision_label.setText("")
            self.approve_button.setEnabled(False)
            self.return_button.setEnabled(False)
            self.timeline.set_selected("")
            return
        self.timeline.set_selected(c["consultant"])
        self.heading.setText(
            self.tr("{who} — recorded {recorded}, billable {billable}, standard {standard}").format(
                who=c["consultant"],
                recorded=hm(c["recorded_seconds"]),
                billable=hm(c["billable_seconds"]),
                standard=hm(c["standard_seconds"]),
            )
        )
        self.sessions.load(c["sessions"])
        self.defects.clear()
        for d in c["defects"]:
            kind = self.tr("product") if d["kind"] == "product" else self.tr("documentation")
            published = self.tr("already published") if d["published"] else self.tr("new")
            self.defects.addItem(
                self.tr("Ticket {ticket}: {kind} defect {ref} ({published})").format(
                    ticket=d["ticket"], kind=kind, ref=d["ref"], published=published
                )
            )
        if not c["defects"]:
            self.defects.addItem(self.tr("None"))
        flags = self.day_flag_text(c)
        self.day_flags.setText("\n".join(flags))
        self.day_flags.setVisible(bool(flags))
        self.decision_label.setText(self.decision_text(c.get("decision")))
        self.approve_button.setEnabled(self.is_lead)
        self.return_button.setEnabled(self.is_lead)

    def decision_text(self, d: dict[str, Any] | None) -> str:
        if not d:
            return self.tr("Not reviewed yet.")
        when = datetime.fromisoformat(d["at"]).strftime("%d/%m/%Y %H:%M") if d.get("at") else ""
        if d["decision"] == "approve":
            text = self.tr("Approved by {lead} on {when}.").format(lead=d["lead"], when=when)
        else:
            text = self.tr("Returned by {lead} on {when}.").format(lead=d["lead"], when=when)
        if d.get("comment"):
            text += " " + self.tr("Comment: {comment}").format(comment=d["comment"])
        if d.get("pending"):
            text += " " + self.tr("(made here; not synced yet)")
        return text

    # ----- deciding ------------------------------------------------------------------------

    def approve(self) -> None:
        self.decide("approve")

    def return_day(self) -> None:
        self.decide("return")

    def decide(self, decision: str) -> dict[str, Any] | None:
        who = self.selected_consultant()
        self.error.hide()
        self.comment.setStyleSheet("")
        try:
            row = self.app.decide_day(self.day.isoformat(), who, decision, self.comment.text())
        except BadInput as exc:
            names = {
                "comment": self.tr("Comment"),
                "day": self.tr("Day"),
                "consultant": self.tr("Consultant"),
                "role": self.tr("Role"),
            }
            self.error.setText(f"{names.get(exc.field, exc.field)}: {exc.message}")
            self.error.show()
            if exc.field == "comment":
                self.comment.setStyleSheet("border: 2px solid #c0392b;")
                self.comment.setFocus()
            return None
        except TrackerError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return None
        mine = {
            "decision": row["decision"],
            "comment": row["comment"],
            "lead": row["lead"],
            "at": row["at"],
            "pending": True,
        }
        self._local[(who, row["day"])] = mine
        self.consultants.set_decision(who, mine)
        self.decision_label.setText(self.decision_text(mine))
        self.comment.clear()
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
        text = self.tr("Synced: {batches} batch(es) written to the export.").format(
            batches=result.batches_written
        )
        self.status.setText(text)
        self.synced.emit(text)

    def _sync_failed(self, text: str) -> None:
        self.status.setText("")
        self.error.setText(self.tr("Sync failed; the decision stays queued: {error}").format(error=text))
        self.error.show()
        self.synced.emit("")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.loader.wait()
        self.syncer.wait()
        super().closeEvent(event)
