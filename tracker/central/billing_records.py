"""Billing's records in the central store: rate versions and issued statements.

A ``rate`` record is one rate version as billing published it (the PostgreSQL
``rates`` table has the same columns)::

    {"kind": "rate", "uuid": "...", "revision": 1, "type": "technical", "version": 2,
     "hourly": "251.09", "effective_from": "2027-01-01", "index_name": "IPCA",
     "percent": "4.62", "made_by": "fatima", "at": "2026-12-10T10:00:00-03:00"}

A ``statement`` record is a month's statement as billing issued it, frozen: its lines,
the adjustments it carried for earlier issued months, the totals, what was not billed,
and the ``basis`` (each session ``uuid:revision`` its own lines counted, so that later
work on its tickets is recognised as late).  ``sha256`` is the hex sha256 of the
canonical JSON (sorted keys, no spaces) of ``{"adjustments", "approved_only", "basis",
"lines", "month", "not_billed", "totals"}``.
"""

from __future__ import annotations

import re
import uuid as uuidlib
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from tracker.billing import Rate
from tracker.central.records import Record, dumps, sha256_of
from tracker.model import ConsultancyType

# An issued statement's file: <YYYY-MM>-<first 8 hex of the file's sha256>.
STATEMENT_RE = re.compile(
    r"^(?P<batch>(?P<month>[0-9]{4}-(0[1-9]|1[0-2]))-[0-9a-f]{8})\.(?P<what>jsonl|manifest\.json)$"
)
MONTH_RE = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")


def rate_record(rate: Rate) -> Record:
    return {
        "kind": "rate",
        "uuid": rate.uuid,
        "revision": 1,
        "type": rate.type.value,
        "version": rate.version,
        "hourly": f"{rate.hourly:.2f}",
        "effective_from": rate.effective_from.isoformat(),
        "index_name": rate.index_name,
        "percent": None if rate.percent is None else str(rate.percent),
        "made_by": rate.created_by,
        "at": rate.created_at,
    }


def rate_from_record(rec: Record) -> Rate:
    """The rate version a record holds; ValueError when it is not a sound one."""
    try:
        kind = ConsultancyType(rec["type"])
        hourly = Decimal(rec["hourly"])
        percent = None if rec.get("percent") is None else Decimal(rec["percent"])
        version = rec["version"]
        uuid = str(uuidlib.UUID(rec["uuid"]))
        rate = Rate(
            type=kind,
            version=version,
            hourly=hourly,
            effective_from=date.fromisoformat(rec["effective_from"]),
            index_name=str(rec.get("index_name") or ""),
            percent=percent,
            created_by=str(rec["made_by"]),
            created_at=str(rec["at"]),
            uuid=uuid,
        )
    except (KeyError, TypeError, InvalidOperation) as exc:
        raise ValueError(f"not a rate record ({exc!r})") from exc
    if not kind.billed or not isinstance(version, int) or version < 1:
        raise ValueError("not a billed type and version")
    if not hourly.is_finite() or hourly <= 0 or rec.get("revision") != 1:
        raise ValueError("not a positive hourly rate, revision 1")
    return rate


@dataclass(frozen=True)
class IssuedStatement:
    """A month's statement as billing issued it; it never changes afterwards.

    Lines and adjustments are kept in the statement JSON's form (``line_dict``) plus
    ``held_reasons`` as data, so that the statement is drawn again exactly.
    """

    month: str
    lines: tuple[dict[str, Any], ...]
    adjustments: tuple[dict[str, Any], ...]  # each a line plus "adjusts_month"
    totals: dict[str, Any]
    not_billed: tuple[dict[str, Any], ...]
    basis: tuple[str, ...]  # "uuid:revision" of every session its own lines counted
    issued_by: str
    at: str  # local time with its offset
    approved_only: bool = False  # drawn with only the days a lead approved
    sha256: str = ""  # of content(); filled by :func:`issued_statement`

    def content(self) -> dict[str, Any]:
        return {
            "adjustments": list(self.adjustments),
            "approved_only": self.approved_only,
            "basis": list(self.basis),
            "lines": list(self.lines),
            "month": self.month,
            "not_billed": list(self.not_billed),
            "totals": self.totals,
        }

    def record(self) -> Record:
        """The one line of its file in the folder's ``statements/<login>/``."""
        return {
            **self.content(),
            "kind": "statement",
            "uuid": str(
                uuidlib.uuid5(uuidlib.NAMESPACE_URL, f"tracker-statement:{self.month}:{self.sha256}")
            ),
            "revision": 1,
            "sha256": self.sha256,
            "issued_by": self.issued_by,
            "at": self.at,
        }


def content_sha256(content: dict[str, Any]) -> str:
    return sha256_of(dumps(content).encode("utf-8"))


def issued_statement(
    month: str,
    body: dict[str, Any],
    issued_by: str,
    at: str,
) -> IssuedStatement:
    """An issued statement of ``month`` from ``body`` (lines, adjustments, totals, not_billed, basis,
    approved_only)."""
    draft = IssuedStatement(
        month,
        tuple(body["lines"]),
        tuple(body["adjustments"]),
        dict(body["totals"]),
        tuple(body["not_billed"]),
        tuple(body["basis"]),
        issued_by,
        at,
        bool(body.get("approved_only", False)),
    )
    return replace(draft, sha256=content_sha256(draft.content()))


def issued_from_record(rec: Record) -> IssuedStatement:
    """The issued statement a record holds; ValueError when it is damaged or not one."""
    if not isinstance(rec, dict) or rec.get("kind") != "statement":
        raise ValueError("not a statement record")
    try:
        month = str(rec["month"])
        if not MONTH_RE.match(month):
            raise ValueError(f"{month!r} is not a month")
        st = issued_statement(month, rec, str(rec["issued_by"]), str(rec["at"]))
    except (KeyError, TypeError) as exc:
        raise ValueError(f"not a statement record ({exc!r})") from exc
    if st.sha256 != rec.get("sha256"):
        raise ValueError("its sha256 does not match its contents")
    return st
