"""The central server's schema and logins, on a real PostgreSQL server (tests/pgcluster.py).

init_schema creates the tables, the group roles and the policies, records each
migration in tracker_schema, and a second run changes nothing.  add_user makes a
login in its group, idempotently, with the password from a file (never stored, never
sent in clear), and refuses names that cannot be a safe role.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import psycopg
import pytest

from tests.conftest_pg import Central, send, session
from tracker.central.postgres import admin, store
from tracker.errors import BadInput

CATALOG = {
    "tables": "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class "
    "WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY 1",
    "indexes": "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1",
    "policies": "SELECT tablename, policyname, cmd, roles::text, qual, with_check "
    "FROM pg_policies ORDER BY 1, 2",
    "grants": "SELECT table_name, grantee, privilege_type FROM information_schema.role_table_grants "
    "WHERE table_schema = 'public' ORDER BY 1, 2, 3",
    "triggers": "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1",
    "groups": "SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname LIKE 'tracker\\_%' ORDER BY 1",
    "members": "SELECT r.rolname, m.rolname FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid "
    "JOIN pg_roles m ON m.oid = a.member WHERE r.rolname LIKE 'tracker\\_%' ORDER BY 1, 2",
    "schema": "SELECT version, name, sha256 FROM tracker_schema ORDER BY 1",
}


def snapshot(url: str) -> dict[str, list[Any]]:
    with psycopg.connect(url) as conn:
        return {name: conn.execute(query).fetchall() for name, query in CATALOG.items()}


def test_init_creates_every_table_and_records_its_migrations(pg_url: str) -> None:
    applied = admin.init_schema(pg_url)

    assert applied == [m.version for m in admin.migrations()] == [1, 2, 3, 4]
    seen = snapshot(pg_url)
    tables = {name: (rls, force) for name, rls, force in seen["tables"]}
    for table in ("batches", "batch_refs", "sessions", "ticket_events", "reviews", "rates", "statements"):
        assert tables[table] == (True, True), table
    assert tables["tracker_schema"] == (False, False)
    assert [(v, n) for v, n, _sha in seen["schema"]] == [
        (1, "tables"),
        (2, "security"),
        (3, "batches_and_reads"),
        (4, "one_statement_a_month"),
    ]
    assert ("tracker_billing", False) in seen["groups"]
    assert ("tracker_consultant", False) in seen["groups"]
    assert ("tracker_lead", False) in seen["groups"]
    with store.connect(pg_url) as conn:
        assert admin.schema_version(conn) == 4


def test_init_twice_changes_nothing(pg_url: str) -> None:
    admin.init_schema(pg_url)
    before = snapshot(pg_url)

    assert admin.init_schema(pg_url) == []

    assert snapshot(pg_url) == before


def test_schema_version_is_zero_before_init(pg_url: str) -> None:
    with store.connect(pg_url) as conn:
        assert admin.schema_version(conn) == 0


def test_indexes_serve_the_readers_queries(pg_url: str) -> None:
    admin.init_schema(pg_url)
    names = {name for name, _definition in snapshot(pg_url)["indexes"]}

    assert {
        "sessions_pkey",  # (uuid, revision): a session's latest revision
        "sessions_day",  # a day across consultants
        "sessions_ticket",  # a ticket's sessions
        "ticket_events_finalized_month",  # the tickets finalized in a month
        "reviews_day",
    } <= names


def test_sessions_seconds_are_computed_by_the_server(central: Central) -> None:
    with central.connect("ana") as conn:
        send(conn, "ana", [session(start="2026-11-03T23:50:00-03:00", end="2026-11-04T00:10:30-03:00")])
        row = conn.execute("SELECT seconds, day, start_text FROM sessions").fetchone()

    assert row is not None
    assert row[0] == 20 * 60 + 30
    assert str(row[1]) == "2026-11-03"
    assert row[2] == "2026-11-03T23:50:00-03:00"


# ----- logins -------------------------------------------------------------------------


def groups_of(url: str, login: str) -> set[str]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT r.rolname FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid "
            "JOIN pg_roles m ON m.oid = a.member WHERE m.rolname = %s",
            (login,),
        ).fetchall()
    return {r[0] for r in rows}


def test_add_user_makes_a_login_in_its_group_that_connects_with_its_password(
    central: Central, tmp_path: Path
) -> None:
    secret = tmp_path / "carla.password"
    secret.write_text("Carla's 1st secret\n")
    admin.add_user(central.admin_url, "carla.souza@acme", "consultant", password_file=secret)

    assert groups_of(central.admin_url, "carla.souza@acme") == {"tracker_consultant"}
    url = (
        f"postgresql:///{central.dbname}?host={central.cluster.socket_dir}&password=Carla%27s%201st%20secret"
    )
    with store.connect(url, login="carla.souza@acme") as conn:
        row = conn.execute("SELECT current_user").fetchone()
    assert row == ("carla.souza@acme",)


def test_add_user_twice_changes_nothing(central: Central, tmp_path: Path) -> None:
    admin.add_user(central.admin_url, "dora", "lead")
    admin.add_user(central.admin_url, "dora", "lead")

    assert groups_of(central.admin_url, "dora") == {"tracker_lead"}
    with psycopg.connect(central.admin_url) as conn:
        assert conn.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'dora'").fetchone() == (True,)


def test_the_server_keeps_a_scram_verifier_never_the_password(central: Central, tmp_path: Path) -> None:
    secret = tmp_path / "pw"
    secret.write_text("plain-text-secret")
    admin.add_user(central.admin_url, "edu", "billing", password_file=secret)

    with psycopg.connect(central.admin_url) as conn:
        row = conn.execute("SELECT rolpassword FROM pg_authid WHERE rolname = 'edu'").fetchone()
    assert row is not None
    assert row[0].startswith("SCRAM-SHA-256$")
    assert "plain-text-secret" not in row[0]


@pytest.mark.parametrize("login", ["", ".", "..", "ana bob", "ana;drop", "x" * 64, "a/b", "pg_monitor2"])
def test_add_user_refuses_a_login_that_cannot_be_a_safe_role(central: Central, login: str) -> None:
    with pytest.raises(BadInput) as refused:
        admin.add_user(central.admin_url, login, "consultant")

    assert refused.value.field == "login"


def test_add_user_refuses_an_unknown_role(central: Central) -> None:
    with pytest.raises(BadInput) as refused:
        admin.add_user(central.admin_url, "fabio", "admin")

    assert refused.value.field == "role"
    assert "consultant, lead or billing" in str(refused.value)


def test_add_user_never_touches_an_administrators_role(central: Central, tmp_path: Path) -> None:
    secret = tmp_path / "pw"
    secret.write_text("hijack")

    with pytest.raises(BadInput) as refused:
        admin.add_user(central.admin_url, "postgres", "consultant", password_file=secret)

    assert "administrator" in str(refused.value)
    assert "tracker_consultant" not in groups_of(central.admin_url, "postgres")


def test_add_user_refuses_an_empty_or_missing_password_file(central: Central, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.write_text("")
    for path in (empty, tmp_path / "missing"):
        with pytest.raises(BadInput) as refused:
            admin.add_user(central.admin_url, "gil", "consultant", password_file=path)
        assert refused.value.field == "password-file"
