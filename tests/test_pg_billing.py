"""Billing on a PostgreSQL server, through the real CLI against the real test server.

Rates set by billing reach the server's ``rates`` table through sync and price every
estimate and statement; only billing may publish them, and only billing may keep an
issued statement (the server's grants and row-level policies, not the app, decide);
an issued month stays as issued on the server, late work is listed apart, exactly as
with a folder; and the folder and the server give byte-equal statements.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import errors as pgerrors

from tests.conftest import Cli, Result
from tests.conftest_pg import Central, new_uuid, password_of
from tests.test_pg_central import DAY, copy, home, scenario
from tracker.app import open_tracker, week_report
from tracker.central.billing_records import issued_statement
from tracker.central.postgres import admin
from tracker.central.postgres.central import PostgresCentral
from tracker.clock import FixedClock
from tracker.errors import TrackerError

OCTOBER_END = "2026-10-30T18:00:00-03:00"
ISSUE_DAY = "2026-11-02T10:00:00-03:00"
NOVEMBER = "2026-11-03T10:00:00-03:00"
MONTH_END = "2026-11-30T18:00:00-03:00"
SECOND_BILLING = "gil"  # a second billing login, made by the test that needs it


def ok(result: Result) -> Result:
    assert result.code == 0, result.err
    return result


def pg_home(root: Path, name: str, url: str, role: str = "consultant", now: str = OCTOBER_END) -> Cli:
    cli = Cli(root / name, now=now)
    for key, value in (("consultant", name), ("role", role), ("central", url)):
        ok(cli("config", "set", key, value))
    return cli


def with_second_billing(central: Central, folder: Path) -> str:
    """The server's URL with a password file that also knows gil, a second billing login."""
    secret = folder / "gil.password"
    secret.write_text(password_of(SECOND_BILLING) + "\n")
    admin.add_user(central.admin_url, SECOND_BILLING, "billing", password_file=secret)
    passfile = folder / "pgpass"
    passfile.write_text(
        central.passfile.read_text() + f"*:*:*:{SECOND_BILLING}:{password_of(SECOND_BILLING)}\n"
    )
    passfile.chmod(0o600)
    return central.url.replace(str(central.passfile), str(passfile))


def owner_rows(central: Central, query: str) -> list[tuple[Any, ...]]:
    with central.admin() as owner:
        return [tuple(r) for r in owner.execute(query).fetchall()]


def pending(cli: Cli) -> dict[str, int]:
    return dict(ok(cli("central", "status", "--json")).json()["pending"])


def amounts(doc: dict[str, Any]) -> dict[str, str]:
    return {x["ticket"]: x["amount"] for x in doc["lines"]}


def lines_of(doc: dict[str, Any]) -> dict[str, tuple[int, str]]:
    return {x["ticket"]: (x["billable_minutes"], x["amount"]) for x in doc["lines"]}


def adjustments_of(doc: dict[str, Any], key: str = "adjustments") -> dict[str, tuple[int, str, str]]:
    return {x["ticket"]: (x["billable_minutes"], x["amount"], x["adjusts_month"]) for x in doc[key]}


def ana_works(ana: Cli) -> None:
    """Two tickets, a technical and a support one, an hour each, finalized in November."""
    for number, kind, term, day in (
        ("7000001", "technical", "2026-10-01", "03"),
        ("7000002", "support", "2026-11-20", "04"),
    ):
        ok(ana("ticket", "add", number, "--customer", "ACME", "--type", kind, "--term-accepted", term))
        ok(ana("add", number, "--start", f"2026-11-{day}T09:00", "--end", f"2026-11-{day}T10:00"))
        ok(ana("finalize", number, "--at", "2026-11-25T17:00:00-03:00"))


# ----- 1. rates go to the server and price every estimate and statement -----------------------


