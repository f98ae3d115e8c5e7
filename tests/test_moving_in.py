"""Moving in from Toggl Track, Clockify and Watson: map, preview, then all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli
from tracker import moving_in
from tracker.app import Tracker
from tracker.errors import BadInput
from tracker.timeutil import zone

TOGGL = """\ufeffUser,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount ()
Ana,ana@x.com,Padaria,Virada Protheus,,Ajuste de parâmetros,Yes,2026-11-02,09:00:00,2026-11-02,09:25:00,00:25:00,"remoto, urgente",
Ana,ana@x.com,Padaria,Virada Protheus,,Treinamento,Yes,2026-11-02,10:00:00,2026-11-02,10:07:30,00:07:30,,
Ana,ana@x.com,,Interno,,Reunião,No,2026-11-02,11:00:00,2026-11-02,12:00:00,01:00:00,,
Ana,ana@x.com,Beta,,,Sem projeto,Yes,2026-11-02,13:00:00,2026-11-02,13:10:00,00:10:00,suporte,
"""

CLOCKIFY = """Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,End Date,End Time,Duration (h),Duration (decimal)
Virada Protheus,Padaria,Ajuste,,Ana,,ana@x.com,,Yes,11/02/2026,09:00:00 AM,11/02/2026,09:25:00 AM,00:25:00,0.42
Virada Protheus,Padaria,Tarde,,Ana,,ana@x.com,,Yes,11/02/2026,01:00:00 PM,11/02/2026,01:30:00 PM,00:30:00,0.50
"""


def watson_frames() -> str:
    start = 1793620800  # 2026-11-02T09:00:00-03:00
    return json.dumps([
        [start, start + 1500, "virada", "a1b2c3d4e5f60718293a4b5c6d7e8f90", ["remoto"], start + 1500],
        [start + 3600, start + 3600 + 450, "outro", "0f9e8d7c6b5a49382716f5e4d3c2b1a0", ["suporte"], start + 4100],
    ])


@pytest.fixture
def tickets(app: Tracker) -> Tracker:
    app.add_ticket("12345678", "Padaria", "technical")
    app.add_ticket("87654321", "Beta", "support")
    return app


def test_toggl_entries_are_read_in_the_chosen_zone() -> None:
    entries = moving_in.read_toggl(TOGGL, zone("America/Sao_Paulo"))
    assert len(entries) == 4
    first = entries[0]
    assert (first.project, first.client, first.tags, first.seconds) == (
        "Virada Protheus", "Padaria", ("remoto", "urgente"), 1500)
    assert first.start.isoformat() == "2026-11-02T09:00:00-03:00"
    assert moving_in.labels(entries) == {
        "project:Interno": (1, 3600), "project:Virada Protheus": (2, 1950), "tag:remoto": (1, 1500),
        "tag:suporte": (1, 600), "tag:urgente": (1, 1500)}


def test_clockify_twelve_hour_times_are_read() -> None:
    entries = moving_in.read_clockify(CLOCKIFY, zone("America/Sao_Paulo"))
    assert [e.start.isoformat() for e in entries] == ["2026-11-02T09:00:00-03:00", "2026-11-02T13:00:00-03:00"]
    assert [e.seconds for e in entries] == [1500, 1800]


def test_watson_frames_are_read() -> None:
    entries = moving_in.read_watson(watson_frames(), zone("America/Sao_Paulo"))
    assert [(e.project, e.tags, e.seconds) for e in entries] == [("virada", ("remoto",), 1500), ("outro", ("suporte",), 450)]
    assert entries[0].start.isoformat() == "2026-11-02T09:00:00-03:00"


def test_the_plan_maps_projects_then_tags_and_lists_what_it_skips(tickets: Tracker) -> None:
    entries = moving_in.read_toggl(TOGGL, zone("America/Sao_Paulo"))
    result = moving_in.plan(entries, {"project:Virada Protheus": "12345678", "tag:suporte": "87654321"}, "toggl", "ana")
    assert [(s["ticket"], s["_seconds"]) for s in result.sessions] == [("12345678", 1500), ("12345678", 450),
                                                                       ("87654321", 600)]
    assert [(e.line, why) for e, why in result.skipped] == [(4, "its project and tags are not mapped to a ticket")]
    assert result.sessions[0]["note"] == "Ajuste de parâmetros · Padaria"


def test_commit_is_all_or_nothing_and_idempotent(tickets: Tracker) -> None:
    entries = moving_in.read_watson(watson_frames(), zone("America/Sao_Paulo"))
    result = moving_in.plan(entries, {"project:virada": "12345678", "project:outro": "87654321"}, "watson", "ana")
    preview = moving_in.commit(tickets, result, dry_run=True)
    assert preview.sessions_added == 2 and tickets.log("2026-11-02") == []
    moving_in.commit(tickets, result)
    assert [s.seconds for s in tickets.log("2026-11-02")] == [1500, 450]
    again = moving_in.commit(tickets, result)
    assert (again.sessions_added, again.sessions_skipped) == (0, 2)


def test_a_bad_entry_names_the_source_line_and_writes_nothing(tickets: Tracker) -> None:
    bad = TOGGL.replace("2026-11-02,10:07:30", "2026-11-03,10:07:30")  # a 24 h+ entry on line 3
    entries = moving_in.read_toggl(bad, zone("America/Sao_Paulo"))
    result = moving_in.plan(entries, {"project:Virada Protheus": "12345678"}, "toggl", "ana")
    with pytest.raises(BadInput) as err:
        moving_in.commit(tickets, result)
    assert err.value.field == "line 3: end"
    assert tickets.log("2026-11-02") == []


@pytest.mark.parametrize(("text", "reader", "field"), [
    ("Project,Start date,Start time,End date,End time\nX,2026-11-02,9:00,,10:00\n", moving_in.read_toggl, "line 2: end"),
    ("Project,Start Date,Start Time,End Date,End Time\nX,2026-13-45,9:00,2026-11-02,10:00\n", moving_in.read_clockify,
     "line 2: start"),
])
def test_unreadable_csv_names_the_line(text: str, reader, field: str) -> None:
    with pytest.raises(BadInput) as err:
        reader(text, zone("UTC"))
    assert err.value.field == field


@pytest.mark.parametrize("text", ["{not json", "{}", "[[1]]", '[["x", 2, "p", "id"]]'])
def test_a_file_that_is_not_watsons_is_refused(text: str) -> None:
    with pytest.raises(BadInput):
        moving_in.read_watson(text, zone("UTC"))


def test_import_from_through_the_cli(cli: Cli, tmp_path: Path) -> None:
    cli("config", "set", "consultant", "ana")
    cli("ticket", "add", "12345678", "--customer", "Padaria", "--type", "technical")
    f = tmp_path / "toggl.csv"
    f.write_text(TOGGL, encoding="utf-8")
    r = cli("import-from", "toggl", str(f), "--list")
    assert r.code == 0 and "project:Virada Protheus\t2 entries\t0:32:30" in r.out
    r = cli("import-from", "toggl", str(f), "--map", "project:Virada Protheus=12345678", "--dry-run")
    assert r.code == 0 and "would import 2 sessions" in r.out and "line 4 skipped" in r.err
    r = cli("import-from", "toggl", str(f), "--map", "project:Virada Protheus=12345678")
    assert r.code == 0 and "imported 2 sessions" in r.out
    assert len(cli("log", "--day", "2026-11-02", "--json").json()) == 2
    r = cli("import-from", "toggl", str(f), "--map", "Virada=12345678")
    assert r.code == 2 and "map" in r.err
    r = cli("import-from", "toggl", str(f), "--map", "project:Virada Protheus=999")
    assert r.code == 2 and "add it first" in r.err
    r = cli("import-from", "clockify", str(tmp_path / "none.csv"))
    assert r.code == 2 and "cannot read" in r.err
