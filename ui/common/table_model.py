"""The part every table model of the app shares: column headings from ``self._headers``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt


class HeaderedTableModel(QAbstractTableModel):
    """A table model whose horizontal headings are the translated list ``self._headers``."""

    _headers: list[str]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._headers):
            return self._headers[section]
        return None
