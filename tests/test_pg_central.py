"""The folder and the server answer alike; moving a folder in and the server out.

One scenario (two consultants, a lead, billing; edits, a deletion, an escalation, a
defect, a unit, a held ticket, a December finalization) is built once.  Each home is
copied before its first sync: the originals sync to a folder, the copies to the
server, so both stores hold the very same records.  The statement, the lead's review
and the day's log must then be byte for byte the same from either store.
"""

from __future__ import annotations

import shutil
import uuid as uuidlib
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from tests.conftest import Cli, Result
from tests.conftest_pg import LOGINS, TEMPLATE, Central, _create_database, password_of
from tests.pgcluster import PgCluster

NOW = "2026-11-30T23:50:00-03:00"
DAY = "2026-11-20"


def ok(result: Result) -> None:
    assert result.code == 0, result.err


def home(root: Path, login: str, role: str | None = None) -> Cli:
    cli = Cli(root / login, now=NOW)
    ok(cli("config", "set", "consultant", login))
    if role:
        ok(cli("config", "set", "role", role))
    return cli


def scenario(root: Path) -> tuple[Cli, Cli]:
    """ana's and bruno's homes with a month of work, nothing synced yet."""
    ana, bruno = home(root, "ana"), home(root, "bruno")
    term = ["--term-accepted", "2026-10-01"]
    ok(ana("ticket", "add", "1000001", "--customer", "ACME", "--type", "technical", *term))
    ok(bruno("ticket", "add", "1000001", "--customer", "ACME", "--type", "technical", *term))
    ok(
        ana(
            "add", "1000001", "--start", f"{DAY}T09:00:00", "--end", f"{DAY}T09:04:10", "--note", "instalação"
        )
    )
    ok(ana("add", "1000001", "--start", f"{DAY}T09:30", "--end", f"{DAY}T09:33"))
    ok(bruno("add", "1000001", "--start", f"{DAY}T09:20", "--end", f"{DAY}T09:23"))
    ok(ana("ticket", "add", "1000002", "--customer", "ACME", "--type", "support", *term))
    ok(ana("add", "1000002", "--start", f"{DAY}T10:00", "--end", f"{DAY}T10:40"))
    ok(ana("defect", "1000002", "--kind", "product", "--ref", "D-1", "--published"))
    ok(ana("ticket", "add", "2000001", "--customer", "Filial", "--type", "technical", *term,
           "--bill-to-unit", "FR-042", "--cost-center", "CC-9"))  # fmt: skip
    ok(ana("add", "2000001", "--start", "2026-11-21T09:00", "--end", "2026-11-21T09:30"))
    ok(ana("ticket", "add", "2000002", "--customer", "Sem Termo", "--type", "support"))
    ok(ana("add", "2000002", "--start", "2026-11-21T10:00", "--end", "2026-11-21T10:20"))
    ok(ana("ticket", "add", "2000003", "--customer", "Escalada", "--type", "standard"))
    ok(ana("add", "2000003", "--start", "2026-11-22T09:00", "--end", "2026-11-22T09:20"))
    ok(ana("ticket", "escalate", "2000003", "--at", "2026-11-22T09:30", "--confirm", "procedures"))
    ok(ana("ticket", "accept-term", "2000003", "--date", "2026-11-22"))
    ok(bruno("ticket", "add", "2000003", "--customer", "Escalada", "--type", "standard"))
    ok(bruno("add", "2000003", "--start", "2026-11-22T10:00", "--end", "2026-11-22T10:15"))
    # An edit (revision 2) and a deletion (a tombstone) before the first sync.
    ok(ana("add", "1000001", "--start", f"{DAY}T12:00", "--end", f"{DAY}T12:10", "--note", "engano"))
    day = ana("log", "--day", DAY, "--json").json()
    by_note = {s["note"]: s["uuid"] for s in day}
    ok(ana("session", "edit", by_note["engano"], "--end", f"{DAY}T12:20", "--reason", "mais tempo"))
    for number in ("1000001", "1000002", "2000001", "2000002", "2000003"):
        ok(ana("finalize", number, "--at", "2026-11-30T23:30:00-03:00"))
    ok(ana("ticket", "add", "3000001", "--customer", "Dezembro", "--type", "technical", *term))
    ok(ana("add", "3000001", "--start", "2026-11-29T09:00", "--end", "2026-11-29T09:30"))
    ana.now = "2026-12-01T00:20:00-03:00"  # recorded in December: the only December record
    ok(ana("finalize", "3000001", "--at", "2026-12-01T00:10:00-03:00"))
    return ana, bruno


def copy(cli: Cli, to: Path) -> Cli:
    shutil.copytree(cli.home, to)
    return Cli(to, now=cli.now)


