"""The read cache: a first read (a bulk load) and reads batch by batch keep exactly the same.

The same export is read twice: once whole by a new reader, once by a reader that
refreshes after each batch lands.  Revisions, copies, two versions of one revision and
a session taken from another consultant's folder must come out the same either way.
"""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

from tests.hostile_export import Share, session, uid
from tracker.central.folder import FolderCentral

FORMAT = "tracker-central-export 1\n"


def _batches(share: Share) -> list[tuple[str, list[dict], str]]:
    """(folder, records, name), in the order they land."""
    a, b, c = uid(1), uid(2), uid(3)
    return [
        (
            "ana",
            [
                session(a, "ana"),
                session(b, "ana", start="2026-11-03T10:00:00-03:00", end="2026-11-03T10:25:00-03:00"),
            ],
            "00000001-aaaaaaaa",
        ),
        (
            "ana",
            [session(a, "ana", revision=2, end="2026-11-03T09:40:00-03:00", seconds=2400)],
            "00000002-aaaaaaaa",
        ),
        ("ana", [session(a, "ana")], "00000003-aaaaaaaa"),  # an old revision again: changes nothing
        ("ana", [session(b, "ana", note="other")], "00000004-aaaaaaaa"),  # a second version of revision 1
        (
            "bruno",
            [session(c, "bruno", start="2026-11-03T11:00:00-03:00", end="2026-11-03T11:25:00-03:00")],
            "00000001-bbbbbbbb",
        ),
        ("mallory", [session(a, "mallory", revision=3, deleted=True)], "00000001-cccccccc"),
        (
            "ana",
            [
                session(
                    b,
                    "ana",
                    revision=2,
                    note="fixed",
                    start="2026-11-03T10:00:00-03:00",
                    end="2026-11-03T10:25:00-03:00",
                )
            ],
            "00000005-aaaaaaaa",
        ),
    ]


def _state(root: Path, cache: Path) -> tuple[list, list]:
    with FolderCentral(root, cache) as central:
        central.refresh()
        sessions = central.sessions_between("2026-11-03", "2026-11-03")
        return [(s["uuid"], s["revision"], s["seconds"], s["note"], s["flags"]) for s in sessions], sorted(
            central.conflicts()
        )


def test_a_first_read_and_reads_batch_by_batch_agree(tmp_path: Path) -> None:
    whole, step = tmp_path / "whole", tmp_path / "step"
    for root in (whole, step):
        root.mkdir()
        (root / "FORMAT").write_text(FORMAT)
    batches = _batches(Share(whole))
    for folder, records, name in batches:
        Share(whole).forge(folder, records, name=name)
    for folder, records, name in batches:
        Share(step).forge(folder, records, name=name)
        _state(step, tmp_path / "step.db")  # the same reader, refreshed after each batch
    # Both exports hold the same files now; only the way they were read differs.
    shutil.rmtree(step)
    shutil.copytree(whole, step)
    first = _state(whole, tmp_path / "whole.db")
    later = _state(step, tmp_path / "step.db")
    assert first[0] == later[0]
    assert [c.replace("/whole", "") for c in first[1]] == [c.replace("/step", "") for c in later[1]]
    sessions = {s[0]: s for s in first[0]}
    assert sessions[uid(1)] == (
        uid(1),
        2,
        2400,
        "",
        ["conflict"],
    )  # ana's revision 2; mallory's tombstone ignored
    assert sessions[uid(2)] == (uid(2), 2, 1500, "fixed", [])  # the later revision settles the conflict
    assert sessions[uid(3)][1:4] == (1, 1500, "")
    assert len(first[1]) == 2 and any("belongs to" in c for c in first[1])


def test_an_interrupted_first_read_is_thrown_away_and_read_again(tmp_path: Path) -> None:
    root = tmp_path / "share"
    root.mkdir()
    (root / "FORMAT").write_text(FORMAT)
    Share(root).forge("ana", [session(uid(1), "ana")], name="00000001-aaaaaaaa")
    cache = tmp_path / "cache.db"
    with FolderCentral(root, cache) as central:
        central.refresh()
        conn = central.cache.conn
        with conn:
            conn.execute("INSERT INTO meta VALUES ('building', '1')")  # as a crash mid-read leaves it
            conn.execute("DELETE FROM sessions")
    with FolderCentral(root, cache) as central:
        central.refresh()
        assert [s["uuid"] for s in central.sessions_between("2026-11-03", "2026-11-03")] == [uid(1)]
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
