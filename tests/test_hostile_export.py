"""A central export that trusts no one (issue 11): what a hostile consultant writes by hand into the share.

Each test starts from a real team's export (tests/hostile_export.py: ana's R$ 100,00 and
R$ 35,00, synced through the CLI), writes what an attacker with write access to the
share would write, and runs the real ``tracker bill``, ``review`` and ``central log``.
Nothing forged reaches the money; everything ignored is reported with its folder,
file, line and field; no file stops the readers.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

import pytest

from tests.hostile_export import (
    Team,
    amounts,
    ana_session,
    build,
    created,
    event,
    ok,
    review,
    session,
    uid,
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Team:
    return build(tmp_path_factory.mktemp("hostile") / "team")


@pytest.fixture
def team(built: Team, tmp_path: Path) -> Team:
    return built.copy(tmp_path / "team")


BASELINE = {"1111111": ("100.00", False), "2222222": ("35.00", False)}


def all_readers(team: Team) -> tuple[dict, dict, dict]:
    """bill, review and central log, each exiting 0; their JSON."""
    doc, _ = team.bill()
    r = team.lead("review", "--day", "2026-11-03", "--json")
    assert r.code == 0, r.err
    log = team.lead("central", "log", "--day", "2026-11-03", "--json")
    assert log.code == 0, log.err
    return doc, r.json(), log.json()


# ----- 1. records count only from their writer's own folder ---------------------------------------


def test_a_session_of_ana_written_in_mallorys_folder_is_refused_and_reported(team: Team) -> None:
    path = team.share.forge(
        "mallory", [session(uid(1), consultant="ana", end="2026-11-03T19:25:00-03:00", seconds=37500)]
    )
    doc, day, log = all_readers(team)
    assert amounts(doc) == BASELINE
    problem = next(p for p in doc["problems"] if "consultants/mallory/" in p)
    assert path.name in problem and "line 1, consultant" in problem and "'ana' is not mallory" in problem
    assert [(s["consultant"], s["seconds"]) for s in log["sessions"]] == [("ana", 1500), ("ana", 600)]
    assert problem in day["problems"] and problem in log["problems"]


@pytest.mark.parametrize(
    "change",
    [
        {"revision": 2, "end": "2026-11-03T19:00:00-03:00", "seconds": 36000},  # R$ 100 becomes R$ 2.400
        {"revision": 2, "deleted": True},  # a tombstone hides ana's work
    ],
)
def test_anas_session_revised_from_mallorys_folder_never_changes_it_and_holds_its_money(
    team: Team, change: dict
) -> None:
    mine = ana_session(team)
    team.share.forge("mallory", [session(mine["uuid"], **change)])
    doc, day, log = all_readers(team)
    line = next(x for x in doc["lines"] if x["ticket"] == "1111111")
    assert (line["amount"], line["recorded_seconds"], line["held"]) == ("100.00", 1500, True)
    assert "two versions" in line["held_reason"]
    assert doc["totals"]["amount"] == "35.00"
    shown = next(s for s in log["sessions"] if s["uuid"] == mine["uuid"])
    assert (shown["seconds"], shown["deleted"], shown["consultant"]) == (1500, False, "ana")
    assert "conflict" in shown["flags"]
    ana = next(c for c in day["consultants"] if c["consultant"] == "ana")
    assert "conflict" in next(s for s in ana["sessions"] if s["uuid"] == mine["uuid"])["flags"]
    assert any(
        mine["uuid"] in p and "came from consultants/mallory/00000001-0badc0de" in p and "belongs to" in p
        for p in doc["problems"]
    )


def test_a_folder_sorting_first_does_not_take_over_a_session(team: Team) -> None:
    """'aaron' is read before 'ana' by a new reader: the session is disputed, not his."""
    mine = ana_session(team)
    team.share.forge(
        "aaron", [session(mine["uuid"], consultant="aaron", end="2026-11-03T19:00:00-03:00", seconds=36000)]
    )
    fresh = team.cli("fatima")
    (fresh.home / "central-cache.db").unlink(missing_ok=True)
    doc, _ = team.bill()
    line = next(x for x in doc["lines"] if x["ticket"] == "1111111")
    assert line["held"] and "two versions" in line["held_reason"]
    assert doc["totals"]["amount"] == "35.00"


def test_a_decision_in_a_consultants_folder_is_refused(team: Team) -> None:
    team.share.forge("ana", [review(uid(7), "ana")], name="00000009-0badc0de")
    doc, _ = team.bill("--approved-only")
    assert doc["lines"] == [] or all(x["sessions"] == 0 for x in doc["lines"])
    assert any(
        "consultants/ana/00000009-0badc0de.jsonl" in p and "does not belong" in p for p in doc["problems"]
    )


# ----- 2. seconds are computed from start and end -------------------------------------------------


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"seconds": -1200}, "seconds"),
        ({"seconds": 10**15}, "seconds"),
        ({"end": "2026-12-03T09:00:00-03:00", "seconds": 2592000}, "seconds"),  # 30 days
        ({"end": "2026-12-03T09:00:00-03:00", "seconds": 86400}, "longer than 24 h"),
        ({"seconds": 6000}, "start to end is 1500"),  # the line would grow fourfold
        ({"end": "2026-11-03T08:00:00-03:00", "seconds": 3600}, "not after the start"),
    ],
)
def test_a_session_whose_seconds_are_not_its_start_to_end_rejects_its_batch(
    team: Team, change: dict, words: str
) -> None:
    ana = ana_session(team)
    team.share.forge("ana", [session(uid(2), consultant="ana", **change)], name="00000009-0badc0de")
    doc, _ = team.bill()
    assert amounts(doc) == BASELINE
    problem = next(p for p in doc["problems"] if "00000009-0badc0de" in p)
    assert "consultants/ana/00000009-0badc0de.jsonl" in problem and "line 1" in problem and words in problem
    assert ana["seconds"] == 1500


# ----- 3. decisions only from a lead's own folder, and from leads the roles file lists ------------


def approved_only(team: Team) -> dict:
    return team.bill("--approved-only")[0]


def test_decisions_count_only_from_their_leads_folder_and_the_roles_file(team: Team) -> None:
    share = team.share
    share.forge("mallory", [review(uid(3), "mallory")], area="reviews")  # a lead to nobody
    share.forge("lead1", [review(uid(4), "mallory")], area="reviews", name="00000002-0badc0de")
    share.forge("mallory", [review(uid(5), "lead1")], area="reviews", name="00000003-0badc0de")
    (share.root / "roles.json").write_text(json.dumps({"lead": ["lead1"], "billing": ["fatima"]}))
    doc = approved_only(team)
    assert all(x["sessions"] == 0 for x in doc["lines"]) and doc["totals"]["amount"] == "0.00"
    text = "\n".join(doc["problems"])
    assert "decisions by mallory are ignored: roles.json does not list mallory as a lead" in text
    assert "reviews/lead1/00000002-0badc0de.jsonl" in text and "line 1, lead: 'mallory' is not lead1" in text
    assert "reviews/mallory/00000003-0badc0de.jsonl" in text and "'lead1' is not mallory" in text
    # The real lead approves: now the day counts.
    ok(team.lead("review", "approve", "--day", "2026-11-03", "--consultant", "ana"))
    ok(team.lead("sync"))
    assert amounts(approved_only(team)) == BASELINE


def test_without_a_roles_file_every_leads_folder_counts_and_a_broken_one_counts_none(team: Team) -> None:
    team.share.forge("lead2", [review(uid(6), "lead2")], area="reviews")
    assert amounts(approved_only(team)) == BASELINE
    (team.share.root / "roles.json").write_text('{"lead": "lead2"}')
    doc = approved_only(team)
    assert doc["totals"]["amount"] == "0.00"
    assert any("roles.json" in p and "no decision counts" in p for p in doc["problems"])


# ----- 4. one bad record rejects its batch, never the readers -------------------------------------

NESTED = (
    '{"at":"2026-11-04T08:00:00-03:00","consultant":"ana","event":"created","kind":"ticket_event","payload":'
    + "[" * 30_000
    + "]" * 30_000
    + f',"revision":1,"ticket":"1111111","uuid":"{uid(22)}"}}'
)
TWO = json.dumps(session(uid(38), consultant="ana")) + "," + json.dumps(session(uid(39), consultant="ana"))

BAD = [
    # (what, the record (or line), the field named)
    ("seconds Infinity", '{"kind":"session","seconds":Infinity}', "malformed"),
    ("an integer over 2^63", session(uid(20), consultant="ana", revision=2**63), "revision"),
    ("a uuid that is a number", session(5, consultant="ana"), "uuid"),
    ("a day that is a number", session(uid(21), consultant="ana", day=20261103), "day"),
    ("deeply nested JSON", NESTED, "nested too deeply"),
    (
        "an event on 30 February",
        event(uid(23), "finalized", {"at": "2026-02-30T10:00:00-03:00"}, consultant="ana"),
        "payload.at",
    ),
    ("a time without offset", session(uid(24), consultant="ana", start="2026-11-03T09:00:00"), "start"),
    ("a time with a space", session(uid(19), consultant="ana", start="2026-11-03 09:00:00-03:00"), "start"),
    ("an unknown type", session(uid(25), consultant="ana", type="premium"), "type"),
    (
        "a defect without kind",
        event(
            uid(26),
            "defect_flagged",
            {"note": "", "published": False, "ref": "X", "uuid": uid(27)},
            consultant="ana",
        ),
        "kind",
    ),
    (
        "a customer that is a list",
        event(uid(28), "created", created(customer=["ACME"]), consultant="ana"),
        "payload.customer",
    ),
    (
        "a customer that is a number",
        event(uid(29), "created", created(customer=42), consultant="ana"),
        "payload.customer",
    ),
    (
        "a control character in a customer",
        event(uid(30), "created", created(customer="ACME\u001b[31m"), consultant="ana"),
        "control characters",
    ),
    ('"deleted": "false"', session(uid(31), consultant="ana", deleted="false"), "deleted"),
    ("an unknown kind", {"kind": "rate", "uuid": uid(32), "revision": 1}, "kind"),
    ("a flag the app never writes", session(uid(33), consultant="ana", flags=["conflict"]), "flags"),
    ("a day that is not the start's", session(uid(34), consultant="ana", day="2026-11-02"), "day"),
    ("a ticket with a space", session(uid(35), consultant="ana", ticket="111 1111"), "ticket"),
    ("an unknown field", session(uid(36), consultant="ana", billed=True), "unknown field"),
    ("a note of 3000 characters", session(uid(37), consultant="ana", note="x" * 3000), "note"),
    ("two records on one line", TWO, "more than one record"),
    ("bytes that are not UTF-8", b'{"kind":"session","note":"\xff\xfe"}', "UTF-8"),
]


def test_no_bad_record_stops_a_reader_each_rejects_only_its_batch(team: Team) -> None:
    names = {}
    for n, (what, record, _field) in enumerate(BAD, start=10):
        name = f"000000{n:02d}-0badc0de"
        kinds = {"ticket_event": 1} if "event" in str(record) else {"session": 1}
        team.share.forge("ana", [record], name=name, kinds=kinds)
        names[name] = what
    doc, day, log = all_readers(team)
    assert amounts(doc) == BASELINE
    assert len(log["sessions"]) == 2
    for n, (what, _record, field) in enumerate(BAD, start=10):
        found = [p for p in doc["problems"] if f"consultants/ana/000000{n:02d}-0badc0de.jsonl" in p]
        assert len(found) == 1, what
        assert field in found[0], (what, found[0])
        assert found[0] in day["problems"] and found[0] in log["problems"], what


def test_a_manifest_that_cannot_be_trusted_rejects_its_batch(team: Team) -> None:
    good = session(uid(40), consultant="ana")
    share = team.share
    share.forge("ana", [good], name="00000041-0badc0de", created_at="yesterday")
    share.forge("ana", [good], name="00000042-0badc0de", format=2)
    share.forge("ana", [good], name="00000043-0badc0de", consultant="bruno")
    share.forge("ana", [good], name="00000044-0badc0de", extra="x")
    share.forge("ana", [good], name="00000045-0badc0de", kinds={"ticket_event": 1})
    share.forge("ana", [good], name="00000046-0badc0de", batch="00000001-00000000")
    doc, _ = team.bill()
    assert amounts(doc) == BASELINE
    text = "\n".join(doc["problems"])
    for n, words in (
        (41, "created_at"),
        (42, "not a format this app reads"),
        (43, "names bruno"),
        (44, "unknown field"),
        (45, "kinds"),
        (46, "file: is not the batch's file"),
    ):
        assert f"00000{n}-0badc0de.jsonl" in text and words in text, words


# ----- 5. conflicts hold money --------------------------------------------------------------------


def test_the_same_uuid_and_revision_with_other_content_holds_the_line(team: Team) -> None:
    mine = ana_session(team)
    team.share.forge(
        "ana", [dict(mine, end="2026-11-03T19:00:00-03:00", seconds=36000)], name="00000000-0badc0de"
    )
    doc, day, _ = all_readers(team)
    line = next(x for x in doc["lines"] if x["ticket"] == "1111111")
    assert line["held"] and "two versions" in line["held_reason"]
    assert doc["totals"]["amount"] == "35.00"
    assert any("differs between" in p for p in doc["problems"])
    ana = next(c for c in day["consultants"] if c["consultant"] == "ana")
    assert "conflict" in next(s for s in ana["sessions"] if s["uuid"] == mine["uuid"])["flags"]


def test_ticket_facts_that_disagree_between_consultants_hold_the_line(team: Team) -> None:
    """mallory says, earlier than ana, that a unit pays for ana's ticket."""
    team.share.forge(
        "mallory",
        [
            event(
                uid(50),
                "created",
                created(bill_to_unit="FR-666", customer="Outra"),
                at="2026-11-01T08:00:00-03:00",
            )
        ],
    )
    doc, day, _ = all_readers(team)
    line = next(x for x in doc["lines"] if x["ticket"] == "1111111")
    assert line["held"] and "customer, bill_to_unit: ana, mallory" in line["held_reason"]
    assert [p["bill_to"] for p in doc["totals"]["by_party"]] == ["Beta"]
    ana = next(c for c in day["consultants"] if c["consultant"] == "ana")
    assert all("ticket_disagrees" in s["flags"] for s in ana["sessions"] if s["ticket"] == "1111111")


