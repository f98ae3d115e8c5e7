"""``tracker import``: all or nothing, idempotent, and bad lines named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker.app import Tracker
from tracker.errors import BadInput
from tracker.store import bulk

TICKET = {"kind": "ticket", "number": "12345678", "customer": "ACME", "type": "technical",
          "term_accepted": "2026-10-01"}


def session(start: str, end: str, **extra: str) -> dict:
    return {"kind": "session", "ticket": "12345678", "start": start, "end": end, **extra}


def write(path: Path, records: list) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n")
    return path


def count(app: Tracker, table: str) -> int:
    return app.store.one(f"SELECT count(*) AS n FROM {table}")["n"]


def test_import_adds_tickets_and_sessions_in_the_sessions_zone(app: Tracker, tmp_path: Path) -> None:
    f = write(tmp_path / "h.jsonl", [
        TICKET,
        session("2026-11-02T09:00:00-03:00", "2026-11-02T09:25:00-03:00", note="setup"),
        session("2026-11-02T10:00:00", "2026-11-02T10:07:30", consultant="ana"),
        "",
    ])
    result = app.import_file(f)
    assert (result.tickets_added, result.sessions_added) == (1, 2)
    log = app.log("2026-11-02")
    assert [(s.seconds, s.note, s.zone) for s in log] == [
        (1500, "setup", "America/Sao_Paulo"), (450, "", "America/Sao_Paulo")]
    assert log[1].start.isoformat() == "2026-11-02T10:00:00-03:00"
    assert log[1].source == "import"
    assert app.ticket("12345678").term_accepted.isoformat() == "2026-10-01"


def test_importing_the_same_file_twice_adds_nothing(app: Tracker, tmp_path: Path) -> None:
    f = write(tmp_path / "h.jsonl", [
        TICKET,
        session("2026-11-02T09:00:00-03:00", "2026-11-02T09:25:00-03:00"),
        session("2026-11-02T11:00:00-03:00", "2026-11-02T11:25:00-03:00",
                uuid="2b1c7f0e-6a53-4f7e-8a8e-8d0f3c1f9a11"),
    ])
    app.import_file(f)
    again = app.import_file(f)
    assert (again.tickets_added, again.sessions_added) == (0, 0)
    assert (again.tickets_skipped, again.sessions_skipped) == (1, 2)
    assert count(app, "sessions") == 2
    assert count(app, "ticket_events") == 1


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("{not json", "json"),
        ("[1, 2]", "json"),
        (json.dumps({"kind": "frame"}), "kind"),
        (json.dumps(session("2026-11-02T10:00:00-03:00", "2026-11-02T09:00:00-03:00")), "end"),
        (json.dumps(session("2026-11-01T08:00:00-03:00", "2026-11-02T09:00:00-03:00")), "end"),
        (json.dumps(session("2026-12-02T10:00:00-03:00", "2026-12-02T11:00:00-03:00")), "start"),
        (json.dumps(session("2026-11-03T14:00:00-03:00", "2026-11-03T16:00:00-03:00")), "end"),
        (json.dumps(session("yesterday", "2026-11-02T09:00:00-03:00")), "start"),
        (json.dumps(session("2026-11-02T09:00:00-03:00", None)), "end"),
        (json.dumps(session("2026-11-02T09:00:00-03:00", "2026-11-02T09:10:00-03:00", uuid="x")), "uuid"),
        (json.dumps(session("2026-11-02T09:00:00-03:00", "2026-11-02T09:10:00-03:00", consultant="a b")),
         "consultant"),
        (json.dumps(session("2026-11-02T09:00:00-03:00", "2026-11-02T09:10:00-03:00", consultant="bruno")),
         "consultant"),
        (json.dumps(session("2026-11-02T09:00:00-03:00", "2026-11-02T09:10:00-03:00", colour="red")), "colour"),
        (json.dumps(session("2026-11-02T09:00:00-03:00", "2026-11-02T09:10:00-03:00") | {"ticket": "999"}),
         "ticket"),
        (json.dumps(session("2026-11-02T09:00:00-03:00", "2026-11-02T09:10:00-03:00") | {"ticket": ""}),
         "ticket"),
        (json.dumps(session("2026-11-02T09:00:00-03:00", "2026-11-02T09:10:00-03:00") | {"note": 5}), "note"),
        (json.dumps(TICKET | {"number": "7654321", "type": "gold"}), "type"),
        (json.dumps(TICKET | {"number": "7654321", "customer": ""}), "customer"),
        (json.dumps(TICKET | {"number": "7654321", "rate": 3}), "rate"),
    ],
)
def test_a_bad_line_is_named_and_nothing_is_written(app: Tracker, tmp_path: Path, line: str, field: str) -> None:
    f = write(tmp_path / "bad.jsonl", [
        TICKET,
        session("2026-11-02T08:00:00-03:00", "2026-11-02T08:30:00-03:00"),
        line,
    ])
    with pytest.raises(BadInput) as err:
        app.import_file(f)
    assert err.value.field == f"line 3: {field}"
    assert count(app, "tickets") == 0
    assert count(app, "sessions") == 0
    assert count(app, "ticket_events") == 0


def test_a_stored_uuid_with_other_content_is_refused(app: Tracker, tmp_path: Path) -> None:
    uid = "2b1c7f0e-6a53-4f7e-8a8e-8d0f3c1f9a11"
    app.import_file(write(tmp_path / "a.jsonl", [
        TICKET, session("2026-11-02T09:00:00-03:00", "2026-11-02T09:25:00-03:00", uuid=uid)]))
    f = write(tmp_path / "b.jsonl", [
        session("2026-11-02T10:00:00-03:00", "2026-11-02T10:05:00-03:00"),
        session("2026-11-02T09:00:00-03:00", "2026-11-02T09:26:00-03:00", uuid=uid),
    ])
    with pytest.raises(BadInput, match="already stored with other content") as err:
        app.import_file(f)
    assert err.value.field == "line 2: uuid"
    assert count(app, "sessions") == 1


def test_one_uuid_twice_in_a_file_with_other_content_is_refused(app: Tracker, tmp_path: Path) -> None:
    uid = "2b1c7f0e-6a53-4f7e-8a8e-8d0f3c1f9a11"
    f = write(tmp_path / "b.jsonl", [
        TICKET,
        session("2026-11-02T09:00:00-03:00", "2026-11-02T09:25:00-03:00", uuid=uid),
        session("2026-11-02T09:00:00-03:00", "2026-11-02T09:25:00-03:00", uuid=uid),
        session("2026-11-02T09:00:00-03:00", "2026-11-02T09:35:00-03:00", uuid=uid),
    ])
    with pytest.raises(BadInput, match="also on line 2") as err:
        app.import_file(f)
    assert err.value.field == "line 4: uuid"
    assert count(app, "sessions") == 0


def test_dry_run_checks_everything_and_writes_nothing(app: Tracker, tmp_path: Path) -> None:
    f = write(tmp_path / "h.jsonl", [TICKET, session("2026-11-02T09:00:00-03:00", "2026-11-02T09:25:00-03:00")])
    result = app.import_file(f, dry_run=True)
    assert (result.tickets_added, result.sessions_added, result.dry_run) == (1, 1, True)
    assert count(app, "tickets") == 0 and count(app, "sessions") == 0


def test_a_finalized_ticket_takes_no_imported_time(app: Tracker, tmp_path: Path) -> None:
    app.add_ticket("12345678", "ACME", "technical")
    app.finalize("12345678")
    f = write(tmp_path / "h.jsonl", [session("2026-11-02T09:00:00-03:00", "2026-11-02T09:25:00-03:00")])
    with pytest.raises(BadInput, match="finalized"):
        app.import_file(f)


def test_imported_sessions_follow_an_escalation(app: Tracker, tmp_path: Path) -> None:
    app.add_ticket("12345678", "ACME", "standard")
    app.escalate("12345678", at="2026-11-02T10:00:00-03:00")
    app.import_file(write(tmp_path / "h.jsonl", [
        session("2026-11-02T09:00:00-03:00", "2026-11-02T09:25:00-03:00"),
        session("2026-11-02T10:30:00-03:00", "2026-11-02T10:45:00-03:00"),
    ]))
    assert [s.type.value for s in app.log("2026-11-02")] == ["standard", "support"]


def test_a_missing_file_is_bad_input(app: Tracker, tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="cannot read"):
        app.import_file(tmp_path / "nope.jsonl")


def test_warnings_of_imported_tickets_are_reported_once(
    app: Tracker, tmp_path: Path, warnings_seen: list[str]
) -> None:
    f = write(tmp_path / "h.jsonl", [
        TICKET | {"number": "T-1", "product": "Other"},
        TICKET | {"number": "T-2", "product": "Other"},
    ])
    app.import_file(f)
    assert sum("not enabled" in w for w in warnings_seen) == 1
    assert sum("unusual" in w for w in warnings_seen) == 2


def index_definitions(app: Tracker) -> list[tuple[str, str]]:
    rows = app.store.all("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
    return sorted((r["name"], r["sql"]) for r in rows)


def test_a_large_import_rebuilds_the_schemas_own_indexes(
    app: Tracker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A later schema's index on sessions: the rebuild after a large import must keep it as it is.
    app.store.conn.execute("CREATE INDEX sessions_note ON sessions(note, start_ts)")
    before = index_definitions(app)
    monkeypatch.setattr(bulk, "REBUILD_MIN", 10)  # "large" from 10 sessions on, not 50,000
    f = write(tmp_path / "h.jsonl", [TICKET] + [
        session(f"2026-11-02T{h:02d}:00:00-03:00", f"2026-11-02T{h:02d}:30:00-03:00", note=f"n{h}")
        for h in range(20)
    ])
    r = app.import_file(f)
    assert (r.tickets_added, r.sessions_added) == (1, 20)
    assert index_definitions(app) == before
    plan = app.store.all("EXPLAIN QUERY PLAN SELECT uuid FROM sessions WHERE note = 'n3'")
    assert any("sessions_note" in row["detail"] for row in plan)
    assert len(app.log("2026-11-02")) == 20