@pytest.fixture(scope="module")
def world_db(pg_cluster: PgCluster, pg_template: Path) -> Central:
    _create_database(pg_cluster, "world", template=TEMPLATE)
    return Central(pg_cluster, "world", pg_template)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, world_db: Central) -> dict[str, Cli]:
    """Homes of the scenario: ``*_f`` on a folder, ``*_s`` on the server, the same records."""
    root = tmp_path_factory.mktemp("world")
    share = root / "share"
    share.mkdir()
    ana, bruno = scenario(root)
    homes = {"ana_f": ana, "bruno_f": bruno}
    homes["ana_s"], homes["bruno_s"] = copy(ana, root / "ana_s"), copy(bruno, root / "bruno_s")
    homes["lead_f"], homes["lead_s"] = home(root, "lead1", "lead"), home(root / "s", "lead1", "lead")
    homes["bill_f"], homes["bill_s"] = home(root, "bill", "billing"), home(root / "s", "bill", "billing")
    for name, cli in homes.items():
        if name.endswith("_f"):
            ok(cli("config", "set", "export-dir", str(share)))
        else:
            ok(cli("config", "set", "central", world_db.url))
    for side in ("f", "s"):
        ok(homes[f"ana_{side}"]("sync"))
        ok(homes[f"bruno_{side}"]("sync"))
        ok(homes[f"lead_{side}"]("review", "approve", "--day", DAY, "--consultant", "ana"))
        ok(
            homes[f"lead_{side}"](
                "review", "return", "--day", DAY, "--consultant", "bruno", "--comment", "ver"
            )
        )
        ok(homes[f"lead_{side}"]("sync"))
        for kind in ("technical", "support"):
            ok(
                homes[f"bill_{side}"](
                    "rates", "set", "--type", kind, "--hourly", "240.00", "--from", "2026-01-01"
                )
            )
    homes["share"] = Cli(share)
    return homes


# ----- the same answers from the folder and from the server ---------------------------------


@pytest.mark.parametrize("approved", [False, True])
def test_the_folder_and_the_server_give_the_same_statement(world: dict[str, Cli], approved: bool) -> None:
    args = ["bill", "--month", "2026-11", "--format", "json", *(["--approved-only"] if approved else [])]
    from_folder, from_server = world["bill_f"](*args), world["bill_s"](*args)
    ok(from_folder)
    ok(from_server)

    assert from_server.out == from_folder.out
    doc = from_server.json()
    tickets = {line["ticket"] for line in doc["lines"]}
    assert "3000001" not in tickets  # finalized in December
    if not approved:
        assert {"1000001", "1000002", "2000001", "2000002", "2000003"} <= tickets
        assert any(line["held"] for line in doc["lines"])  # 2000002 has no term


def test_the_folder_and_the_server_give_the_same_review_and_log(world: dict[str, Cli]) -> None:
    for args in (
        ("review", "--day", DAY, "--json"),
        ("review", "--day", "2026-11-22", "--json"),
        ("central", "log", "--day", DAY, "--json"),
    ):
        from_folder, from_server = world["lead_f"](*args), world["lead_s"](*args)
        ok(from_folder)
        ok(from_server)
        assert from_server.out == from_folder.out, args

    review = world["lead_s"]("review", "--day", DAY, "--json").json()
    people = {c["consultant"]: c for c in review["consultants"]}
    assert set(people) == {"ana", "bruno"}
    assert people["ana"]["decision"]["decision"] == "approve"
    assert people["bruno"]["decision"]["comment"] == "ver"
    notes = [s["note"] for s in world["lead_s"]("central", "log", "--day", DAY, "--json").json()["sessions"]]
    assert "engano" in notes and len(notes) == 5  # the edited one at its revision 2, none deleted


def test_a_consultant_reads_only_their_own_rows_from_the_server(world: dict[str, Cli]) -> None:
    doc = world["ana_s"]("central", "log", "--day", DAY, "--json").json()
    assert {s["consultant"] for s in doc["sessions"]} == {"ana"}


def test_a_billing_login_may_not_send_sessions(world: dict[str, Cli], tmp_path: Path) -> None:
    bill = copy(world["bill_s"], tmp_path / "bill")
    ok(bill("ticket", "add", "1234567", "--customer", "ACME", "--type", "technical"))
    ok(bill("add", "1234567", "--start", f"{DAY}T08:00", "--end", f"{DAY}T08:10"))
    r = bill("sync")
    assert r.code == 1 and "permission denied for table" in r.err and "stay queued" in r.err


