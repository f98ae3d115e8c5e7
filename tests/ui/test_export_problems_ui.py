"""The lead's and billing's windows say what the reader refused; a missing export is never current."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.hostile_export import NOW, Team, ana_session, build, session, uid
from tracker.app import Tracker
from tracker.clock import FixedClock
from tracker.store import Store, open_store
from ui.billing.billing_window import BillingWindow
from ui.lead.review_window import ReviewWindow

DAY = date(2026, 11, 3)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Team:
    return build(tmp_path_factory.mktemp("hostile-ui") / "team")


@pytest.fixture
def team(built: Team, tmp_path: Path) -> Team:
    """ana's export, and in it a batch with a forged duration and a session taken from ana."""
    team = built.copy(tmp_path / "team")
    team.share.forge("ana", [session(uid(1), consultant="ana", seconds=6000)], name="00000009-0badc0de")
    team.share.forge("mallory", [session(ana_session(team)["uuid"], revision=2, deleted=True)])
    return team


@pytest.fixture
def home(team: Team) -> Iterator[Any]:
    stores: list[Store] = []

    def open_home(login: str) -> Tracker:
        store = open_store(team.root / login)
        stores.append(store)
        return Tracker(store, FixedClock(datetime.fromisoformat(NOW), "America/Sao_Paulo"), team.root / login)

    yield open_home
    for s in stores:
        s.close()


def review_window(qtbot: Any, app: Tracker) -> ReviewWindow:
    window = ReviewWindow(app, day=DAY)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded, timeout=30_000):
        window.show()
    return window


def billing_window(qtbot: Any, app: Tracker) -> BillingWindow:
    window = BillingWindow(app, month=date(2026, 11, 1))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.built, timeout=30_000):
        window.show()
    return window


def test_the_review_window_lists_what_the_reader_refused(qtbot: Any, home: Any) -> None:
    window = review_window(qtbot, home("lead1"))
    banner = window.problems.text()
    assert window.problems.isVisible()
    assert "consultants/ana/00000009-0badc0de.jsonl" in banner and "line 1, seconds" in banner
    assert "consultants/mallory/00000001-0badc0de" in banner or "mallory/00000001-0badc0de" in banner
    flags = [s["flags"] for c in window.result["consultants"] for s in c["sessions"]]
    assert any("conflict" in f for f in flags)


def test_the_billing_window_holds_the_disputed_line_and_lists_the_refused_batch(
    qtbot: Any, home: Any
) -> None:
    window = billing_window(qtbot, home("fatima"))
    st = window.statement
    assert st is not None
    held = {x.ticket: x.held for x in st.lines}
    assert held == {"1111111": True, "2222222": False}
    banner = window.problems.text()
    assert "Problem: consultants/ana/00000009-0badc0de.jsonl" in banner
    assert "two versions" in next(x for x in st.lines if x.ticket == "1111111").held_reason


def test_a_share_gone_is_an_error_in_both_windows_and_nothing_stale_stays(
    qtbot: Any, home: Any, team: Team
) -> None:
    lead = review_window(qtbot, home("lead1"))
    billing = billing_window(qtbot, home("fatima"))
    assert lead.consultants.rowCount() > 0 and billing.lines.rowCount() == 2
    shutil.rmtree(team.share.root)
    with qtbot.waitSignal(lead.load_failed, timeout=30_000):
        lead.load()
    with qtbot.waitSignal(billing.build_failed, timeout=30_000):
        billing.load()
    assert lead.consultants.rowCount() == 0 and billing.lines.rowCount() == 0
    assert billing.statement is None
    assert str(team.share.root) in billing.error.text()
