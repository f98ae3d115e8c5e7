"""Who may write and read what on the central server: the server itself refuses, not the app.

Each test connects as a real login (consultants ana and bruno, leads lead1 and lead2,
billing bill) with its password and sends plain SQL, as anyone with psql could: the
row-level policies and the table privileges are what stands in the way.
"""

from __future__ import annotations

from typing import Any

import psycopg
import pytest
from psycopg.types.json import Jsonb

from tests.conftest_pg import Central, event, rate, review, send, session
from tracker.central.postgres import reads, store
from tracker.central.postgres.connection import Connection

TABLES = ("batches", "sessions", "ticket_events", "reviews", "rates", "statements")
SHA = "0" * 64


def insert(conn: Connection, record: dict[str, Any]) -> None:
    """One record as a plain INSERT, column by column."""
    r = record
    if r["kind"] == "session":
        conn.execute(
            "INSERT INTO sessions (uuid, revision, consultant, ticket, type, start_at, end_at, start_text, "
            "end_text, zone, day, deleted, note, flags, source, batch, line, payload) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 'b', 1, %s)",
            (r["uuid"], r["revision"], r["consultant"], r["ticket"], r["type"], r["start"], r["end"],
             r["start"], r["end"], r["zone"], r["day"], r["deleted"], r["note"], r["flags"], r["source"],
             Jsonb(r)),
        )  # fmt: skip
    elif r["kind"] == "ticket_event":
        conn.execute(
            "INSERT INTO ticket_events (uuid, ticket, event, consultant, at, batch, line, payload) "
            "VALUES (%s, %s, %s, %s, %s, 'b', 1, %s)",
            (r["uuid"], r["ticket"], r["event"], r["consultant"], r["at"], Jsonb(r)),
        )
    elif r["kind"] == "review":
        conn.execute(
            "INSERT INTO reviews (uuid, consultant, day, decision, comment, lead, at, batch, line, payload) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, 'b', 1, %s)",
            (r["uuid"], r["consultant"], r["day"], r["decision"], r["comment"], r["lead"], r["at"], Jsonb(r)),
        )
    else:
        conn.execute(
            "INSERT INTO rates (uuid, revision, type, version, hourly, effective_from, index_name, percent, "
            "made_by, at, batch, line, payload) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 'b', 1, %s)",
            (r["uuid"], r["revision"], r["type"], r["version"], r["hourly"], r["effective_from"],
             r["index_name"], r["percent"], r["made_by"], r["at"], Jsonb(r)),
        )  # fmt: skip


CASES = [
    # (login, record, allowed)
    ("ana", session("ana"), True),
    ("ana", session("bruno"), False),
    ("ana", event("ana", kind="defect_flagged", payload={"kind": "product", "ref": "DT-1"}), True),
    ("ana", event("bruno", kind="defect_flagged", payload={"kind": "product", "ref": "DT-1"}), False),
    ("ana", event("bruno"), False),
    ("ana", review("ana", consultant="ana"), False),
    ("ana", rate("ana"), False),
    ("lead1", review("lead1"), True),
    ("lead1", review("lead2"), False),
    ("lead1", session("lead1"), True),  # a lead also records their own work
    ("lead1", session("ana"), False),
    ("lead1", rate("lead1"), False),
    ("bill", rate("bill"), True),
    ("bill", rate("bill", type="support", percent="4.62", index_name="IPCA", version=2), True),
    ("bill", rate("lead1"), False),
    ("bill", session("bill"), False),
    ("bill", review("bill"), False),
    ("bruno", session("bruno"), True),
]


def stored(central: Central) -> int:
    with central.admin() as owner:
        row = owner.execute(
            "SELECT (SELECT count(*) FROM sessions) + (SELECT count(*) FROM ticket_events) "
            "+ (SELECT count(*) FROM reviews) + (SELECT count(*) FROM rates)"
        ).fetchone()
    return row[0] if row else -1


def test_each_role_inserts_only_what_it_may(central: Central) -> None:
    for login, record, allowed in CASES:
        before = stored(central)
        with central.connect(login) as conn:
            if allowed:
                insert(conn, record)
            else:
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    insert(conn, record)
        assert stored(central) == before + allowed, (login, record)


def test_a_consultant_cannot_publish_a_batch_in_another_consultants_name(central: Central) -> None:
    with central.connect("ana") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(
            "INSERT INTO batches (consultant, batch, sha256, rows) VALUES ('bruno', '00000001-aa', %s, 0)",
            (SHA,),
        )


