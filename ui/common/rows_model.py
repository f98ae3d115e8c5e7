"""One table model for every table of the app: a list of rows and the columns that show them.

After Vorta's archive_table_model and sort proxy, and pyside-setup's modelview examples:
the rows are a plain list; a reload goes through ``beginResetModel``; a change to one
cell emits ``dataChanged`` with the roles that changed.  Each model only declares its
columns (:class:`Column`): the heading, how a row is shown, how it sorts (``SortRole``
carries the real value, so 10:20:00 sorts after 9:40:00 and R$ 1.365,00 after
R$ 960,00), and its tooltip, colour, font, icon and alignment where it has them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon

Index = QModelIndex | QPersistentModelIndex
SortRole = Qt.ItemDataRole.UserRole + 1
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTER = int(Qt.AlignmentFlag.AlignCenter)
# What a change to one cell may alter: its text, its sort value and its looks.
CELL_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    SortRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.FontRole,
)

R = TypeVar("R")


def bold_font(scale: float = 1.0) -> QFont:
    """The table's font, bold (and ``scale`` times its size)."""
    font = QFont()
    font.setBold(True)
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    return font


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its heading and, for a row, what each role of its cell holds.

    ``show`` gives the text; ``sort`` the real value the view sorts by (the text when
    None); ``tip``, ``color`` (the text's colour), ``font`` and ``icon`` may answer None
    for a row that has none; ``align`` is a Qt alignment for every cell of the column.
    """

    heading: str
    show: Callable[[R], Any]
    sort: Callable[[R], Any] | None = None
    tip: Callable[[R], str | None] | None = None
    color: Callable[[R], QColor | None] | None = None
    font: Callable[[R], QFont | None] | None = None
    icon: Callable[[R], QIcon | None] | None = None
    align: int | None = None


class RowsModel(QAbstractTableModel, Generic[R]):
    """A table of ``R`` rows; a subclass declares :meth:`columns` and nothing else it need not.

    Whole-row looks (:meth:`row_color`, :meth:`row_background`, :meth:`row_font`) apply
    to every cell whose column has none of its own; :meth:`row_roles` adds roles of the
    row (a key a proxy filters on, an id).
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []
        self._columns: list[Column[R]] = self.columns()
        self._extra = self.row_roles()
        self._looks: dict[int, Callable[[R, Column[R]], Any]] = {
            Qt.ItemDataRole.DisplayRole: lambda r, c: c.show(r),
            SortRole: lambda r, c: (c.sort or c.show)(r),
            Qt.ItemDataRole.ToolTipRole: lambda r, c: c.tip(r) if c.tip else None,
            Qt.ItemDataRole.ForegroundRole: self._foreground,
            Qt.ItemDataRole.BackgroundRole: self._background,
            Qt.ItemDataRole.FontRole: self._font,
            Qt.ItemDataRole.DecorationRole: lambda r, c: c.icon(r) if c.icon else None,
            Qt.ItemDataRole.TextAlignmentRole: lambda _r, c: c.align,
        }

    # ----- what a subclass declares -------------------------------------------------------

    def columns(self) -> list[Column[R]]:
        raise NotImplementedError

    def row_color(self, row: R) -> QColor | None:
        return None

    def row_background(self, row: R) -> QColor | None:
        return None

    def row_font(self, row: R) -> QFont | None:
        return None

    def row_roles(self) -> dict[int, Callable[[R], Any]]:
        return {}

    # ----- the rows -----------------------------------------------------------------------

    def load(self, rows: Iterable[R]) -> None:
        """Show ``rows`` in place of the ones shown: a reset, the views re-read everything."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def update(self, rows: Iterable[R], *, also: int | None = None) -> None:
        """Show ``rows``, telling the views only what differs from the rows shown.

        Rows are compared in place (those that differ are redrawn, ``also`` too) and
        the tail is added or removed: a click that starts or stops a timer changes one
        row, and the views keep their selection and scroll instead of reading every
        cell again.  For rows whose looks depend on more than the row, :meth:`load`.
        """
        new = list(rows)
        old = self._rows
        if len(new) < len(old):
            self.beginRemoveRows(QModelIndex(), len(new), len(old) - 1)
            del old[len(new) :]
            self.endRemoveRows()
        common = len(old)
        changed = [i for i in range(common) if old[i] != new[i]]
        if also is not None and 0 <= also < common:
            changed.append(also)
        old[:] = new[:common]
        if changed:
            last = len(self._columns) - 1
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), last), [])
        if len(new) > common:
            self.beginInsertRows(QModelIndex(), common, len(new) - 1)
            old.extend(new[common:])
            self.endInsertRows()

    @property
    def column_specs(self) -> Sequence[Column[R]]:
        """The columns as declared: each one's heading and how its cells look."""
        return tuple(self._columns)

    @property
    def rows(self) -> Sequence[R]:
        return tuple(self._rows)

    def row_at(self, row: int) -> R | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def find(self, match: Callable[[R], bool]) -> int:
        """The first row that ``match``es, or -1."""
        return next((i for i, r in enumerate(self._rows) if match(r)), -1)

    def set_row(self, row: int, value: R, *columns: int) -> None:
        """Replace one row; only the cells of ``columns`` (every cell when none) are redrawn."""
        if not 0 <= row < len(self._rows):
            return
        self._rows[row] = value
        if columns:
            for column in columns:
                self.cell_changed(row, column)
        else:
            last = len(self._columns) - 1
            self.dataChanged.emit(self.index(row, 0), self.index(row, last), list(CELL_ROLES))

    def cell_changed(self, row: int, column: int, roles: Sequence[int] = CELL_ROLES) -> None:
        """Tell the views that one cell changed, and which of its roles."""
        cell = self.index(row, column)
        self.dataChanged.emit(cell, cell, list(roles))

    # ----- QAbstractTableModel ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._columns):
            return self._columns[section].heading
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self._columns):
            return None
        row = self._rows[index.row()]
        look = self._looks.get(role)
        if look is not None:
            return look(row, self._columns[index.column()])
        extra = self._extra.get(role)
        return extra(row) if extra is not None else None

    # ----- looks ----------------------------------------------------------------------------

    def _foreground(self, row: R, column: Column[R]) -> QBrush | None:
        color = column.color(row) if column.color else None
        if color is None:
            color = self.row_color(row)
        return QBrush(color) if color is not None else None

    def _background(self, row: R, _column: Column[R]) -> QBrush | None:
        color = self.row_background(row)
        return QBrush(color) if color is not None else None

    def _font(self, row: R, column: Column[R]) -> QFont | None:
        font = column.font(row) if column.font else None
        return font if font is not None else self.row_font(row)
