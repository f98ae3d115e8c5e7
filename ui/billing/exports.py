"""The billing window's exports: where to save one, and the statement written whole or not at all.

The bytes are the CLI's (``tracker.app.write_statement``, over the tracker/export
writers); ``tracker.app.atomic_write`` puts them in a temp file beside the target and
renames it over the target only when complete, so a half-written file never takes the
place of a good one (a device or a pipe is written directly).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from tracker.app import Statement, atomic_write, write_statement


class ExportFileDialog:
    """Where to save an export; tests monkeypatch ``ask``."""

    @classmethod
    def ask(cls, parent: QWidget, title: str, suggested: str, file_filter: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
        return Path(name) if name else None


def ask_target(parent: QWidget, st: Statement, fmt: str, approved_only: bool) -> Path | None:
    """The file to write ``st`` to as ``fmt``, or None when the dialog is cancelled."""
    filters = {
        "csv": QCoreApplication.translate("BillingWindow", "CSV for spreadsheets (*.csv)"),
        "xlsx": QCoreApplication.translate("BillingWindow", "Excel workbook (*.xlsx)"),
        "json": QCoreApplication.translate("BillingWindow", "JSON (*.json)"),
    }
    suffix = "-aprovados" if approved_only else ""
    path = ExportFileDialog.ask(
        parent,
        QCoreApplication.translate("BillingWindow", "Export the statement"),
        f"extrato-{st.month}{suffix}.{fmt}",
        filters[fmt],
    )
    if path is not None and not path.suffix:
        path = path.with_suffix(f".{fmt}")
    return path


def write_export(st: Statement, fmt: str, path: Path) -> Path:
    """Write the whole statement to ``path``; an OSError leaves the old file as it was."""
    with atomic_write(path) as out:
        write_statement(st, fmt, out)
    return path
