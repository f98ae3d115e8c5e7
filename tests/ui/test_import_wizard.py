"""The moving-in wizard: a real Toggl CSV or Watson frames file, mapped, previewed, imported."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from tracker.app import Tracker
from ui.consultant.import_wizard import (
    K_REASON,
    P_DATE,
    P_NOTE,
    P_TICKET,
    P_TIME,
    ImportFileDialog,
    ImportReport,
    ImportWizard,
)

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2026, 11, 2)
HEADER = (
    "User,Email,Client,Project,Task,Description,Billable,"
    "Start date,Start time,End date,End time,Duration,Tags,Amount ()"
)
PADARIA = "Padaria Pão de Açúcar"
ROWS = [
    f"Ana,ana@x.com,{PADARIA},Virada Protheus,,Ajuste de parâmetros,Yes,"
    '2026-11-02,09:00:00,2026-11-02,09:25:00,00:25:00,"remoto, urgente",',
    f"Ana,ana@x.com,{PADARIA},Virada Protheus,,Treinamento do financeiro,Yes,"
    "2026-11-02,10:00:00,2026-11-02,10:45:00,00:45:00,,",
    "Ana,ana@x.com,,Interno,,Reunião de equipe,No,2026-11-02,11:00:00,2026-11-02,12:00:00,01:00:00,,",
    "Ana,ana@x.com,Metalúrgica São José,,,Erro na NF-e,Yes,"
    "2026-11-02,14:00:00,2026-11-02,14:40:00,00:40:00,suporte,",
]
TOGGL = "\ufeff" + "\n".join([HEADER, *ROWS]) + "\n"


def watson_frames() -> str:
    start = 1793620800  # 2026-11-02T09:00:00-03:00
    return json.dumps(
        [
            [start, start + 1500, "virada", "a1b2c3d4e5f60718293a4b5c6d7e8f90", ["remoto"], start + 1500],
            [
                start + 3600,
                start + 4050,
                "outro",
                "0f9e8d7c6b5a49382716f5e4d3c2b1a0",
                ["suporte"],
                start + 4100,
            ],
        ]
    )


@pytest.fixture
def tickets(app: Tracker) -> Tracker:
    app.add_ticket("12345678", "Padaria Pão de Açúcar", "technical")
    app.add_ticket("87654321", "Metalúrgica São José", "support")
    return app


@pytest.fixture
def reports(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(ImportReport, "ask", classmethod(lambda cls, parent, text: shown.append(text)))
    return shown


def opened(qtbot: Any, app: Tracker) -> ImportWizard:
    wizard = ImportWizard(app)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def press(qtbot: Any, wizard: ImportWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isEnabled() and button.isVisible(), f"{button.text()} is not available"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def choose(page: Any, source: str, path: Path) -> None:
    page.source.setCurrentIndex(page.source.findData(source))
    page.path.setText(str(path))


def preview_rows(wizard: ImportWizard) -> list[list[str]]:
    model = wizard.preview_page.sessions
    return [
        [model.index(r, c).data() for c in (P_DATE, P_TIME, P_TICKET, P_NOTE)]
        for r in range(model.rowCount())
    ]


def test_a_toggl_csv_is_mapped_previewed_and_imported(
    qtbot, qtmodeltester, tickets, reports, tmp_path
) -> None:
    csv = tmp_path / "toggl.csv"
    csv.write_text(TOGGL, encoding="utf-8")
    wizard = opened(qtbot, tickets)
    page1 = wizard.source_page
    assert page1.zone.currentText() == "America/Sao_Paulo", "the machine's zone by default"
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled(), "no file yet"
    choose(page1, "toggl", csv)
    press(qtbot, wizard, QWizard.WizardButton.NextButton)

    mapping = wizard.mapping_page
    assert wizard.currentPage() is mapping
    table = mapping.table
    rows = {
        table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
        for r in range(table.rowCount())
    }
    assert rows == {
        "Project: Interno": ("1", "1:00:00"),
        "Project: Virada Protheus": ("2", "1:10:00"),
        "Tag: remoto": ("1", "0:25:00"),
        "Tag: suporte": ("1", "0:40:00"),
        "Tag: urgente": ("1", "0:25:00"),
    }
    combo = mapping.combos["project:Virada Protheus"]
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "(skip)",
        "12345678 — Padaria Pão de Açúcar",
        "87654321 — Metalúrgica São José",
    ]
    mapping.set_ticket("project:Virada Protheus", "12345678")
    mapping.combos["tag:suporte"].setCurrentText("87654321")  # typed in, not picked
    press(qtbot, wizard, QWizard.WizardButton.NextButton)

    preview = wizard.preview_page
    assert wizard.currentPage() is preview
    qtmodeltester.check(preview.sessions)
    qtmodeltester.check(preview.skipped)
    assert preview_rows(wizard) == [
        [
            "02/11/2026",
            "09:00–09:25",
            "12345678 — Padaria Pão de Açúcar",
            "Ajuste de parâmetros · Padaria Pão de Açúcar",
        ],
        [
            "02/11/2026",
            "10:00–10:45",
            "12345678 — Padaria Pão de Açúcar",
            "Treinamento do financeiro · Padaria Pão de Açúcar",
        ],
        [
            "02/11/2026",
            "14:00–14:40",
            "87654321 — Metalúrgica São José",
            "Erro na NF-e · Metalúrgica São José",
        ],
    ]
    assert preview.skipped.rowCount() == 1
    assert preview.skipped.index(0, K_REASON).data() == "its project and tags are not mapped to a ticket"
    assert preview.summary.text() == (
        "New sessions to write: 3 · Already stored: 0 · Entries left out: 1 · "
        "Time of the mapped entries: 1:50:00"
    )
    assert tickets.log(DAY) == [], "the preview writes nothing"

    with qtbot.waitSignal(wizard.imported) as imported:
        press(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert imported.args[0].sessions_added == 3
    assert not wizard.isVisible()
    assert reports == [
        "New sessions written: 3 · Already stored: 0 · Entries left out: 1 · "
        "Time of the mapped entries: 1:50:00"
    ]
    stored = tickets.log(DAY)
    assert [(s.ticket, s.start.strftime("%H:%M"), s.end.strftime("%H:%M")) for s in stored] == [
        ("12345678", "09:00", "09:25"),
        ("12345678", "10:00", "10:45"),
        ("87654321", "14:00", "14:40"),
    ]
    assert {s.source for s in stored} != {"timer"}


def test_the_same_file_again_is_already_stored(qtbot, tickets, reports, tmp_path) -> None:
    csv = tmp_path / "toggl.csv"
    csv.write_text(TOGGL, encoding="utf-8")
    for _ in range(2):
        wizard = opened(qtbot, tickets)
        choose(wizard.source_page, "toggl", csv)
        press(qtbot, wizard, QWizard.WizardButton.NextButton)
        wizard.mapping_page.set_ticket("project:Virada Protheus", "12345678")
        press(qtbot, wizard, QWizard.WizardButton.NextButton)
        press(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert wizard.preview_page.summary.text().startswith("New sessions to write: 0 · Already stored: 2 ·")
    assert reports[-1].startswith("New sessions written: 0 · Already stored: 2 ·")
    assert len(tickets.log(DAY)) == 2


def test_a_bad_file_shows_the_line_in_red_and_writes_nothing(qtbot, tickets, reports, tmp_path) -> None:
    bad = tmp_path / "toggl.csv"
    bad.write_text(TOGGL.replace("2026-11-02,10:00:00", "2026-13-45,10:00:00"), encoding="utf-8")
    wizard = opened(qtbot, tickets)
    choose(wizard.source_page, "toggl", bad)
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    page = wizard.source_page
    assert wizard.currentPage() is page
    assert page.error.isVisible()
    assert page.error.text().startswith("line 3: start: '2026-13-45 10:00:00' is not a date and time")
    assert "c0392b" in page.error.styleSheet() and "c0392b" in page.path.styleSheet()
    assert tickets.log(DAY) == [] and reports == []


def test_a_missing_file_and_an_unknown_zone_are_named(qtbot, tickets, tmp_path) -> None:
    wizard = opened(qtbot, tickets)
    page = wizard.source_page
    choose(page, "toggl", tmp_path / "nowhere.csv")
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert page.error.text().startswith("FILE: cannot read")
    (tmp_path / "t.csv").write_text(TOGGL, encoding="utf-8")
    choose(page, "toggl", tmp_path / "t.csv")
    page.zone.setCurrentText("America/Atlantis")
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert page.error.text() == "zone: 'America/Atlantis' is not a known IANA time zone"
    assert "c0392b" in page.zone.styleSheet() and page.path.styleSheet() == ""
    assert wizard.currentPage() is page


def test_an_entry_the_import_refuses_blocks_finish_in_the_preview(qtbot, tickets, reports, tmp_path) -> None:
    future = TOGGL.replace(
        "2026-11-02,14:00:00,2026-11-02,14:40:00", "2026-11-04,14:00:00,2026-11-04,14:40:00"
    )
    csv = tmp_path / "toggl.csv"
    csv.write_text(future, encoding="utf-8")
    wizard = opened(qtbot, tickets)
    choose(wizard.source_page, "toggl", csv)
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    wizard.mapping_page.set_ticket("project:Virada Protheus", "12345678")
    wizard.mapping_page.set_ticket("tag:suporte", "87654321")
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    preview = wizard.preview_page
    assert wizard.currentPage() is preview
    assert preview.error.isVisible() and "c0392b" in preview.error.styleSheet()
    assert preview.error.text().startswith(
        "Nothing can be imported: line 5: start: 2026-11-04T14:00:00-03:00"
    )
    assert preview.error.text().endswith("is in the future")
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert tickets.log(DAY) == [] and reports == []
    # Going back and leaving that tag out makes the file importable.
    press(qtbot, wizard, QWizard.WizardButton.BackButton)
    wizard.mapping_page.set_ticket("tag:suporte", "(skip)")
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert not preview.error.isVisible()
    press(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert len(tickets.log(DAY)) == 2


def test_a_ticket_that_does_not_exist_is_named_on_the_mapping_page(qtbot, tickets, tmp_path) -> None:
    csv = tmp_path / "toggl.csv"
    csv.write_text(TOGGL, encoding="utf-8")
    wizard = opened(qtbot, tickets)
    choose(wizard.source_page, "toggl", csv)
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    page = wizard.mapping_page
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert page.error.text() == "Map at least one project or tag to a ticket."
    page.combos["project:Interno"].setCurrentText("99999999")
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is page
    assert page.error.text().startswith("Project: Interno: ticket 99999999 does not exist")
    assert "c0392b" in page.combos["project:Interno"].styleSheet()


def test_watson_frames_are_moved_in(qtbot, tickets, reports, tmp_path, monkeypatch) -> None:
    frames = tmp_path / "frames"
    frames.write_text(watson_frames(), encoding="utf-8")
    wizard = opened(qtbot, tickets)
    page = wizard.source_page
    page.source.setCurrentIndex(page.source.findData("watson"))
    assert not page.day_first.isEnabled(), "Watson stores timestamps"
    monkeypatch.setattr(ImportFileDialog, "ask", classmethod(lambda cls, *a: frames))
    qtbot.mouseClick(page.browse, Qt.MouseButton.LeftButton)
    assert page.path.text() == str(frames)
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert set(wizard.mapping_page.combos) == {"project:outro", "project:virada", "tag:remoto", "tag:suporte"}
    wizard.mapping_page.set_ticket("project:virada", "12345678")
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert preview_rows(wizard) == [["02/11/2026", "09:00–09:25", "12345678 — Padaria Pão de Açúcar", ""]]
    assert wizard.preview_page.skipped.rowCount() == 1
    press(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert [(s.ticket, s.seconds) for s in tickets.log(DAY)] == [("12345678", 1500)]
    assert reports == [
        "New sessions written: 1 · Already stored: 0 · Entries left out: 1 · "
        "Time of the mapped entries: 0:25:00"
    ]


def test_day_first_dates_are_read_as_brazilian(qtbot, tickets, reports, tmp_path) -> None:
    csv = tmp_path / "toggl.csv"
    text = TOGGL.replace("2026-11-02", "02/11/2026")
    csv.write_text(text, encoding="utf-8")
    wizard = opened(qtbot, tickets)
    choose(wizard.source_page, "toggl", csv)
    wizard.source_page.day_first.setChecked(True)
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    wizard.mapping_page.set_ticket("project:Virada Protheus", "12345678")
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert [r[0] for r in preview_rows(wizard)] == ["02/11/2026", "02/11/2026"]


def test_a_large_file_is_read_checked_and_written_in_the_worker(
    qtbot, tickets, reports, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr(ImportWizard, "INLINE_MAX_BYTES", 0)
    csv = tmp_path / "toggl.csv"
    csv.write_text(TOGGL, encoding="utf-8")
    wizard = opened(qtbot, tickets)
    choose(wizard.source_page, "toggl", csv)
    with qtbot.waitSignal(wizard.job_done, timeout=10_000):
        press(qtbot, wizard, QWizard.WizardButton.NextButton)
        assert wizard.busy and not wizard.source_page.busy_bar.isHidden()
        assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert wizard.currentPage() is wizard.mapping_page
    wizard.mapping_page.set_ticket("project:Virada Protheus", "12345678")
    with qtbot.waitSignal(wizard.job_done, timeout=10_000):
        press(qtbot, wizard, QWizard.WizardButton.NextButton)
        assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled(), "checking"
    assert wizard.preview_page.summary.text().startswith("New sessions to write: 2 ·")
    with qtbot.waitSignal(wizard.imported, timeout=10_000):
        press(qtbot, wizard, QWizard.WizardButton.FinishButton)
        # The write runs in the worker: the wizard waits for it, with nothing to press.
        assert wizard.busy and wizard.isVisible()
        assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert not wizard.isVisible()
    assert len(tickets.log(DAY)) == 2 and len(reports) == 1


def test_a_bad_large_file_fails_in_the_worker_and_stays(qtbot, tickets, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(ImportWizard, "INLINE_MAX_BYTES", 0)
    bad = tmp_path / "frames"
    bad.write_text("[[1, 2", encoding="utf-8")
    wizard = opened(qtbot, tickets)
    choose(wizard.source_page, "watson", bad)
    with qtbot.waitSignal(wizard.job_done, timeout=10_000):
        press(qtbot, wizard, QWizard.WizardButton.NextButton)
    page = wizard.source_page
    assert wizard.currentPage() is page and page.busy_bar.isHidden()
    assert page.error.text().startswith("FILE: is not Watson's frames file")
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_screenshot_of_the_preview(qtbot, tickets, reports, tmp_path) -> None:
    csv = tmp_path / "toggl.csv"
    csv.write_text(TOGGL, encoding="utf-8")
    wizard = opened(qtbot, tickets)
    choose(wizard.source_page, "toggl", csv)
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    wizard.mapping_page.set_ticket("project:Virada Protheus", "12345678")
    wizard.mapping_page.set_ticket("tag:suporte", "87654321")
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    QApplication.processEvents()
    picture = wizard.grab()
    target = (
        ROOT / "docs" / "screenshot-import.png"
        if os.environ.get("TRACKER_SCREENSHOTS")
        else tmp_path / "i.png"
    )
    assert picture.save(str(target))
