"""The docs a user of this repository reads: self-contained, and true to the CLI.

README.md and docs/*.md must not send readers to files outside the repository, and
docs/commands.md must name only commands and flags that `tracker --help` lists (its
"Coming" section aside), and document every one that it lists.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMMANDS_MD = ROOT / "docs" / "commands.md"
FORBIDDEN = ("../shared", "PRODUCT.md", "CLI.md")


def _user_docs() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _help(tmp_path: Path, *words: str) -> str:
    env = dict(os.environ, TRACKER_HOME=str(tmp_path / "home"))
    done = subprocess.run(
        [sys.executable, "-m", "tracker", *words, "--help"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _subcommands(help_text: str) -> list[str]:
    """The subcommands a --help lists: its {a,b,c} group, each choice on a line of its own.

    A positional argument with choices (import-from's source) has no such lines.
    """
    found = re.search(r"\{([a-z,-]+)\}", help_text)
    choices = found.group(1).split(",") if found else []
    return [c for c in choices if re.search(rf"^ {{4}}{re.escape(c)}(\s|$)", help_text, re.MULTILINE)]


def _flags(help_text: str) -> set[str]:
    return set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", help_text)) - {"--help"}


def _sections() -> tuple[str, str]:
    """docs/commands.md split at its "Coming" heading: (available, coming)."""
    text = COMMANDS_MD.read_text(encoding="utf-8")
    found = re.search(r"^#+\s*Coming\b.*$", text, flags=re.MULTILINE)
    if found is None:
        return text, ""
    return text[: found.start()], text[found.start() :]


def _heading_commands(text: str) -> list[list[str]]:
    """The command words of each heading naming `tracker ...` (flags and placeholders dropped)."""
    commands = []
    for heading in re.findall(r"^#+\s.*$", text, flags=re.MULTILINE):
        for code in re.findall(r"`tracker(?: ([^`]*))?`", heading):
            words = []
            for word in code.split():
                if not re.fullmatch(r"[a-z][a-z-]*", word):
                    break
                words.append(word)
            if words:
                commands.append(words)
    return commands


@pytest.mark.parametrize("path", _user_docs(), ids=lambda p: p.name)
def test_docs_point_nowhere_outside_the_repository(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for needle in FORBIDDEN:
        assert needle not in text, f"{path.name} mentions {needle}"


def test_the_docs_exist_and_the_readme_links_them() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/rules.md)" in readme
    assert "(docs/commands.md)" in readme
    assert (ROOT / "docs" / "rules.md").is_file()


def test_every_command_in_the_headings_exists(tmp_path: Path) -> None:
    available, _coming = _sections()
    named = _heading_commands(available)
    assert len(named) >= 30, named
    top = _subcommands(_help(tmp_path))
    assert "bill" in top and "review" in top
    subs: dict[str, list[str]] = {}
    for words in named:
        assert words[0] in top, f"`tracker {words[0]}` is not in tracker --help"
        if len(words) > 1:
            if words[0] not in subs:
                subs[words[0]] = _subcommands(_help(tmp_path, words[0]))
            assert words[1] in subs[words[0]], f"`tracker {' '.join(words[:2])}` is not in its --help"


def test_every_command_and_flag_of_the_cli_is_documented(tmp_path: Path) -> None:
    available, coming = _sections()
    headings = _heading_commands(available)
    named = {" ".join(words[:2]) for words in headings} | {words[0] for words in headings}
    whole = available + coming
    top_help = _help(tmp_path)
    for flag in _flags(top_help):
        assert flag in whole, f"tracker {flag} is undocumented"
    for command in _subcommands(top_help):
        text = _help(tmp_path, command)
        leaves = [[command]] + [[command, sub] for sub in _subcommands(text)]
        for words in leaves:
            name = " ".join(words)
            assert name in named or f"tracker {name}" in coming, f"`tracker {name}` is undocumented"
            for flag in sorted(_flags(_help(tmp_path, *words))):
                assert flag in whole, f"{flag} of `tracker {name}` is undocumented"


def test_ci_runs_exactly_the_readmes_test_command_with_its_coverage_floor() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"^python3 -m venv \.venv && .*\.venv/bin/pytest.*$", readme, flags=re.MULTILINE)
    assert found is not None, "the README has no test command"
    command = found.group(0)
    assert "--cov=tracker" in command and "--cov-branch" in command and "--cov-fail-under=95" in command
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == command
    assert "export TRACKER_REQUIRE_POSTGRES=1" in ci
