"""Generate a realistic work history as a ``tracker import`` JSON Lines file.

    .venv/bin/python tests/benchmarks/generate.py --sessions 1000000 --out bench-data/history.jsonl

Deterministic for a given seed and parameters.  The history ends on the fixed ``--now``
(default 2026-11-03 20:00 in America/Sao_Paulo) and reaches back as many working days
as it takes: every consultant works Monday to Friday, 8 h a day with a lunch break,
3-8 sessions a day (``--day-sessions``) of 5 min to 2 h with gaps between them, on a few tickets at a time
(7-8 digit numbers, technical, support or standard, Brazilian customers), each worked on
for 3-60 sessions over 3-60 days, now and then by a colleague too.  Times carry
the real America/Sao_Paulo offset of their day (-03:00; -02:00 in the old summer time).

Each ticket line comes before the first session that uses it, as the importer wants.
Besides FILE it writes FILE.meta.json: the consultants, a consultant, ticket and day
that a benchmark can use (the first consultant's last working day), ``lead_day`` (a
recent weekday with as many consultants at work as any, for a lead's review) and
``bill_month`` (the last whole month before ``--now``).

With ``--finalize`` it also writes FILE.finalize.jsonl, one ``{"ticket", "at"}`` a line:
the import format has no finalization record, so this is the plan a benchmark carries
out through the service (``tracker finalize``).  A ticket is finalized 0-4 days after its
last session, late in the afternoon, unless that falls within 3 days of ``now`` (still
open then).  The plan comes from its own seeded generator, so the history is the same
with or without it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from random import Random
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("America/Sao_Paulo")
DEFAULT_NOW = "2026-11-03T20:00:00-03:00"
PRODUCTS = ("Protheus", "RM", "Datasul", "Logix")

FIRST_NAMES = (
    "ana", "bruno", "carla", "diego", "eduarda", "fabio", "gabriela", "henrique", "isabela", "joao",
    "juliana", "lucas", "mariana", "mateus", "natalia", "otavio", "patricia", "rafael", "renata",
    "rodrigo", "sabrina", "thiago", "vanessa", "vinicius", "leticia", "gustavo", "camila", "felipe",
    "beatriz", "andre", "larissa", "marcelo", "aline", "ricardo", "fernanda", "paulo", "tatiane",
    "leonardo", "priscila", "caio", "daniela", "murilo", "luana", "pedro", "simone", "igor", "bianca",
    "alexandre", "heloisa", "wagner",
)  # fmt: skip
SURNAMES = (
    "Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima",
    "Gomes", "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes", "Soares", "Fernandes",
    "Vieira", "Barbosa", "Rocha", "Dias", "Nascimento", "Andrade", "Moreira", "Nunes", "Marques",
    "Machado", "Mendes", "Freitas", "Cardoso", "Ramos", "Gonçalves", "Teixeira", "Araújo", "Cavalcanti",
)  # fmt: skip
BUSINESSES = (
    "Padaria", "Transportadora", "Metalúrgica", "Distribuidora", "Comercial", "Indústria Têxtil",
    "Farmácia", "Supermercados", "Construtora", "Auto Peças", "Laticínios", "Cooperativa Agrícola",
    "Hospital", "Colégio", "Clínica", "Frigorífico", "Usina", "Calçados", "Móveis", "Atacadão",
    "Agropecuária", "Cerâmica", "Papelaria", "Editora", "Logística",
)  # fmt: skip
PLACES = (
    "", "", "", "do Vale", "Paulista", "Mineira", "Gaúcha", "do Nordeste", "Catarinense",
    "Capixaba", "do Cerrado", "Baiana", "Fluminense", "Paranaense", "da Serra",
)  # fmt: skip
SUFFIXES = ("Ltda", "Ltda", "Ltda", "S.A.", "ME", "EIRELI", "& Cia Ltda", "Comércio e Serviços Ltda")
NOTES = (
    "Ajuste no cálculo do ICMS",
    "Reunião de alinhamento com o cliente",
    "Configuração do módulo de faturamento",
    "Análise de performance do relatório",
    "Migração de cadastro de produtos",
    "Treinamento da equipe fiscal",
    "Correção de rotina de fechamento mensal",
    "Parametrização da folha de pagamento",
    "Integração com o banco (CNAB)",
    "Validação da NF-e em homologação",
    "Revisão do plano de contas",
    "Acompanhamento do inventário",
    "Documentação do processo",
    "Testes de regressão após atualização",
)
TYPES = ("technical", "support", "standard")
TYPE_WEIGHTS = (45, 35, 20)


def consultant_logins(count: int, rng: Random) -> list[str]:
    logins: list[str] = []
    seen: set[str] = set()
    i = 0
    while len(logins) < count:
        first = FIRST_NAMES[i % len(FIRST_NAMES)]
        last = SURNAMES[rng.randrange(len(SURNAMES))]
        login = f"{first}.{last.lower().replace('ç', 'c').replace('ú', 'u')}"
        if login not in seen:
            seen.add(login)
            logins.append(login)
        i += 1
    return logins


def customer_names(count: int, rng: Random) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        parts = [rng.choice(BUSINESSES), rng.choice(SURNAMES)]
        place = rng.choice(PLACES)
        if place:
            parts.append(place)
        parts.append(rng.choice(SUFFIXES))
        name = " ".join(parts)
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def offset_text(day: date) -> str:
    off = datetime(day.year, day.month, day.day, 12, tzinfo=ZONE).utcoffset()
    assert off is not None
    minutes = int(off.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def plan_days(
    sessions: int, consultants: int, last_day: date, rng: Random, day_sessions: tuple[int, int] = (3, 8)
) -> list[tuple[date, list[int]]]:
    """Working days back from ``last_day`` with each consultant's session count, oldest first."""
    plan: list[tuple[date, list[int]]] = []
    total = 0
    day = last_day
    while total < sessions:
        if day.weekday() < 5:
            counts = [0 if rng.random() < 0.04 else rng.randint(*day_sessions) for _ in range(consultants)]
            total += sum(counts)
            plan.append((day, counts))
        day -= timedelta(days=1)
    excess = total - sessions
    oldest = plan[-1][1]
    for i in range(len(oldest)):  # trim the oldest day so that the total is exact
        cut = min(excess, oldest[i])
        oldest[i] -= cut
        excess -= cut
    plan.reverse()
    return plan


