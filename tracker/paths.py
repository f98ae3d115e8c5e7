"""Where the local data lives.  Resolved when a command runs, never at import."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "consultancy-tracker"


def data_home() -> Path:
    """``TRACKER_HOME`` when set, else the platformdirs user data folder."""
    forced = os.environ.get("TRACKER_HOME")
    if forced:
        return Path(forced).expanduser()
    # Asked only here: platformdirs brings tempfile and random along.
    from platformdirs import PlatformDirs

    return Path(PlatformDirs(APP_NAME, appauthor=False).user_data_dir)


def default_export_dir(home: Path) -> Path:
    return home / "central-export"
