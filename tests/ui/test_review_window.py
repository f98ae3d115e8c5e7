"""The lead's day review window over a real export built by the CLI."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from tests.ui.crafted_export import DAY, DAYS, World, build
from tracker.app import Tracker
from tracker.model import ConsultancyType
from tracker.store import Store
from ui.common.rows_model import SortRole
from ui.lead.consultants_model import C_BILLABLE, C_DECISION, C_NAME, C_RECORDED, C_STANDARD
from ui.lead.review_sessions_model import S_DURATION, S_FLAGS, S_START
from ui.lead.review_window import ReviewWindow, SyncOffer
from ui.lead.timeline import DAY_SECONDS, FLAG_OUTLINE, TYPE_COLORS

THE_DAY = date.fromisoformat(DAY)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build(tmp_path_factory.mktemp("review") / "world", finalize=False)


@pytest.fixture
def opened() -> Iterator[list[Store]]:
    stores: list[Store] = []
    yield stores
    for s in stores:
        s.close()


@pytest.fixture
def home_of(opened: list[Store]) -> Any:
    def open_home(world: World, login: str) -> Tracker:
        app, store = world.open(login)
        opened.append(store)
        return app

    return open_home


def shown(qtbot: Any, app: Tracker, day: date = THE_DAY) -> ReviewWindow:
    window = ReviewWindow(app, day=day)
    qtbot.addWidget(window)
    window.show()
    assert not window.busy_bar.isHidden(), "a busy bar shows while the export is read"
    with qtbot.waitSignal(window.loaded, timeout=20_000):
        pass
    assert window.busy_bar.isHidden()
    return window


def row_texts(model: Any, row: int, cols: tuple[int, ...]) -> list[str]:
    return [model.index(row, c).data() for c in cols]


def test_each_consultant_shows_recorded_billable_and_standard_time(
    qtbot, qtmodeltester, world, home_of
) -> None:
    window = shown(qtbot, home_of(world, "lead1"))
    model = window.consultants
    qtmodeltester.check(model)
    names = [model.index(r, C_NAME).data() for r in range(model.rowCount())]
    assert names == ["ana", "bruno", "carla", "diego"]
    cols = (C_RECORDED, C_BILLABLE, C_STANDARD, C_DECISION)
    assert row_texts(model, 0, cols) == ["14:40", "4:20", "10:20", "not reviewed"]
    assert row_texts(model, 1, cols) == ["7:05", "5:25", "1:40", "not reviewed"]
    assert model.index(0, C_RECORDED).data(SortRole) == 52800
    window.select_consultant("carla")
    assert window.panel.day_flags.isVisibleTo(window)
    assert "Not synced since the day ended" in window.panel.day_flags.text()
    window.select_consultant("diego")
    assert window.panel.day_flags.isHidden()
    assert window.panel.decision_label.text() == "Not reviewed yet."


def test_timeline_bars_match_the_sessions_in_count_order_position_and_colour(qtbot, world, home_of) -> None:
    window = shown(qtbot, home_of(world, "lead1"))
    timeline = window.timeline
    bars = timeline.bars()
    result = window.result
    assert result is not None
    sessions = [(c["consultant"], s) for c in result["consultants"] for s in c["sessions"]]
    assert len(bars) == len(sessions) == sum(len(v) for v in DAYS.values())
    for bar, (who, s) in zip(bars, sessions, strict=True):
        assert (bar.consultant, bar.uuid) == (who, s["uuid"])
        start = datetime.fromisoformat(s["start"])
        offset = start.hour * 3600 + start.minute * 60 + start.second
        expected_x = timeline.LEFT + offset / DAY_SECONDS * timeline.plot_width()
        assert bar.rect.x() == pytest.approx(expected_x, abs=0.01)
        assert bar.color == TYPE_COLORS[ConsultancyType(s["type"])]
        assert bar.flagged == bool(s["flags"])
    # Within a row, bars go left to right in start order; widths follow durations.
    ana = [b for b in bars if b.consultant == "ana"]
    assert [b.rect.x() for b in ana] == sorted(b.rect.x() for b in ana)
    hour = timeline.plot_width() / 24
    assert ana[0].rect.width() == pytest.approx(hour * 75 / 60, abs=0.01)  # 08:05-09:20
    # The overlapping session goes in a second lane instead of under the first bar.
    assert [b.lane for b in ana[:2]] == [0, 1]
    # The session past midnight is clipped at 24:00.
    assert ana[-1].rect.right() == pytest.approx(timeline.x_of(DAY_SECONDS), abs=0.01)
    # Rows are one per consultant, in order.
    assert [b.consultant for b in bars] == sorted(b.consultant for b in bars)
    # Painted: a flagged bar's outline is red in the widget's own picture.
    image = timeline.grab().toImage()
    flagged = next(b for b in bars if b.flagged)
    x = int(flagged.rect.x() + flagged.rect.width() / 2)
    edge = [image.pixelColor(x, int(flagged.rect.top()) + dy) for dy in range(3)]
    assert any(abs(c.red() - FLAG_OUTLINE.red()) < 30 and c.green() < 60 for c in edge)
    plain = next(b for b in bars if not b.flagged)
    centre = image.pixelColor(plain.rect.center().toPoint())
    assert centre.name() == plain.color.name()


def test_hovering_a_bar_tells_ticket_customer_times_and_duration(qtbot, world, home_of) -> None:
    window = shown(qtbot, home_of(world, "lead1"))
    timeline = window.timeline
    first = timeline.bars()[0]
    assert timeline.bar_at(first.rect.center()) == first
    assert timeline.bar_at(QPointF(timeline.LEFT - 20, first.rect.center().y())) is None
    text = timeline.tooltip_for(first.uuid)
    assert "40112233" in text and "Padaria Pão Quente Ltda" in text
    assert "08:05–09:20" in text and "1:15:00" in text and "Flagged" in text
    late = [b for b in timeline.bars() if b.consultant == "ana"][-1]
    assert "23:30–00:20 (+1)" in timeline.tooltip_for(late.uuid)


def test_sessions_table_names_flags_in_plain_words_and_lists_the_defects(
    qtbot, qtmodeltester, world, home_of
) -> None:
    window = shown(qtbot, home_of(world, "lead1"))
    window.select_consultant("ana")
    model = window.sessions
    qtmodeltester.check(model)
    assert model.rowCount() == 5
    flags = [model.index(r, S_FLAGS).data() for r in range(5)]
    assert flags[0] == "sleep gap, overlap, ticket details differ"
    assert flags[1] == "clock jump, overlap, no term acceptance"
    assert flags[2] == ""
    assert flags[3] == "long" and flags[4] == "across midnight"
    assert "acceptance" in model.index(1, S_FLAGS).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(3, S_DURATION).data() == "10:20:00"
    assert model.index(3, S_DURATION).data(SortRole) == 37200
    assert model.index(0, S_START).data() == "08:05"
    defects = [window.panel.defects.item(i).text() for i in range(window.panel.defects.count())]
    assert defects == ["Ticket 40112277: product defect DTSERWF-4821 (new)"]
    window.select_consultant("bruno")
    assert model.rowCount() == 5
    assert [window.panel.defects.item(i).text() for i in range(window.panel.defects.count())] == ["None"]
    # Clicking a row of the timeline selects that consultant.
    carla_row = window.timeline.row_rect(2)
    qtbot.mouseClick(window.timeline, Qt.MouseButton.LeftButton, pos=carla_row.center().toPoint())
    assert window.selected_consultant() == "carla"
    assert model.rowCount() == 2


def test_a_consultant_with_nothing_in_the_export_is_flagged_never_synced(qtbot, world, home_of) -> None:
    window = shown(qtbot, home_of(world, "lead1"))
    window.who.setEditText("eduardo")
    with qtbot.waitSignal(window.loaded, timeout=20_000):
        window.load()
    assert window.consultants.rowCount() == 1
    assert "Never synced" in window.panel.day_flags.text()
    assert window.timeline.bars() == []


def test_approving_in_the_window_reaches_another_lead_after_a_sync(
    qtbot, world, home_of, tmp_path, monkeypatch
) -> None:
    mine = world.copy(tmp_path / "world")
    offers: list[str] = []
    monkeypatch.setattr(SyncOffer, "ask", classmethod(lambda cls, parent, text: offers.append(text) or True))
    window = shown(qtbot, home_of(mine, "lead1"))
    window.select_consultant("bruno")
    window.panel.comment.setText("dia conferido, ok")
    with qtbot.waitSignal(window.synced, timeout=20_000) as synced:
        qtbot.mouseClick(window.panel.approve_button, Qt.MouseButton.LeftButton)
    assert "written" in synced.args[0]
    assert offers and "bruno" in offers[0]
    assert "Approved by lead1" in window.panel.decision_label.text()
    row = window.consultants.row_of("bruno")
    assert window.consultants.index(row, C_DECISION).data() == "approved"
    other = shown(qtbot, home_of(mine, "lead2"))
    row = other.consultants.row_of("bruno")
    assert other.consultants.index(row, C_DECISION).data() == "approved"
    other.select_consultant("bruno")
    text = other.panel.decision_label.text()
    assert "Approved by lead1" in text and "dia conferido, ok" in text and "not synced" not in text
    assert other.consultants.index(other.consultants.row_of("ana"), C_DECISION).data() == "not reviewed"


def test_returning_a_day_needs_a_comment_and_writes_nothing_without_one(
    qtbot, world, home_of, tmp_path, monkeypatch
) -> None:
    mine = world.copy(tmp_path / "world")
    offers: list[str] = []
    monkeypatch.setattr(
        SyncOffer, "ask", classmethod(lambda cls, parent, text: offers.append(text) and False)
    )
    app = home_of(mine, "lead1")
    window = shown(qtbot, app)
    window.select_consultant("ana")
    qtbot.mouseClick(window.panel.return_button, Qt.MouseButton.LeftButton)
    assert window.panel.error.isVisibleTo(window)
    assert window.panel.error.text().startswith("Comment:")
    assert "border" in window.panel.comment.styleSheet()
    assert app.store.one("SELECT count(*) AS n FROM reviews")["n"] == 0
    assert offers == []
    window.panel.comment.setText("a sessão das 12h50 tem 10h20; confira")
    qtbot.mouseClick(window.panel.return_button, Qt.MouseButton.LeftButton)
    assert window.panel.error.isHidden()
    assert len(offers) == 1
    assert app.store.one("SELECT decision, comment FROM reviews")["decision"] == "return"
    assert (
        "Returned by lead1" in window.panel.decision_label.text()
        and "not synced yet" in window.panel.decision_label.text()
    )


def test_a_consultant_sees_the_day_but_cannot_decide(qtbot, world, home_of) -> None:
    window = shown(qtbot, home_of(world, "ana"))
    assert window.role_notice.isVisibleTo(window)
    assert "only a team lead" in window.role_notice.text()
    assert not window.panel.approve_button.isEnabled() and not window.panel.return_button.isEnabled()


def test_screenshot_of_a_full_day(qtbot, world, home_of, tmp_path) -> None:
    window = shown(qtbot, home_of(world, "lead1"))
    window.select_consultant("ana")
    window.consultants_view.setFocus()
    QApplication.processEvents()  # let the layout settle before the grab
    picture = window.grab()
    assert picture.width() >= 1000 and picture.height() >= 600
    target = (
        ROOT / "docs" / "screenshot-review.png"
        if os.environ.get("TRACKER_SCREENSHOTS")
        else tmp_path / "r.png"
    )
    assert picture.save(str(target))


def test_after_a_sync_from_the_window_the_decision_no_longer_reads_not_synced(
    qtbot, world, home_of, tmp_path, monkeypatch
) -> None:
    mine = world.copy(tmp_path / "world")
    monkeypatch.setattr(SyncOffer, "ask", classmethod(lambda cls, parent, text: True))
    window = shown(qtbot, home_of(mine, "lead1"))
    window.select_consultant("diego")
    with qtbot.waitSignal(window.loaded, timeout=20_000):  # the sync, then the day read again
        qtbot.mouseClick(window.panel.approve_button, Qt.MouseButton.LeftButton)
    window.select_consultant("diego")
    text = window.panel.decision_label.text()
    assert text.startswith("Approved by lead1") and "not synced" not in text
    assert "written to the export" in window.status.text()


def test_the_differing_ticket_flag_says_which_field_differs(qtbot, world, home_of) -> None:
    window = shown(qtbot, home_of(world, "lead1"))
    window.select_consultant("bruno")
    model = window.sessions
    row = next(
        r for r in range(model.rowCount()) if "ticket details differ" in model.index(r, S_FLAGS).data()
    )
    tip = model.index(row, S_FLAGS).data(Qt.ItemDataRole.ToolTipRole)
    assert "consultants recorded this ticket differently: customer." in tip


def test_the_comment_field_and_its_error_have_one_name_and_the_error_leaves_when_typed(
    qtbot, world, home_of, tmp_path
) -> None:
    mine = world.copy(tmp_path / "world")
    window = shown(qtbot, home_of(mine, "lead1"))
    window.select_consultant("ana")
    panel = window.panel
    assert panel.comment.placeholderText().startswith("Comment (")
    qtbot.mouseClick(panel.return_button, Qt.MouseButton.LeftButton)
    assert panel.error.text().startswith("Comment: ")
    qtbot.keyClicks(panel.comment, "confira")
    assert panel.error.isHidden() and panel.comment.styleSheet() == ""