def day_layout(count: int, rng: Random) -> list[tuple[int, int]]:
    """(start, end) in seconds since midnight of ``count`` sessions in an 8 h day."""
    # Recorded time, out of 8 h at work: most of it, but few sessions leave more gaps.
    target = min(rng.randint(400, 470), count * rng.randint(60, 110)) * 60
    weights = [rng.random() + 0.25 for _ in range(count)]
    scale = target / sum(weights)
    durations = [min(7200, max(300, int(w * scale) + rng.randint(-90, 90))) for w in weights]
    slack = max(0, 8 * 3600 - sum(durations))
    cuts = sorted(rng.randint(0, slack) for _ in range(count))
    gaps = [b - a for a, b in zip([0, *cuts], cuts, strict=False)]
    t = 8 * 3600 + rng.randint(0, 45 * 60)
    lunch_done = False
    out = []
    for dur, gap in zip(durations, gaps, strict=True):
        t += gap
        if not lunch_done and t >= 12 * 3600 - 1800:
            t += 3600 + rng.randint(-600, 900)
            lunch_done = True
        out.append((t, t + dur))
        t += dur + rng.randint(30, 300)
    return out


def finalize_plan(last_use: dict[str, date], now_dt: datetime, seed: int) -> list[tuple[str, str]]:
    """(ticket, finalization time with offset), in time order: see the module's docstring."""
    rng = Random(seed + 1)
    open_after = now_dt.date() - timedelta(days=3)
    plan = []
    for number, last in last_use.items():
        if last > open_after:
            continue
        day = last + timedelta(days=rng.randint(0, 4))
        while day.weekday() >= 5:
            day += timedelta(days=1)
        at = datetime(day.year, day.month, day.day, 16 + rng.randint(0, 2), rng.randrange(60), tzinfo=ZONE)
        at = min(at, now_dt)
        plan.append((at.isoformat(), number))
    plan.sort()
    return [(number, at) for at, number in plan]


def pick_lead_day(plan: list[tuple[date, list[int]]], look_back: int = 15) -> str:
    """A recent weekday with as many consultants at work as any (the latest such)."""
    recent = plan[-look_back:]
    best = max(sum(1 for c in counts if c) for _, counts in recent)
    return [d for d, counts in recent if sum(1 for c in counts if c) == best][-1].isoformat()


