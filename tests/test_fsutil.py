"""One safe-write rule for every writer: whole or nothing, and devices stay devices."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tracker.fsutil import atomic_text, atomic_write, install, temp_beside


def test_atomic_write_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")
    with atomic_text(target, newline="") as fh:
        fh.write("new;1\r\n")
    assert target.read_bytes() == b"new;1\r\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_a_failed_write_leaves_the_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_write(target) as fh:
        fh.write(b"half")
        raise RuntimeError("writer failed")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_dev_null_stays_a_character_device() -> None:
    with atomic_write(Path("/dev/null")) as fh:
        fh.write(b"statement")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_named_pipe_is_written_directly(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        with atomic_text(fifo) as fh:
            fh.write("linha\n")
        assert os.read(reader, 100) == b"linha\n"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_install_moves_a_finished_temp_into_place_or_copies_into_a_device(tmp_path: Path) -> None:
    target = tmp_path / "tracker.db"
    tmp = temp_beside(target)
    tmp.write_bytes(b"SQLite")
    install(tmp, target)
    assert target.read_bytes() == b"SQLite" and not tmp.exists()
    tmp.write_bytes(b"SQLite")
    install(tmp, Path("/dev/null"))
    assert not tmp.exists()
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
