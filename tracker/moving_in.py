"""Moving in: Toggl Track and Clockify CSV exports, and Watson's frames file.

Reading gives neutral :class:`ForeignEntry` rows.  The consultant then says how each
project or tag maps to a ticket; :func:`plan` builds the sessions that would be
written (a preview, with what is skipped and why), and :func:`commit` writes them
through the same all-or-nothing, idempotent transaction as ``tracker import``.
"""

from __future__ import annotations

import csv
import io
import json
import uuid as uuidlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from tracker.errors import BadInput
from tracker.i18n import _
from tracker.importer import ImportResult
from tracker.livefiles import refuse_live
from tracker.timeutil import iso, zone

SOURCES = ("toggl", "clockify", "watson")
MAX_FILE = 256 << 20  # bytes: years of entries
NAMESPACE = uuidlib.UUID("0b7a3e8e-5d1c-4f0a-9d7e-3c2b1a0f9e8d")
DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y")
TIME_FORMATS = ("%H:%M:%S", "%H:%M", "%I:%M:%S %p", "%I:%M %p")


@dataclass(frozen=True)
class ForeignEntry:
    line: int
    project: str
    client: str
    description: str
    tags: tuple[str, ...]
    start: datetime
    end: datetime
    foreign_id: str = ""

    @property
    def seconds(self) -> int:
        return int(self.end.timestamp()) - int(self.start.timestamp())


@dataclass
class Plan:
    """What an import would write, and what it leaves out with the reason."""

    sessions: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[tuple[ForeignEntry, str]] = field(default_factory=list)

    @property
    def seconds(self) -> int:
        return sum(int(s["_seconds"]) for s in self.sessions)


def _parse_local(day: str, clock: str, tz: ZoneInfo, line: int, field_name: str, day_first: bool) -> datetime:
    day, clock = day.strip(), clock.strip()
    formats = DATE_FORMATS if not day_first else ("%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%d-%m-%Y")
    for dfmt in formats:
        for tfmt in TIME_FORMATS:
            try:
                return datetime.strptime(f"{day} {clock}", f"{dfmt} {tfmt}").replace(tzinfo=tz)
            except ValueError:
                continue
    raise BadInput(
        f"line {line}: {field_name}",
        _("'{value}' is not a date and time this import understands").format(value=f"{day} {clock}"),
    )


# The columns a Toggl Track or Clockify detailed report always has, in lower case.
TIME_COLUMNS = ("start date", "start time", "end date", "end time")


def _rows(text: str, source: str) -> list[dict[str, str]]:
    """The CSV's rows, keyed by lower-case heading; a file without the time columns is refused."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    headings = {(h or "").strip().lower() for h in reader.fieldnames or ()}
    missing = [c for c in TIME_COLUMNS if c not in headings]
    if missing:
        raise BadInput(
            "FILE",
            _(
                "is not a {source} CSV export: its first line should name the columns Start date, "
                "Start time, End date and End time (a detailed report exported as CSV)"
            ).format(source=source),
        )
    try:
        return [{(k or "").strip().lower(): (v or "") for k, v in row.items()} for row in reader]
    except csv.Error as exc:  # a field over the csv module's limit, a NUL...
        raise BadInput(
            f"line {reader.line_num}", _("is not CSV this import understands ({error})").format(error=exc)
        ) from None


def _need(row: dict[str, str], names: Iterable[str], line: int) -> str:
    for name in names:
        if name in row:
            return row[name]
    wanted = _(" or ").join(f"'{n}'" for n in names)
    raise BadInput(
        f"line {line}", _("has no {column} column; is this the right export?").format(column=wanted)
    )


def read_toggl(
    text: str, tz: ZoneInfo, day_first: bool = False, source: str = "Toggl Track"
) -> list[ForeignEntry]:
    """Toggl Track's detailed report CSV: Start date, Start time, End date, End time, Project, Tags..."""
    out = []
    for n, row in enumerate(_rows(text, source), start=2):
        start = _parse_local(
            _need(row, ["start date"], n), _need(row, ["start time"], n), tz, n, "start", day_first
        )
        end = _parse_local(_need(row, ["end date"], n), _need(row, ["end time"], n), tz, n, "end", day_first)
        tags = tuple(t.strip() for t in row.get("tags", "").split(",") if t.strip())
        out.append(
            ForeignEntry(
                n,
                row.get("project", "").strip(),
                row.get("client", "").strip(),
                row.get("description", "").strip(),
                tags,
                start,
                end,
            )
        )
    return out


def read_clockify(text: str, tz: ZoneInfo, day_first: bool = False) -> list[ForeignEntry]:
    """Clockify's detailed report CSV: the same columns that matter, Start Date, Start Time..."""
    return read_toggl(text, tz, day_first, source="Clockify")