def test_billings_rates_reach_the_server_and_price_the_estimate_and_a_second_billings_statement(
    tmp_path: Path, central: Central
) -> None:
    url = with_second_billing(central, tmp_path)
    bill = pg_home(tmp_path, "bill", url, "billing", now=MONTH_END)
    ok(bill("rates", "set", "--type", "technical", "--hourly", "240.00", "--from", "2026-01-01"))
    ok(bill("rates", "set", "--type", "support", "--hourly", "210.00", "--from", "2026-01-01"))
    ok(
        bill(
            "rates",
            "adjust",
            "--index",
            "IPCA",
            "--percent",
            "10",
            "--from",
            "2026-11-15",
            "--type",
            "support",
        )
    )
    assert pending(bill)["rates"] == 3
    r = ok(bill("sync", "--json"))
    assert r.json()["batches_written"] == 1 and pending(bill)["rates"] == 0
    assert ok(bill("sync", "--json")).json()["batches_written"] == 0  # nothing sent twice

    rows = owner_rows(
        central,
        "SELECT type, version, hourly::text, effective_from::text, index_name, percent::text, made_by "
        "FROM rates ORDER BY type, version",
    )
    assert rows == [
        ("support", 1, "210.00", "2026-01-01", "", None, "bill"),
        ("support", 2, "231.00", "2026-11-15", "IPCA", "10", "bill"),
        ("technical", 1, "240.00", "2026-01-01", "", None, "bill"),
    ]
    assert owner_rows(central, "SELECT area, consultant, rows FROM batches") == [("rates", "bill", 3)]

    # A consultant on the server: after a sync, the estimate prices with billing's rates.
    ana = pg_home(tmp_path, "ana", url, now=MONTH_END)
    ana_works(ana)
    assert ok(ana("rates", "list", "--json")).json() == []
    ok(ana("sync"))
    listed = [(x["label"], x["hourly"], x["created_by"]) for x in ok(ana("rates", "list", "--json")).json()]
    assert listed == [
        ("support-v1 (2026-01-01)", "210.00", "bill"),
        ("support-v2 (2026-11-15)", "231.00", "bill"),
        ("technical-v1 (2026-01-01)", "240.00", "bill"),
    ]
    app = open_tracker(ana.home, FixedClock(datetime.fromisoformat(MONTH_END), "America/Sao_Paulo"))
    try:
        week = week_report(app, date(2026, 11, 3))
    finally:
        app.store.close()
    # The support ticket's term (2026-11-20) falls under the adjusted version.
    assert week.days[1].amount == Decimal("240.00") and week.days[2].amount == Decimal("231.00")

    # A second billing login, with no rate of its own, draws the same statement.
    gil = pg_home(tmp_path, SECOND_BILLING, url, "billing", now=MONTH_END)
    mine = ok(bill("bill", "--month", "2026-11", "--format", "json"))
    theirs = ok(gil("bill", "--month", "2026-11", "--format", "json"))
    assert amounts(theirs.json()) == {"7000001": "240.00", "7000002": "231.00"}
    assert theirs.out == mine.out


# ----- 2. only billing writes rates and statements: the server says so ------------------------


@pytest.mark.parametrize("login", ["ana", "lead1"])  # a consultant, a lead
def test_a_rate_from_a_login_without_the_billing_role_is_refused_and_stays_queued(
    tmp_path: Path, central: Central, login: str
) -> None:
    # The home calls itself billing (anyone can change a setting); its login is not.
    home = pg_home(tmp_path, login, central.url, "billing", now=NOVEMBER)
    ok(home("rates", "set", "--type", "technical", "--hourly", "999.00", "--from", "2026-01-01"))
    ok(home("ticket", "add", "7000001", "--customer", "ACME", "--type", "technical"))
    ok(home("add", "7000001", "--start", "2026-11-03T09:00", "--end", "2026-11-03T09:10"))
    r = home("sync")
    assert r.code == 1
    server = f"{central.cluster.socket_dir}:5432/{central.dbname}"  # the default port
    assert (
        f"the central server {server} refused batch" in r.err and "permission denied for table rates" in r.err
    )
    assert f"published by the billing role only, and the login {login} does not have it on" in r.err
    assert "(the server's group tracker_billing)" in r.err and "stay queued" in r.err
    assert owner_rows(central, "SELECT count(*) FROM rates") == [(0,)]
    # Only the rates batch is held: the login's own sessions still went.
    assert owner_rows(central, "SELECT area, consultant FROM batches") == [("consultants", login)]
    assert owner_rows(central, "SELECT consultant FROM sessions") == [(login,)]
    assert pending(home) == {"sessions": 0, "events": 0, "reviews": 0, "rates": 1}  # nothing lost
    assert [x["hourly"] for x in ok(home("rates", "list", "--json")).json()] == ["999.00"]


