"""The parser: a run builds only its command's area, and says what the whole parser says."""

from __future__ import annotations

import argparse

import pytest

from tests.conftest import Cli
from tracker.cli.common import Parser
from tracker.cli.parser import REGISTRY, build_parser, parse_args, register_of


def commands(parser: argparse.ArgumentParser) -> list[str]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return list(sub.choices)


def test_the_registry_names_every_command_of_its_register_function_in_help_order() -> None:
    assert commands(build_parser()) == [name for names, _ in REGISTRY for name in names]
    for names, where in REGISTRY:
        p = Parser(prog="tracker")
        register_of(where)(p.add_subparsers(dest="command", parser_class=Parser))
        assert tuple(commands(p)) == names


@pytest.mark.parametrize(
    "argv",
    [
        ["status", "--json"],
        ["ticket", "add", "1234567", "--customer", "ACME", "--type", "technical", "--term-ref", "T-1"],
        ["review", "--day", "2026-11-03"],
        ["review", "approve", "--day", "2026-11-03", "--consultant", "ana", "--note", "ok"],
        ["bill", "--month", "2026-11", "--format", "xlsx", "--out", "-"],
        ["restore", "backup.db"],
        ["import-from", "watson", "frames", "--map", "project:X=1234567", "--dry-run"],
    ],
)
def test_a_partial_parse_is_the_whole_parsers(argv: list[str]) -> None:
    assert vars(parse_args(argv)) == vars(build_parser().parse_args(argv))


def test_usage_errors_print_the_whole_parsers_usage(cli: Cli) -> None:
    r = cli("status", "--bogus")
    assert r.code == 2 and r.out == ""
    assert "{config,ticket,defect,finalize,start,stop,status,add,log,report,import," in r.err
    assert "unrecognized arguments: --bogus" in r.err
    r = cli("ticket", "add", "1234567")
    assert r.code == 2 and r.err.startswith("usage: tracker ticket add [-h] --customer CUSTOMER")
    assert "the following arguments are required: --customer, --type" in r.err
    r = cli("stats")
    assert r.code == 2 and "invalid choice: 'stats'" in r.err and "desktop-entry" in r.err
    r = cli("ticket", "show", "--help")
    assert r.code == 0 and r.out.startswith("usage: tracker ticket show [-h] [--json] number")
