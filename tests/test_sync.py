"""Sync to the central export folder, and the central reader."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import Cli
from tracker.app import Tracker
from tracker.central import TamperedBatch, TargetUnavailable, open_central
from tracker.central.folder import FolderExport
from tracker.central.sender import Pending, Sender
from tracker.clock import FixedClock
from tracker.context import Context
from tracker.errors import TrackerError
from tracker.store import open_store, outbox
from tracker.store.schema import migrations


@pytest.fixture
def share(tmp_path: Path) -> Path:
    path = tmp_path / "share"
    path.mkdir()
    return path


@pytest.fixture
def ana(app: Tracker, share: Path) -> Tracker:
    app.settings.set("export-dir", str(share))
    app.add_ticket("1234567", "ACME", "technical", term_accepted="2026-11-01")
    return app


def central(app: Tracker, day: str = "2026-11-03", consultant: str | None = None):
    with app.central_reader() as reader:
        report = reader.refresh()
        return reader.sessions_of_day(day, consultant), report, reader.conflicts()


def sender(app: Tracker) -> Sender:
    ctx = Context(app.store, app.clock, app.settings, app.home)
    return Sender(ctx, open_central(ctx))


def batch_files(share: Path) -> list[Path]:
    return sorted((share / "consultants").glob("*/*"))


def test_a_sync_sends_sessions_and_events_once(ana: Tracker, share: Path) -> None:
    s = ana.add_session("1234567", "2026-11-03T09:00:00-03:00", "2026-11-03T09:25:00-03:00", "setup")
    assert ana.sync_status().pending == Pending(sessions=1, events=1)
    result = ana.sync()
    assert (result.sessions, result.events, result.batches_written, result.pending) == (1, 1, 1, 0)
    names = [p.name for p in batch_files(share)]
    assert len(names) == 2 and names[0].endswith(".jsonl") and names[1].endswith(".manifest.json")
    manifest = json.loads(batch_files(share)[1].read_text())
    assert (manifest["rows"], manifest["consultant"], manifest["kinds"]) == (
        2,
        "ana",
        {"session": 1, "ticket_event": 1},
    )
    again = ana.sync()
    assert (again.sessions, again.events, again.batches_written) == (0, 0, 0)
    assert len(batch_files(share)) == 2
    sessions, report, conflicts = central(ana)
    assert [(x["uuid"], x["seconds"], x["note"], x["revision"]) for x in sessions] == [
        (s.uuid, 1500, "setup", 1)
    ]
    assert report.problems == [] and conflicts == []
    status = ana.sync_status()
    assert status.last_sync == "2026-11-03T15:00:00-03:00" and status.last_error is None
    assert ana.log("2026-11-03")[0].synced is True


def test_an_edit_after_sync_arrives_as_revision_2_and_only_it_is_shown(ana: Tracker) -> None:
    s = ana.add_session("1234567", "2026-11-03T09:00:00-03:00", "2026-11-03T09:25:00-03:00")
    ana.sync()
    ana.edit_session(s.uuid, reason="ended later", end="2026-11-03T09:40:00-03:00")
    assert ana.sync_status().pending.sessions == 1
    ana.sync()
    sessions, _, conflicts = central(ana)
    assert [(x["revision"], x["seconds"]) for x in sessions] == [(2, 2400)]
    assert conflicts == []


def test_a_delete_after_sync_is_a_tombstone_the_reader_hides(ana: Tracker) -> None:
    s = ana.add_session("1234567", "2026-11-03T09:00:00-03:00", "2026-11-03T09:25:00-03:00")
    ana.sync()
    ana.delete_session(s.uuid, reason="wrong customer")
    ana.sync()
    sessions, _, _ = central(ana)
    assert sessions == []


def test_a_session_deleted_before_it_was_sent_is_never_sent(ana: Tracker, share: Path) -> None:
    s = ana.add_session("1234567", "2026-11-03T09:00:00-03:00", "2026-11-03T09:25:00-03:00")
    ana.delete_session(s.uuid, reason="typo")
    ana.sync()
    lines = [json.loads(x) for x in batch_files(share)[0].read_text().splitlines()]
    assert [x["kind"] for x in lines] == ["ticket_event"]
    assert ana.sync_status().pending == Pending(sessions=0, events=0)


def test_an_edit_between_prepare_and_mark_becomes_a_new_revision(ana: Tracker) -> None:
    s = ana.add_session("1234567", "2026-11-03T09:00:00-03:00", "2026-11-03T09:25:00-03:00")
    batch = sender(ana).prepare(100)
    assert batch is not None
    ana.edit_session(s.uuid, reason="late fix", note="changed while syncing")
    assert ana.get_session(s.uuid).revision == 2
    ana.sync()  # sends the prepared batch (revision 1), then revision 2
    sessions, _, conflicts = central(ana)
    assert [(x["revision"], x["note"]) for x in sessions] == [(2, "changed while syncing")]
    assert conflicts == []


def test_a_delete_or_a_move_between_prepare_and_mark_is_sent_after_the_batch(
    ana: Tracker, share: Path
) -> None:
    gone = ana.add_session("1234567", "2026-11-03T09:00:00-03:00", "2026-11-03T09:25:00-03:00", "gone")
    moved = ana.add_session("1234567", "2026-11-03T10:00:00-03:00", "2026-11-03T10:25:00-03:00", "moved")
    assert sender(ana).prepare(100) is not None
    ana.delete_session(gone.uuid, reason="not worked")
    ana.edit_session(
        moved.uuid, reason="later", start="2026-11-03T11:00:00-03:00", end="2026-11-03T11:30:00-03:00"
    )
    assert ana.sync_status().pending.sessions == 2
    result = ana.sync()  # the prepared batch (both as revision 1), then both as revision 2
    assert (result.batches_written, result.pending) == (2, 0)
    sent = [
        json.loads(x) for p in batch_files(share) if p.suffix == ".jsonl" for x in p.read_text().splitlines()
    ]
    assert sorted(
        (x["note"], x["revision"], x["deleted"], x["start"]) for x in sent if x["kind"] == "session"
    ) == [
        ("gone", 1, False, "2026-11-03T09:00:00-03:00"),
        ("gone", 2, True, "2026-11-03T09:00:00-03:00"),
        ("moved", 1, False, "2026-11-03T10:00:00-03:00"),
        ("moved", 2, False, "2026-11-03T11:00:00-03:00"),
    ]
    sessions, _, conflicts = central(ana)
    assert [(x["note"], x["revision"], x["seconds"]) for x in sessions] == [("moved", 2, 1800)]
    assert conflicts == []
    assert [(s.note, s.synced) for s in ana.log("2026-11-03")] == [("moved", True)]


def test_a_session_across_a_clock_change_is_sent_with_each_end_s_own_offset(
    ana: Tracker, share: Path
) -> None:
    """Lisbon's clocks go back at 02:00 on 2026-10-25: the session ends an hour "earlier"."""
    lisbon = Tracker(
        ana.store, FixedClock(datetime.fromisoformat("2026-10-26T09:00:00+00:00"), "Europe/Lisbon"), ana.home
    )
    lisbon.add_session("1234567", "2026-10-25T01:30:00+01:00", "2026-10-25T01:15:00+00:00", "night")
    lisbon.sync()
    sent = [json.loads(x) for x in batch_files(share)[0].read_text().splitlines()]
    (session,) = [x for x in sent if x["kind"] == "session"]
    assert (session["zone"], session["start"], session["end"], session["seconds"], session["day"]) == (
        "Europe/Lisbon",
        "2026-10-25T01:30:00+01:00",
        "2026-10-25T01:15:00+00:00",
        2700,
        "2026-10-25",
    )


