"""Setting up and checking the central store: the ``central`` setting, init, add-user, status,
and the settings dialog's "test connection" (``Tracker.test_central``), on the real server."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from tests.conftest import Cli
from tests.conftest_pg import Central, event, send, session
from tracker.app import Tracker
from tracker.central import open_central
from tracker.central.postgres import admin, archive, reads
from tracker.central.postgres.central import PostgresCentral
from tracker.errors import BadInput, TrackerError


def test_the_central_setting_takes_folder_or_a_url_without_a_password(cli: Cli) -> None:
    assert cli("config", "get", "central").out == "folder\n"
    r = cli("config", "set", "central", "postgresql://db.example:5433/tracker")
    assert r.code == 0 and r.out == "central = postgresql://db.example:5433/tracker\n"
    r = cli("config", "set", "central", "postgresql://ana:S3cret@db.example/tracker")
    assert r.code == 2 and "never stores" in r.err and "S3cret" not in r.err
    r = cli("config", "set", "central", "postgresql://db.example/tracker?password=S3cret")
    assert r.code == 2 and "S3cret" not in r.err
    r = cli("config", "set", "central", "mysql://db.example/tracker")
    assert r.code == 2 and "central" in r.err
    assert cli("config", "get", "central").out == "postgresql://db.example:5433/tracker\n"
    assert cli("config", "set", "central", "folder").code == 0
    assert cli("config", "get", "central").out == "folder\n"


def test_init_and_add_user_from_the_command_line(pg_url: str, tmp_path: Path) -> None:
    admin = Cli(tmp_path / "admin")
    r = admin("central", "init", "--url", pg_url)
    assert r.code == 0, r.err
    assert "applied schema migrations 1, 2, 3, 4 on" in r.out
    assert "up to date" in admin("central", "init", "--url", pg_url).out
    secret = tmp_path / "dora.pw"
    secret.write_text("dora-S3cret\n")
    r = admin(
        "central", "add-user", "dora", "--role", "lead", "--url", pg_url, "--password-file", str(secret)
    )
    assert r.code == 0 and "login dora has the lead role" in r.out
    assert "dora-S3cret" not in r.out + r.err
    r = admin("central", "add-user", "pg_dora", "--role", "lead", "--url", pg_url)
    assert r.code == 2 and "login" in r.err
    r = admin("central", "init", "--url", "/srv/tracker")
    assert r.code == 2 and "url" in r.err


def test_status_of_a_folder_and_of_a_server(cli: Cli, central: Central, socket_folder: Path) -> None:
    cli("config", "set", "consultant", "ana")
    r = cli("central", "status")
    assert r.code == 0 and "central store: folder" in r.out and "made on the first sync" in r.out
    cli("ticket", "add", "1234567", "--customer", "ACME", "--type", "technical")
    cli("config", "set", "central", central.url)
    r = cli("central", "status")
    assert r.code == 0, r.err
    assert "PostgreSQL server" in r.out and "as ana" in r.out
    assert "schema version 4 of 4" in r.out and "roles: consultant" in r.out
    assert "pending here: 0 sessions, 1 ticket events, 0 review decisions" in r.out
    doc = cli("central", "status", "--json").json()
    assert doc["answers"] is True and doc["kind"] == "server" and doc["login"] == "ana"
    assert doc["schema_version"] == doc["expected_version"] == 4

    cli("config", "set", "central", f"postgresql:///{central.dbname}?host={socket_folder}")
    r = cli("central", "status", "--json")
    assert r.code == 1
    doc = r.json()
    assert doc["answers"] is False and "does not answer" in doc["reason"]
    assert doc["pending"]["events"] == 1


@pytest.fixture
def ana_app(app: Tracker, central: Central) -> Tracker:
    app.settings.set("central", central.url)
    return app


def test_test_connection_says_ok_with_the_server_and_the_login(ana_app: Tracker, central: Central) -> None:
    text = ana_app.test_central(central.url)
    assert (
        text.startswith("ok: PostgreSQL 1") and "as ana (consultant)" in text and "schema version 4" in text
    )


def test_test_connection_refuses_a_role_the_server_does_not_grant(ana_app: Tracker, central: Central) -> None:
    ana_app.settings.set("role", "lead")
    with pytest.raises(TrackerError, match="does not give ana the lead role"):
        ana_app.test_central(central.url)


def test_test_connection_refuses_a_server_without_the_schema(
    ana_app: Tracker, central: Central, pg_url: str
) -> None:
    empty = central.url.replace(f"/{central.dbname}?", f"/{pg_url.split('/')[-1].split('?')[0]}?")
    with pytest.raises(TrackerError, match="no tracker schema"):
        ana_app.test_central(empty)
    with pytest.raises(BadInput, match="never stores"):
        ana_app.test_central("postgresql://ana:pw@db.example/tracker")


def test_test_connection_with_a_folder(ana_app: Tracker, tmp_path: Path) -> None:
    assert ana_app.test_central(str(tmp_path)).startswith(f"ok: the folder {tmp_path} can be written")
    with pytest.raises(TrackerError, match="is not there"):
        ana_app.test_central(str(tmp_path / "unmounted"))
    (tmp_path / "FORMAT").write_text("something else 9\n")
    with pytest.raises(TrackerError, match="another format"):
        ana_app.test_central(str(tmp_path))


def test_open_central_follows_the_setting(ana_app: Tracker, central: Central) -> None:
    with open_central(ana_app.ctx) as server:
        assert "(PostgreSQL, as ana)" in server.describe()
        assert server.consultants() == []
    assert ana_app.sync_status().target == server.describe()
    ana_app.settings.set("central", "folder")
    with open_central(ana_app.ctx) as folder:
        assert folder.describe() == ana_app.settings.get("export-dir")


# ----- a record carried again by a later batch ---------------------------------------------------


def test_a_record_carried_again_is_kept_once_and_its_batch_still_exports_whole(
    central: Central, tmp_path: Path
) -> None:
    first, second = session(), session(start="2026-11-03T10:00:00-03:00", end="2026-11-03T10:05:00-03:00")
    with central.connect("ana") as conn:
        send(conn, "ana", [first], batch="00000001-1a2b3c4d")
        again = send(conn, "ana", [second, first], batch="00000002-1a2b3c4d")
        assert (again.new, again.known) == (1, 1)
        assert len(reads.sessions_of_day(conn, "2026-11-03")) == 2
        refs = conn.execute("SELECT batch, line, kind FROM batch_refs").fetchall()
        assert refs == [("00000002-1a2b3c4d", 2, "session")]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM batch_refs")
    with central.connect("lead1") as conn:
        moved = archive.export(conn, tmp_path / "out", None)
    assert (moved.written, moved.problems) == (2, [])
    data = (tmp_path / "out" / "consultants" / "ana" / "00000002-1a2b3c4d.jsonl").read_text()
    assert [line.count(first["uuid"]) for line in data.splitlines()] == [0, 1]


def test_the_server_keeps_the_tickets_whose_creation_differs_between_consultants(central: Central) -> None:
    fields = {"customer": "ACME", "type": "technical", "number": "1000001"}
    with central.connect("ana") as conn:
        send(conn, "ana", [event(ticket="1000001", payload=fields), event(ticket="1000002", payload=fields)])
    with central.connect("bruno") as conn:
        same = dict(fields, number="1000002")  # the number aside, the same fields: no disagreement
        send(conn, "bruno", [event("bruno", ticket="1000001", payload=dict(fields, customer="ACME S.A.")),
                             event("bruno", ticket="1000002", payload=same)])  # fmt: skip
        assert reads.disagreeing_tickets(conn) == set()  # a consultant sees their own rows only
    with central.connect("ana") as conn:  # ana's own second version: not between consultants
        send(conn, "ana", [event(ticket="1000002", payload=dict(same, customer="Outra"))])
    with central.connect("lead1") as conn:
        assert reads.disagreeing_tickets(conn) == {"1000001"}
        with PostgresCentral(central.url, "lead1") as server:
            assert server.ticket_disagreements() == ["ticket 1000001: customer differ between ana, bruno"]
    with central.connect("ana") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("SELECT * FROM ticket_disagreements")


def test_a_server_with_an_older_schema_says_to_run_init(
    tmp_path: Path, pg_url: str, central: Central
) -> None:
    # Only the first two migrations, as a server set up before this tracker.
    with psycopg.connect(pg_url, autocommit=True) as owner:
        owner.execute(admin.TRACKER_SCHEMA)
        for migration in admin.migrations()[:2]:
            owner.execute(migration.sql.encode())
            owner.execute("INSERT INTO tracker_schema (version, name, sha256) VALUES (%s, %s, %s)",
                          (migration.version, migration.name, migration.sha256))  # fmt: skip
    db = pg_url.split("/")[-1].split("?")[0]
    ana = Cli(tmp_path / "ana")
    ana("config", "set", "consultant", "ana")
    ana("config", "set", "central", central.url.replace(f"/{central.dbname}?", f"/{db}?"))
    ana("ticket", "add", "1234567", "--customer", "ACME", "--type", "technical")
    r = ana("sync")
    assert r.code == 1 and "older tracker schema" in r.err and "tracker central init" in r.err
    assert "schema version 2 of 4" in ana("central", "status").out
