"""``tracker sync`` to a PostgreSQL server, through the real CLI against the real test server.

A home points at the server with ``tracker config set central postgresql://...``; the
login is its consultant setting and the password comes from a libpq password file
named in the URL.  Offline first and exactly once, as with the folder: a refusal,
a server that is down or slow, a wrong password or a kill at any step leaves the work
queued, and a later sync delivers each session exactly once.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, Cli
from tests.conftest_pg import Central

DAY = "2026-11-03"
FEW_SECONDS = 12  # the 5 s timeout, a process start and a loaded machine


def pg_home(tmp_path: Path, name: str, url: str, *, login: str | None = None, role: str | None = None) -> Cli:
    cli = Cli(tmp_path / name)
    assert cli("config", "set", "consultant", login or name).code == 0
    if role:
        assert cli("config", "set", "role", role).code == 0
    r = cli("config", "set", "central", url)
    assert r.code == 0, r.err
    return cli


def work(cli: Cli, sessions: int, ticket: str = "1234567", hour: int = 8) -> None:
    """A ticket and ``sessions`` sessions of ten minutes on DAY."""
    cli("ticket", "add", ticket, "--customer", "ACME", "--type", "technical")
    for i in range(sessions):
        start = f"{DAY}T{hour + i // 6:02d}:{(i % 6) * 10:02d}"
        end = f"{DAY}T{hour + i // 6:02d}:{(i % 6) * 10 + 5:02d}"
        r = cli("add", ticket, "--start", start, "--end", end, "--note", f"s{i}")
        assert r.code == 0, r.err


def on_server(central: Central) -> list[tuple[str, int]]:
    """Every session row on the server, as (uuid, revision), as the owner sees it."""
    with central.admin() as owner:
        rows = owner.execute("SELECT uuid::text, revision FROM sessions ORDER BY 1, 2").fetchall()
    return [(r[0], r[1]) for r in rows]


def pending(cli: Cli) -> int:
    r = cli("central", "status", "--json")
    return int(sum(r.json()["pending"].values()))


def local_uuids(cli: Cli) -> list[str]:
    return sorted(s["uuid"] for s in cli("log", "--day", DAY, "--json").json())


# ----- sending and reading -------------------------------------------------------------------


def test_a_sync_sends_each_session_once_and_a_lead_reads_the_day(tmp_path: Path, central: Central) -> None:
    ana = pg_home(tmp_path, "ana", central.url)
    work(ana, 3)
    r = ana("sync")
    assert r.code == 0, r.err
    assert "sent 3 session revisions and 1 ticket event in 1 batch to " in r.out
    assert "(PostgreSQL, as ana)" in r.out
    assert ana("sync", "--json").json()["batches_written"] == 0  # nothing pending: nothing sent

    assert sorted(u for u, _ in on_server(central)) == local_uuids(ana)
    lead = pg_home(tmp_path, "lead1", central.url, role="lead")
    doc = lead("central", "log", "--day", DAY, "--json").json()
    assert [s["note"] for s in doc["sessions"]] == ["s0", "s1", "s2"]
    assert doc["problems"] == []
    assert all(s["synced"] for s in ana("log", "--day", DAY, "--json").json())


def test_an_edit_arrives_as_a_new_revision_and_only_it_is_read(tmp_path: Path, central: Central) -> None:
    ana = pg_home(tmp_path, "ana", central.url)
    work(ana, 2)
    assert ana("sync").code == 0
    first = ana("log", "--day", DAY, "--json").json()[0]["uuid"]
    assert ana("session", "edit", first, "--note", "fixed", "--reason", "typo").code == 0
    assert ana("sync").code == 0

    assert sorted(rev for u, rev in on_server(central) if u == first) == [1, 2]
    lead = pg_home(tmp_path, "lead1", central.url, role="lead")
    notes = [s["note"] for s in lead("central", "log", "--day", DAY, "--json").json()["sessions"]]
    assert sorted(notes) == ["fixed", "s1"]


def test_a_leads_decision_reaches_the_consultant_through_the_server(tmp_path: Path, central: Central) -> None:
    ana = pg_home(tmp_path, "ana", central.url)
    work(ana, 1)
    assert ana("sync").code == 0
    lead = pg_home(tmp_path, "lead1", central.url, role="lead")
    r = lead("review", "return", "--day", DAY, "--consultant", "ana", "--comment", "ticket errado")
    assert r.code == 0, r.err
    assert lead("sync").code == 0

    assert ana("sync").code == 0
    r = ana("log", "--day", DAY)
    assert "returned by lead1" in r.err and "ticket errado" in r.err
    review = lead("review", "--day", DAY, "--json").json()
    assert review["consultants"][0]["decision"]["decision"] == "return"


# ----- refusals by the server: nothing lost, still queued -----------------------------------------


def test_a_home_with_someone_elses_login_is_refused_and_keeps_its_work(
    tmp_path: Path, central: Central
) -> None:
    # ana's home, but the URL names bruno: the server refuses rows in ana's name from bruno.
    ana = pg_home(tmp_path, "ana", central.url.replace("postgresql://", "postgresql://bruno@"))
    work(ana, 2)
    r = ana("sync")
    assert r.code == 1
    assert "refused batch" in r.err and "row-level security" in r.err and "stay queued" in r.err
    assert on_server(central) == []
    assert pending(ana) == 3

    assert ana("config", "set", "central", central.url).code == 0
    assert ana("sync").code == 0
    assert len(on_server(central)) == 2 and pending(ana) == 0


def test_a_consultant_login_cannot_send_a_leads_decision(tmp_path: Path, central: Central) -> None:
    # The home says lead; the server knows ana as a consultant only.
    ana = pg_home(tmp_path, "ana", central.url, role="lead")
    assert ana("review", "approve", "--day", DAY, "--consultant", "bruno").code == 0
    r = ana("sync")
    assert r.code == 1
    assert "permission denied for table reviews" in r.err
    assert pending(ana) == 1
    with central.admin() as owner:
        assert owner.execute("SELECT count(*) FROM reviews").fetchone() == (0,)


def test_a_login_the_server_does_not_know_is_refused(tmp_path: Path, central: Central) -> None:
    xavier = pg_home(tmp_path, "xavier", central.url)
    work(xavier, 1)
    r = xavier("sync")
    assert r.code == 1
    assert "central server" in r.err and "xavier" in r.err
    assert pending(xavier) == 2


# ----- a server that is down, far away or slow -------------------------------------------------


def test_a_server_that_is_down_keeps_everything_queued_until_it_answers(
    tmp_path: Path, central: Central, socket_folder: Path
) -> None:
    ana = pg_home(tmp_path, "ana", f"postgresql:///{central.dbname}?host={socket_folder}")
    work(ana, 2)
    started = time.monotonic()
    r = ana("sync")
    assert time.monotonic() - started < FEW_SECONDS
    assert r.code == 1
    assert str(socket_folder) in r.err and "does not answer" in r.err and "stay queued" in r.err
    assert pending(ana) == 3

    assert ana("config", "set", "central", central.url).code == 0
    assert ana("sync").code == 0
    assert len(on_server(central)) == 2


def test_an_unknown_host_is_named_and_nothing_is_lost(tmp_path: Path) -> None:
    ana = pg_home(tmp_path, "ana", "postgresql://central.invalid/tracker")
    work(ana, 1)
    r = ana("sync")
    assert r.code == 1 and "central.invalid:5432/tracker" in r.err and "cannot be found" in r.err
    assert pending(ana) == 2


def test_a_server_that_never_answers_gives_up_in_seconds(tmp_path: Path, socket_folder: Path) -> None:
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(socket_folder / ".s.PGSQL.5432"))
    listener.listen(5)  # accepts, then says nothing
    try:
        ana = pg_home(tmp_path, "ana", f"postgresql:///tracker?host={socket_folder}")
        work(ana, 1)
        started = time.monotonic()
        r = ana("sync")
        elapsed = time.monotonic() - started
    finally:
        listener.close()
    assert r.code == 1 and "did not answer within 5 s" in r.err
    assert elapsed < FEW_SECONDS
    assert pending(ana) == 2


def test_a_wrong_password_is_refused_without_showing_it(tmp_path: Path, central: Central) -> None:
    passfile = tmp_path / "wrong.pgpass"
    passfile.write_text("*:*:*:ana:not-her-password\n")
    passfile.chmod(0o600)
    ana = pg_home(tmp_path, "ana", central.url.replace(str(central.passfile), str(passfile)))
    work(ana, 1)
    r = ana("sync")
    assert r.code == 1
    assert "refused the password of role ana" in r.err and "not-her-password" not in r.err
    assert pending(ana) == 2


def test_a_statement_the_server_cannot_finish_in_time_is_cancelled_and_stays_queued(
    tmp_path: Path, central: Central
) -> None:
    with central.admin() as owner:  # an overloaded server: every session insert takes 30 s
        owner.execute(
            "CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN PERFORM pg_sleep(30); RETURN NEW; END $$"
        )
        owner.execute(
            "CREATE TRIGGER slow BEFORE INSERT ON sessions FOR EACH STATEMENT EXECUTE FUNCTION slow()"
        )
    ana = pg_home(tmp_path, "ana", central.url)
    work(ana, 2)
    started = time.monotonic()
    r = ana("sync")
    assert time.monotonic() - started < FEW_SECONDS
    assert r.code == 1
    assert "did not finish batch" in r.err and "in time" in r.err and "stay queued" in r.err
    assert on_server(central) == [] and pending(ana) == 3

    with central.admin() as owner:
        owner.execute("DROP TRIGGER slow ON sessions")
    assert ana("sync").code == 0
    assert len(on_server(central)) == 2 and pending(ana) == 0


# ----- a kill at every step -------------------------------------------------------------------

STEPS = [
    "before_commit",  # the batch is written in the server's transaction, not committed
    "after_commit",  # committed on the server, not verified
    "before_mark",  # verified, not marked synced here
    "after_mark",  # marked here, the process dies before it reports
]


@pytest.mark.parametrize("step", STEPS)
def test_a_kill_at_any_step_delivers_each_session_exactly_once(
    tmp_path: Path, central: Central, step: str
) -> None:
    ana = pg_home(tmp_path, "ana", central.url)
    work(ana, 4)
    env = ana.env() | {"TRACKER_SYNC_KILL_AT": step}
    proc = subprocess.run(
        [sys.executable, "-m", "tracker", "sync"], env=env, cwd=ROOT, capture_output=True, timeout=60
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    committed = step != "before_commit"
    assert len(on_server(central)) == (4 if committed else 0)

    ana("add", "1234567", "--start", f"{DAY}T13:00", "--end", f"{DAY}T13:30", "--note", "after")
    r = ana("sync")
    assert r.code == 0, r.err
    assert pending(ana) == 0
    stored = on_server(central)
    assert len(stored) == len(set(stored)) == 5
    assert sorted(u for u, _ in stored) == local_uuids(ana)
    assert all(s["synced"] for s in ana("log", "--day", DAY, "--json").json())
    with central.admin() as owner:
        batches = owner.execute("SELECT count(*) FROM batches").fetchone()
        events = owner.execute("SELECT count(*) FROM ticket_events").fetchone()
    assert batches == (2,) and events == (1,)  # the crashed batch was re-sent, not doubled


def test_three_consultants_syncing_at_once_each_arrive_once(tmp_path: Path, central: Central) -> None:
    homes = {name: pg_home(tmp_path, name, central.url) for name in ("ana", "bruno", "lead1")}
    for i, cli in enumerate(homes.values()):
        # The same ticket, recorded apart with another customer each: a disagreement.
        cli("ticket", "add", "7654321", "--customer", f"ACME {i}", "--type", "technical")
        for j in range(3):
            r = cli("add", "7654321", "--start", f"{DAY}T{9 + j:02d}:00", "--end", f"{DAY}T{9 + j:02d}:30")
            assert r.code == 0, r.err
    procs = [
        subprocess.Popen([sys.executable, "-m", "tracker", "sync"], env=cli.env(), cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for cli in homes.values()
    ]  # fmt: skip
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    assert len(on_server(central)) == 9
    lead = pg_home(tmp_path, "lead", central.url, login="lead1", role="lead")
    doc = lead("central", "log", "--day", DAY, "--json").json()
    assert len(doc["sessions"]) == 9
    assert doc["problems"] == ["ticket 7654321: customer differ between ana, bruno, lead1"]