# ----- moving a folder in, and the server out --------------------------------------------------


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_import_folder_moves_the_export_in_and_export_gives_it_back_byte_for_byte(
    world: dict[str, Cli], central: Central, tmp_path: Path
) -> None:
    share = world["share"].home
    admin = Cli(tmp_path / "admin")
    r = admin("central", "import-folder", str(share), "--url", central.admin_url)
    assert r.code == 0, r.err
    assert "imported 3 batches" in r.out and "0 were already on the server" in r.out
    again = admin("central", "import-folder", str(share), "--url", central.admin_url)
    assert again.code == 0 and "imported 0 batches (0 new records)" in again.out
    assert "3 were already on the server" in again.out

    lead = home(tmp_path, "lead1", "lead")
    ok(lead("config", "set", "central", central.url))
    day = ("central", "log", "--day", DAY, "--json")
    assert lead(*day).out == world["lead_f"](*day).out
    out = tmp_path / "out"
    r = lead("central", "export", "--to", str(out))
    assert r.code == 0, r.err
    assert tree(out) == tree(share)
    assert "wrote 3 batches" in lead("central", "export", "--to", str(tmp_path / "again")).out
    assert "0 batches" in lead("central", "export", "--to", str(out)).out  # already there: nothing rewritten


def test_export_of_one_month_keeps_whole_batches(world: dict[str, Cli], tmp_path: Path) -> None:
    out = tmp_path / "december"
    r = world["lead_s"]("central", "export", "--to", str(out), "--month", "2026-12")
    assert r.code == 0, r.err
    files = tree(out)
    # Only ana's batch holds a December record (the finalization of 3000001), whole.
    assert [name.rsplit("/", 1)[0] for name in sorted(files)] == ["FORMAT", *["consultants/ana"] * 2]
    (data,) = [v for k, v in files.items() if k.endswith(".jsonl")]
    assert b'"3000001"' in data and b'"1000001"' in data
    assert "wrote 0 batches" in world["lead_s"]("central", "export", "--to", str(tmp_path / "x"),
                                                "--month", "2025-01").out  # fmt: skip


def test_export_refuses_a_home_on_the_folder_and_a_folder_with_other_files(
    world: dict[str, Cli], tmp_path: Path
) -> None:
    r = world["lead_f"]("central", "export", "--to", str(tmp_path / "x"))
    assert r.code == 2 and "central" in r.err and "not a server" in r.err
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine")
    r = world["lead_s"]("central", "export", "--to", str(busy))
    assert r.code == 2 and "holds other files" in r.err
    r = world["lead_s"]("central", "export", "--to", str(tmp_path / "y"), "--month", "2026-13")
    assert r.code == 2 and "month" in r.err


def test_import_folder_reports_an_author_without_a_login_and_a_damaged_batch(
    world: dict[str, Cli], central: Central, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    shutil.copytree(world["share"].home, share)
    stranger = f"nobody{uuidlib.uuid4().hex[:8]}"  # roles belong to the cluster: a name no test made
    shutil.copytree(share / "consultants" / "bruno", share / "consultants" / stranger)
    bruno_batch = next((share / "consultants" / "bruno").glob("*.jsonl"))
    bruno_batch.write_bytes(bruno_batch.read_bytes().replace(b"bruno", b"brunO", 1))
    r = Cli(tmp_path / "admin")("central", "import-folder", str(share), "--url", central.admin_url)
    assert r.code == 1
    assert f"no login {stranger} on the server" in r.err
    assert "its sha256 does not match its manifest" in r.err
    assert "imported 2 batches" in r.out  # ana's and the lead's


@pytest.fixture
def owned(pg_cluster: PgCluster, tmp_path: Path) -> tuple[str, Path]:
    """A database whose owner is a plain CREATEROLE login (no superuser), and a password file."""
    passfile = tmp_path / "pgpass"
    logins = {**{login: password_of(login) for login in LOGINS}, "owner1": "owner-pw"}
    passfile.write_text("".join(f"*:*:*:{login}:{pw}\n" for login, pw in logins.items()))
    passfile.chmod(0o600)
    with psycopg.connect(pg_cluster.url(), autocommit=True) as su:
        if su.execute("SELECT 1 FROM pg_roles WHERE rolname = 'owner1'").fetchone() is None:
            su.execute("CREATE ROLE owner1 LOGIN CREATEROLE PASSWORD 'owner-pw'")
        su.execute("DROP DATABASE IF EXISTS owned")
        su.execute(sql.SQL("CREATE DATABASE owned OWNER owner1"))
    return f"postgresql://owner1@/owned?host={pg_cluster.socket_dir}&passfile={passfile}", passfile


def test_a_plain_owner_imports_each_batch_as_its_author_and_keeps_no_membership(
    world: dict[str, Cli], owned: tuple[str, Path], tmp_path: Path
) -> None:
    url, _passfile = owned
    admin = Cli(tmp_path / "admin")
    ok(admin("central", "init", "--url", url))
    r = admin("central", "import-folder", str(world["share"].home), "--url", url)
    assert r.code == 0, r.err
    assert "imported 3 batches" in r.out
    with psycopg.connect(url) as conn:
        member = conn.execute(
            "SELECT count(*) FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid "
            "JOIN pg_roles m ON m.oid = a.member WHERE m.rolname = 'owner1'"
        ).fetchone()
        assert member == (0,)
        # The owner still reads no record: the policies bind it.
        assert conn.execute("SELECT count(*) FROM sessions").fetchone() == (0,)
