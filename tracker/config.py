"""Settings kept in the local database: who the consultant is, and where the export goes."""

import functools
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from tracker.errors import BadInput
from tracker.i18n import _
from tracker.model import Role
from tracker.paths import default_export_dir
from tracker.server_url import FOLDER, clean_central
from tracker.store import Store
from tracker.store import settings as stored_settings
from tracker.validate import LOGIN_RE, UNIT_RE, clean_login, clean_text
from tracker.workweek import format_days, parse_work_days, parse_work_hours

__all__ = [
    "DEFAULT_PRODUCTS",
    "KEYS",
    "LOGIN_RE",
    "UNIT_RE",
    "Key",
    "Settings",
    "os_login",
]

SERVER_SCHEMES = ("postgresql://", "postgres://")


MAX_PATH = 1000  # characters of the export folder's path

# Products the paid consultancy is offered for; a ticket naming another one is warned.
DEFAULT_PRODUCTS = ("Protheus", "RM", "Datasul", "Logix")


def os_login() -> str:
    """The OS user's name as a login (the default consultant), worked out once per user name."""
    return _login_of(*(os.environ.get(name) for name in ("LOGNAME", "USER", "LNAME", "USERNAME")))


@functools.cache
def _login_of(*_names: str | None) -> str:
    import getpass  # only a home whose consultant was never set asks the OS

    try:
        name = getpass.getuser()
    except Exception:  # pragma: no cover - no user name on this host
        name = "consultant"
    cleaned = re.sub(r"[^A-Za-z0-9._@-]", "", name)[:64].lstrip(".@-").rstrip(".")
    try:
        return clean_login(cleaned)
    except BadInput:
        return "consultant"


def _login(value: str) -> str:
    return clean_login(value, "consultant")


def _name(value: str) -> str:
    return clean_text(value, "name", limit=200)


def _role(value: str) -> str:
    value = value.strip().lower()
    try:
        return Role(value).value
    except ValueError:
        raise BadInput(
            "role", _("'{value}' is not a role; use consultant, lead or billing").format(value=value)
        ) from None


def _unit(value: str) -> str:
    value = value.strip()
    if value and not UNIT_RE.match(value):
        raise BadInput(
            "unit", _("'{value}' is not a unit code; use letters, digits or . _ / -").format(value=value)
        )
    return value


def _export_dir(value: str) -> str:
    value = clean_text(value, "export-dir", limit=MAX_PATH)
    if not value:
        raise BadInput("export-dir", _("is empty; give the folder of the central export"))
    try:
        return str(Path(value).expanduser().absolute())
    except RuntimeError:  # ~name of a user this machine does not know
        raise BadInput(
            "export-dir", _("'{value}' names a home folder this machine does not know").format(value=value)
        ) from None


def _products(value: str) -> str:
    items = [clean_text(p, "products", limit=100) for p in value.split(",") if p.strip()]
    return ",".join(dict.fromkeys(items))


