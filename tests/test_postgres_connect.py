"""Connecting to the central server never hangs and fails with a message that says what to do.

Real sockets throughout: a socket folder with no server, a socket that accepts and then
never answers, the test cluster with wrong passwords, unknown databases and a table
locked by someone else.  No message ever shows a password.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from tests.conftest import ROOT, Cli
from tests.conftest_pg import Central, send, session
from tracker.central.postgres import reads, store
from tracker.central.postgres.errors import ServerRefused, ServerUnavailable
from tracker.errors import BadInput

FEW_SECONDS = 5


def test_a_socket_folder_with_no_server_fails_at_once_naming_the_server(socket_folder: Path) -> None:
    started = time.monotonic()
    with pytest.raises(ServerUnavailable) as failed:
        store.connect(f"postgresql:///tracker?host={socket_folder}", login="ana")

    assert time.monotonic() - started < FEW_SECONDS
    message = str(failed.value)
    assert str(socket_folder) in message and "tracker" in message
    assert "does not answer" in message and "stays queued" in message


def test_a_server_that_never_answers_fails_after_the_timeout(socket_folder: Path) -> None:
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(socket_folder / ".s.PGSQL.5432"))
    listener.listen(5)  # accepts the connection, then says nothing
    try:
        started = time.monotonic()
        with pytest.raises(ServerUnavailable) as failed:
            store.connect(f"postgresql:///tracker?host={socket_folder}", login="ana", timeout=2)
        elapsed = time.monotonic() - started
    finally:
        listener.close()

    assert 1.5 < elapsed < FEW_SECONDS
    assert "did not answer within 2 s" in str(failed.value)
    assert str(socket_folder) in str(failed.value)


def test_an_unknown_host_is_named(socket_folder: Path) -> None:
    with pytest.raises(ServerUnavailable) as failed:
        store.connect("postgresql://central.invalid/tracker", login="ana")

    assert "central.invalid" in str(failed.value) and "cannot be found" in str(failed.value)


def test_a_wrong_password_is_refused_without_showing_it(central: Central) -> None:
    url = f"postgresql:///{central.dbname}?host={central.cluster.socket_dir}&password=Hunter2-wrong"

    with pytest.raises(ServerRefused) as refused:
        store.connect(url, login="ana")

    message = str(refused.value)
    assert "Hunter2-wrong" not in message and "Hunter2" not in repr(refused.value.args)
    assert "password of role ana" in message and central.dbname in message
    assert ".pgpass" in message and "never stores" in message


def test_no_password_at_all_says_where_libpq_looks_for_one(central: Central) -> None:
    url = f"postgresql:///{central.dbname}?host={central.cluster.socket_dir}&passfile=/nonexistent"

    with pytest.raises(ServerRefused, match="PGPASSWORD"):
        store.connect(url, login="bruno")


def test_a_role_the_database_refuses_is_told_to_ask_for_add_user(central: Central) -> None:
    with central.admin() as owner:
        owner.execute(f'REVOKE CONNECT ON DATABASE "{central.dbname}" FROM PUBLIC')

    with pytest.raises(ServerRefused) as refused:
        central.connect("ana")

    assert "refuses role ana" in str(refused.value) and "add-user ana" in str(refused.value)


def test_a_missing_database_says_to_run_init(central: Central) -> None:
    url = f"postgresql:///nowhere?host={central.cluster.socket_dir}&passfile={central.passfile}"

    with pytest.raises(ServerRefused) as refused:
        store.connect(url, login="ana")

    assert "nowhere" in str(refused.value) and "tracker central init" in str(refused.value)


def test_a_database_without_the_schema_says_to_run_init(central: Central, pg_url: str) -> None:
    with store.connect(pg_url) as conn, pytest.raises(ServerRefused, match="tracker central init"):
        reads.sessions_of_day(conn, "2026-11-03")


@pytest.mark.parametrize(
    "url", ["", "tracker.example.com/db", "mysql://h/db", "postgresql://ana:S3cr3t@h:5432/db?sslmode=bogus x"]
)
def test_a_url_that_is_not_a_postgresql_url_is_bad_input_never_echoed(url: str) -> None:
    with pytest.raises(BadInput) as refused:
        store.connect(url, timeout=2)

    assert refused.value.field == "url"
    assert "postgresql://HOST" in str(refused.value) and "S3cr3t" not in str(refused.value)


def test_the_url_names_the_role_when_it_names_a_user(central: Central) -> None:
    url = (
        f"postgresql://bruno@/{central.dbname}?host={central.cluster.socket_dir}&passfile={central.passfile}"
    )

    with store.connect(url, login="ana") as conn:
        assert conn.execute("SELECT current_user").fetchone() == ("bruno",)


def test_a_statement_stuck_behind_a_lock_gives_up_in_seconds(central: Central) -> None:
    with central.admin() as owner, central.connect("ana", timeout=2) as conn:
        owner.execute("BEGIN")
        owner.execute("LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE")
        started = time.monotonic()
        with pytest.raises(ServerUnavailable) as failed:
            reads.sessions_of_day(conn, "2026-11-03")
        elapsed = time.monotonic() - started
        owner.execute("ROLLBACK")

    assert elapsed < FEW_SECONDS
    assert "in time" in str(failed.value) and central.dbname in str(failed.value)


def test_a_long_statement_is_cancelled_by_the_server(central: Central) -> None:
    with central.connect("ana", timeout=2) as conn:
        started = time.monotonic()
        with pytest.raises(psycopg.errors.QueryCanceled):
            conn.execute("SELECT pg_sleep(30)")

    assert time.monotonic() - started < FEW_SECONDS


def test_tracker_status_never_loads_the_driver(cli: Cli) -> None:
    env = cli.env() | {"PYTHONPROFILEIMPORTTIME": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "tracker", "status"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )

    assert proc.returncode == 0, proc.stderr
    imported = [line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if "|" in line]
    assert "tracker" in imported
    assert not [name for name in imported if name.split(".")[0] == "psycopg"]


def test_a_connection_the_server_drops_fails_clearly_and_writes_nothing(central: Central) -> None:
    with central.connect("ana") as conn:
        with central.admin() as owner:
            owner.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'ana'")
        with pytest.raises(ServerUnavailable) as failed:
            send(conn, "ana", [session()])

    assert "try again later" in str(failed.value)
    with central.admin() as owner:
        assert owner.execute("SELECT count(*) FROM sessions").fetchone() == (0,)
