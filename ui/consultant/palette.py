"""The quick switch (Ctrl+K): type a bit of a ticket number or customer, Enter starts it.

The search is fuzzy: the typed characters must appear in order (accents and case do
not matter), and tickets rank by how contiguous the match is, then by how recently you
worked on them.  ``shortcuts(window)`` makes the window's keyboard actions.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QAction,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from tracker.errors import TrackerError
from ui.common.fmt import error_text
from ui.common.provider import TrackerProvider

RECENT = 20  # tickets ranked by your own sessions; the rest by how new they are
SHOWN = 50  # rows in the list
VISIBLE = 10  # rows without scrolling
WIDTH = 560
HtmlRole = Qt.ItemDataRole.UserRole + 1
NumberRole = Qt.ItemDataRole.UserRole
WORD_BREAKS = " -./_—"


# ----- the fuzzy match (pure) --------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case without accents, one character per character: 'São' -> 'sao'."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0]
        out.append(base.casefold()[:1] or ch)
    return "".join(out)


def _greedy(query: str, text: str, start: int) -> tuple[int, list[int]] | None:
    positions = [start]
    i = start + 1
    for ch in query[1:]:
        i = text.find(ch, i)
        if i < 0:
            return None
        positions.append(i)
        i += 1
    score = 0
    for k, p in enumerate(positions):
        score += 1
        if k and positions[k - 1] == p - 1:
            score += 5  # contiguous with the previous character
        if p == 0 or text[p - 1] in WORD_BREAKS:
            score += 3  # at the start of a word
    return score, positions


def fuzzy_match(query: str, text: str) -> tuple[int, list[int]] | None:
    """(score, matched positions) when every character of ``query`` is in ``text`` in order.

    Both must be folded already.  The best of the first few starting points is kept.
    """
    query = query.replace(" ", "")
    if not query:
        return 0, []
    best: tuple[int, list[int]] | None = None
    start = text.find(query[0])
    tries = 0
    while start >= 0 and tries < 8:
        found = _greedy(query, text, start)
        if found is None:
            break  # a later start cannot match when this one could not
        if best is None or found[0] > best[0]:
            best = found
        start = text.find(query[0], start + 1)
        tries += 1
    return best


class Candidate(NamedTuple):
    number: str
    customer: str
    rank: int  # 0 is the most recent
    folded: str

    @property
    def text(self) -> str:
        return f"{self.number} — {self.customer}"


def candidates(
    recent: list[tuple[str, str]], others: list[tuple[str, str]], folded: dict[str, str] | None = None
) -> list[Candidate]:
    """Recent tickets first, then the others; ``folded`` caches the folded texts between opens."""
    cache = {} if folded is None else folded
    seen: set[str] = set()
    out = []
    for number, customer in [*recent, *others]:
        if number in seen:
            continue
        seen.add(number)
        text = f"{number} — {customer}"
        key = cache.get(text)
        if key is None:
            key = cache[text] = fold(text)
        out.append(Candidate(number, customer, len(out), key))
    return out


def search(query: str, pool: list[Candidate], limit: int = SHOWN) -> list[tuple[Candidate, list[int]]]:
    """The best matches, best first: contiguous matches, then recency."""
    q = fold(query.strip())
    if not q.replace(" ", ""):
        return [(c, []) for c in pool[:limit]]
    # A quick filter in C before the scoring in Python: all characters in order.
    pattern = re.compile(".*?".join(re.escape(ch) for ch in q.replace(" ", "")))
    scored = []
    for c in pool:
        if pattern.search(c.folded) is None:
            continue
        found = fuzzy_match(q, c.folded)
        if found is not None:
            scored.append((-found[0], c.rank, c, found[1]))
    scored.sort(key=lambda row: (row[0], row[1]))
    return [(c, positions) for _, _, c, positions in scored[:limit]]


def highlight(text: str, positions: list[int]) -> str:
    marks = set(positions)
    return "".join(
        f"<b>{html.escape(ch)}</b>" if i in marks else html.escape(ch) for i, ch in enumerate(text)
    )


# ----- the popup ---------------------------------------------------------------------------


class _RichDelegate(QStyledItemDelegate):
    """Rows as HTML, so the matched characters show in bold."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        markup = index.data(HtmlRole) or html.escape(opt.text)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = QTextDocument()
        doc.setDefaultFont(opt.font)
        doc.setHtml(markup)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = opt.palette.ColorRole.HighlightedText if selected else opt.palette.ColorRole.Text
        context.palette.setColor(opt.palette.ColorRole.Text, opt.palette.color(role))
        painter.save()
        top = opt.rect.top() + (opt.rect.height() - doc.size().height()) / 2
        painter.translate(opt.rect.left() + 6, top)
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), option.fontMetrics.height() + 12))