def _number(name: str, low: int, high: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        try:
            number = int(value.strip())
        except ValueError:
            raise BadInput(name, _("'{value}' is not a whole number").format(value=value)) from None
        if not low <= number <= high:
            raise BadInput(
                name, _("{value} is outside {low}..{high}").format(value=number, low=low, high=high)
            )
        return str(number)

    return check


def _work_hours(value: str) -> str:
    start, end = parse_work_hours(value)
    return f"{start:%H:%M}-{end:%H:%M}"


def _work_days(value: str) -> str:
    return format_days(parse_work_days(value))


def _choice(name: str, options: tuple[str, ...]) -> Callable[[str], str]:
    def check(value: str) -> str:
        text = value.strip()
        if text not in options:
            raise BadInput(
                name, _("'{value}' is not one of {options}").format(value=value, options=", ".join(options))
            )
        return text

    return check


class Key(NamedTuple):
    name: str
    help: str
    check: Callable[[str], str]


KEYS: dict[str, Key] = {
    k.name: k
    for k in (
        Key("consultant", "your login; defaults to the operating system's user name", _login),
        Key("name", "your full name", _name),
        Key("role", "consultant, lead or billing", _role),
        Key("unit", "your own unit code; empty for the vendor's staff", _unit),
        Key("export-dir", "the folder of the central billing export", _export_dir),
        Key(
            "central",
            "folder (the export-dir folder) or a PostgreSQL server: postgresql://HOST[:PORT]/DB",
            clean_central,
        ),
        Key("products", "comma-separated products enabled for consultancy", _products),
        Key(
            "long-session-hours",
            "a session or timer longer than this is flagged (default 10)",
            _number("long-session-hours", 1, 24),
        ),
        Key(
            "sleep-gap-minutes",
            "a heartbeat gap longer than this is a sleep gap (default 15)",
            _number("sleep-gap-minutes", 2, 24 * 60),
        ),
        Key("work-hours", "working hours, for the no-timer reminder (default 08:00-18:00)", _work_hours),
        Key("work-days", "working days, for the no-timer reminder (default mon-fri)", _work_days),
        Key(
            "remind-running-hours",
            "remind when a timer runs longer than this (default 4)",
            _number("remind-running-hours", 1, 24),
        ),
        Key(
            "remind-unsynced-days",
            "remind when sessions wait longer than this to sync (default 2)",
            _number("remind-unsynced-days", 1, 60),
        ),
        Key(
            "idle-minutes",
            "ask about idle time longer than this while a timer runs (default 10)",
            _number("idle-minutes", 1, 240),
        ),
        Key(
            "language", "system, pt_BR or en (default system)", _choice("language", ("system", "pt_BR", "en"))
        ),
        Key(
            "close-to-tray",
            "yes: closing the window leaves the app in the tray (default yes)",
            _choice("close-to-tray", ("yes", "no")),
        ),
    )
}


# The defaults that depend on nothing; the consultant's (the OS login) and the export
# folder's (inside the data folder) are worked out by Settings.default_of when asked.
FIXED_DEFAULTS = {
    "name": "",
    "role": Role.CONSULTANT.value,
    "unit": "",
    "central": FOLDER,
    "products": ",".join(DEFAULT_PRODUCTS),
    "long-session-hours": "10",
    "sleep-gap-minutes": "15",
    "work-hours": "08:00-18:00",
    "work-days": "mon,tue,wed,thu,fri",
    "remind-running-hours": "4",
    "remind-unsynced-days": "2",
    "idle-minutes": "10",
    "language": "system",
    "close-to-tray": "yes",
}


class Settings:
    def __init__(self, store: Store, home: Path) -> None:
        self.store = store
        self.home = home

    def _stored(self) -> dict[str, str]:
        return stored_settings.stored(self.store)

    def default_of(self, key: str) -> str:
        """What ``key`` is while it was never set."""
        if key == "consultant":
            return os_login()
        if key == "export-dir":
            return str(default_export_dir(self.home))
        return FIXED_DEFAULTS[key]

    def defaults(self) -> dict[str, str]:
        return {key: self.default_of(key) for key in KEYS}

    def all(self) -> dict[str, str]:
        """Every setting, stored or default (a default worked out only when not stored)."""
        stored = self._stored()
        values = {key: stored[key] if key in stored else self.default_of(key) for key in KEYS}
        for key, value in stored.items():
            values.setdefault(key, value)
        return values

    def get(self, key: str) -> str:
        """One setting: its stored value, else its default (one row read, nothing else worked out)."""
        if key not in KEYS:
            raise BadInput(
                "key", _("'{key}' is not a setting; use one of {keys}").format(key=key, keys=", ".join(KEYS))
            )
        value = stored_settings.value_of(self.store, key)
        return self.default_of(key) if value is None else value

    def set_many(self, values: dict[str, str]) -> dict[str, str]:
        """Check every value first, then store them all in one transaction; nothing is
        written when one is refused (BadInput names its key)."""
        unknown = [k for k in values if k not in KEYS]
        if unknown:
            raise BadInput(
                "key",
                _("'{key}' is not a setting; use one of {keys}").format(key=unknown[0], keys=", ".join(KEYS)),
            )
        checked = {key: KEYS[key].check(value) for key, value in values.items()}
        with self.store.atomic() as db:
            for key, value in checked.items():
                stored_settings.put(db, key, value)
        return checked

    def is_set(self, key: str) -> bool:
        return key in self._stored()

    def set(self, key: str, value: str) -> str:
        if key not in KEYS:
            raise BadInput(
                "key", _("'{key}' is not a setting; use one of {keys}").format(key=key, keys=", ".join(KEYS))
            )
        checked = KEYS[key].check(value)
        with self.store.atomic() as db:
            stored_settings.put(db, key, checked)
        return checked

    @property
    def consultant(self) -> str:
        value = stored_settings.value_of(self.store, "consultant")
        return os_login() if value is None else value

    @property
    def long_session_seconds(self) -> int:
        return int(self.get("long-session-hours")) * 3600

    @property
    def sleep_gap_seconds(self) -> int:
        return int(self.get("sleep-gap-minutes")) * 60

    @property
    def products(self) -> list[str]:
        return [p for p in self.get("products").split(",") if p]
