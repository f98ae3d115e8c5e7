"""The writer's bytes do not change: a fixed history syncs to exactly the export it always did.

``tests/data/export-golden.txt`` was written by the writer before the records went
through the schema's Structs (tracker/central/schema.py).  Random parts (uuids, the
install id, sha256 digests that depend on them) are numbered in order of appearance,
so the comparison holds every other byte: keys, order, spacing, escapes, values.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime
from pathlib import Path

from tracker.app import Tracker
from tracker.clock import FixedClock
from tracker.store import open_store

GOLDEN = Path(__file__).parent / "data" / "export-golden.txt"
ZONE = "America/Sao_Paulo"
UUID = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
INSTALL = re.compile(rb"([0-9]{8})-([0-9a-f]{8})")
SHA = re.compile(rb'"sha256":"[0-9a-f]{64}"')


def _home(root: Path, login: str, share: Path, now: str, zone: str = ZONE) -> Tracker:
    store = open_store(root / login)
    app = Tracker(store, FixedClock(datetime.fromisoformat(now), zone), root / login)
    app.settings.set("consultant", login)
    app.settings.set("export-dir", str(share))
    return app


def fixed_history(root: Path) -> Path:
    """Every kind of record the app sends: sessions and revisions, each ticket event, a decision."""
    share = root / "share"
    share.mkdir(parents=True)
    ana = _home(root, "ana", share, "2026-11-03T18:00:00-03:00")
    ana.add_ticket(
        "12345678",
        'Padaria Pão Quente "Ltda" \\ çã 😀',
        "technical",
        product="RM",
        term_accepted="2026-10-01",
        term_ref="TA-1",
        bill_to_unit="FRQ-01",
        authorization="A1",
        cost_center="CC 7",
        value_class="V",
        accounting_item="I",
    )
    ana.add_ticket("2345678", "Beta", "standard")
    ana.add_ticket("3456789", "Gama", "support", scope="customised data dictionary")
    ana.accept_term("3456789", "2026-11-02", ref="T-9")
    a = ana.add_session(
        "12345678", "2026-11-03T09:00:00-03:00", "2026-11-03T09:25:00-03:00", "nota\tcom\ttab\ne linha"
    )
    b = ana.add_session("2345678", "2026-11-03T10:00:00-03:00", "2026-11-03T11:00:00-03:00", "")
    ana.add_session("3456789", "2026-11-02T23:30:00-03:00", "2026-11-03T00:30:00-03:00", "virada")
    with sqlite3.connect(root / "ana" / "tracker.db") as conn:  # as the app records them
        conn.execute("UPDATE sessions SET flags = 'sleep_gap' WHERE uuid = ?", (a.uuid,))
        conn.execute("UPDATE sessions SET flags = 'clock_jump,idle' WHERE uuid = ?", (b.uuid,))
    conn.close()
    ana.escalate("2345678", "2026-11-03T10:30:00-03:00", confirmations=["procedures", "reproduced"])
    ana.flag_defect("3456789", "product", "DTS-1", published=False, note="saldo\nnegativo")
    ana.sync()
    ana.edit_session(a.uuid, reason="later", end="2026-11-03T09:40:00-03:00")
    ana.split_session(b.uuid, "2026-11-03T10:20:00-03:00", reason="two parts")
    ana.finalize("12345678", "2026-11-03T17:00:00-03:00")
    ana.sync()
    c = ana.add_session("3456789", "2026-11-03T12:00:00-03:00", "2026-11-03T12:10:00-03:00", "errado")
    ana.sync()
    ana.delete_session(c.uuid, reason="wrong ticket")
    ana.sync()
    utc = _home(root, "bruno", share, "2026-11-03T21:00:00+00:00", zone="UTC")
    utc.add_ticket("12345678", "Padaria", "technical")
    utc.add_session("12345678", "2026-11-03T13:00:00+00:00", "2026-11-03T13:05:00+00:00", "em UTC")
    utc.sync()
    lead = _home(root, "lead1", share, "2026-11-04T09:00:00-03:00")
    lead.settings.set("role", "lead")
    lead.decide_day("2026-11-03", "ana", "return", "confira a sessão das 9h")
    lead.sync()
    lead2 = _home(root, "lead2", share, "2026-11-04T10:00:00-03:00")
    lead2.settings.set("role", "lead")
    lead2.decide_day("2026-11-03", "bruno", "approve", "")
    lead2.sync()
    return share


def normalised(share: Path) -> bytes:
    """Every file of the export, in order, with random parts numbered."""
    out = []
    names: dict[bytes, bytes] = {}

    def number(m: re.Match[bytes]) -> bytes:
        return names.setdefault(m.group(0), b"U%04d" % len(names))

    for path in sorted(p for p in share.rglob("*") if p.is_file()):
        rel = str(path.relative_to(share)).encode()
        out.append(b"== " + rel + b"\n" + path.read_bytes())
    text = b"".join(out)
    text = UUID.sub(number, text)
    text = INSTALL.sub(lambda m: m.group(1) + b"-" + number(re.match(rb".*", m.group(2))), text)  # type: ignore[arg-type]
    return SHA.sub(b'"sha256":"..."', text)


def test_a_fixed_history_is_written_byte_for_byte_as_before(tmp_path: Path) -> None:
    got = normalised(fixed_history(tmp_path))
    assert got == GOLDEN.read_bytes()