def read_watson(text: str, tz: ZoneInfo) -> list[ForeignEntry]:
    """Watson's frames file: a JSON list of [start, stop, project, id, tags, updated_at]."""
    try:
        frames = json.loads(text)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, a 5000-digit number, deep nesting
        raise BadInput(
            "FILE",
            _("is not Watson's frames file (not JSON: {error})").format(error=getattr(exc, "msg", exc)),
        ) from None
    if not isinstance(frames, list):
        raise BadInput("FILE", _("is not Watson's frames file (not a list of frames)"))
    out = []
    for n, frame in enumerate(frames, start=1):
        if not isinstance(frame, list) or len(frame) < 4:
            raise BadInput(f"frame {n}", _("is not [start, stop, project, id, tags, updated_at]"))
        try:
            start = datetime.fromtimestamp(int(frame[0]), UTC).astimezone(tz)
            end = datetime.fromtimestamp(int(frame[1]), UTC).astimezone(tz)
        except (TypeError, ValueError, OverflowError):
            raise BadInput(f"frame {n}", _("has a start or stop that is not a timestamp")) from None
        tags = tuple(str(t) for t in (frame[4] if len(frame) > 4 and isinstance(frame[4], list) else []))
        out.append(ForeignEntry(n, str(frame[2]), "", "", tags, start, end, str(frame[3])))
    return out


def read(source: str, path: Path, zone_name: str, day_first: bool = False) -> list[ForeignEntry]:
    if source not in SOURCES:
        raise BadInput(
            "source",
            _("'{source}' is not a source; use {options}").format(source=source, options=", ".join(SOURCES)),
        )
    refuse_live(path, "FILE")
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE + 1)  # a device with no end (/dev/zero) stops here
        text = data.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput("FILE", _("cannot read {path}: {error}").format(path=path, error=exc)) from None
    if len(data) > MAX_FILE:
        raise BadInput(
            "FILE", _("is larger than {size} MiB; export a shorter period").format(size=MAX_FILE >> 20)
        )
    tz = zone(zone_name)
    if source == "toggl":
        return read_toggl(text, tz, day_first)
    if source == "clockify":
        return read_clockify(text, tz, day_first)
    return read_watson(text, tz)


def labels(entries: Iterable[ForeignEntry]) -> dict[str, tuple[int, int]]:
    """Every project and tag, with how many entries and seconds carry it: what to map."""
    out: dict[str, tuple[int, int]] = {}
    for e in entries:
        for label in ([f"project:{e.project}"] if e.project else []) + [f"tag:{t}" for t in e.tags]:
            count, seconds = out.get(label, (0, 0))
            out[label] = (count + 1, seconds + e.seconds)
    return dict(sorted(out.items()))


def plan(entries: Iterable[ForeignEntry], mapping: dict[str, str], source: str, consultant: str) -> Plan:
    """The sessions to write.  An entry goes to its project's ticket, else to its first mapped tag's."""
    result = Plan()
    for e in entries:
        ticket = mapping.get(f"project:{e.project}") if e.project else None
        if not ticket:
            ticket = next((mapping[f"tag:{t}"] for t in e.tags if mapping.get(f"tag:{t}")), None)
        if not ticket:
            # The skip reasons are keys too: ui/import_wizard.py translates them itself.
            result.skipped.append((e, "its project and tags are not mapped to a ticket"))
            continue
        if e.seconds <= 0:
            result.skipped.append((e, "it ends before it starts"))
            continue
        key = e.foreign_id or f"{e.start.isoformat()}|{e.end.isoformat()}|{e.project}|{e.description}"
        note = " · ".join(x for x in (e.description, e.client) if x)
        result.sessions.append(
            {
                "kind": "session",
                "ticket": ticket,
                "start": iso(e.start),
                "end": iso(e.end),
                "uuid": str(uuidlib.uuid5(NAMESPACE, f"{source}|{consultant}|{key}")),
                "note": note,
                "_seconds": e.seconds,
                "_line": e.line,
            }
        )
    return result


class LineImporter(Protocol):
    """What takes JSON Lines records in, all or nothing: the tracker, or its import service."""

    def import_lines(self, lines: Iterable[str], dry_run: bool = False) -> ImportResult: ...


def commit(app: LineImporter, result: Plan, dry_run: bool = False) -> ImportResult:
    """Write the planned sessions in one transaction: all or nothing, idempotent by uuid."""
    lines = [json.dumps({k: v for k, v in s.items() if not k.startswith("_")}) for s in result.sessions]
    try:
        return app.import_lines(lines, dry_run=dry_run)
    except BadInput as exc:
        # Name the line of the file the consultant gave, not of the records built from it.
        head, _sep, rest = exc.field.partition(": ")
        if head.startswith("line ") and head[5:].isdigit() and 0 < int(head[5:]) <= len(result.sessions):
            source_line = result.sessions[int(head[5:]) - 1]["_line"]
            raise BadInput(f"line {source_line}: {rest}", exc.message) from None
        raise
