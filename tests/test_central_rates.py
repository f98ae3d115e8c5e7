"""Rates are central: billing publishes them through sync, every statement and estimate reads them."""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from pathlib import Path

import pytest

from tests.conftest import Cli, Result, share_home
from tracker.app import Tracker, open_tracker, week_report
from tracker.clock import FixedClock
from tracker.store import open_store
from tracker.store.schema import SCHEMA_VERSION, migrations

NOW = "2026-11-30T18:00:00-03:00"
RATE_KEYS = {
    "kind",
    "uuid",
    "revision",
    "type",
    "version",
    "hourly",
    "effective_from",
    "index_name",
    "percent",
    "made_by",
    "at",
}


def ok(result: Result) -> Result:
    assert result.code == 0, result.err
    return result


home = partial(share_home, now=NOW)


@dataclass
class World:
    share: Path
    ana: Cli
    fatima: Cli
    gil: Cli


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Ana's November work synced; fatima's rates synced; gil, a second billing home: built once."""
    root = tmp_path_factory.mktemp("rates")
    share = root / "share"
    share.mkdir()
    ana = home(root, share, "ana")
    for number, kind, term, day in (
        ("7000001", "technical", "2026-10-01", "03"),
        ("7000002", "support", "2026-11-20", "04"),
    ):
        ok(ana("ticket", "add", number, "--customer", "ACME", "--type", kind, "--term-accepted", term))
        ok(ana("add", number, "--start", f"2026-11-{day}T09:00", "--end", f"2026-11-{day}T10:00"))
        ok(ana("finalize", number, "--at", "2026-11-25T17:00:00-03:00"))
    ok(ana("sync"))
    fatima = home(root, share, "fatima", "billing")
    ok(fatima("rates", "set", "--type", "technical", "--hourly", "240.00", "--from", "2026-01-01"))
    ok(fatima("rates", "set", "--type", "support", "--hourly", "210.00", "--from", "2026-01-01"))
    ok(fatima("sync"))
    home(root, share, "gil", "billing")
    return root


@pytest.fixture
def world(built: Path, tmp_path: Path) -> World:
    root = tmp_path / "world"
    shutil.copytree(built, root)
    share = root / "share"
    homes = {login: Cli(root / login, now=NOW) for login in ("ana", "fatima", "gil")}
    for cli in homes.values():
        ok(cli("config", "set", "export-dir", str(share)))
    return World(share, homes["ana"], homes["fatima"], homes["gil"])


def bill(cli: Cli) -> Result:
    return ok(cli("bill", "--month", "2026-11", "--format", "json"))


def test_sync_publishes_each_rate_version_as_a_record_in_billings_rates_area(world: World) -> None:
    folder = world.share / "rates" / "fatima"
    batches = sorted(folder.glob("*.jsonl"))
    assert len(batches) == 1 and (folder / batches[0].name.replace(".jsonl", ".manifest.json")).exists()
    records = [json.loads(line) for line in batches[0].read_text(encoding="utf-8").splitlines()]
    assert all(set(r) == RATE_KEYS for r in records)
    assert sorted((r["kind"], r["type"], r["version"], r["hourly"], r["made_by"]) for r in records) == [
        ("rate", "support", 1, "210.00", "fatima"),
        ("rate", "technical", 1, "240.00", "fatima"),
    ]
    assert ok(world.fatima("sync", "--json")).json()["batches_written"] == 0  # nothing sent twice


def test_two_billing_people_draw_byte_identical_statements(world: World) -> None:
    mine, theirs = bill(world.fatima), bill(world.gil)  # gil has no rate of his own
    assert mine.out == theirs.out
    doc = mine.json()
    assert {x["ticket"]: x["amount"] for x in doc["lines"]} == {"7000001": "240.00", "7000002": "210.00"}
    ok(world.gil("sync"))
    assert world.gil("rates", "list", "--json").out == world.fatima("rates", "list", "--json").out


def test_a_billing_homes_new_rate_counts_at_once_and_everywhere_after_its_sync(world: World) -> None:
    ok(world.fatima("rates", "adjust", "--index", "IPCA", "--percent", "10", "--from", "2026-11-15"))
    # The support ticket's term (2026-11-20) falls under the new version: 231.00.
    assert {x["ticket"]: x["amount"] for x in bill(world.fatima).json()["lines"]}["7000002"] == "231.00"
    assert {x["ticket"]: x["amount"] for x in bill(world.gil).json()["lines"]}["7000002"] == "210.00"
    r = ok(world.fatima("sync"))
    # The adjustment made a version of each type: both are sent, and said.
    assert "sent 0 session revisions, 0 ticket events and 2 rate versions in 1 batch to " in r.out
    assert ok(world.fatima("sync", "--json")).json()["rates"] == 0  # nothing sent twice
    assert bill(world.gil).out == bill(world.fatima).out


def test_a_consultants_estimate_uses_the_central_rates_after_a_sync(world: World) -> None:
    assert world.ana("rates", "list", "--json").json() == []
    ok(world.ana("sync"))
    rates = world.ana("rates", "list", "--json").json()
    assert [(r["label"], r["hourly"], r["created_by"]) for r in rates] == [
        ("support-v1 (2026-01-01)", "210.00", "fatima"),
        ("technical-v1 (2026-01-01)", "240.00", "fatima"),
    ]
    app = open_tracker(world.ana.home, FixedClock(datetime.fromisoformat(NOW), "America/Sao_Paulo"))
    try:
        week = week_report(app, date(2026, 11, 3))
    finally:
        app.store.close()
    assert week.days[1].amount == Decimal("240.00") and week.days[2].amount == Decimal("210.00")


def test_only_billing_sets_or_adjusts_rates(world: World) -> None:
    r = world.ana("rates", "set", "--type", "technical", "--hourly", "100.00", "--from", "2027-01-01")
    assert r.code == 2 and "role" in r.err and "billing" in r.err
    r = world.ana("rates", "adjust", "--index", "IPCA", "--percent", "4", "--from", "2027-01-01")
    assert r.code == 2 and "role" in r.err


def test_rates_from_a_writer_the_roles_file_does_not_list_as_billing_are_ignored_and_reported(
    world: World,
) -> None:
    ok(world.gil("sync"))  # gil learns fatima's versions first
    ok(world.gil("rates", "set", "--type", "technical", "--hourly", "999.00", "--from", "2026-06-01"))
    ok(world.gil("sync"))
    # No roles file: every writer is taken at its word.
    doc = bill(world.fatima).json()
    assert {x["ticket"]: x["amount"] for x in doc["lines"]}["7000001"] == "999.00"
    ok(world.fatima("central", "grant", "fatima", "--role", "billing"))
    doc = bill(world.fatima).json()
    assert {x["ticket"]: x["amount"] for x in doc["lines"]}["7000001"] == "240.00"
    assert any("rates/gil" in p and "not listed as billing" in p for p in doc["problems"])
    ok(world.ana("sync"))
    assert [r["created_by"] for r in world.ana("rates", "list", "--json").json()] == ["fatima", "fatima"]


def test_a_home_from_before_central_rates_migrates_and_its_billing_rates_are_published(
    tmp_path: Path,
) -> None:
    """Schema 5 to 6: the outbox (and the items of a batch still waiting) survive its rebuild."""
    home_dir = tmp_path / "fatima"
    old = open_store(home_dir, migrate=False)
    migrations().apply(old.db, stop_before="m006_central_rates")
    with old.atomic() as db:
        db.execute(
            "INSERT INTO rates (uuid, type, version, hourly, effective_from, index_name, percent, "
            "created_by, created_at) VALUES ('6f1c6d9e-54a4-4d2b-9c39-6a1f1c2b3d4e', 'technical', 1, "
            "'240.00', '2026-01-01', '', NULL, 'fatima', '2026-01-02T09:00:00-03:00')"
        )
        db.execute(
            "INSERT INTO outbox (batch, seq, consultant, data, manifest, sha256, rows, created_ts) "
            "VALUES ('00000001-aaaaaaaa', 1, 'fatima', x'00', x'00', 'x', 1, 0)"
        )
        db.execute("INSERT INTO outbox_items VALUES ('00000001-aaaaaaaa', 'session', 'u1', 1)")
    assert old.conn.execute("PRAGMA user_version").fetchone()[0] == 5
    old.close()

    store = open_store(home_dir)
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    items = [tuple(r) for r in store.conn.execute("SELECT batch, kind FROM outbox_items")]
    assert items == [("00000001-aaaaaaaa", "session")]
    assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert [tuple(r) for r in store.conn.execute("SELECT synced FROM rates")] == [(0,)]
    with pytest.raises(sqlite3.IntegrityError, match="never rewritten"):
        store.conn.execute("UPDATE rates SET hourly = '1.00'")
    store.conn.execute("DELETE FROM outbox_items")
    store.conn.execute("DELETE FROM outbox")
    share = tmp_path / "share"
    share.mkdir()
    app = Tracker(store, FixedClock(datetime.fromisoformat(NOW), "America/Sao_Paulo"), home_dir)
    for key, value in (("consultant", "fatima"), ("role", "billing"), ("export-dir", str(share))):
        app.settings.set(key, value)
    app.sync()
    published = [json.loads(p.read_text()) for p in (share / "rates" / "fatima").glob("*.jsonl")]
    assert [r["uuid"] for r in published] == ["6f1c6d9e-54a4-4d2b-9c39-6a1f1c2b3d4e"]
    assert app.sync_status().pending.total == 0 and [r.hourly for r in app.rates()] == [Decimal("240.00")]
    store.close()