def generate(
    out: Path,
    sessions: int,
    consultants: int = 50,
    seed: int = 20261103,
    now: str = DEFAULT_NOW,
    finalize: bool = False,
    day_sessions: tuple[int, int] = (3, 8),
) -> dict[str, object]:
    rng = Random(seed)
    now_dt = datetime.fromisoformat(now).astimezone(ZONE)
    # The last day is over before ``now`` (a working day ends by 19:00 at the latest).
    last_day = now_dt.date() if now_dt.hour >= 19 else now_dt.date() - timedelta(days=1)
    logins = consultant_logins(consultants, rng)
    customers = customer_names(max(50, min(3000, sessions // 300)), rng)
    notes = [json.dumps(n, ensure_ascii=False) for n in NOTES]
    quoted_logins = [json.dumps(c) for c in logins]
    plan = plan_days(sessions, consultants, last_day, rng, day_sessions)

    next_number = 9_600_000 + rng.randrange(100_000)
    # Per consultant: [number, sessions left, last day]; a ticket is done when either runs out.
    pools: list[list[list[object]]] = [[] for _ in logins]
    recent: list[str] = []  # tickets anyone may pick up (shared work)
    bench: dict[str, str] = {}
    last_use: dict[str, date] = {}  # ticket -> day of its latest session
    written = tickets = 0
    getrandbits = rng.getrandbits
    rand = rng.random

    with open(out, "w", encoding="utf-8") as fh:
        write = fh.write
        for day, counts in plan:
            day_text = day.isoformat()
            offset = offset_text(day)
            for ci, count in enumerate(counts):
                if not count:
                    continue
                pool = pools[ci]
                if pool:
                    pool[:] = [e for e in pool if e[2] >= day]  # type: ignore[operator]
                who = quoted_logins[ci]
                lines = []
                for start, end in day_layout(count, rng):
                    # Usually a ticket at hand; now and then a colleague's, or a new one.
                    if len(pool) >= 2 and rand() < 0.93:
                        entry = pool[0] if rand() < 0.6 else pool[rng.randrange(len(pool))]
                    elif recent and rand() < 0.15:
                        entry = [
                            recent[rng.randrange(len(recent))],
                            rng.randint(1, 6),
                            day + timedelta(days=rng.randint(0, 10)),
                        ]
                        pool.append(entry)
                    else:
                        next_number += rng.randint(1, 60)
                        number = str(next_number)
                        kind = rng.choices(TYPES, TYPE_WEIGHTS)[0]
                        record: dict[str, object] = {
                            "kind": "ticket",
                            "number": number,
                            "customer": customers[min(len(customers) - 1, int(rng.paretovariate(1.2)) - 1)]
                            if rand() < 0.3
                            else rng.choice(customers),
                            "type": kind,
                            "product": rng.choice(PRODUCTS),
                        }
                        if kind != "standard":
                            record["term_accepted"] = day_text
                            record["term_ref"] = f"TA-{number}"
                        write(json.dumps(record, ensure_ascii=False) + "\n")
                        tickets += 1
                        entry = [number, rng.randint(3, 60), day + timedelta(days=rng.randint(3, 60))]
                        pool.insert(0, entry)
                        recent.append(number)
                        if len(recent) > 400:
                            del recent[:200]
                    entry[1] = int(entry[1]) - 1  # type: ignore[call-overload]
                    number = str(entry[0])
                    last_use[number] = day
                    if int(entry[1]) <= 0:  # type: ignore[call-overload]
                        pool.remove(entry)
                    sid = str(uuid.UUID(int=getrandbits(128), version=4))
                    note = notes[rng.randrange(len(notes))] if rand() < 0.3 else '""'
                    lines.append(
                        f'{{"kind": "session", "ticket": "{number}", "consultant": {who}, '
                        f'"start": "{day_text}T{start // 3600:02d}:{start // 60 % 60:02d}:{start % 60:02d}'
                        f'{offset}", "end": "{day_text}T{end // 3600:02d}:{end // 60 % 60:02d}:'
                        f'{end % 60:02d}{offset}", "uuid": "{sid}", "note": {note}}}\n'
                    )
                    if ci == 0:
                        bench = {"consultant": logins[0], "ticket": number, "day": day_text}
                write("".join(lines))
                written += len(lines)
    first_of_month = now_dt.date().replace(day=1)
    bill_month = (first_of_month - timedelta(days=1)).strftime("%Y-%m")
    meta: dict[str, object] = {
        "sessions": written,
        "tickets": tickets,
        "consultants": logins,
        "first_day": plan[0][0].isoformat(),
        "last_day": plan[-1][0].isoformat(),
        "now": now,
        "seed": seed,
        "bench": bench,
        "lead_day": pick_lead_day(plan),
        "bill_month": bill_month,
    }
    if finalize:
        final = finalize_plan(last_use, now_dt, seed)
        with open(str(out) + ".finalize.jsonl", "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps({"ticket": t, "at": at}) + "\n" for t, at in final)
        meta["finalized"] = len(final)
        meta["finalized_in_bill_month"] = sum(1 for _, at in final if at[:7] == bill_month)
    Path(str(out) + ".meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sessions", type=int, default=1_000_000)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--consultants", type=int, default=50)
    p.add_argument("--seed", type=int, default=20261103)
    p.add_argument("--now", default=DEFAULT_NOW, help="ISO time with offset; the history ends before it")
    p.add_argument(
        "--finalize", action="store_true", help="also write FILE.finalize.jsonl, a finalization plan"
    )
    p.add_argument(
        "--day-sessions",
        default="3-8",
        metavar="LO-HI",
        help="sessions a consultant works a day (default 3-8; 20-30: 100,000 of one consultant in 16 years)",
    )
    args = p.parse_args(argv)
    lo, hi = (int(x) for x in args.day_sessions.split("-"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    meta = generate(args.out, args.sessions, args.consultants, args.seed, args.now, args.finalize, (lo, hi))
    print(
        f"wrote {meta['sessions']} sessions and {meta['tickets']} tickets of {args.consultants} consultants "
        f"({meta['first_day']} .. {meta['last_day']}) to {args.out} in {time.perf_counter() - t0:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
