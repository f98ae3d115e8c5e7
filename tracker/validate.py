"""The checks every entry point shares: ticket fields, text, intervals, reasons, choices.

Each check returns the cleaned value or raises :class:`BadInput` naming the field,
before anything is written.  Nothing here reads the database or the clock: the
caller passes ``today`` or ``now``, and a ``warn`` for what is only unusual.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from tracker.errors import BadInput
from tracker.i18n import _, type_name
from tracker.model import MAX_SESSION_SECONDS, SCOPES, ConsultancyType
from tracker.timeutil import iso, parse_date, to_ts

TICKET_RE = re.compile(r"^[0-9]{7,8}$")
# A login names a folder of the export (consultants/<login>/) on Linux and Windows shares
# alike: it starts with a letter, digit or _, never ends with a dot, and is never only
# dots, so "." and ".." can never point a batch at the export's root.  (\Z, not $: a
# trailing line break is no part of a login.)
LOGIN_RE = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9._@-]{0,62}[A-Za-z0-9_@-])?\Z")
# Names Windows keeps for devices, with or without an extension: no folder can bear them.
RESERVED_LOGINS = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)
MONTH_RE = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])\Z")
UNIT_RE = re.compile(r"^[A-Za-z0-9._/-]{1,32}\Z")
MAX_TEXT = 2000
MAX_REASON = 500
CHOICES = ("keep", "discard", "split")
ACCOUNTING_FIELDS = ("authorization", "cost_center", "value_class", "accounting_item")
Warn = Callable[[str], None]


def ignore(_: str) -> None:
    """The default warning sink: warnings go nowhere."""


def clean_ticket_number(value: str | None, warn: Warn = ignore, field: str = "number") -> str:
    """Tickets are text; usually 7-8 digits, and anything else is only warned about."""
    number = (value or "").strip()
    if not number:
        raise BadInput(field, _("is empty; give the ticket number, for example 12345678"))
    if len(number) > 64 or any(ch.isspace() or not ch.isprintable() for ch in number):
        raise BadInput(
            field,
            _("'{number}' is not a ticket number; use up to 64 characters, no spaces").format(number=number),
        )
    if not TICKET_RE.match(number):
        warn(_("ticket number '{number}' is unusual; tickets are usually 7-8 digits").format(number=number))
    return number


def clean_type(value: str | None, field: str = "type") -> ConsultancyType:
    text = (value or "").strip().lower()
    try:
        return ConsultancyType(text)
    except ValueError:
        raise BadInput(
            field,
            _("'{value}' is not a consultancy type; use technical, support or standard").format(
                value=value or ""
            ),
        ) from None


def clean_text(value: str | None, field: str, *, required: bool = False, limit: int = MAX_TEXT) -> str:
    """Text as typed: trimmed, at most ``limit`` characters, no control characters.

    Tabs and line breaks are kept; a lone surrogate (bytes that were not UTF-8) is
    refused with the control characters.
    """
    text = (value or "").strip()
    if required and not text:
        raise BadInput(field, _("is empty"))
    if len(text) > limit:
        raise BadInput(field, _("is longer than {limit} characters").format(limit=limit))
    if not text.isprintable() and any(not ch.isprintable() and ch not in "\t\n" for ch in text):
        raise BadInput(field, _("contains control characters"))
    return text


def text_value(value: object, field: str) -> str:
    """A field of a record read from a file: text, or nothing (null or absent) as empty.

    A number, a list or an object is refused rather than turned into its Python text.
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BadInput(field, _("is not text; write it in double quotes"))
    return value


def clean_scope(value: str | None, kind: ConsultancyType) -> str:
    text = (value or "").strip()
    if not text:
        return ""
    options = SCOPES.get(kind, ())
    if not options:
        raise BadInput(
            "scope", _("a {type} ticket has no scope category; leave it empty").format(type=type_name(kind))
        )
    wanted = re.sub(r"[^a-z0-9]", "", text.lower())
    for option in options:
        if re.sub(r"[^a-z0-9]", "", option.lower()) == wanted:
            return option
    raise BadInput(
        "scope",
        _("'{text}' is not a {type} scope; use one of: {options}").format(
            text=text, type=type_name(kind), options="; ".join(options)
        ),
    )


def clean_ticket(raw: Mapping[str, Any], today: date, warn: Warn = ignore) -> dict[str, Any]:
    """A new ticket's fields, checked, as the columns of its row (in the table's order).

    ``raw`` holds number, customer and type, and may hold product, scope,
    term_accepted (text or a date), term_ref, bill_to_unit and the unit's accounting
    fields (authorization, cost_center, value_class, accounting_item).
    """
    kind = clean_type(raw["type"])
    fields: dict[str, Any] = {
        "number": clean_ticket_number(raw["number"], warn),
        "customer": clean_text(raw["customer"], "customer", required=True),
        "type": kind.value,
        "original_type": kind.value,
        "product": clean_text(raw.get("product", ""), "product"),
        "scope": clean_scope(raw.get("scope", ""), kind),
        "term_accepted": None,
        "term_ref": clean_text(raw.get("term_ref", ""), "term-ref"),
        "bill_to_unit": clean_text(raw.get("bill_to_unit", ""), "bill-to-unit"),
    }
    for name in ACCOUNTING_FIELDS:
        fields[name] = clean_text(raw.get(name, ""), name.replace("_", "-"))
    fields["term_accepted"] = _term(kind, raw.get("term_accepted"), fields["term_ref"], today)
    _check_unit(fields)
    return fields