def test_a_missing_share_keeps_everything_queued_until_it_returns(ana: Tracker, share: Path) -> None:
    ana.add_session("1234567", "2026-11-03T09:00:00-03:00", "2026-11-03T09:25:00-03:00")
    shutil.rmtree(share)
    with pytest.raises(TargetUnavailable, match="is not there"):
        ana.sync()
    assert not share.exists()  # never created locally in place of the share
    status = ana.sync_status()
    assert status.pending == Pending(sessions=1, events=1)
    assert status.last_error is not None and "is not there" in status.last_error
    share.mkdir()
    assert ana.sync().sessions == 1
    assert ana.sync_status().last_error is None


@pytest.mark.parametrize(
    ("fault", "words"),
    [
        ("batch_write:ENOSPC", "disk is full"),
        ("manifest_write:ENOSPC", "disk is full"),
        ("batch_write:EROFS", "read-only"),
        ("batch_write:EACCES", "read-only"),
        ("batch_write:EIO", "failed"),
    ],
)
def test_write_failures_say_what_happened_and_keep_everything_queued(
    ana: Tracker, share: Path, monkeypatch: pytest.MonkeyPatch, fault: str, words: str
) -> None:
    ana.add_session("1234567", "2026-11-03T09:00:00-03:00", "2026-11-03T09:25:00-03:00")
    monkeypatch.setenv("TRACKER_SYNC_FAULT", fault)
    with pytest.raises(TargetUnavailable, match=words):
        ana.sync()
    assert ana.sync_status().pending.sessions == 1
    assert not [p for p in share.rglob("*") if p.name.startswith(".")]  # no temp file left
    monkeypatch.delenv("TRACKER_SYNC_FAULT")
    assert ana.sync().sessions == 1
    sessions, report, _ = central(ana)
    assert len(sessions) == 1 and report.problems == []


