"""The Linux desktop entry and icon, installed for the current user (XDG folders)."""

from __future__ import annotations

import os
import shutil
import sys
from importlib import resources
from pathlib import Path

from tracker.errors import TrackerError
from tracker.i18n import _

ENTRY = "consultancy-tracker.desktop"
ICON = "consultancy-tracker.svg"


def xdg_data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def tracker_command() -> str:
    """The absolute path of the ``tracker`` command that runs this code."""
    found = shutil.which("tracker")
    if found:
        return found
    return str(Path(sys.executable).with_name("tracker"))


def install(data_home: Path | None = None) -> list[Path]:
    """Write the desktop entry and the icon; returns the files written."""
    if not sys.platform.startswith("linux"):
        raise TrackerError(_("the desktop entry is for Linux; see the README for Windows and macOS"))
    base = data_home or xdg_data_home()
    files = resources.files("resources")
    entry = files.joinpath(ENTRY).read_text(encoding="utf-8")
    entry = entry.replace("Exec=tracker", f"Exec={tracker_command()}")
    apps = base / "applications"
    icons = base / "icons" / "hicolor" / "scalable" / "apps"
    try:
        apps.mkdir(parents=True, exist_ok=True)
        icons.mkdir(parents=True, exist_ok=True)
        (apps / ENTRY).write_text(entry, encoding="utf-8")
        (icons / ICON).write_bytes(files.joinpath("icon.svg").read_bytes())
    except OSError as exc:
        raise TrackerError(
            _("cannot write the desktop entry under {folder}: {error}").format(
                folder=base, error=exc.strerror or exc
            )
        ) from exc
    return [apps / ENTRY, icons / ICON]
