"""A central export with several consultants and every review flag, built through the real CLI.

Used by the review and billing window tests (built once per module) and for the
screenshots.  Names and customers look like a real Brazilian team's day, 03/11/2026.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tests.conftest import Cli
from tracker.app import Tracker
from tracker.clock import FixedClock
from tracker.store import Store, open_store

DAY = "2026-11-03"
LEAD_NOW = "2026-11-04T09:00:00-03:00"
ZONE = "America/Sao_Paulo"

TICKETS = {
    "40112233": ("Padaria Pão Quente Ltda", "technical", "2026-10-01", ""),
    "40112244": ("Metalúrgica São Jorge S.A.", "support", None, ""),  # no term: held, no_term flag
    "40112255": ("Cooperativa Agrícola Vale Verde", "standard", None, ""),
    "40112266": ("Transportadora Rodonorte", "technical", "2026-10-15", "FRQ-SP01"),  # a franchise unit
    "40112277": ("Farmácia Bem Estar", "support", "2026-10-20", ""),  # a new product defect: waived
    "40112288": ("Hospital Santa Clara", "technical", "2026-09-10", ""),
    "40112299": ("Construtora Horizonte", "technical", "2026-10-05", ""),
    "40112300": ("Supermercados Irmãos Silva", "support", "2026-10-28", ""),
}

# (ticket, start, end, note) per consultant, on DAY unless the time says otherwise.
DAYS = {
    "ana": [
        ("40112233", "08:05", "09:20", "ajuste no fechamento contábil"),  # sleep_gap (as the app stored it)
        ("40112244", "09:00", "09:40", "erro na NF-e de devolução"),  # overlap, clock_jump, no_term
        ("40112277", "10:00", "11:35", "rotina de estoque travando"),
        ("40112255", "12:50", "23:10", "dúvidas gerais do financeiro"),  # long (over 10 h)
        ("40112266", "23:30", "2026-11-04T00:20", "virada do mês na filial"),  # across midnight
    ],
    "bruno": [
        ("40112288", "08:30", "10:15", "migração de release"),
        ("40112233", "10:30", "11:00", "apoio na conciliação"),  # ticket_disagrees (other customer name)
        ("40112266", "11:15", "12:10", "parâmetros fiscais"),
        ("40112288", "13:30", "15:45", "testes de integração"),
        ("40112255", "16:00", "17:40", "treinamento de usuários"),
    ],
    "carla": [  # she synced at noon and never again: not synced since the day ended
        ("40112299", "08:00", "09:10", "cadastro de obras"),
        ("40112299", "09:30", "11:45", "medições do contrato"),
    ],
    "diego": [
        ("40112300", "09:00", "12:00", "PDV fora do ar"),
        ("40112300", "14:00", "17:30", "revisão das integrações"),
    ],
}

OWNER = {
    "ana": ["40112233", "40112244", "40112255", "40112266", "40112277"],
    "bruno": ["40112288"],
    "carla": ["40112299"],
    "diego": ["40112300"],
}
SHARED = {"bruno": ["40112233", "40112266", "40112255"]}  # tickets bruno also created in his app


def ok(r) -> None:  # type: ignore[no-untyped-def]
    assert r.code == 0, r.err


def _time(text: str) -> str:
    return text if "T" in text else f"{DAY}T{text}:00-03:00"


def _ticket_record(number: str, customer: str | None = None) -> dict[str, object]:
    name, kind, term, unit = TICKETS[number]
    rec: dict[str, object] = {"kind": "ticket", "number": number, "customer": customer or name, "type": kind}
    if term:
        rec["term_accepted"] = term
    if unit:
        rec["bill_to_unit"] = unit
    return rec


@dataclass
class World:
    root: Path
    share: Path

    def cli(self, login: str, now: str = LEAD_NOW) -> Cli:
        return Cli(self.root / login, now=now)

    def open(self, login: str, now: str = LEAD_NOW) -> tuple[Tracker, Store]:
        """The home of ``login`` in this process, with a fixed clock."""
        store = open_store(self.root / login)
        app = Tracker(store, FixedClock(datetime.fromisoformat(now), ZONE), self.root / login)
        return app, store

    def copy(self, dest: Path) -> World:
        """A private copy (homes and share) for a test that writes; export-dir points at the copy."""
        shutil.copytree(self.root, dest)
        world = World(dest, dest / "share")
        for home in dest.iterdir():
            db = home / "tracker.db"
            if db.exists():
                with sqlite3.connect(db) as conn:
                    conn.execute(
                        "UPDATE settings SET value = ? WHERE key = 'export-dir'", (str(world.share),)
                    )
                conn.close()
        return world


def _home(world: World, login: str, role: str, now: str = LEAD_NOW) -> Cli:
    cli = world.cli(login, now)
    for key, value in (("consultant", login), ("export-dir", str(world.share)), ("role", role)):
        ok(cli("config", "set", key, value))
    return cli


def build(root: Path, finalize: bool = True) -> World:
    """The whole team's day in one export; ``finalize`` closes every ticket on 04/11 for billing."""
    root.mkdir(parents=True, exist_ok=True)
    world = World(root, root / "share")
    world.share.mkdir()
    for login, sessions in DAYS.items():
        now = "2026-11-03T12:00:00-03:00" if login == "carla" else LEAD_NOW
        cli = _home(world, login, "consultant", now)
        records = [_ticket_record(n) for n in OWNER[login]]
        records += [
            _ticket_record(n, "Padaria Pão Quente" if n == "40112233" else None)
            for n in SHARED.get(login, [])
        ]
        records += [
            {"kind": "session", "ticket": t, "start": _time(a), "end": _time(b), "note": note}
            for t, a, b, note in sessions
        ]
        path = root / f"{login}.jsonl"
        path.write_text(
            "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8"
        )
        ok(cli("import", str(path)))
        if login == "ana":
            ok(
                cli(
                    "defect",
                    "40112277",
                    "--kind",
                    "product",
                    "--ref",
                    "DTSERWF-4821",
                    "--note",
                    "saldo negativo",
                )
            )
            with sqlite3.connect(root / "ana" / "tracker.db") as conn:  # as the app recorded them
                conn.execute("UPDATE sessions SET flags = 'sleep_gap' WHERE note LIKE 'ajuste%'")
                conn.execute("UPDATE sessions SET flags = 'clock_jump' WHERE note LIKE 'erro%'")
                conn.execute("UPDATE ticket_events SET at_ts = at_ts - 86400")  # flagged on the 3rd
            conn.close()
        if finalize:
            at = "2026-11-03T11:50:00-03:00" if login == "carla" else "2026-11-04T08:00:00-03:00"
            for number in OWNER[login]:
                ok(cli("finalize", number, "--at", at))
        ok(cli("sync"))
    for login, role in (("lead1", "lead"), ("lead2", "lead"), ("fatima", "billing")):
        _home(world, login, role)
    billing = world.cli("fatima")
    ok(billing("rates", "set", "--type", "technical", "--hourly", "240.00", "--from", "2026-01-01"))
    ok(billing("rates", "set", "--type", "support", "--hourly", "210.00", "--from", "2026-01-01"))
    return world