def test_a_tampered_batch_on_the_share_stops_the_sync_and_is_left_alone(ana: Tracker, share: Path) -> None:
    ana.add_session("1234567", "2026-11-03T09:00:00-03:00", "2026-11-03T09:25:00-03:00")
    batch = sender(ana).prepare(100)  # as if the app crashed after writing the batch
    assert batch is not None
    FolderExport(share).publish(batch)
    data = batch_files(share)[0]
    data.write_bytes(data.read_bytes().replace(b"1500", b"9999"))
    with pytest.raises(TamperedBatch, match="someone changed"):
        ana.sync()
    assert b"9999" in data.read_bytes()
    assert ana.sync_status().pending.sessions == 1
    _, report, _ = central(ana)
    assert any("sha256 does not match" in p for p in report.problems)
    moved = share.parent / "kept"
    moved.mkdir()
    for p in batch_files(share):
        p.rename(moved / p.name)
    assert ana.sync().sessions == 1
    sessions, _, _ = central(ana)
    assert [x["seconds"] for x in sessions] == [1500]


def test_the_reader_skips_and_reports_files_it_must_not_trust(ana: Tracker, share: Path) -> None:
    ana.add_session("1234567", "2026-11-03T09:00:00-03:00", "2026-11-03T09:25:00-03:00")
    ana.sync()
    folder = share / "consultants" / "ana"
    data, manifest = sorted(folder.iterdir())
    shutil.copy(data, folder / "00000001-aaaaaaaa (1).jsonl")
    shutil.copy(data, folder / f"{data.stem}.sync-conflict-20261103.jsonl")
    (folder / ".00000009-aaaaaaaa.jsonl.tmp-123").write_text("half")
    (folder / "00000008-aaaaaaaa.jsonl").write_text("{}\n")
    (folder / "00000007-aaaaaaaa.manifest.json").write_text("{}")
    sessions, report, _ = central(ana)
    assert len(sessions) == 1
    text = "\n".join(report.problems)
    assert "(1).jsonl: not a batch name" in text
    assert "sync-conflict" in text
    assert "a temp file" in text
    assert "00000008-aaaaaaaa.jsonl: no manifest yet" in text
    assert "00000007-aaaaaaaa.manifest.json: its batch file" in text


