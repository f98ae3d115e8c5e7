"""A shared export laid out as docs/central-export.md says, used by unprivileged accounts.

As root, each test lays out a temp export by running the docs' own Linux commands
(mkdir, chown, chmod, and setfacl where it is installed) for throwaway numeric
accounts; then every app runs as its account (``setpriv``: real uid, gid and groups,
no capabilities) through the real ``tracker`` command, each with a home of its own.
Nothing is added to the system's user database.  Linux only, and only as root.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import NOW, ROOT, ZONE, Result

DOCS = ROOT / "docs" / "central-export.md"
TEAM, READERS = 61000, 61010  # the docs' two groups: everyone; leads and billing
ANA, BRUNO, LEAD = 61001, 61002, 61003
DAY = "2026-11-03"

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="needs Linux, root and setpriv to act as other accounts",
)


def docs_blocks(heading: str) -> list[str]:
    """The ```sh blocks of the docs' section ``heading`` (up to the next heading)."""
    text = DOCS.read_text(encoding="utf-8")
    section = re.split(r"\n##+ ", text.split(f"### {heading}\n", 1)[1], maxsplit=1)[0]
    return re.findall(r"```sh\n(.*?)```", section, flags=re.DOTALL)


def lay_out(export: Path, *lines: str) -> None:
    """Run the docs' layout block, with the test's folder and groups, then ``lines``."""
    block = docs_blocks("A Linux file server")[0]
    script = re.sub(r"^EXPORT=\S+", f"EXPORT={export}", block, flags=re.MULTILINE)
    script = re.sub(r"^TEAM=\S+", f"TEAM={TEAM}", script, flags=re.MULTILINE)
    script = re.sub(r"^READERS=\S+", f"READERS={READERS}", script, flags=re.MULTILINE)
    assert f"EXPORT={export}" in script and f"TEAM={TEAM}" in script and f"READERS={READERS}" in script
    subprocess.run(["bash", "-euc", script + "\n".join(lines)], check=True, cwd="/")


def as_account(uid: int, groups: tuple[int, ...], *command: str, umask: str = "022") -> list[str]:
    """``command`` run as ``uid`` in ``groups`` (the first its primary group), nothing more."""
    ids = [f"--reuid={uid}", f"--regid={groups[0]}", f"--groups={','.join(map(str, groups))}"]
    return ["setpriv", *ids, "--inh-caps=-all", "sh", "-c", f'umask {umask} && exec "$@"', "sh", *command]


def python_for(uid: int, path: str) -> str:
    """An interpreter of this Python's version that ``uid`` may run (root's own may be in /root)."""
    for candidate in (sys.executable, f"/usr/bin/python{sys.version_info[0]}.{sys.version_info[1]}"):
        probe = subprocess.run(
            as_account(uid, (TEAM,), candidate, "-c", "import sqlite3, zoneinfo, tracker.cli"),
            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": path},
            capture_output=True,
        )
        if probe.returncode == 0:
            return candidate
    pytest.skip("no Python this version that an unprivileged account may run")


@dataclass
class Account:
    """One person: an unprivileged account with its own tracker home."""

    uid: int
    groups: tuple[int, ...]
    home: Path
    python: str
    path: str
    umask: str = "022"
    env: dict[str, str] = field(default_factory=dict)

    def __call__(self, *args: str) -> Result:
        env = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(self.home),
            "PYTHONPATH": self.path,
            "PYTHONDONTWRITEBYTECODE": "1",
            "TRACKER_HOME": str(self.home),
            "TRACKER_FAKE_NOW": NOW.isoformat(),
            "TRACKER_TZ": ZONE,
            "LANG": "C.UTF-8",
        }
        command = as_account(self.uid, self.groups, self.python, "-m", "tracker", *args, umask=self.umask)
        done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
        return Result(done.returncode, done.stdout, done.stderr)

    def can_read(self, path: Path) -> bool:
        return (
            subprocess.run(
                as_account(self.uid, self.groups, "cat", str(path)), capture_output=True
            ).returncode
            == 0
        )


@pytest.fixture
def place() -> Iterator[Path]:
    """A temp folder every account can reach (pytest's own is root's alone)."""
    path = Path(tempfile.mkdtemp(prefix="tracker-share-", dir="/tmp"))
    path.chmod(0o755)
    try:
        yield path
    finally:
        shutil.rmtree(path)


@pytest.fixture
def people(place: Path) -> dict[str, Account]:
    path = os.pathsep.join(
        dict.fromkeys([str(ROOT), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    )
    python = python_for(ANA, path)
    found = {}
    for login, uid, groups in (
        ("ana", ANA, (TEAM,)),
        ("bruno", BRUNO, (TEAM,)),
        ("lead1", LEAD, (TEAM, READERS)),
    ):
        home = place / f"home-{login}"
        home.mkdir(mode=0o700)
        os.chown(home, uid, groups[0])
        found[login] = Account(uid, groups, home, python, path)
    return found


@pytest.fixture
def export(place: Path) -> Path:
    return place / "export"


def join(person: Account, login: str, export: Path, role: str = "consultant") -> None:
    for key, value in (("consultant", login), ("export-dir", str(export)), ("role", role)):
        done = person("config", "set", key, value)
        assert done.code == 0, done.err


def batches(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_a_consultant_syncs_into_a_share_laid_out_as_the_docs_say_and_a_lead_reads_it(
    people: dict[str, Account], export: Path
) -> None:
    lay_out(
        export,
        f"add_folder consultants ana {ANA}",
        f"add_folder consultants bruno {BRUNO}",
        f"add_folder consultants lead1 {LEAD}",
        f"add_folder reviews lead1 {LEAD}",
    )
    root_before = {p.name: (p.stat().st_uid, p.stat().st_mode) for p in export.iterdir()}
    ana, bruno, lead = people["ana"], people["bruno"], people["lead1"]
    join(ana, "ana", export)
    assert (
        ana(
            "ticket",
            "add",
            "1234567",
            "--customer",
            "ACME",
            "--type",
            "technical",
            "--term-accepted",
            "2026-11-01",
        ).code
        == 0
    )
    assert ana("add", "1234567", "--start", f"{DAY}T09:00", "--end", f"{DAY}T09:25").code == 0

    done = ana("sync")
    assert done.code == 0, done.err
    mine = export / "consultants" / "ana"
    assert len(batches(mine)) == 2
    for name in batches(mine):
        st = (mine / name).stat()
        assert (st.st_uid, st.st_gid) == (ANA, READERS)  # the setgid folder's group: leads read it
    # The app wrote nothing outside its own folder: the root is as the administrator left it.
    assert {p.name: (p.stat().st_uid, p.stat().st_mode) for p in export.iterdir()} == root_before
    assert (export / "FORMAT").read_text() == "tracker-central-export 1\n"

    join(lead, "lead1", export, role="lead")
    review = lead("review", "--day", DAY, "--consultant", "ana", "--json")
    assert review.code == 0, review.err
    assert [s["seconds"] for s in review.json()["consultants"][0]["sessions"]] == [1500]
    assert lead("review", "approve", "--day", DAY, "--consultant", "ana").code == 0
    done = lead("sync")
    assert done.code == 0, done.err
    assert len(batches(export / "reviews" / "lead1")) == 2
    assert ana("sync").code == 0  # fetches the decision from reviews/lead1

    # Another consultant reads no one's work; the export's readers say so, and never
    # answer with someone left out.
    assert not bruno.can_read(mine / batches(mine)[0])
    assert lead.can_read(mine / batches(mine)[0])
    join(bruno, "bruno", export)
    for command in (
        ("central", "log", "--day", DAY),
        ("review", "--day", DAY),
        ("bill", "--month", "2026-11"),
    ):
        refused = bruno(*command)
        assert refused.code == 1 and refused.out == ""
        assert f"you may not read {export}/consultants/ana" in refused.err
        assert "unexpected" not in refused.err
    assert bruno("sync").code == 0  # the decisions in reviews/ are everyone's to read


def test_work_under_another_login_stays_queued_and_never_blocks_ones_own(
    people: dict[str, Account], export: Path
) -> None:
    lay_out(export, f"add_folder consultants ana {ANA}", f"add_folder consultants bruno {BRUNO}")
    ana = people["ana"]
    join(ana, "bruno", export)  # as if the login had been someone else's for a while
    assert ana("ticket", "add", "1234567", "--customer", "ACME", "--type", "technical").code == 0
    assert ana("add", "1234567", "--start", f"{DAY}T08:00", "--end", f"{DAY}T08:30").code == 0
    assert ana("config", "set", "consultant", "ana").code == 0
    assert ana("add", "1234567", "--start", f"{DAY}T09:00", "--end", f"{DAY}T09:25").code == 0

    done = ana("sync")
    assert done.code == 1
    assert f"{export}/consultants/bruno is read-only for you" in done.err
    assert "while this app is ana's: only bruno may write that folder" in done.err
    assert "Traceback" not in done.err and "unexpected" not in done.err
    assert batches(export / "consultants" / "bruno") == []
    assert len(batches(export / "consultants" / "ana")) == 2  # ana's own batch went
    assert [s["synced"] for s in ana("log", "--day", DAY, "--json").json()] == [True]

    # Every later sync still delivers ana's own work, and still says why bruno's waits.
    assert ana("add", "1234567", "--start", f"{DAY}T10:00", "--end", f"{DAY}T10:10").code == 0
    again = ana("sync")
    assert again.code == 1 and "consultants/bruno" in again.err
    assert len(batches(export / "consultants" / "ana")) == 4
    status = ana("sync", "--json")
    assert status.code == 1 and status.out == ""


def test_a_folder_the_administrator_has_not_made_is_asked_for_and_nothing_is_created(
    people: dict[str, Account], export: Path
) -> None:
    lay_out(export)
    ana = people["ana"]
    join(ana, "ana", export)
    assert ana("ticket", "add", "1234567", "--customer", "ACME", "--type", "technical").code == 0
    done = ana("sync")
    assert done.code == 1
    assert f"you may not create {export}/consultants/ana" in done.err
    assert "administrator" in done.err
    assert batches(export / "consultants") == []


@pytest.mark.skipif(shutil.which("setfacl") is None, reason="setfacl (the acl package) is not installed")
def test_the_docs_default_acl_keeps_batches_readable_under_a_umask_of_077(
    people: dict[str, Account], export: Path
) -> None:
    acl = docs_blocks("A Linux file server")[2]
    assert acl.startswith("setfacl")
    lay_out(export, f"add_folder consultants ana {ANA}", f"add_folder consultants lead1 {LEAD}", acl)
    ana, lead = people["ana"], people["lead1"]
    ana.umask = "077"
    join(ana, "ana", export)
    assert ana("ticket", "add", "1234567", "--customer", "ACME", "--type", "technical").code == 0
    assert ana("add", "1234567", "--start", f"{DAY}T09:00", "--end", f"{DAY}T09:25").code == 0
    assert ana("sync").code == 0
    mine = export / "consultants" / "ana"
    assert {oct((mine / name).stat().st_mode & 0o777) for name in batches(mine)} == {"0o640"}
    join(lead, "lead1", export, role="lead")
    review = lead("review", "--day", DAY, "--consultant", "ana", "--json")
    assert review.code == 0, review.err
    assert json.loads(review.out)["consultants"][0]["recorded_seconds"] == 1500
