"""The Linux desktop entry and icon."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tracker import desktop
from tracker.errors import TrackerError


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the desktop entry is for Linux")
def test_the_desktop_entry_and_icon_are_installed_for_the_user(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    written = desktop.install()
    entry = (tmp_path / "applications" / "consultancy-tracker.desktop").read_text()
    assert written[0].name == "consultancy-tracker.desktop"
    assert "Exec=/" in entry and entry.rstrip().endswith("StartupWMClass=tracker")
    assert "Name[pt_BR]" not in entry or "Comment[pt_BR]" in entry
    icon = tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "consultancy-tracker.svg"
    assert icon.read_bytes().lstrip().startswith(b"<")


def test_a_folder_that_cannot_be_written_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(TrackerError, match="cannot write the desktop entry"):
        desktop.install(blocker)


def test_other_systems_are_told_where_to_look(monkeypatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    with pytest.raises(TrackerError, match="README"):
        desktop.install()