def test_statements_are_issued_by_billing_signed_with_its_own_role(central: Central) -> None:
    with central.connect("bill") as conn:
        assert store.issue_statement(conn, "2026-11", [{"ticket": "1"}], {"amount": "40.00"}, SHA)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO statements (month, lines, totals, sha256, issued_by) "
                "VALUES ('2026-11', '[]', '{}', %s, 'lead1')",
                ("1" * 64,),
            )
    for login in ("ana", "lead1"):
        with central.connect(login) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO statements (month, lines, totals, sha256, issued_by) "
                "VALUES ('2026-11', '[]', '{}', %s, current_user)",
                ("2" * 64,),
            )
    with central.connect("lead1") as conn:
        issued = reads.statements(conn, "2026-11")
    assert [(s["issued_by"], s["totals"]) for s in issued] == [("bill", {"amount": "40.00"})]


def seed(central: Central) -> None:
    """A row in every table, each written by whom it belongs to."""
    with central.connect("ana") as conn:
        send(conn, "ana", [session("ana"), event("ana")])
    with central.connect("bruno") as conn:
        send(conn, "bruno", [session("bruno"), event("bruno", ticket="87654321")])
    with central.connect("lead1") as conn:
        send(conn, "lead1", [review("lead1", consultant="ana"), review("lead1", consultant="bruno")])
    with central.connect("bill") as conn:
        send(conn, "bill", [rate("bill")])
        store.issue_statement(conn, "2026-11", [], {}, SHA)


def counts(conn: psycopg.Connection[Any]) -> dict[str, int]:
    out = {}
    for table in TABLES:
        row = conn.execute(f"SELECT count(*) FROM {table}").fetchone()
        out[table] = row[0] if row else -1
    return out


def changes(table: str) -> list[str]:
    column = "sha256" if table in ("batches", "statements") else "batch"
    return [f"UPDATE {table} SET {column} = {column}", f"DELETE FROM {table}", f"TRUNCATE {table}"]


@pytest.mark.parametrize("login", ["ana", "lead1", "bill"])
def test_nobody_updates_deletes_or_truncates_a_row(central: Central, login: str) -> None:
    seed(central)
    with central.admin() as owner:
        before = counts(owner)
        payload_before = owner.execute("SELECT payload FROM sessions ORDER BY uuid").fetchall()

    with central.connect(login) as conn:
        for table in TABLES:
            for statement in changes(table):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(statement)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute('UPDATE sessions SET payload = payload || \'{"note": "changed"}\'')

    with central.admin() as owner:
        assert counts(owner) == before
        assert owner.execute("SELECT payload FROM sessions ORDER BY uuid").fetchall() == payload_before


def test_not_even_the_owner_changes_a_row_by_mistake(central: Central) -> None:
    seed(central)
    with central.admin() as owner:
        for table in TABLES:
            for statement in changes(table):
                with pytest.raises(psycopg.errors.InsufficientPrivilege, match="never changed or deleted"):
                    owner.execute(statement)
        assert all(counts(owner).values())


def test_a_consultant_reads_only_their_rows_their_decisions_and_the_rates(central: Central) -> None:
    seed(central)
    with central.connect("ana") as conn:
        assert {s["consultant"] for s in reads.sessions_of_day(conn, "2026-11-03")} == {"ana"}
        assert reads.sessions_of_day(conn, "2026-11-03", "bruno") == []
        assert reads.finalized_tickets(conn) == []
        assert reads.events_of_tickets(conn, ["87654321"])["87654321"] == []
        assert list(reads.decisions(conn)) == [("ana", "2026-11-03")]
        assert [r["made_by"] for r in reads.rates(conn)] == ["bill"]
        assert sorted(reads.senders(conn)) == ["ana"]
        seen = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone() for t in TABLES if t != "statements"}
        assert seen == {
            "batches": (1,),
            "sessions": (1,),
            "ticket_events": (1,),
            "reviews": (1,),
            "rates": (1,),
        }
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT count(*) FROM statements")


@pytest.mark.parametrize("login", ["lead1", "bill"])
def test_leads_and_billing_read_everything(central: Central, login: str) -> None:
    seed(central)
    with central.connect(login) as conn:
        assert {s["consultant"] for s in reads.sessions_of_day(conn, "2026-11-03")} == {"ana", "bruno"}
        assert set(reads.decisions(conn, "2026-11-03")) == {("ana", "2026-11-03"), ("bruno", "2026-11-03")}
        assert sorted(reads.senders(conn)) == ["ana", "bruno"]
        assert counts(conn) == {
            "batches": 4, "sessions": 2, "ticket_events": 2, "reviews": 2, "rates": 1, "statements": 1,
        }  # fmt: skip
