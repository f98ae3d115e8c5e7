"""Start what was typed: the open tickets whose number or customer match it, to pick one.

Typing a customer's name in the ticket box and pressing Start must not create a ticket
numbered with that name: the open tickets that match (by number or customer, any case)
are offered instead, with New ticket… for when none is the one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

SEPARATOR = " — "
LIMIT = 50
NEW = ""  # what ask() returns when New ticket… was chosen


def matching(text: str, tickets: list[tuple[str, str]], limit: int = LIMIT) -> list[tuple[str, str]]:
    """(number, customer) of the tickets whose number or customer holds ``text``.

    Those where a word starts with it come first ("Mercado Central" before "Supermercado"
    for "mercado"); otherwise in the order given (the most recent first).
    """
    needle = text.strip().casefold()
    if not needle:
        return []
    found = [(n, c) for n, c in tickets if needle in n.casefold() or needle in c.casefold()]

    def starts_a_word(pair: tuple[str, str]) -> bool:
        number, customer = pair
        return number.casefold().startswith(needle) or any(
            word.startswith(needle) for word in customer.casefold().split()
        )

    return sorted(found, key=lambda pair: not starts_a_word(pair))[:limit]


class TicketChooser(QDialog):
    """The matching open tickets; Start starts the one picked, New ticket… makes one."""

    def __init__(self, parent: QWidget | None, text: str, matches: list[tuple[str, str]]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Which ticket?"))
        self.setMinimumWidth(460)
        self.chosen: str | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Open tickets matching “{0}”: pick the one to start.").format(text.strip()))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        for number, customer in matches:
            item = QListWidgetItem(f"{number}{SEPARATOR}{customer}")
            item.setData(Qt.ItemDataRole.UserRole, number)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout.addWidget(self.list)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.start_button = self.buttons.addButton(self.tr("Start"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.new_button = QPushButton(self.tr("New ticket…"))
        self.buttons.addButton(self.new_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.new_button.clicked.connect(self.new_ticket)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.start_button.setDefault(True)
        self.list.setFocus()

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.chosen = str(item.data(Qt.ItemDataRole.UserRole))
        super().accept()

    def new_ticket(self) -> None:
        self.chosen = NEW
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, text: str, matches: list[tuple[str, str]]) -> str | None:
        """The number picked, NEW ("") for a new ticket, or None when cancelled."""
        dialog = cls(parent, text, matches)
        return dialog.chosen if dialog.exec() == QDialog.DialogCode.Accepted else None
