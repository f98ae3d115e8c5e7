"""A real team's export, and what a hostile consultant writes into it by hand.

The team (ana, a lead, billing) works through the real CLI; ``Share.forge`` then writes
batch and manifest files the way someone with write access to the share would: with a
correct sha256 and row count (they can compute those), so that only the reader's own
checks stand between the files and the money.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.conftest import Cli

NOW = "2026-11-04T09:00:00-03:00"
CREATED = "2026-11-04T08:00:00-03:00"


def ok(r) -> None:  # type: ignore[no-untyped-def]
    assert r.code == 0, r.err


def session(uuid: str, consultant: str = "mallory", **change: Any) -> dict[str, Any]:
    """A session record as the writer writes one: 25 minutes on ana's technical ticket."""
    rec: dict[str, Any] = {
        "consultant": consultant,
        "day": "2026-11-03",
        "deleted": False,
        "end": "2026-11-03T09:25:00-03:00",
        "flags": [],
        "kind": "session",
        "note": "",
        "revision": 1,
        "seconds": 1500,
        "source": "manual",
        "start": "2026-11-03T09:00:00-03:00",
        "ticket": "1111111",
        "type": "technical",
        "uuid": uuid,
        "zone": "America/Sao_Paulo",
    }
    rec.update(change)
    return rec


def event(
    uuid: str, kind: str, payload: dict[str, Any], consultant: str = "mallory", **change: Any
) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "at": CREATED,
        "consultant": consultant,
        "event": kind,
        "kind": "ticket_event",
        "payload": payload,
        "revision": 1,
        "ticket": "1111111",
        "uuid": uuid,
    }
    rec.update(change)
    return rec


def created(**change: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "accounting_item": "",
        "authorization": "",
        "bill_to_unit": "",
        "cost_center": "",
        "customer": "ACME",
        "number": "1111111",
        "product": "",
        "scope": "",
        "term_accepted": "2026-10-01",
        "term_ref": "",
        "type": "technical",
        "value_class": "",
    }
    payload.update(change)
    return payload


def review(uuid: str, lead: str, **change: Any) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "at": CREATED,
        "comment": "",
        "consultant": "ana",
        "day": "2026-11-03",
        "decision": "approve",
        "kind": "review",
        "lead": lead,
        "revision": 1,
        "uuid": uuid,
    }
    rec.update(change)
    return rec


def uid(n: int) -> str:
    return f"{n:08x}-0000-4000-8000-000000000000"


def line(rec: dict[str, Any] | str | bytes) -> bytes:
    if isinstance(rec, bytes):
        return rec
    if isinstance(rec, str):
        return rec.encode()
    return json.dumps(rec, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


@dataclass
class Share:
    root: Path

    def forge(
        self,
        folder: str,
        records: list[Any],
        name: str = "00000001-0badc0de",
        area: str = "consultants",
        **manifest: Any,
    ) -> Path:
        """A batch and its manifest in ``area/folder/``, consistent unless ``manifest`` says otherwise."""
        where = self.root / area / folder
        where.mkdir(parents=True, exist_ok=True)
        data = b"".join(line(r) + b"\n" for r in records)
        kinds: dict[str, int] = {}
        for r in records:
            kind = r.get("kind") if isinstance(r, dict) else None
            if isinstance(kind, str):
                kinds[kind] = kinds.get(kind, 0) + 1
        doc = {
            "batch": name,
            "consultant": folder,
            "created_at": CREATED,
            "file": f"{name}.jsonl",
            "format": 1,
            "kinds": kinds,
            "rows": len(records),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
        doc.update(manifest)
        (where / f"{name}.jsonl").write_bytes(data)
        (where / f"{name}.manifest.json").write_text(json.dumps(doc, sort_keys=True, separators=(",", ":")))
        return where / f"{name}.jsonl"


@dataclass
class Team:
    root: Path

    @property
    def share(self) -> Share:
        return Share(self.root / "share")

    def cli(self, login: str) -> Cli:
        return Cli(self.root / login, now=NOW)

    @property
    def billing(self) -> Cli:
        return self.cli("fatima")

    @property
    def lead(self) -> Cli:
        return self.cli("lead1")

    def bill(self, *more: str) -> tuple[dict[str, Any], str]:
        r = self.billing("bill", "--month", "2026-11", "--format", "json", *more)
        assert r.code == 0, r.err
        return r.json(), r.err

    def copy(self, dest: Path) -> Team:
        """A private copy (homes and share); each home's export-dir points at the copy."""
        shutil.copytree(self.root, dest, symlinks=True)
        for home in dest.iterdir():
            db = home / "tracker.db"
            if db.exists():
                with sqlite3.connect(db) as conn:
                    conn.execute(
                        "UPDATE settings SET value = ? WHERE key = 'export-dir'", (str(dest / "share"),)
                    )
                conn.close()
        return Team(dest)


def build(root: Path) -> Team:
    """ana's R$ 100,00 (25 min, technical) and R$ 35,00 (10 min, support) of 03/11, finalized on 04/11."""
    share = root / "share"
    share.mkdir(parents=True)
    team = Team(root)
    for login, role in (("ana", "consultant"), ("lead1", "lead"), ("fatima", "billing")):
        cli = team.cli(login)
        for key, value in (("consultant", login), ("export-dir", str(share)), ("role", role)):
            ok(cli("config", "set", key, value))
    ana = team.cli("ana")
    ok(
        ana(
            "ticket",
            "add",
            "1111111",
            "--customer",
            "ACME",
            "--type",
            "technical",
            "--term-accepted",
            "2026-10-01",
        )
    )
    ok(
        ana(
            "ticket",
            "add",
            "2222222",
            "--customer",
            "Beta",
            "--type",
            "support",
            "--term-accepted",
            "2026-10-01",
        )
    )
    ok(ana("add", "1111111", "--start", "2026-11-03T09:00", "--end", "2026-11-03T09:25"))
    ok(ana("add", "2222222", "--start", "2026-11-03T10:00", "--end", "2026-11-03T10:10"))
    ok(ana("finalize", "1111111", "--at", "2026-11-04T08:00:00-03:00"))
    ok(ana("finalize", "2222222", "--at", "2026-11-04T08:00:00-03:00"))
    ok(ana("sync"))
    fatima = team.billing
    ok(fatima("rates", "set", "--type", "technical", "--hourly", "240.00", "--from", "2026-01-01"))
    ok(fatima("rates", "set", "--type", "support", "--hourly", "210.00", "--from", "2026-01-01"))
    return team


def ana_session(team: Team) -> dict[str, Any]:
    """ana's synced session on 1111111, as the export holds it."""
    for path in sorted((team.root / "share" / "consultants" / "ana").glob("*.jsonl")):
        for text in path.read_text().splitlines():
            rec = json.loads(text)
            if rec["kind"] == "session" and rec["ticket"] == "1111111":
                return dict(rec)
    raise AssertionError("no session of ana on 1111111")


def amounts(doc: dict[str, Any]) -> dict[str, tuple[str, bool]]:
    return {x["ticket"]: (x["amount"], x["held"]) for x in doc["lines"]}