def test_reading_the_same_batch_twice_changes_nothing(ana: Tracker, share: Path) -> None:
    ana.add_session("1234567", "2026-11-03T09:00:00-03:00", "2026-11-03T09:25:00-03:00")
    ana.sync()
    folder = share / "consultants" / "ana"
    data, manifest = sorted(folder.iterdir())
    with ana.central_reader() as reader:
        reader.refresh()
        before = reader.counts()
        # The same batch again under another name (a consultant's second copy of it).
        shutil.copy(data, folder / "00000050-bbbbbbbb.jsonl")
        m = json.loads(manifest.read_text())
        m["batch"], m["file"] = "00000050-bbbbbbbb", "00000050-bbbbbbbb.jsonl"
        (folder / "00000050-bbbbbbbb.manifest.json").write_text(json.dumps(m))
        report = reader.refresh()
        assert report.new_batches == 1 and report.problems == []
        after = reader.counts()
    assert after["sessions"] == before["sessions"] == 1
    assert after["events"] == before["events"] == 1
    assert central(ana)[2] == []


def test_the_same_uuid_and_revision_with_other_content_is_a_reported_conflict(
    ana: Tracker, share: Path
) -> None:
    ana.add_session("1234567", "2026-11-03T09:00:00-03:00", "2026-11-03T09:25:00-03:00")
    ana.sync()
    folder = share / "consultants" / "ana"
    data, _ = sorted(folder.iterdir())
    lines = data.read_bytes().splitlines(keepends=True)
    forged = b"".join(line.replace(b'"note":""', b'"note":"forged"') for line in lines)
    import hashlib

    (folder / "00000060-cccccccc.jsonl").write_bytes(forged)
    manifest = json.loads(_.read_text())
    manifest.update(
        batch="00000060-cccccccc", file="00000060-cccccccc.jsonl", sha256=hashlib.sha256(forged).hexdigest()
    )
    (folder / "00000060-cccccccc.manifest.json").write_text(json.dumps(manifest))
    sessions, report, conflicts = central(ana)
    assert report.problems == []
    assert len(conflicts) == 1 and "differs between" in conflicts[0]
    assert sessions[0]["note"] == "" and "conflict" in sessions[0]["flags"]


def test_ticket_metadata_that_disagrees_between_consultants_is_reported(
    ana: Tracker, share: Path, store, clock, home, tmp_path: Path
) -> None:
    ana.sync()
    from tracker.store import open_store

    other_home = tmp_path / "bruno"
    with open_store(other_home) as other_store:
        bruno = Tracker(other_store, clock, other_home)
        bruno.settings.set("consultant", "bruno")
        bruno.settings.set("export-dir", str(share))
        bruno.add_ticket("1234567", "ACME Ltda", "support")
        bruno.sync()
    with ana.central_reader() as reader:
        reader.refresh()
        found = reader.ticket_disagreements()
    assert len(found) == 1
    assert found[0] == "ticket 1234567: customer, term_accepted, type differ between ana, bruno"


def test_the_default_export_folder_is_made_on_first_use(app: Tracker, home: Path) -> None:
    app.add_ticket("1234567", "ACME", "technical")
    app.sync()
    assert (home / "central-export" / "FORMAT").read_text() == "tracker-central-export 1\n"


def test_cli_sync_and_central_log(cli: Cli, home: Path, share: Path) -> None:
    cli("config", "set", "consultant", "ana")
    cli("config", "set", "export-dir", str(share))
    cli("ticket", "add", "1234567", "--customer", "ACME", "--type", "technical")
    cli("add", "1234567", "--start", "2026-11-03T09:00", "--end", "2026-11-03T09:25")
    r = cli("sync", "--json")
    assert r.code == 0, r.err
    assert r.json()["sessions"] == 1 and r.json()["pending"] == 0
    r = cli("central", "log", "--day", "2026-11-03", "--json")
    doc = r.json()
    assert [s["seconds"] for s in doc["sessions"]] == [1500] and doc["problems"] == []
    assert "total ana: 0:25:00" in cli("central", "log", "--day", "2026-11-03").out
    assert (
        cli("central", "log", "--day", "2026-11-03", "--consultant", "bruno", "--json").json()["sessions"]
        == []
    )
    shutil.rmtree(share)
    cli("add", "1234567", "--start", "2026-11-03T10:00", "--end", "2026-11-03T10:05")
    r = cli("sync")
    assert r.code == 1
    assert "is not there" in r.err and "1 session and 0 ticket events stay queued" in r.err
    assert "Traceback" not in r.err