RATE_INSERT = (
    "INSERT INTO rates (uuid, revision, type, version, hourly, effective_from, index_name, percent, "
    "made_by, at, batch, line, payload) VALUES (%s, 1, 'technical', 1, 1.00, '2026-01-01', '', NULL, "
    "current_user, now(), '00000001-aaaaaaaa', 1, '{}')"
)
STATEMENT_INSERT = (
    "INSERT INTO statements (month, lines, totals, sha256, issued_by) "
    f"VALUES ('2026-10', '{{}}', '{{}}', '{'0' * 64}', current_user)"
)


def _refused(central: Central, login: str, query: str, params: tuple[Any, ...] = ()) -> str:
    """Run ``query`` as ``login``, straight through psycopg; the server's refusal."""
    conn = psycopg.connect(
        dbname=central.dbname,
        host=str(central.cluster.socket_dir),
        user=login,
        password=password_of(login),
        autocommit=True,
    )
    with conn, pytest.raises(pgerrors.InsufficientPrivilege) as caught:
        conn.execute(query, params)
    return str(caught.value)


@pytest.mark.parametrize("login", ["ana", "lead1"])
def test_raw_sql_on_rates_and_statements_is_refused_to_consultants_and_leads(
    tmp_path: Path, central: Central, login: str
) -> None:
    # Something for UPDATE and DELETE to find: billing's rate and issued statement.
    bill = pg_home(tmp_path, "bill", central.url, "billing", now=ISSUE_DAY)
    ok(bill("rates", "set", "--type", "technical", "--hourly", "240.00", "--from", "2026-01-01"))
    ok(bill("sync"))
    ok(bill("bill", "--month", "2026-10", "--issue"))
    before = owner_rows(central, "SELECT payload::text FROM rates") + owner_rows(
        central, "SELECT lines::text FROM statements"
    )
    assert len(before) == 2

    for query, params in (
        (RATE_INSERT, (new_uuid(),)),
        ("UPDATE rates SET hourly = 1.00", ()),
        ("DELETE FROM rates", ()),
        ("TRUNCATE rates", ()),
        (STATEMENT_INSERT, ()),
        ("UPDATE statements SET totals = '{}'", ()),
        ("DELETE FROM statements", ()),
        ("TRUNCATE statements", ()),
    ):
        assert "permission denied" in _refused(central, login, query, params), query
    # Billing itself never changes a row either: a correction is a new version.
    for query in ("UPDATE rates SET hourly = 1.00", "DELETE FROM statements"):
        assert "permission denied" in _refused(central, "bill", query)
    after = owner_rows(central, "SELECT payload::text FROM rates") + owner_rows(
        central, "SELECT lines::text FROM statements"
    )
    assert after == before


# ----- 3. an issued month stays as issued on the server ------------------------------------------


