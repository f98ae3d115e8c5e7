"""Every setting in one dialog: who you are, the central store, work hours and reminders.

The same keys as ``tracker config set`` (Tracker.settings); the dialog stores them all
at once with ``Settings.set_many``, which checks each value first: a refused one is
shown in red next to its field (on its tab) and nothing is stored.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QWidget,
)

from tracker.app import Tracker
from tracker.errors import BadInput
from ui.consultant.central_field import CentralField
from ui.consultant.dialogs import FormDialog

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LANGUAGES = ("system", "pt_BR", "en")


def _spin(low: int, high: int, value: str, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(int(value))
    box.setSuffix(suffix)
    return box


def _time(text: str) -> QTimeEdit:
    edit = QTimeEdit(QTime.fromString(text, "HH:mm"))
    edit.setDisplayFormat("HH:mm")
    return edit


class SettingsDialog(FormDialog):
    """Login, name, role, unit, language; the central store; products, hours, reminders."""

    def __init__(self, parent: QWidget | None, tracker: Tracker) -> None:
        super().__init__(parent, self.tr("Settings"))
        self.tracker = tracker
        self.setMinimumWidth(560)
        self.values_ = tracker.settings.all()
        self.tabs = QTabWidget()
        self.layout_.insertWidget(0, self.tabs)
        self._you_tab()
        self._central_tab()
        self._work_tab()
        self.ok_button.setText(self.tr("Save"))

    def _tab(self, title: str) -> QFormLayout:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.tabs.addTab(page, title)
        return form

    def _you_tab(self) -> None:
        v = self.values_
        form = self._tab(self.tr("You"))
        self.login = QLineEdit(v["consultant"])
        self.name = QLineEdit(v["name"])
        self.role = QComboBox()
        for code, text in (
            ("consultant", self.tr("Consultant")),
            ("lead", self.tr("Team lead")),
            ("billing", self.tr("Billing")),
        ):
            self.role.addItem(text, code)
        self.role.setCurrentIndex(max(0, self.role.findData(v["role"])))
        self.unit = QLineEdit(v["unit"])
        self.unit.setPlaceholderText(self.tr("empty for the vendor's own staff"))
        self.language = QComboBox()
        # The languages' own names are never translated.
        for code, text in zip(LANGUAGES, (self.tr("System"), "Português (Brasil)", "English"), strict=True):
            self.language.addItem(text, code)
        self.language.setCurrentIndex(max(0, self.language.findData(v["language"])))
        self.add_field("consultant", self.tr("Login:"), self.login, form)
        self.add_field("name", self.tr("Full name:"), self.name, form)
        self.add_field("role", self.tr("Role:"), self.role, form)
        self.add_field("unit", self.tr("Unit:"), self.unit, form)
        self.add_field("language", self.tr("Language:"), self.language, form)

    def _central_tab(self) -> None:
        form = self._tab(self.tr("Central store"))
        intro = QLabel(
            self.tr("Where your sessions are sent when you sync, and where leads and billing read them.")
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        self.central = CentralField(self.tracker, self.values_["export-dir"], self.values_.get("central", ""))
        self.add_field("central", self.tr("Central store:"), self.central, form)
        self.fields["export-dir"] = self.fields["central"]

    def _work_tab(self) -> None:
        v = self.values_
        form = self._tab(self.tr("Work and reminders"))
        self.products: dict[str, QCheckBox] = {}
        known = dict.fromkeys(
            [*self.tracker.settings.defaults()["products"].split(","), *v["products"].split(",")]
        )
        products = QGridLayout()
        products.setContentsMargins(0, 0, 0, 0)
        for i, name in enumerate(p for p in known if p):
            box = QCheckBox(name)
            box.setChecked(name in v["products"].split(","))
            self.products[name] = box
            products.addWidget(box, 0, i)
        holder = QWidget()
        holder.setLayout(products)
        self.add_field("products", self.tr("Products:"), holder, form)
        self.other_products = QLineEdit()
        self.other_products.setPlaceholderText(self.tr("others, separated by commas"))
        self.add_field("other-products", "", self.other_products, form)
        start, end = v["work-hours"].split("-")
        self.work_start, self.work_end = _time(start), _time(end)
        hours = QWidget()
        row = QHBoxLayout(hours)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.work_start)
        row.addWidget(QLabel(self.tr("to")))
        row.addWidget(self.work_end)
        row.addStretch(1)
        self.add_field("work-hours", self.tr("Working hours:"), hours, form)
        self.work_days = self._days(v["work-days"].split(","))
        self.add_field("work-days", self.tr("Working days:"), self.work_days, form)
        self._numbers(form)
        self.close_to_tray = QCheckBox(self.tr("Closing the window leaves Tracker in the tray"))
        self.close_to_tray.setChecked(v["close-to-tray"] == "yes")
        self.add_field("close-to-tray", "", self.close_to_tray, form)

    def _days(self, chosen: list[str]) -> QWidget:
        names = (self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"), self.tr("Fri"))
        names += (self.tr("Sat"), self.tr("Sun"))
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        self.day_boxes: dict[str, QCheckBox] = {}
        for code, name in zip(DAYS, names, strict=True):
            box = QCheckBox(name)
            box.setChecked(code in chosen)
            self.day_boxes[code] = box
            row.addWidget(box)
        row.addStretch(1)
        return holder

    def _numbers(self, form: QFormLayout) -> None:
        v = self.values_
        hours, minutes, days = self.tr(" h"), self.tr(" min"), self.tr(" days")
        self.remind_running = _spin(1, 24, v["remind-running-hours"], hours)
        self.remind_unsynced = _spin(1, 60, v["remind-unsynced-days"], days)
        self.idle = _spin(1, 240, v["idle-minutes"], minutes)
        self.long_session = _spin(1, 24, v["long-session-hours"], hours)
        self.sleep_gap = _spin(2, 24 * 60, v["sleep-gap-minutes"], minutes)
        for key, label, box in (
            ("remind-running-hours", self.tr("Remind me of a timer running over:"), self.remind_running),
            ("remind-unsynced-days", self.tr("Remind me of sessions not synced for:"), self.remind_unsynced),
            ("idle-minutes", self.tr("Ask about idle time over:"), self.idle),
            ("long-session-hours", self.tr("Flag sessions longer than:"), self.long_session),
            (
                "sleep-gap-minutes",
                self.tr("A pause of the app longer than this is a sleep gap:"),
                self.sleep_gap,
            ),
        ):
            self.add_field(key, label, box, form)

    # ----- saving ---------------------------------------------------------------------------

    def reveal(self, widget: QWidget) -> None:
        for i in range(self.tabs.count()):
            if self.tabs.widget(i).isAncestorOf(widget):
                self.tabs.setCurrentIndex(i)

    def chosen(self) -> dict[str, str]:
        """Every setting as the form holds it (the central store checked for its form)."""
        products = [name for name, box in self.products.items() if box.isChecked()]
        products += [p.strip() for p in self.other_products.text().split(",") if p.strip()]
        start, end = (t.time().toString("HH:mm") for t in (self.work_start, self.work_end))
        return {
            "consultant": self.login.text(),
            "name": self.name.text(),
            "role": str(self.role.currentData()),
            "unit": self.unit.text(),
            "language": str(self.language.currentData()),
            **self.central.values(),
            "products": ",".join(products),
            "work-hours": f"{start}-{end}",
            "work-days": ",".join(code for code, box in self.day_boxes.items() if box.isChecked()),
            "remind-running-hours": str(self.remind_running.value()),
            "remind-unsynced-days": str(self.remind_unsynced.value()),
            "idle-minutes": str(self.idle.value()),
            "long-session-hours": str(self.long_session.value()),
            "sleep-gap-minutes": str(self.sleep_gap.value()),
            "close-to-tray": "yes" if self.close_to_tray.isChecked() else "no",
        }

    def perform(self) -> dict[str, str]:
        chosen = self.chosen()
        if not chosen["work-days"]:
            raise BadInput("work-days", self.tr("is empty; tick at least one day"))
        saved = self.tracker.settings.set_many(chosen)
        return {k: v for k, v in saved.items() if v != self.values_.get(k)}

    def done(self, result: int) -> None:
        self.central.wait()  # a test of the folder finishes before the dialog goes
        super().done(result)

    @classmethod
    def ask(cls, parent: QWidget | None, tracker: Tracker) -> dict[str, Any] | None:
        """The settings that changed (an empty dict when none did), or None when cancelled."""
        return cls.run(cls(parent, tracker))  # type: ignore[no-any-return]
