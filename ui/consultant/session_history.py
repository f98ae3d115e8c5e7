"""A session's history, read-only: every revision, who, when, why, and what changed.

Tracker.session_history gives the actions, the fields and the reasons the app itself
wrote ("created", "edit", "recorded (manual)", "split at <time>") as stored, in English;
here they are shown in the window's language, times as dd/mm/yyyy hh:mm:ss.  Revisions
are numbered as the command line numbers them (r1, r2…).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tracker.model import ConsultancyType
from ui.common.fmt import duration_text, flags_text, type_name

WHEN_FORMAT = "%d/%m/%Y %H:%M:%S"
SHOWN_KEYS = ("ticket", "type", "start", "end", "seconds", "note", "flags", "deleted")

ACTIONS = {
    "created": QT_TRANSLATE_NOOP("HistoryDialog", "created"),
    "edit": QT_TRANSLATE_NOOP("HistoryDialog", "edited"),
    "split": QT_TRANSLATE_NOOP("HistoryDialog", "split"),
    "split_from": QT_TRANSLATE_NOOP("HistoryDialog", "made by a split"),
    "delete": QT_TRANSLATE_NOOP("HistoryDialog", "deleted"),
}
FIELDS = {
    "ticket": QT_TRANSLATE_NOOP("HistoryDialog", "ticket"),
    "type": QT_TRANSLATE_NOOP("HistoryDialog", "type"),
    "start": QT_TRANSLATE_NOOP("HistoryDialog", "start"),
    "end": QT_TRANSLATE_NOOP("HistoryDialog", "end"),
    "seconds": QT_TRANSLATE_NOOP("HistoryDialog", "duration"),
    "note": QT_TRANSLATE_NOOP("HistoryDialog", "note"),
    "flags": QT_TRANSLATE_NOOP("HistoryDialog", "flags"),
    "deleted": QT_TRANSLATE_NOOP("HistoryDialog", "deleted"),
}
SOURCES = {
    "timer": QT_TRANSLATE_NOOP("HistoryDialog", "recorded by the timer"),
    "manual": QT_TRANSLATE_NOOP("HistoryDialog", "typed in by hand"),
    "split": QT_TRANSLATE_NOOP("HistoryDialog", "made by a split"),
    "idle": QT_TRANSLATE_NOOP("HistoryDialog", "time away, kept apart"),
    "import": QT_TRANSLATE_NOOP("HistoryDialog", "imported"),
}
HISTORY_COLUMNS = (
    QT_TRANSLATE_NOOP("HistoryDialog", "Revision"),
    QT_TRANSLATE_NOOP("HistoryDialog", "When"),
    QT_TRANSLATE_NOOP("HistoryDialog", "Who"),
    QT_TRANSLATE_NOOP("HistoryDialog", "Action"),
    QT_TRANSLATE_NOOP("HistoryDialog", "Why"),
    QT_TRANSLATE_NOOP("HistoryDialog", "Change"),
)
RECORDED = re.compile(r"^recorded \((\w+)\)$")
SPLIT_AT = re.compile(r"^split at (\S+)$")
SECOND_PART = re.compile(r"^(.*); the second part of ([0-9a-f-]+)$", re.DOTALL)


def translated(text: str) -> str:
    """A text of the tables above, in the window's language."""
    return QCoreApplication.translate("HistoryDialog", text)


def when_text(value: str) -> str:
    try:
        return datetime.fromisoformat(value).strftime(WHEN_FORMAT)
    except ValueError:
        return value


def action_text(action: str) -> str:
    return translated(ACTIONS[action]) if action in ACTIONS else action


def why_text(why: str) -> str:
    """A reason the app wrote itself, in the window's language; one typed by a person as typed."""
    second = SECOND_PART.match(why)
    if second:
        text = QCoreApplication.translate("HistoryDialog", "{0}; the second part of {1}")
        return text.format(why_text(second.group(1)), second.group(2)[:8])
    recorded = RECORDED.match(why)
    if recorded:
        source = recorded.group(1)
        return translated(SOURCES[source]) if source in SOURCES else why
    split = SPLIT_AT.match(why)
    if split:
        return QCoreApplication.translate("HistoryDialog", "split at {0}").format(when_text(split.group(1)))
    return why


def value_text(key: str, value: Any) -> str:
    if value is None:
        return "—"
    if key in ("start", "end"):
        return when_text(str(value))
    if key == "seconds":
        return duration_text(int(value))
    if key == "flags":
        return flags_text(tuple(value)) or "—"
    if key == "deleted":
        yes, no = (
            QCoreApplication.translate("HistoryDialog", "yes"),
            QCoreApplication.translate("HistoryDialog", "no"),
        )
        return yes if value else no
    if key == "type" and value in {t.value for t in ConsultancyType}:
        return type_name(ConsultancyType(value))
    return str(value) if value != "" else "—"


def change_text(before: dict[str, Any] | None, after: dict[str, Any]) -> str:
    """What a revision changed, one 'field: old → new' line each."""
    if before is None:
        return "\n".join(
            f"{translated(FIELDS[key])}: {value_text(key, after.get(key))}"
            for key in ("ticket", "start", "end", "seconds", "note")
            if key in after
        )
    lines = [
        f"{translated(FIELDS[key])}: {value_text(key, before.get(key))} → {value_text(key, after.get(key))}"
        for key in SHOWN_KEYS
        if before.get(key) != after.get(key)
    ]
    return "\n".join(lines) or "—"


class HistoryDialog(QDialog):
    """Every revision of a session, read-only: who, when, why, and what changed."""

    def __init__(self, parent: QWidget | None, title: str, entries: list[dict[str, Any]]) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(860, 360)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(len(entries), len(HISTORY_COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in HISTORY_COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        for row, entry in enumerate(entries):
            values = [
                f"r{entry['revision']}",
                when_text(entry["at"]),
                entry["who"],
                action_text(entry["action"]),
                why_text(entry["why"]),
                change_text(entry["before"], entry["after"]),
            ]
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, col, item)
        self.table.horizontalHeaderItem(0).setToolTip(
            self.tr("The session's revision, as the command line shows it (tracker session history)")
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(HISTORY_COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def rows(self) -> list[list[str]]:
        return [
            [self.table.item(r, c).text() for c in range(self.table.columnCount())]
            for r in range(self.table.rowCount())
        ]

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, entries: list[dict[str, Any]]) -> None:
        cls(parent, title, entries).exec()
