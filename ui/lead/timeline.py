"""A day's timeline: one row per consultant, the hours 0-24 across, sessions as bars.

Bars are coloured by consultancy type and outlined in red when flagged.  Sessions that
overlap in one row are drawn in lanes (the row is split in two or more), so an overlap
is visible instead of hidden under the other bar.  Hovering a bar shows its ticket,
customer, times and duration.  :meth:`Timeline.bars` gives the painted geometry, so a
test can check the picture against the sessions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from tracker.model import ConsultancyType
from ui.common.chart_colors import GRID, TYPE_COLORS
from ui.common.fmt import duration_text, flags_text, type_name

DAY_SECONDS = 24 * 3600
FLAG_OUTLINE = QColor("#d0021b")
SELECTED_ROW = QColor("#e8f0fb")
MIN_BAR_WIDTH = 3.0


@dataclass(frozen=True)
class TimelineSession:
    uuid: str
    consultant: str
    ticket: str
    customer: str
    type: ConsultancyType
    start: datetime
    end: datetime
    seconds: int
    flags: tuple[str, ...] = ()

    @classmethod
    def from_review(cls, consultant: str, row: dict[str, Any]) -> TimelineSession:
        """A session row of Tracker.review_day()."""
        return cls(
            uuid=row["uuid"],
            consultant=consultant,
            ticket=row["ticket"],
            customer=row.get("customer", ""),
            type=ConsultancyType(row["type"]),
            start=datetime.fromisoformat(row["start"]),
            end=datetime.fromisoformat(row["end"]),
            seconds=int(row["seconds"]),
            flags=tuple(row.get("flags", ())),
        )

    @property
    def start_offset(self) -> int:
        """Seconds from the day's midnight, on the session's own wall clock."""
        return self.start.hour * 3600 + self.start.minute * 60 + self.start.second


@dataclass(frozen=True)
class Bar:
    uuid: str
    consultant: str
    rect: QRectF
    color: QColor
    flagged: bool
    lane: int


class Timeline(QWidget):
    """Paints ``set_day()``'s sessions; emits ``consultant_clicked`` when a row is clicked."""

    consultant_clicked = Signal(str)

    LEFT = 110.0  # the names column
    RIGHT = 14.0
    TOP = 26.0  # the hour labels
    LEGEND = 28.0  # the legend under the rows
    ROW = 34.0
    ROW_GAP = 6.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[str] = []
        self._sessions: dict[str, list[TimelineSession]] = {}
        self._lanes: dict[str, int] = {}
        self._lane_count: dict[str, int] = {}
        self._selected = ""
        self.setMouseTracking(True)
        self.setMinimumHeight(int(self.TOP + self.ROW + self.LEGEND + 8))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Timeline of the day"))

    # ----- data --------------------------------------------------------------------

    def set_day(self, consultants: list[str], sessions: list[TimelineSession]) -> None:
        self._rows = list(consultants)
        self._sessions = {c: [] for c in self._rows}
        for s in sorted(sessions, key=lambda s: (s.start_offset, s.uuid)):
            self._sessions.setdefault(s.consultant, []).append(s)
            if s.consultant not in self._rows:
                self._rows.append(s.consultant)
        self._assign_lanes()
        self.setFixedHeight(self.sizeHint().height())
        self.updateGeometry()
        self.update()

    def set_selected(self, consultant: str) -> None:
        self._selected = consultant
        self.update()

    def _assign_lanes(self) -> None:
        """Greedy lanes: a session goes in the first lane whose last bar ended before it starts."""
        self._lanes.clear()
        self._lane_count.clear()
        for who, sessions in self._sessions.items():
            ends: list[int] = []
            for s in sessions:
                begin = s.start_offset
                lane = next((i for i, end in enumerate(ends) if end <= begin), len(ends))
                if lane == len(ends):
                    ends.append(0)
                ends[lane] = begin + max(s.seconds, 1)
                self._lanes[s.uuid] = lane
            self._lane_count[who] = max(1, len(ends))

    # ----- geometry ------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        rows = max(1, len(self._rows))
        return QSize(760, int(self.TOP + rows * (self.ROW + self.ROW_GAP) + self.LEGEND + 6))

    def minimumSizeHint(self) -> QSize:
        return QSize(420, self.sizeHint().height())

    def plot_width(self) -> float:
        return max(1.0, self.width() - self.LEFT - self.RIGHT)

    def x_of(self, seconds: float) -> float:
        """The x of ``seconds`` after midnight."""
        return self.LEFT + min(max(seconds, 0.0), DAY_SECONDS) / DAY_SECONDS * self.plot_width()

    def row_rect(self, row: int) -> QRectF:
        top = self.TOP + row * (self.ROW + self.ROW_GAP)
        return QRectF(0, top, self.width(), self.ROW)

    def bars(self) -> list[Bar]:
        """Every painted bar, row by row and in start order within a row."""
        out = []
        for row, who in enumerate(self._rows):
            box = self.row_rect(row)
            lanes = self._lane_count.get(who, 1)
            lane_h = (box.height() - 4) / lanes
            for s in self._sessions.get(who, []):
                lane = self._lanes.get(s.uuid, 0)
                left = self.x_of(s.start_offset)
                right = self.x_of(s.start_offset + s.seconds)  # past midnight: clipped at 24:00
                width = max(right - left, MIN_BAR_WIDTH)
                rect = QRectF(left, box.top() + 2 + lane * lane_h, width, lane_h - (1 if lanes > 1 else 0))
                out.append(Bar(s.uuid, who, rect, TYPE_COLORS[s.type], bool(s.flags), lane))
        return out

    def session(self, uuid: str) -> TimelineSession | None:
        return next((s for ss in self._sessions.values() for s in ss if s.uuid == uuid), None)

    def bar_at(self, pos: QPointF) -> Bar | None:
        # The last painted bar is on top.
        return next((b for b in reversed(self.bars()) if b.rect.adjusted(-1, -1, 1, 1).contains(pos)), None)

    def tooltip_for(self, uuid: str) -> str:
        s = self.session(uuid)
        if s is None:
            return ""
        lines = [
            self.tr("Ticket {ticket} — {customer}").format(ticket=s.ticket, customer=s.customer or "?"),
            self.tr("{type}: {start}–{end} ({duration})").format(
                type=type_name(s.type),
                start=s.start.strftime("%H:%M"),
                end=s.end.strftime("%H:%M") + ("" if s.end.date() == s.start.date() else " (+1)"),
                duration=duration_text(s.seconds),
            ),
        ]
        if s.flags:
            lines.append(self.tr("Flagged: {flags}").format(flags=flags_text(s.flags)))
        return "\n".join(lines)

    # ----- events --------------------------------------------------------------------

    def event(self, ev: QEvent) -> bool:
        if ev.type() == QEvent.Type.ToolTip and isinstance(ev, QHelpEvent):
            bar = self.bar_at(QPointF(ev.pos()))
            if bar is None:
                QToolTip.hideText()
                ev.ignore()
            else:
                QToolTip.showText(ev.globalPos(), self.tooltip_for(bar.uuid), self, bar.rect.toRect())
            return True
        return super().event(ev)

    def mousePressEvent(self, ev: QMouseEvent) -> None:
        y = ev.position().y()
        for row, who in enumerate(self._rows):
            if self.row_rect(row).contains(QPointF(10, y)):
                self.consultant_clicked.emit(who)
                return
        super().mousePressEvent(ev)

    # ----- painting ------------------------------------------------------------------

    def paintEvent(self, _ev: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        metrics = QFontMetrics(self.font())
        text_color = self.palette().text().color()
        bottom = self.TOP + max(1, len(self._rows)) * (self.ROW + self.ROW_GAP) - self.ROW_GAP

        for row, who in enumerate(self._rows):
            box = self.row_rect(row)
            if who == self._selected:
                p.fillRect(box, SELECTED_ROW)
            p.setPen(text_color)
            name = metrics.elidedText(who, Qt.TextElideMode.ElideRight, int(self.LEFT - 12))
            p.drawText(
                QRectF(6, box.top(), self.LEFT - 10, box.height()), Qt.AlignmentFlag.AlignVCenter, name
            )

        # Hour grid and labels every 2 hours (every hour when there is room).
        step = 1 if self.plot_width() >= 24 * metrics.horizontalAdvance("00") * 2 else 2
        for hour in range(0, 25, step):
            x = self.x_of(hour * 3600)
            p.setPen(QPen(GRID, 1))
            p.drawLine(QPointF(x, self.TOP - 4), QPointF(x, bottom))
            p.setPen(text_color)
            label = f"{hour:02d}"
            w = metrics.horizontalAdvance(label)
            p.drawText(QPointF(x - w / 2, self.TOP - 8), label)

        if not self._rows:
            p.setPen(self.palette().placeholderText().color())
            p.drawText(
                QRectF(self.LEFT, self.TOP, self.plot_width(), self.ROW),
                Qt.AlignmentFlag.AlignCenter,
                self.tr("No sessions in the export for this day"),
            )

        for bar in self.bars():
            p.setBrush(bar.color)
            if bar.flagged:
                p.setPen(QPen(FLAG_OUTLINE, 2.2))
            else:
                p.setPen(QPen(bar.color.darker(130), 1))
            p.drawRoundedRect(bar.rect.adjusted(0.5, 0.5, -0.5, -0.5), 2.5, 2.5)

        self._paint_legend(p, bottom + 8, metrics)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(GRID, 1))
        p.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        p.end()

    def _paint_legend(self, p: QPainter, top: float, metrics: QFontMetrics) -> None:
        x = self.LEFT
        items: list[tuple[str, QColor, bool]] = [
            (type_name(kind), color, False) for kind, color in TYPE_COLORS.items()
        ]
        items.append((self.tr("Flagged"), self.palette().base().color(), True))
        font = QFont(self.font())
        p.setFont(font)
        for label, color, flagged in items:
            swatch = QRectF(x, top + 4, 22, 12)
            p.setBrush(color)
            p.setPen(QPen(FLAG_OUTLINE, 2.2) if flagged else QPen(color.darker(130), 1))
            p.drawRoundedRect(swatch, 2, 2)
            p.setPen(self.palette().text().color())
            p.drawText(QPointF(x + 28, top + 4 + metrics.ascent() - 1), label)
            x += 28 + metrics.horizontalAdvance(label) + 22
