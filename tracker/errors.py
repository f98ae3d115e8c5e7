"""Errors the service layer raises; the CLI and the GUI turn them into messages."""

from __future__ import annotations

import re

from tracker.i18n import _, language


class TrackerError(Exception):
    """A failure that is not the user's input: the message says what to do.

    The CLI exits 1 on it.
    """


class BadInput(TrackerError):
    """Input that was refused.  It names the field; nothing was written.

    The CLI exits 2 on it.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field_label(field)}: {message}")
        self.field = field
        self.message = message


class NotFound(BadInput):
    """A ticket or session named by the user does not exist."""


_NUMBERED = re.compile(r"^(line|frame) ([0-9]+)(?:: (.*))?$", re.DOTALL)


def field_label(field: str) -> str:
    """A BadInput's field as its message names it: the key itself in English.

    ``field`` stays the key everywhere else (the CLI's flag, the widget to highlight);
    only the text of the message shows it in the consultant's language.
    """
    if language() == "en":
        return field
    numbered = _NUMBERED.match(field)
    if numbered:
        kind, n, rest = numbered.groups()
        where = _("line {n}").format(n=n) if kind == "line" else _("frame {n}").format(n=n)
        return where if rest is None else f"{where}: {field_label(rest)}"
    return _field_labels().get(field, field)


def _field_labels() -> dict[str, str]:
    return {
        "number": _("number"),
        "type": _("type"),
        "customer": _("customer"),
        "product": _("product"),
        "scope": _("scope"),
        "term-accepted": _("term accepted on"),
        "term-ref": _("term reference"),
        "bill-to-unit": _("unit to bill"),
        "authorization": _("authorization"),
        "cost-center": _("cost center"),
        "value-class": _("value class"),
        "accounting-item": _("accounting item"),
        "limit": _("limit"),
        "date": _("date"),
        "ref": _("reference"),
        "at": _("time"),
        "confirm": _("confirmation"),
        "kind": _("kind"),
        "note": _("note"),
        "start": _("start"),
        "end": _("end"),
        "day": _("day"),
        "consultant": _("consultant"),
        "decision": _("decision"),
        "comment": _("comment"),
        "month": _("month"),
        "reason": _("reason"),
        "ticket": _("ticket"),
        "choice": _("choice"),
        "idle-from": _("away since"),
        "until": _("back at"),
        "FILE": _("file"),
        "source": _("source"),
        "zone": _("time zone"),
        "role": _("role"),
        "name": _("name"),
        "unit": _("unit"),
        "export-dir": _("central export folder"),
        "central": _("central store"),
        "url": _("server URL"),
        "password-file": _("password file"),
        "key": _("setting"),
        "work-hours": _("working hours"),
        "work-days": _("working days"),
        "long-session-hours": _("long session hours"),
        "sleep-gap-minutes": _("sleep gap minutes"),
        "remind-running-hours": _("running timer reminder hours"),
        "remind-unsynced-days": _("unsynced reminder days"),
        "idle-minutes": _("idle minutes"),
        "language": _("language"),
        "close-to-tray": _("close to tray"),
        "hourly": _("hourly rate"),
        "from": _("effective from"),
        "percent": _("percentage"),
        "index": _("index"),
        "issue": _("issue"),
    }
