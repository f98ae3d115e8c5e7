"""Shared fixtures: a real SQLite file in a temp folder, a fixed clock, the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

# Qt runs headless in every test; set before any Qt module loads.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tracker.app import Tracker  # noqa: E402
from tracker.clock import FixedClock  # noqa: E402
from tracker.store import Store, open_store  # noqa: E402

# The PostgreSQL server's fixtures (pg_cluster, pg_url, central).
pytest_plugins = ["tests.conftest_pg"]

ROOT = Path(__file__).resolve().parent.parent
ZONE = "America/Sao_Paulo"
NOW = datetime.fromisoformat("2026-11-03T15:00:00-03:00")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW, ZONE)


_open: list[Store] = []


@pytest.fixture
def store(home: Path) -> Iterator[Store]:
    s = open_store(home)
    _open.append(s)
    yield s


@pytest.fixture(autouse=True)
def _close_stores() -> Iterator[None]:
    """Close every database a test opened, as sqlite-utils' own suite does."""
    yield
    while _open:
        _open.pop().close()


@pytest.fixture
def warnings_seen() -> list[str]:
    return []


@pytest.fixture
def app(store: Store, clock: FixedClock, home: Path, warnings_seen: list[str]) -> Tracker:
    tracker = Tracker(store, clock, home, warn=warnings_seen.append)
    tracker.settings.set("consultant", "ana")
    return tracker


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@dataclass
class Cli:
    """Runs the real ``tracker`` command in a subprocess, with a fixed clock."""

    home: Path
    now: str = NOW.isoformat()
    zone: str = ZONE

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(TRACKER_HOME=str(self.home), TRACKER_FAKE_NOW=self.now, TRACKER_TZ=self.zone)
        env.pop("QT_QPA_PLATFORM", None)
        return env

    def __call__(self, *args: str, timeout: float = 60) -> Result:
        proc = subprocess.run(
            [sys.executable, "-m", "tracker", *args],
            capture_output=True, text=True, env=self.env(), timeout=timeout, cwd=ROOT,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def cli(home: Path) -> Cli:
    return Cli(home)


def share_home(
    root: Path, share: Path, login: str, role: str = "consultant", now: str = NOW.isoformat()
) -> Cli:
    """The home of ``login`` (``root/login``) syncing into the folder export ``share``, as ``role``."""
    cli = Cli(root / login, now=now)
    for key, value in (("consultant", login), ("export-dir", str(share)), ("role", role)):
        r = cli("config", "set", key, value)
        assert r.code == 0, r.err
    return cli
