"""The export's records defined once (tracker/central/schema.py): what the writer sends, the reader accepts.

The writer's output is byte for byte what it always was (tests/test_record_bytes.py);
here: the schema's own arithmetic agrees with Python's, what the writer would send
passes the reader's checks, what the writer must not send is refused before it leaves
the consultant's home, and the importer's lines have strict JSON types too.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.app import Tracker
from tracker.central import batches, checks
from tracker.central.records import UnsendableRecord
from tracker.errors import BadInput
from tracker.timeutil import iso

MOMENTS = st.datetimes(
    min_value=datetime(1971, 1, 2), max_value=datetime(2199, 12, 30), timezones=st.just(UTC)
).map(lambda d: d.replace(microsecond=0))
OFFSETS = st.integers(min_value=-14 * 60, max_value=14 * 60).map(lambda m: timezone(timedelta(minutes=m)))


@settings(max_examples=400, deadline=None)
@given(MOMENTS, OFFSETS)
def test_epoch_is_the_times_timestamp_in_any_offset(moment: datetime, offset: timezone) -> None:
    text = iso(moment.astimezone(offset))
    assert checks.epoch(text, "start") == int(moment.timestamp())


@pytest.mark.parametrize(
    "text",
    [
        "2026-02-30T10:00:00-03:00",  # a day that does not exist
        "2026-11-03T24:00:00-03:00",
        "2026-11-03T10:60:00-03:00",
        "2026-11-03T10:00:61-03:00",
        "2026-11-03T10:00:00-25:00",
        "2026-11-03 10:00:00-03:00",
        "2026-11-03T10:00:00+0300",
        "2026-11-03T10:00:00.5-03:00",
        "2026-11-03T10:00:00Z",
        "2026-11-03T10:00:00-03:00\n",
        "２０２６-11-03T10:00:00-03:00",  # digits, but not ASCII ones
    ],
)
def test_epoch_refuses_every_other_form_of_a_time(text: str) -> None:
    with pytest.raises(checks.RecordError):
        checks.epoch(text, "start")


def _record(**change: object) -> bytes:
    rec: dict[str, object] = {
        "consultant": "ana",
        "day": "2026-11-03",
        "deleted": False,
        "end": "2026-11-03T09:25:00-03:00",
        "flags": [],
        "kind": "session",
        "note": "",
        "revision": 1,
        "seconds": 1500,
        "source": "timer",
        "start": "2026-11-03T09:00:00-03:00",
        "ticket": "1234567",
        "type": "technical",
        "uuid": "0b7a3e8e-5d1c-4f0a-9d7e-3c2b1a0f9e8d",
        "zone": "America/Sao_Paulo",
    }
    rec.update(change)
    return json.dumps(rec, sort_keys=True, separators=(",", ":")).encode() + b"\n"


def test_a_session_across_a_dst_change_counts_its_real_seconds() -> None:
    """São Paulo kept DST until 2019: 2018-11-04 00:00 did not exist; 02:00 BRST is 01:00 BRT."""
    rows = batches.parse(
        "consultants",
        "ana",
        _record(
            day="2018-11-03", start="2018-11-03T23:30:00-03:00", end="2018-11-04T01:30:00-02:00", seconds=3600
        ),
    )
    assert rows.sessions[0][6:8] == (1541298600, 1541302200)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"revision": True}, "revision"),
        ({"revision": 1.0}, "revision"),
        ({"revision": 0}, "revision"),
        ({"revision": 2**53}, "revision"),
        ({"deleted": 0}, "deleted"),
        ({"zone": "Sao Paulo"}, "zone"),
        ({"zone": "America/\u202eSao_Paulo"}, "zone"),
        ({"note": "ok\u202etxt.exe"}, "note"),
        ({"note": "bell\u0007"}, "note"),
        ({"uuid": "0B7A3E8E-5D1C-4F0A-9D7E-3C2B1A0F9E8D"}, "uuid"),
        ({"consultant": "ana\n"}, "consultant"),
        ({"flags": ["idle", "idle"]}, "flags"),
        ({"source": "bot"}, "source"),
        ({"ticket": "12\u00a034"}, "ticket"),
    ],
)
def test_the_reader_refuses_a_session_that_bends_a_type_or_a_pattern(change: dict, field: str) -> None:
    with pytest.raises(batches.BadBatch) as err:
        batches.parse("consultants", change.get("consultant", "ana"), _record(**change))  # type: ignore[arg-type]
    assert err.value.line == 1 and field in err.value.field, err.value


def test_notes_keep_their_tabs_and_newlines() -> None:
    rows = batches.parse("consultants", "ana", _record(note="a\tb\nc"))
    assert rows.sessions[0][12] == "a\tb\nc"


def test_a_record_the_readers_would_refuse_never_leaves_the_home(app: Tracker, tmp_path: Path) -> None:
    """A note with a control character (from an older app, or edited into the database): the sync
    stops naming the session, sends nothing, and keeps everything queued."""
    share = tmp_path / "share"
    share.mkdir()
    app.settings.set("export-dir", str(share))
    app.add_ticket("1234567", "ACME", "technical", term_accepted="2026-11-01")
    s = app.add_session("1234567", "2026-11-03T09:00:00-03:00", "2026-11-03T09:25:00-03:00")
    with sqlite3.connect(app.home / "tracker.db") as conn:
        conn.execute("UPDATE sessions SET note = ? WHERE uuid = ?", ("\x1b[2J", s.uuid))
    conn.close()
    with pytest.raises(UnsendableRecord, match=f"session {s.uuid} cannot be sent.*note"):
        app.sync()
    assert not list(share.rglob("*.jsonl"))
    assert app.sync_status().pending.sessions == 1


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ({"kind": "ticket", "number": "7654321", "customer": ["ACME"], "type": "technical"}, "customer"),
        ({"kind": "ticket", "number": "7654321", "customer": 42, "type": "technical"}, "customer"),
        ({"kind": "ticket", "number": 7654321, "customer": "ACME", "type": "technical"}, "number"),
        (
            {
                "kind": "ticket",
                "number": "7654321",
                "customer": "ACME",
                "type": "technical",
                "term_accepted": 20261001,
            },
            "term_accepted",
        ),
        ({"kind": "ticket", "number": "7654321", "type": "technical"}, "customer"),
        (
            {
                "kind": "session",
                "ticket": "7654321",
                "start": "2026-11-02T09:00:00-03:00",
                "end": "2026-11-02T09:10:00-03:00",
                "note": ["a"],
            },
            "note",
        ),
        (
            {"kind": "session", "ticket": "7654321", "start": 1762084800, "end": "2026-11-02T09:10:00-03:00"},
            "start",
        ),
        ({"ticket": "7654321"}, "kind"),
    ],
)
def test_the_importers_lines_have_strict_json_types(
    app: Tracker, tmp_path: Path, line: dict, field: str
) -> None:
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps(line) + "\n")
    with pytest.raises(BadInput) as err:
        app.import_file(f)
    # named as the command line's option is (term_accepted is --term-accepted)
    assert err.value.field == f"line 1: {field.replace('_', '-')}"