def _term(kind: ConsultancyType, accepted: object, ref: str, today: date) -> str | None:
    if isinstance(accepted, date):
        text: str | None = accepted.isoformat()
    elif isinstance(accepted, str):
        text = parse_date(accepted, "term-accepted").isoformat()
    elif accepted is None:
        text = None
    else:
        raise BadInput("term-accepted", _('is not a date; write it as "YYYY-MM-DD", in double quotes'))
    if text:
        if kind is ConsultancyType.STANDARD:
            raise BadInput("term-accepted", _("a standard ticket is never billed and has no term"))
        if date.fromisoformat(text) > today:
            raise BadInput("term-accepted", _("{date} is in the future").format(date=text))
    elif ref:
        raise BadInput("term-accepted", _("a term reference needs the date the term was accepted"))
    return text


def _check_unit(fields: dict[str, Any]) -> None:
    """A unit's accounting fields need the unit; the unit is a code."""
    if not fields["bill_to_unit"]:
        for name in ACCOUNTING_FIELDS:
            if fields[name]:
                flag = name.replace("_", "-")
                raise BadInput(
                    flag,
                    _("--{flag} is an accounting field of a unit; give --bill-to-unit too").format(flag=flag),
                )
    elif not UNIT_RE.match(fields["bill_to_unit"]):
        raise BadInput("bill-to-unit", _("'{unit}' is not a unit code").format(unit=fields["bill_to_unit"]))


def ticket_warnings(fields: Mapping[str, Any], products: list[str]) -> list[str]:
    """What is unusual about a new ticket, though it is kept: its product, a term not yet accepted."""
    found = []
    if fields["product"] and products and fields["product"].lower() not in {p.lower() for p in products}:
        found.append(
            _(
                "product '{product}' is not enabled for consultancy (enabled: {enabled}); the ticket was kept"
            ).format(product=fields["product"], enabled=", ".join(products))
        )
    if ConsultancyType(fields["type"]).billed and not fields["term_accepted"]:
        found.append(
            _(
                "ticket {number} has no term acceptance yet; its billable time is held "
                "back until 'tracker ticket accept-term {number} --date YYYY-MM-DD'"
            ).format(number=fields["number"])
        )
    return found


def event_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A new ticket's fields as its ``created`` event records them."""
    return {k: v for k, v in fields.items() if k != "original_type"}


def check_interval(begin: datetime, finish: datetime, now: datetime, prefix: str = "") -> None:
    """An end after the start, at most 24 h, and no start in the future.

    Compared as epoch seconds: aware times of one ZoneInfo compare by wall clock,
    which is wrong in the repeated hour of a DST change.
    """
    start_ts, end_ts, now_ts = to_ts(begin), to_ts(finish), to_ts(now)
    if end_ts <= start_ts:
        raise BadInput(
            f"{prefix}end",
            _("{end} is not after the start {start}").format(end=iso(finish), start=iso(begin)),
        )
    if end_ts - start_ts > MAX_SESSION_SECONDS:
        raise BadInput(f"{prefix}end", _("the session is longer than 24 h; split it into days"))
    if start_ts > now_ts:
        raise BadInput(f"{prefix}start", _("{time} is in the future").format(time=iso(begin)))
    if end_ts > now_ts:
        raise BadInput(f"{prefix}end", _("{time} is in the future").format(time=iso(finish)))


def clean_reason(reason: str | None) -> str:
    """Why a session changes: it goes to the audit trail, so it is never empty."""
    if not (reason or "").strip():
        raise BadInput("reason", _("is empty; say why the session changes (it goes to the audit trail)"))
    return clean_text(reason, "reason", limit=MAX_REASON)


def clean_choice(choice: str) -> str:
    """keep, discard or split: the answer about a sleep gap or time away."""
    if choice not in CHOICES:
        raise BadInput(
            "choice", _("'{choice}' is not a choice; use keep, discard or split").format(choice=choice)
        )
    return choice


def clean_login(value: object, field: str = "consultant") -> str:
    """A login: the one pattern of the settings, the import, the export's folder names."""
    who = value.strip() if isinstance(value, str) else ""
    if not LOGIN_RE.match(who) or RESERVED_LOGINS.match(who):
        raise BadInput(
            field,
            _(
                "'{login}' is not a login; use 1-64 letters, digits or . _ @ -, starting with a "
                "letter or digit and not ending with a dot"
            ).format(login=value if isinstance(value, str) else repr(value)),
        )
    return who


def clean_month(value: str | None, field: str = "month") -> str:
    """A month as ``YYYY-MM``, in the years every date of the tracker lies in."""
    text = (value or "").strip()
    if not MONTH_RE.match(text):
        raise BadInput(field, _("'{month}' is not a month; write it as YYYY-MM").format(month=value))
    parse_date(f"{text}-01", field)  # the year's range
    return text


def clean_day(value: str | date | None, today: date, field: str = "day") -> date:
    """A day given as text or a date; today when None."""
    if value is None:
        return today
    if isinstance(value, date):
        return value
    return parse_date(value, field)


def clean_span(first: str | date | None, last: str | date | None, today: date) -> tuple[date, date]:
    """A span of days from ``first`` to ``last``, both included; ``last`` is today when None."""
    if first is None:
        raise BadInput("from", _("give the first day of the span, as YYYY-MM-DD"))
    start = clean_day(first, today, "from")
    end = clean_day(last, today, "to")
    if end < start:
        raise BadInput(
            "to",
            _("{last} is before the first day {first}").format(last=end.isoformat(), first=start.isoformat()),
        )
    return start, end