TicketSource = Callable[[], list[tuple[str, str]]]


class QuickSwitchPalette(QFrame):
    """A frameless popup: a search line and the matching tickets; Enter starts one.

    ``tickets`` gives every open ticket as (number, customer), newest first; the window
    passes its ticket panel's list (read in a worker), and without it the open tickets
    are read here.  ``started`` carries the ticket number after a start.
    """

    started = Signal(str)

    def __init__(
        self,
        provider: TrackerProvider,
        parent: QWidget | None = None,
        tickets: TicketSource | None = None,
        writable: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Popup | Qt.WindowType.FramelessWindowHint)
        self.provider = provider
        self.tickets = tickets
        self.writable = writable if writable is not None else (lambda: True)
        self.pool: list[Candidate] = []
        self._folded: dict[str, str] = {}
        self.running: str | None = None
        self.setObjectName("quickSwitch")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#quickSwitch { border: 1px solid #8a949c; border-radius: 6px; }"
            "#quickSwitch QLineEdit { font-size: 13pt; padding: 6px; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("Switch to a ticket: type its number or customer"))
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self.refilter)
        self.edit.installEventFilter(self)
        layout.addWidget(self.edit)
        self.list = QListWidget()
        self.list.setItemDelegate(_RichDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.itemActivated.connect(lambda item: self.start(item.data(NumberRole)))
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.list, 1)
        self.hint = QLabel(self.tr("↑ ↓ choose · Enter starts the timer · Esc closes"))
        self.hint.setStyleSheet("color: #5d6d7e;")
        layout.addWidget(self.hint)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c0392b;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.resize(WIDTH, 380)

    # ----- data --------------------------------------------------------------------------

    def load(self) -> None:
        """Read the recent and open tickets again."""
        tracker = self.provider.tracker
        try:
            timer = tracker.running()
            self.running = timer.ticket if timer else None
            recent = [(t.number, t.customer) for t in tracker.recent_tickets(RECENT)]
            if self.tickets is not None:
                others = self.tickets()
            else:
                others = [(t.number, t.customer) for t in tracker.list_tickets(open_only=True)]
        except TrackerError as exc:
            self._show_error(error_text(exc))
            return
        self.pool = candidates(recent, others, self._folded)

    def refilter(self, text: str | None = None) -> None:
        query = self.edit.text() if text is None else text
        self.list.clear()
        for c, positions in search(query, self.pool):
            label = c.text
            if c.number == self.running:
                label += "  " + self.tr("(running)")
            item = QListWidgetItem(label)
            item.setData(NumberRole, c.number)
            markup = highlight(c.text, positions)
            if c.number == self.running:
                markup += (
                    " <span style='color:#1e8449'>&nbsp;● " + html.escape(self.tr("running")) + "</span>"
                )
            item.setData(HtmlRole, markup)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._fit()

    def _fit(self) -> None:
        """As tall as the rows shown, up to ``VISIBLE`` of them; the rest scroll."""
        row = self.list.sizeHintForRow(0) if self.list.count() else self.fontMetrics().height() + 12
        rows = min(max(self.list.count(), 3), VISIBLE)
        self.list.setFixedHeight(row * rows + 2 * self.list.frameWidth() + 2)
        self.adjustSize()
        self.resize(WIDTH, self.sizeHint().height())

    def shown_numbers(self) -> list[str]:
        return [self.list.item(i).data(NumberRole) for i in range(self.list.count())]

    # ----- showing -----------------------------------------------------------------------

    def open_palette(self) -> None:
        """Show the palette over the top of the parent window, with the recent tickets."""
        self.error.hide()
        self.load()
        self.edit.blockSignals(True)
        self.edit.clear()
        self.edit.blockSignals(False)
        self.refilter("")
        parent = self.parentWidget()
        if parent is not None:
            top_left = parent.mapToGlobal(QPoint(0, 0))
            x = top_left.x() + max(0, (parent.width() - self.width()) // 2)
            self.move(x, top_left.y() + min(80, parent.height() // 6))
        self.show()
        self.raise_()
        self.activateWindow()
        self.edit.setFocus()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    # ----- keys --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if self._key(event.key()):
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._key(event.key()):
            super().keyPressEvent(event)

    def _key(self, key: int) -> bool:
        count = self.list.count()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            if count:
                step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 8, Qt.Key.Key_PageUp: -8}[
                    Qt.Key(key)
                ]
                self.list.setCurrentRow(max(0, min(count - 1, self.list.currentRow() + step)))
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            item = self.list.currentItem()
            if item is not None:
                self.start(item.data(NumberRole))
            return True
        if key == Qt.Key.Key_Escape:
            self.close()
            return True
        return False

    # ----- starting ----------------------------------------------------------------------

    def start(self, number: str) -> None:
        """Start a timer on ``number`` (the running ticket just closes the palette)."""
        if number == self.running:
            self.close()
            return
        if not self.writable():
            self._show_error(self.tr("The database is being checked; try again in a moment."))
            return
        try:
            self.provider.tracker.start(number, heartbeat=True)
        except TrackerError as exc:
            self._show_error(error_text(exc))
            return
        self.close()
        self.started.emit(number)


# ----- the window's keyboard shortcuts ---------------------------------------------------


@dataclass(frozen=True)
class Shortcut:
    name: str
    keys: str
    text: str


Slot = Callable[[], object]


def shortcuts(window: QWidget, slots: dict[str, Slot]) -> list[QAction]:
    """The window's keyboard actions: start/stop, quick switch, new ticket, sync, focus note.

    ``slots`` maps the names ``start_stop``, ``quick_switch``, ``new_ticket``, ``sync``
    and ``focus_note`` to what each runs (a missing one does nothing).  An action the
    window already has with the same keys (its Sync now) is returned instead of a
    second one: two actions on one shortcut make Qt fire neither.
    """
    translate = QCoreApplication.translate
    wanted = [
        Shortcut("start_stop", "Ctrl+Space", translate("QuickSwitchPalette", "Start or stop the timer")),
        Shortcut("quick_switch", "Ctrl+K", translate("QuickSwitchPalette", "Switch ticket…")),
        Shortcut("new_ticket", "Ctrl+N", translate("QuickSwitchPalette", "New ticket…")),
        Shortcut("sync", "Ctrl+Shift+S", translate("QuickSwitchPalette", "Sync now")),
        Shortcut("focus_note", "Ctrl+L", translate("QuickSwitchPalette", "Write a note")),
    ]
    existing = {
        a.shortcut().toString(QKeySequence.SequenceFormat.PortableText): a
        for a in window.findChildren(QAction)
        if not a.shortcut().isEmpty()
    }
    actions = []
    for s in wanted:
        keys = QKeySequence(s.keys)
        found = existing.get(keys.toString(QKeySequence.SequenceFormat.PortableText))
        if found is not None:
            actions.append(found)
            continue
        action = QAction(s.text, window)
        action.setObjectName(s.name)
        action.setShortcut(keys)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(f"{s.text} ({keys.toString(QKeySequence.SequenceFormat.NativeText)})")
        slot = slots.get(s.name)
        if slot is not None:
            action.triggered.connect(lambda _=False, slot=slot: slot())
        actions.append(action)
    return actions


def install_palette(window: QWidget, provider: TrackerProvider) -> QuickSwitchPalette:
    """The palette for the main window, over its ticket panel's list of open tickets."""
    panel = getattr(window, "panel", None)
    palette = QuickSwitchPalette(
        provider,
        window,
        tickets=getattr(panel, "open_tickets", None),
        writable=lambda: bool(getattr(window, "writable", True)),
    )
    reload = getattr(window, "reload", None)
    if callable(reload):
        palette.started.connect(lambda _number: reload())
    return palette