# ----- 7. a missing export is an error, never an empty one ----------------------------------------


@pytest.mark.parametrize("how", ["gone", "unmounted"])
def test_a_missing_export_is_an_error_and_never_stale_totals(team: Team, how: str) -> None:
    team.bill()  # a cache from an earlier read
    share = team.share.root
    for p in sorted(share.rglob("*"), reverse=True):
        p.unlink() if not p.is_dir() else p.rmdir()
    if how == "gone":
        share.rmdir()
    for r in (
        team.billing("bill", "--month", "2026-11", "--format", "json"),
        team.lead("review", "--day", "2026-11-03"),
        team.lead("central", "log", "--day", "2026-11-03"),
    ):
        assert r.code == 1, r.out
        assert str(share) in r.err and "Traceback" not in r.err
        assert r.out == ""


# ----- 10. the reader's own safety ----------------------------------------------------------------


def test_the_cache_is_private_to_its_owner(team: Team) -> None:
    team.bill()
    home = team.billing.home
    for name in ("central-cache.db", "central-cache.db-wal", "central-cache.db-shm"):
        if (home / name).exists():
            assert stat.S_IMODE((home / name).stat().st_mode) == 0o600, name


def test_links_and_special_files_are_never_followed_nor_opened(team: Team) -> None:
    mallory = team.share.root / "consultants" / "mallory"
    mallory.mkdir(parents=True)
    (mallory / "00000001-0badc0de.jsonl").symlink_to("/etc/passwd")
    (mallory / "00000001-0badc0de.manifest.json").symlink_to("/etc/hostname")
    os.mkfifo(mallory / "00000002-0badc0de.jsonl")
    os.mkfifo(mallory / "00000002-0badc0de.manifest.json")
    (team.share.root / "consultants" / "eve").symlink_to("/etc")
    doc, err = team.bill()
    assert amounts(doc) == BASELINE
    text = "\n".join(doc["problems"])
    assert "consultants/mallory/00000001-0badc0de.jsonl: a symbolic link; never followed" in text
    assert "consultants/mallory/00000002-0badc0de.jsonl: not a regular file" in text
    assert "consultants/eve: not a folder (a link?)" in text
    assert "root:" not in text + err