def test_an_issued_month_is_kept_on_the_server_once_and_late_work_is_listed_apart(
    tmp_path: Path, central: Central
) -> None:
    """tests/test_issuing.py's October, on the server: the same answers."""
    ana = pg_home(tmp_path, "ana", central.url)
    bruno = pg_home(tmp_path, "bruno", central.url)
    bill = pg_home(tmp_path, "bill", central.url, "billing", now=ISSUE_DAY)
    lead = pg_home(tmp_path, "lead1", central.url, "lead", now=NOVEMBER)
    for number, day in (("5000001", "05"), ("6000001", "06")):
        for who in (ana, bruno):
            ok(who("ticket", "add", number, "--customer", "ACME", "--type", "technical",
                   "--term-accepted", "2026-09-01"))  # fmt: skip
        ok(ana("add", number, "--start", f"2026-10-{day}T09:00", "--end", f"2026-10-{day}T09:25"))
        ok(ana("finalize", number, "--at", "2026-10-30T17:00:00-03:00"))
    # Bruno, offline: 3 minutes on one ticket, 3 hours on the other, in October.
    ok(bruno("add", "5000001", "--start", "2026-10-30T16:00", "--end", "2026-10-30T16:03"))
    ok(bruno("add", "6000001", "--start", "2026-10-20T09:00", "--end", "2026-10-20T12:00"))
    ok(ana("sync"))
    ok(bill("rates", "set", "--type", "technical", "--hourly", "240.00", "--from", "2026-01-01"))
    ok(bill("sync"))

    issued = ok(bill("bill", "--month", "2026-10", "--issue", "--format", "json")).json()
    assert issued["issued"]["by"] == "bill" and issued["issued"]["at"] == ISSUE_DAY
    assert lines_of(issued) == {"5000001": (25, "100.00"), "6000001": (25, "100.00")}
    assert issued["totals"]["amount"] == "200.00" and issued["late_changes"] == []
    kept = owner_rows(central, "SELECT month, sha256, issued_by, lines->>'kind' FROM statements")
    assert kept == [("2026-10", issued["issued"]["sha256"], "bill", "statement")]

    # A second issue is refused and changes nothing, even once the month's work has changed.
    bruno.now = NOVEMBER
    ok(bruno("sync"))
    bill.now = NOVEMBER
    r = bill("bill", "--month", "2026-10", "--issue")
    assert r.code == 2 and "already issued" in r.err and "by bill" in r.err
    assert owner_rows(central, "SELECT month, sha256 FROM statements") == [
        ("2026-10", issued["issued"]["sha256"])
    ]

    again = ok(bill("bill", "--month", "2026-10", "--format", "json")).json()
    for key in ("month", "issued", "lines", "adjustments", "totals", "not_billed"):
        assert again[key] == issued[key], key
    assert adjustments_of(again, "late_changes") == {
        "5000001": (3, "12.00", "2026-10"),
        "6000001": (180, "720.00", "2026-10"),
    }
    assert "late change: 5000001 technical +3 min R$ +12.00" in bill("bill", "--month", "2026-10").err
    november = ok(bill("bill", "--month", "2026-11", "--format", "json")).json()
    assert november["issued"] is None and november["totals"]["amount"] == "732.00"
    assert adjustments_of(november) == {
        "5000001": (3, "12.00", "2026-10"),
        "6000001": (180, "720.00", "2026-10"),
    }

    # The lead sees bruno's session as late; ana's, issued, is not.
    review = ok(lead("review", "--day", "2026-10-20", "--json")).json()
    late = next(c for c in review["consultants"] if c["consultant"] == "bruno")
    assert [s["flags"] for s in late["sessions"]] == [["late"]]
    ana_day = ok(lead("review", "--day", "2026-10-06", "--consultant", "ana", "--json")).json()
    assert "late" not in ana_day["consultants"][0]["sessions"][0]["flags"]

    # November issued too: October's late changes are billed there, once.
    bill.now = "2026-12-01T09:00:00-03:00"
    issued_nov = ok(bill("bill", "--month", "2026-11", "--issue", "--format", "json")).json()
    assert issued_nov["totals"]["amount"] == "732.00"
    october = ok(bill("bill", "--month", "2026-10", "--format", "json")).json()
    assert october["totals"]["amount"] == "200.00" and october["late_changes"] == []
    assert [m for (m,) in owner_rows(central, "SELECT month FROM statements ORDER BY month")] == [
        "2026-10",
        "2026-11",
    ]


def test_the_server_keeps_the_first_statement_of_a_month_whoever_issues_it_again(
    tmp_path: Path, central: Central
) -> None:
    """Two billing homes racing: the server keeps one statement a month, the first."""
    bill = pg_home(tmp_path, "bill", central.url, "billing", now=ISSUE_DAY)
    ok(bill("rates", "set", "--type", "technical", "--hourly", "240.00", "--from", "2026-01-01"))
    ok(bill("bill", "--month", "2026-10", "--issue"))
    late = issued_statement(
        "2026-10",
        {"lines": [], "adjustments": [], "totals": {"amount": "1.00"}, "not_billed": [], "basis": []},
        "bill",
        "2026-11-02T11:00:00-03:00",
    )
    with PostgresCentral(central.url, "bill") as server:
        first = server.issued("2026-10")
        assert first is not None
        with pytest.raises(TrackerError, match="already issued"):
            server.publish_issued(late)
        server.publish_issued(first)  # the same one again (a retry): a clean no-op
        assert server.issued("2026-10") == first and server.issued_months() == ["2026-10"]
    assert owner_rows(central, "SELECT count(*) FROM statements") == [(1,)]


# ----- 4. the folder and the server give the same statement -----------------------------------

ISSUED_AT = "2026-12-01T09:00:00-03:00"