def test_sync_errors_are_tracker_errors() -> None:
    assert issubclass(TargetUnavailable, TrackerError) and issubclass(TamperedBatch, TrackerError)


def test_a_damaged_reader_cache_is_rebuilt_from_the_export(ana: Tracker, home: Path) -> None:
    ana.add_session("1234567", "2026-11-03T09:00:00-03:00", "2026-11-03T09:25:00-03:00")
    ana.sync()
    assert len(central(ana)[0]) == 1
    (home / "central-cache.db").write_bytes(b"not a database at all" * 200)
    for suffix in ("-wal", "-shm"):
        (home / f"central-cache.db{suffix}").unlink(missing_ok=True)
    sessions, report, _ = central(ana)
    assert len(sessions) == 1 and report.problems == []


def test_a_home_from_before_the_sync_queue_keeps_what_waits_and_what_was_sent(tmp_path: Path) -> None:
    """Schema 6 to 7: the sessions' synced and sent_revision flags become the queue.

    A session in a batch prepared but not yet verified keeps that batch.
    """
    old = open_store(tmp_path / "ana", migrate=False)
    migrations().apply(old.db, stop_before="m007_sync_queue")
    columns = (
        "uuid, ticket, consultant, type, start_ts, end_ts, utc_offset, local_day, "
        "revision, synced, deleted, sent_revision, created_ts"
    )
    rows = {  # note: (revision, synced, deleted, sent_revision)
        "synced": (1, 1, 0, 1),
        "waiting": (1, 0, 0, 0),
        "edited after sync": (2, 0, 0, 1),
        "deleted before sent": (1, 0, 1, 0),
        "in an undone batch": (1, 0, 0, 1),
    }
    with old.atomic() as db:
        db.execute(
            "INSERT INTO tickets (number, customer, type, original_type, created_ts, created_by) "
            "VALUES ('1234567', 'ACME', 'technical', 'technical', 0, 'ana')"
        )
        for i, (note, flags) in enumerate(rows.items()):
            start = 1_793_700_000 + 3600 * i
            db.execute(
                f"INSERT INTO sessions ({columns}, note) VALUES "
                "(?, '1234567', 'ana', 'technical', ?, ?, -10800, '2026-11-03', ?, ?, ?, ?, 0, ?)",
                [f"00000000-0000-4000-8000-00000000000{i}", start, start + 900, *flags, note],
            )
        db.execute(
            "INSERT INTO outbox (batch, seq, consultant, data, manifest, sha256, rows, created_ts) "
            "VALUES ('00000001-aaaaaaaa', 1, 'ana', x'00', '{\"kinds\":{\"session\":1}}', 'x', 1, 0)"
        )
        db.execute(
            "INSERT INTO outbox_items VALUES "
            "('00000001-aaaaaaaa', 'session', '00000000-0000-4000-8000-000000000004', 1)"
        )
    old.close()

    store = open_store(tmp_path / "ana")
    queue = store.conn.execute(
        "SELECT s.note, q.sent_revision, q.batch FROM sync_queue q JOIN sessions s USING (uuid) "
        "ORDER BY q.start_ts"
    ).fetchall()
    assert [tuple(r) for r in queue] == [
        ("waiting", 0, None),
        ("edited after sync", 1, None),
        ("in an undone batch", 1, "00000001-aaaaaaaa"),
    ]
    synced = dict(
        store.conn.execute(
            "SELECT note, synced FROM (SELECT note, NOT EXISTS "
            "(SELECT 1 FROM sync_queue q WHERE q.uuid = sessions.uuid) AS synced FROM sessions)"
        ).fetchall()
    )
    assert synced == {
        "synced": 1,
        "waiting": 0,
        "edited after sync": 0,
        "deleted before sent": 1,
        "in an undone batch": 0,
    }
    assert outbox.mark_synced(store, "00000001-aaaaaaaa", 1) == (1, 0, 0, 0)
    assert outbox.pending_counts(store)[0] == 2