def test_a_rejected_batch_is_remembered_by_size_and_time_and_read_again_once_changed(team: Team) -> None:
    bad = session(
        uid(60),
        consultant="ana",
        seconds=6000,
        start="2026-11-03T11:00:00-03:00",
        end="2026-11-03T11:25:00-03:00",
    )
    path = team.share.forge("ana", [bad], name="00000009-0badc0de")
    first = [p for p in team.bill()[0]["problems"] if "00000009" in p]
    assert len(first) == 1 and "line 1, seconds" in first[0]
    # Same size and time, other bytes (a valid session, padded): not read again, reported as before.
    good = json.dumps(dict(bad, seconds=1500), sort_keys=True, separators=(",", ":")).encode()
    before = path.stat()
    path.write_bytes(good + b" " * (before.st_size - len(good) - 1) + b"\n")
    assert path.stat().st_size == before.st_size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    doc, _ = team.bill()
    assert [p for p in doc["problems"] if "00000009" in p] == first
    assert amounts(doc) == BASELINE
    # Touched (a new time): read again, and now it counts, once its manifest matches.
    manifest = path.with_name("00000009-0badc0de.manifest.json")
    doc_m = json.loads(manifest.read_text())
    doc_m["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    manifest.write_text(json.dumps(doc_m))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 10**9))
    doc, _ = team.bill()
    assert not [p for p in doc["problems"] if "00000009" in p]
    assert amounts(doc)["1111111"] == ("200.00", False)


def test_a_huge_file_is_refused_without_being_read(team: Team) -> None:
    path = team.share.forge("ana", [session(uid(61), consultant="ana")], name="00000009-0badc0de")
    with open(path, "r+b") as fh:
        fh.truncate(2 * 1024**3)  # sparse: 2 GB that takes no disk
    doc, _ = team.bill()
    assert any("00000009-0badc0de.jsonl" in p and "over the" in p for p in doc["problems"])
    assert amounts(doc) == BASELINE


def test_terminal_escapes_in_names_are_printed_escaped(team: Team) -> None:
    (team.share.root / "consultants" / "\x1b[2Jevil").mkdir(parents=True)
    (team.share.root / "consultants" / "ana" / "\x1b]0;owned\x07.jsonl").write_text("{}\n")
    for r in (
        team.lead("central", "log", "--day", "2026-11-03"),
        team.lead("review", "--day", "2026-11-03"),
        team.billing("bill", "--month", "2026-11", "--format", "csv"),
    ):
        assert r.code == 0, r.err
        assert "\x1b" not in r.err + r.out and "\x07" not in r.err
        assert "\\x1b[2Jevil" in r.err and "\\x1b]0;owned\\x07.jsonl" in r.err


def test_many_problems_are_summed_up_on_stderr_and_listed_whole_in_json(team: Team) -> None:
    folder = team.share.root / "consultants" / "ana"
    for n in range(30):
        (folder / f"copy {n}.jsonl").write_text("{}\n")
    r = team.lead("review", "--day", "2026-11-03", "--json")
    assert r.code == 0
    assert len([p for p in r.json()["problems"] if "copy " in p]) == 30
    assert "more problems in the export; tracker review --json lists them all" in r.err
    assert r.err.count("warning:") == 21


def test_a_batch_gone_after_it_was_read_is_reported(team: Team) -> None:
    team.bill()
    for path in (team.share.root / "consultants" / "ana").iterdir():
        path.unlink()
    doc, _ = team.bill()
    assert any("now gone from the export" in p for p in doc["problems"])


def test_a_batch_rewritten_in_place_after_it_was_read_holds_the_line(team: Team) -> None:
    """ana's own batch, read (and maybe approved) before, then rewritten with a new manifest."""
    team.bill()
    folder = team.share.root / "consultants" / "ana"
    data = next(p for p in sorted(folder.glob("*.jsonl")) if b'"kind":"session"' in p.read_bytes())
    changed = data.read_bytes().replace(
        b'"end":"2026-11-03T09:25:00-03:00"', b'"end":"2026-11-03T19:00:00-03:00"'
    )
    changed = changed.replace(b'"seconds":1500', b'"seconds":36000')
    data.write_bytes(changed)
    manifest = data.with_name(data.name.replace(".jsonl", ".manifest.json"))
    doc_m = json.loads(manifest.read_text())
    doc_m["sha256"] = hashlib.sha256(changed).hexdigest()
    manifest.write_text(json.dumps(doc_m))
    doc, _ = team.bill()
    line = next(x for x in doc["lines"] if x["ticket"] == "1111111")
    assert line["held"] and line["recorded_seconds"] == 1500 and doc["totals"]["amount"] == "35.00"
