"""``tracker config``: the settings."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from tracker.cli.common import on_context
from tracker.cli.output import print_json
from tracker.config import KEYS
from tracker.context import Context

if TYPE_CHECKING:  # pragma: no cover
    from tracker.cli.common import Subparsers


def register(sub: Subparsers) -> None:
    config = sub.add_parser("config", help="settings").add_subparsers(dest="action", required=True)
    c = config.add_parser(
        "set",
        help="set a setting",
        description="Store one setting and print it back.",
        epilog=keys_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    c.add_argument("key", metavar="KEY", help="one of the keys below")
    c.add_argument("value", metavar="VALUE")
    c.set_defaults(func=config_set)
    c = config.add_parser("get", help="show settings")
    c.add_argument("key", nargs="?")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=config_get)


def keys_help() -> str:
    """The keys ``config set`` takes, one a line with what it holds."""
    width = max(len(name) for name in KEYS) + 2
    lines = [f"  {name:<{width}}{key.help}" for name, key in KEYS.items()]
    return "keys:\n" + "\n".join(lines)


@on_context
def config_set(ctx: Context, args: argparse.Namespace) -> int:
    value = ctx.settings.set(args.key, args.value)
    print(f"{args.key} = {value}")
    return 0


@on_context
def config_get(ctx: Context, args: argparse.Namespace) -> int:
    values = {args.key: ctx.settings.get(args.key)} if args.key else ctx.settings.all()
    if args.json:
        print_json(values)
    elif args.key:
        print(values[args.key])
    else:
        for key, value in values.items():
            print(f"{key} = {value}")
    return 0
