"""The consultant's week: hours per day stacked by type, the estimated amount, a PDF.

:class:`WeekView` picks the week (previous/next, a date) and asks
:func:`tracker.app.week_report` for it; :class:`WeekChart` paints the report with QPainter.
:meth:`WeekChart.segments` gives the painted geometry so a test can check the bars
against the stored seconds, as :meth:`ui.lead.timeline.Timeline.bars` does for a day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from tracker.app import DaySummary, Tracker, WeekReport, week_report, week_start
from tracker.errors import TrackerError
from tracker.model import ConsultancyType
from ui.common.chart_colors import GRID, TYPE_COLORS
from ui.common.fmt import ERROR_STYLE, error_text, type_name
from ui.common.report_window import close_keys
from ui.consultant.report_pdf import hm, money, week_span, write_week_pdf

MIN_SCALE_HOURS = 8  # an empty or light week still has a readable scale
STACK_ORDER = (ConsultancyType.TECHNICAL, ConsultancyType.SUPPORT, ConsultancyType.STANDARD)


@dataclass(frozen=True)
class Segment:
    """One painted piece of a day's bar."""

    day: date
    type: ConsultancyType
    seconds: int
    rect: QRectF


class WeekChart(QWidget):
    """Seven stacked bars, Monday to Sunday, over an hour grid; amounts above the bars."""

    LEFT = 46.0  # the hour labels
    RIGHT = 14.0
    TOP = 34.0  # room for the amount above the tallest bar
    BOTTOM = 44.0  # weekday, date and day total under the bars
    LEGEND = 28.0
    BAR_FRACTION = 0.56  # of a day's slot

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._report: WeekReport | None = None
        self.setMouseTracking(True)
        self.setMinimumSize(520, 300)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Hours per day of the week"))

    # ----- data ----------------------------------------------------------------------

    def set_report(self, report: WeekReport | None) -> None:
        self._report = report
        self.update()

    @property
    def report(self) -> WeekReport | None:
        return self._report

    # ----- geometry --------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(760, 380)

    def scale_hours(self) -> int:
        """The top of the hour axis: the longest day rounded up, at least MIN_SCALE_HOURS."""
        longest = max((d.total for d in self._report.days), default=0) if self._report else 0
        return max(MIN_SCALE_HOURS, -(-longest // 3600))

    def plot_rect(self) -> QRectF:
        return QRectF(
            self.LEFT,
            self.TOP,
            max(1.0, self.width() - self.LEFT - self.RIGHT),
            max(1.0, self.height() - self.TOP - self.BOTTOM - self.LEGEND),
        )

    def pixels_per_second(self) -> float:
        return self.plot_rect().height() / (self.scale_hours() * 3600)

    def slot_rect(self, index: int) -> QRectF:
        plot = self.plot_rect()
        width = plot.width() / 7
        return QRectF(plot.left() + index * width, plot.top(), width, plot.height())

    def bar_rect(self, index: int) -> QRectF:
        """The whole bar of day ``index`` (0 = Monday)."""
        slot = self.slot_rect(index)
        width = slot.width() * self.BAR_FRACTION
        total = self._report.days[index].total if self._report else 0
        height = total * self.pixels_per_second()
        return QRectF(slot.center().x() - width / 2, slot.bottom() - height, width, height)

    def segments(self) -> list[Segment]:
        """Every painted segment, day by day, bottom up (technical, support, standard)."""
        if self._report is None:
            return []
        out = []
        scale = self.pixels_per_second()
        for index, day in enumerate(self._report.days):
            bar = self.bar_rect(index)
            bottom = bar.bottom()
            for kind in STACK_ORDER:
                seconds = day.seconds[kind.value]
                if seconds <= 0:
                    continue
                height = seconds * scale
                out.append(
                    Segment(day.day, kind, seconds, QRectF(bar.left(), bottom - height, bar.width(), height))
                )
                bottom -= height
        return out

    def amount_labels(self) -> list[tuple[date, str, QRectF]]:
        """The amounts printed above the bars: (day, text, where)."""
        if self._report is None:
            return []
        metrics = QFontMetrics(self.font())
        out = []
        for index, day in enumerate(self._report.days):
            if day.amount is None:
                continue
            slot, bar = self.slot_rect(index), self.bar_rect(index)
            height = metrics.height()
            out.append(
                (
                    day.day,
                    money(day.amount),
                    QRectF(slot.left(), bar.top() - height - 3, slot.width(), height),
                )
            )
        return out

    def segment_at(self, pos: QPointF) -> Segment | None:
        return next((s for s in self.segments() if s.rect.adjusted(-1, -1, 1, 1).contains(pos)), None)

    # ----- text --------------------------------------------------------------------------

    def weekday(self, day: date) -> str:
        """The locale's short weekday name (seg., ter. in pt_BR; Mon, Tue in English)."""
        return QLocale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)

    def tooltip_for(self, segment: Segment) -> str:
        day = self._day(segment.day)
        lines = [
            self.tr("{weekday} {date}").format(
                weekday=self.weekday(segment.day), date=segment.day.strftime("%d/%m/%Y")
            ),
            self.tr("{type}: {time} ({kind})").format(
                type=type_name(segment.type), time=hm(segment.seconds), kind=segment.type.portuguese
            ),
        ]
        if day is not None:
            lines.append(self.tr("Day total: {time}").format(time=hm(day.total)))
            if day.amount is not None:
                lines.append(
                    self.tr("Estimated amount of the day: {amount}").format(amount=money(day.amount))
                )
        return "\n".join(lines)

    def _day(self, when: date) -> DaySummary | None:
        if self._report is None:
            return None
        return next((d for d in self._report.days if d.day == when), None)

    # ----- events ------------------------------------------------------------------------

    def event(self, ev: QEvent) -> bool:
        if ev.type() == QEvent.Type.ToolTip and isinstance(ev, QHelpEvent):
            segment = self.segment_at(QPointF(ev.pos()))
            if segment is None:
                QToolTip.hideText()
                ev.ignore()
            else:
                QToolTip.showText(ev.globalPos(), self.tooltip_for(segment), self, segment.rect.toRect())
            return True
        return super().event(ev)

    # ----- painting ----------------------------------------------------------------------

    def paintEvent(self, _ev: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        metrics = QFontMetrics(self.font())
        text_color = self.palette().text().color()
        muted = self.palette().placeholderText().color()
        plot = self.plot_rect()

        # Hour grid: every hour up to 12 h, else every 2 h.
        hours = self.scale_hours()
        step = 1 if hours <= 12 else 2
        for hour in range(0, hours + 1, step):
            y = plot.bottom() - hour * 3600 * self.pixels_per_second()
            p.setPen(QPen(GRID.darker(115) if hour == 0 else GRID, 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(muted)
            label = self.tr("{hours} h").format(hours=hour)
            p.drawText(
                QRectF(0, y - metrics.height() / 2, self.LEFT - 6, metrics.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )

        if self._report is None or self._report.total == 0:
            p.setPen(muted)
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.tr("No sessions recorded this week"))

        for segment in self.segments():
            color = TYPE_COLORS[segment.type]
            p.setBrush(color)
            p.setPen(QPen(color.darker(125), 1))
            p.drawRect(segment.rect.adjusted(0.5, 0, -0.5, 0))

        self._paint_days(p, plot, metrics, text_color, muted)

        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(QColor("#1b5e20"))
        for _, text, rect in self.amount_labels():
            p.drawText(rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text)
        p.setFont(self.font())

        self._paint_legend(p, plot.bottom() + self.BOTTOM + 6, metrics)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(GRID, 1))
        p.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        p.end()

    def _paint_days(
        self, p: QPainter, plot: QRectF, metrics: QFontMetrics, text_color: QColor, muted: QColor
    ) -> None:
        if self._report is None:
            return
        line = metrics.height()
        for index, day in enumerate(self._report.days):
            slot = self.slot_rect(index)
            label = f"{self.weekday(day.day)} {day.day.strftime('%d/%m')}"
            p.setPen(text_color)
            p.drawText(
                QRectF(slot.left(), plot.bottom() + 4, slot.width(), line),
                Qt.AlignmentFlag.AlignHCenter,
                label,
            )
            p.setPen(text_color if day.total else muted)
            p.drawText(
                QRectF(slot.left(), plot.bottom() + 4 + line, slot.width(), line),
                Qt.AlignmentFlag.AlignHCenter,
                hm(day.total),
            )

    def _paint_legend(self, p: QPainter, top: float, metrics: QFontMetrics) -> None:
        x = self.LEFT
        for kind in STACK_ORDER:
            color = TYPE_COLORS[kind]
            label = type_name(kind)
            p.setBrush(color)
            p.setPen(QPen(color.darker(125), 1))
            p.drawRoundedRect(QRectF(x, top + 4, 22, 12), 2, 2)
            p.setPen(self.palette().text().color())
            p.drawText(QPointF(x + 28, top + 4 + metrics.ascent() - 1), label)
            x += 28 + metrics.horizontalAdvance(label) + 22


class WeekPdfFileDialog:
    """Where to save the week's PDF; tests monkeypatch ``ask``."""

    @classmethod
    def ask(cls, parent: QWidget, suggested: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("WeekView", "Export week as PDF"),
            suggested,
            QCoreApplication.translate("WeekView", "PDF documents (*.pdf)"),
        )
        return Path(name) if name else None


class WeekView(QWidget):
    """A week picker, the chart, the week's totals and the PDF export.

    ``week_changed`` carries the Monday shown; ``exported`` the path of a written PDF.
    Call :meth:`refresh` after sessions change.
    """

    week_changed = Signal(object)
    exported = Signal(str)

    def __init__(self, app: Tracker, parent: QWidget | None = None, day: date | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.report: WeekReport | None = None
        self.setWindowTitle(self.tr("My week"))

        self.prev_button = QPushButton(self.tr("◀ Previous week"))
        self.next_button = QPushButton(self.tr("Next week ▶"))
        self.this_week_button = QPushButton(self.tr("This week"))
        self.date_edit = QDateEdit()
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setAccessibleName(self.tr("A day of the week to show"))
        self.span_label = QLabel()
        bold = QFont(self.span_label.font())
        bold.setBold(True)
        self.span_label.setFont(bold)
        self.export_button = QPushButton(self.tr("Export week as PDF…"))

        picker = QHBoxLayout()
        picker.addWidget(self.prev_button)
        picker.addWidget(self.date_edit)
        picker.addWidget(self.next_button)
        picker.addWidget(self.this_week_button)
        picker.addSpacing(12)
        picker.addWidget(self.span_label)
        picker.addStretch(1)
        picker.addWidget(self.export_button)

        self.chart = WeekChart(self)

        self.recorded_label = QLabel()
        self.billable_label = QLabel()
        self.standard_label = QLabel()
        self.amount_label = QLabel()
        totals = QHBoxLayout()
        for label in (self.recorded_label, self.billable_label, self.standard_label, self.amount_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            totals.addWidget(label)
            totals.addSpacing(18)
        totals.addStretch(1)

        self.status = QLabel()
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(picker)
        layout.addWidget(self.chart, 1)
        layout.addLayout(totals)
        layout.addWidget(self.status)

        self.prev_button.clicked.connect(lambda: self.set_week(self.start - timedelta(days=7)))
        self.next_button.clicked.connect(lambda: self.set_week(self.start + timedelta(days=7)))
        self.this_week_button.clicked.connect(lambda: self.set_week(self._today()))
        self.date_edit.dateChanged.connect(self._date_picked)
        self.export_button.clicked.connect(self.export_pdf)

        self.close_shortcuts = close_keys(self)
        self.start = week_start(day or self._today())
        self.set_week(self.start)

    def _today(self) -> date:
        return self.app.now().date()

    # ----- the week --------------------------------------------------------------------

    def set_week(self, any_day: date) -> None:
        """Show the week (Monday to Sunday) holding ``any_day``."""
        self.start = week_start(any_day)
        picked = self.date_edit.date().toPython()
        if week_start(picked) != self.start:  # keep the day the consultant typed
            self.date_edit.blockSignals(True)
            self.date_edit.setDate(QDate(any_day.year, any_day.month, any_day.day))
            self.date_edit.blockSignals(False)
        self.refresh()
        self.week_changed.emit(self.start)

    def _date_picked(self, value: QDate) -> None:
        day = value.toPython()
        if week_start(day) != self.start:
            self.set_week(day)

    def refresh(self) -> None:
        """Read the shown week again from the store."""
        try:
            self.report = week_report(self.app, self.start)
        except TrackerError as exc:
            self.report = None
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(error_text(exc))
        else:
            self.status.setStyleSheet("")
            self.status.setText("")
        self.chart.set_report(self.report)
        self.next_button.setEnabled(self.start + timedelta(days=7) <= self._today())
        self._show_totals()

    def _show_totals(self) -> None:
        r = self.report
        end = self.start + timedelta(days=6)
        self.span_label.setText(
            self.tr("{start} – {end}").format(
                start=self.start.strftime("%d/%m/%Y"), end=end.strftime("%d/%m/%Y")
            )
        )
        total = r.total if r else 0
        billable = r.billable if r else 0
        self.recorded_label.setText(self.tr("Recorded: <b>{time}</b>").format(time=hm(total)))
        self.billable_label.setText(self.tr("Billable: <b>{time}</b>").format(time=hm(billable)))
        self.standard_label.setText(self.tr("Standard: <b>{time}</b>").format(time=hm(total - billable)))
        amount = r.amount if r else None
        if amount is None:
            self.amount_label.setText(self.tr("Estimated amount: —"))
            self.amount_label.setToolTip(self.tr("No hourly rate is known for this week's billable time."))
        else:
            self.amount_label.setText(
                self.tr("Estimated amount: <b>{amount}</b>").format(amount=money(amount))
            )
            self.amount_label.setToolTip(
                self.tr(
                    "From this computer's rates; the statement prices each atendimento "
                    "when its ticket is finalized."
                )
            )
        self.export_button.setEnabled(r is not None)

    # ----- export ------------------------------------------------------------------------

    def export_pdf(self) -> Path | None:
        """Ask where, then write the shown week's PDF atomically."""
        if self.report is None:
            return None
        suggested = f"semana-{self.start.isoformat()}-{self.report.consultant}.pdf"
        path = WeekPdfFileDialog.ask(self, suggested)
        if path is None:
            return None
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            write_week_pdf(self.report, path)
        except OSError as exc:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(
                self.tr("{path} was not written: {error}").format(path=path, error=exc.strerror or exc)
            )
            return None
        self.status.setStyleSheet("")
        self.status.setText(
            self.tr("Exported the week {span} to {path}").format(span=week_span(self.report), path=path)
        )
        self.exported.emit(str(path))
        return path