def test_the_folder_and_the_server_give_byte_equal_statements_with_rates_and_an_issued_month(
    tmp_path: Path, central: Central
) -> None:
    """tests/test_pg_central.py's scenario (three types, a defect waiver, a unit billed, a held
    ticket, a December finalization), each home copied before its first sync: the originals
    sync to a folder, the copies to the server.  Rates are published by billing through sync
    on each side, November is issued on each side, then late work arrives on each side."""
    share = tmp_path / "share"
    share.mkdir()
    ana_f, bruno_f = scenario(tmp_path / "f")
    # A support ticket with a new (unpublished) product defect: waived.
    ok(
        ana_f(
            "ticket",
            "add",
            "1000003",
            "--customer",
            "ACME",
            "--type",
            "support",
            "--term-accepted",
            "2026-10-01",
        )
    )
    ok(ana_f("add", "1000003", "--start", f"{DAY}T14:00", "--end", f"{DAY}T14:45"))
    ok(ana_f("defect", "1000003", "--kind", "product", "--ref", "D-2"))
    ok(ana_f("finalize", "1000003", "--at", "2026-11-30T23:40:00-03:00"))
    ana_s, bruno_s = copy(ana_f, tmp_path / "s" / "ana"), copy(bruno_f, tmp_path / "s" / "bruno")
    side = {"f": ("export-dir", str(share)), "s": ("central", central.url)}
    homes: dict[str, dict[str, Cli]] = {}
    for s, (key, value) in side.items():
        bill = home(tmp_path / s, "bill", "billing")
        laptop = home(tmp_path / s / "laptop", "bill", "billing")  # billing's second home: no rate of its own
        homes[s] = {"ana": ana_f if s == "f" else ana_s, "bruno": bruno_f if s == "f" else bruno_s}
        homes[s].update(bill=bill, laptop=laptop)
        for cli in homes[s].values():
            ok(cli("config", "set", key, value))
        ok(bill("rates", "set", "--type", "technical", "--hourly", "240.00", "--from", "2026-01-01"))
        ok(bill("rates", "set", "--type", "support", "--hourly", "210.00", "--from", "2026-01-01"))
        ok(bill("rates", "adjust", "--index", "IPCA", "--percent", "4.62", "--from", "2026-09-15"))
        for who in ("ana", "bruno", "bill"):
            ok(homes[s][who]("sync"))

    def both(*args: str) -> str:
        folder, server = (ok(homes[s]["laptop"](*args)) for s in ("f", "s"))
        # Nothing in a statement names the store it was drawn from: compared whole.
        assert server.out == folder.out, args
        assert server.err == folder.err, args
        return server.out

    november = ("bill", "--month", "2026-11", "--format", "json", "--out", "-")
    doc = json.loads(both(*november))
    lines = {x["ticket"]: x for x in doc["lines"]}
    assert {"1000001", "1000002", "2000001", "2000002", "2000003"} <= set(lines) and "3000001" not in lines
    assert lines["1000003"]["waived"] and lines["1000003"]["defect_ref"] == "D-2"  # the defect waiver
    assert lines["1000003"]["amount"] == "0.00" and not lines["1000002"]["waived"]  # D-1 was published
    assert lines["2000001"]["bill_to"] == "FR-042" and lines["2000001"]["bill_to_kind"] == "unit"
    assert lines["2000001"]["hourly_rate"] == "251.09"  # the adjusted version: 240.00 + 4.62 %
    assert lines["2000002"]["held"]  # no term

    # November issued on each side, by billing's first home, at the same time.
    for s in ("f", "s"):
        homes[s]["bill"].now = ISSUED_AT
        homes[s]["laptop"].now = ISSUED_AT
        ok(homes[s]["bill"]("bill", "--month", "2026-11", "--issue"))
    issued = json.loads(both(*november))
    assert issued["issued"]["by"] == "bill" and issued["issued"]["at"] == ISSUED_AT
    assert issued["lines"] == doc["lines"] and issued["late_changes"] == []

    # Late work on an issued ticket, synced on each side: listed apart, billed in December
    # (bruno's home never saw ana finalize the ticket: he adds November time, and syncs.)
    for s in ("f", "s"):
        bruno = homes[s]["bruno"]
        bruno.now = "2026-12-01T10:00:00-03:00"
        ok(bruno("add", "1000001", "--start", f"{DAY}T15:00", "--end", f"{DAY}T15:30", "--note", "tarde"))
        ok(bruno("sync"))
    late = json.loads(both(*november))
    assert late["lines"] == issued["lines"] and late["totals"] == issued["totals"]
    assert [x["ticket"] for x in late["late_changes"]] == ["1000001"]
    december = json.loads(both("bill", "--month", "2026-12", "--format", "json", "--out", "-"))
    assert [x["ticket"] for x in december["adjustments"]] == ["1000001"]
    assert "3000001" in {x["ticket"] for x in december["lines"]}
    both("bill", "--month", "2026-12", "--format", "csv", "--out", "-")
