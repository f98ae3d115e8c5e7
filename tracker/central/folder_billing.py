"""Billing's areas of the folder export: published rates and issued statements.

::

    <export-dir>/
      roles.json                              optional: who is lead, who is billing
      rates/<login>/00000003-1a2b3c4d.jsonl   rate versions, sent by sync like any batch
      rates/<login>/00000003-1a2b3c4d.manifest.json
      statements/<login>/2026-10-5e6f7a8b.jsonl           one issued statement
      statements/<login>/2026-10-5e6f7a8b.manifest.json

Both areas are small (a few rate versions a year, one statement a month), so they are
read whole, directly from the folder, on every refresh; no cache.  A file is used only
when its manifest matches it, like every batch.  Rates and statements are taken from
a login's own folder only when the record says that login made it, and, when the roles
file is there, only from logins it lists as billing; everything else is reported.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from tracker.billing import Rate, rate_order
from tracker.central import schema
from tracker.central.billing_records import (
    STATEMENT_RE,
    IssuedStatement,
    issued_from_record,
    rate_from_record,
)
from tracker.central.records import BATCH_RE, Batch, dumps, manifest, sha256_of, ts
from tracker.central.roles import DamagedRoles, Roles, load_roles
from tracker.i18n import _

if TYPE_CHECKING:  # pragma: no cover
    from tracker.central.folder import FolderExport

RATES_AREA = "rates"
STATEMENTS_AREA = "statements"


@dataclass
class _Read:
    """What one read of the two areas found."""

    rates: list[Rate] = field(default_factory=list)
    issued: dict[str, IssuedStatement] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _mismatch(batch: str, side: Any, data: bytes) -> str | None:
    if not isinstance(side, dict) or side.get("batch") != batch:
        return _("its manifest does not name it")
    if sha256_of(data) != side.get("sha256"):
        return _("its sha256 does not match its manifest (changed or damaged after it was written)")
    if len(data.splitlines()) != side.get("rows") or not data.endswith(b"\n"):
        return _("its row count does not match its manifest")
    return None


def _batches(
    export: FolderExport, area: str, name_re: re.Pattern[str], problems: list[str]
) -> Iterator[tuple[str, str, list[Any]]]:
    """(login, batch, records) of every complete, sound batch of ``area``; the rest reported."""
    listing = export.files.listing(area)
    problems.extend(listing.problems)
    files = set(listing.files)
    for who, name in sorted(files):
        where = f"{area}/{who}/{name}"
        match = name_re.match(name)
        if name.startswith(".") or not match:
            problems.append(
                _("{where}: not a finished batch (a temp file, or a copy); skipped").format(where=where)
            )
            continue
        batch = match["batch"]
        other = f"{batch}.manifest.json" if match["what"] == "jsonl" else f"{batch}.jsonl"
        if (who, other) not in files:
            problems.append(
                _("{where}: its pair {name} is missing (incomplete?); skipped").format(
                    where=where, name=other
                )
            )
            continue
        if match["what"] == "jsonl":
            continue
        try:
            side = json.loads(export.files.read(area, who, name, schema.MAX_MANIFEST))
            data = export.files.read(area, who, f"{batch}.jsonl", schema.MAX_BATCH)
            wrong = _mismatch(batch, side, data)
            records = [] if wrong else [json.loads(line) for line in data.splitlines()]
        except (OSError, ValueError) as exc:
            wrong = _("cannot be read ({error})").format(error=exc)
        if wrong:
            problems.append(
                _("{where}: {problem}; skipped").format(where=f"{area}/{who}/{batch}.jsonl", problem=wrong)
            )
            continue
        yield who, batch, records


def _billing_writer(roles: Roles | None, who: str, area: str, problems: list[str]) -> bool:
    if roles is None or roles.has(who, "billing"):
        return True
    problems.append(
        _("{area}/{who}: {who} is not listed as billing in the roles file; ignored").format(
            area=area, who=who
        )
    )
    return False


def read_rates(export: FolderExport, roles: Roles | None, problems: list[str]) -> list[Rate]:
    """Every sound rate version of ``rates/``, once each (by uuid), in a stable order."""
    found: dict[str, tuple[str, Rate]] = {}
    for who, batch, records in _batches(export, RATES_AREA, BATCH_RE, problems):
        if not _billing_writer(roles, who, RATES_AREA, problems):
            continue
        for n, rec in enumerate(records, start=1):
            where = f"{RATES_AREA}/{who}/{batch}.jsonl:{n}"
            try:
                rate = rate_from_record(rec)
            except ValueError as exc:
                problems.append(
                    _("{where}: not a rate version ({error}); skipped").format(where=where, error=exc)
                )
                continue
            if rate.created_by != who:
                problems.append(
                    _("{where}: a rate made by {author} in {who}'s folder; ignored").format(
                        where=where, author=rate.created_by, who=who
                    )
                )
                continue
            known = found.get(rate.uuid)
            if known is not None and dumps(known[0]) != dumps(rec):
                problems.append(
                    _("{where}: rate {uuid} differs from the one read first; the first counts").format(
                        where=where, uuid=rate.uuid
                    )
                )
            found.setdefault(rate.uuid, (rec, rate))
    return sorted((r for _rec, r in found.values()), key=rate_order)


def read_statements(
    export: FolderExport, roles: Roles | None, problems: list[str]
) -> dict[str, IssuedStatement]:
    """The issued statement of each month; when a month was issued twice, the first issue counts."""
    by_month: dict[str, list[tuple[int, str, IssuedStatement]]] = {}
    for who, batch, records in _batches(export, STATEMENTS_AREA, STATEMENT_RE, problems):
        where = f"{STATEMENTS_AREA}/{who}/{batch}.jsonl"
        if not _billing_writer(roles, who, STATEMENTS_AREA, problems):
            continue
        try:
            if len(records) != 1:
                raise ValueError("not one statement")
            st = issued_from_record(records[0])
            if st.issued_by != who or not batch.startswith(st.month):
                raise ValueError(f"issued by {st.issued_by} for {st.month}")
            when = ts(st.at)
        except ValueError as exc:
            problems.append(
                _("{where}: not an issued statement ({error}); skipped").format(where=where, error=exc)
            )
            continue
        by_month.setdefault(st.month, []).append((when, batch, st))
    out: dict[str, IssuedStatement] = {}
    for month, issues in sorted(by_month.items()):
        issues.sort(key=lambda x: (x[0], x[1]))
        first = out[month] = issues[0][2]
        for _when, _batch, later in issues[1:]:
            problems.append(
                _(
                    "the statement of {month} was issued again by {who} at {at}; "
                    "the first issue, by {first} at {first_at}, counts"
                ).format(
                    month=month, who=later.issued_by, at=later.at, first=first.issued_by, first_at=first.at
                )
            )
    return out


class FolderBilling:
    """Rates and issued statements of a folder export, read whole and kept until the next refresh."""

    def __init__(self, export: FolderExport) -> None:
        self.export = export
        self._read: _Read | None = None

    def _state(self) -> _Read:
        if self._read is None:
            state = _Read()
            try:
                roles = load_roles(self.export.root)
            except (OSError, ValueError, DamagedRoles) as exc:
                # Like the leads' decisions: a roles file that cannot be read lets no one's
                # rates or issued statements count, and says so; it never stops the reader.
                state.problems.append(
                    _("roles.json cannot be used ({error}); no rate or issued statement counts").format(
                        error=exc
                    )
                )
                roles = Roles()
            state.rates = read_rates(self.export, roles, state.problems)
            state.issued = read_statements(self.export, roles, state.problems)
            self._read = state
        return self._read

    def refresh(self) -> list[str]:
        """Read both areas again; what was skipped and why."""
        self._read = None
        return list(self._state().problems)

    def rates(self) -> list[Rate]:
        return list(self._state().rates)

    def issued(self, month: str) -> IssuedStatement | None:
        return self._state().issued.get(month)

    def issued_months(self) -> list[str]:
        return sorted(self._state().issued)

    def publish_issued(self, statement: IssuedStatement) -> None:
        """Write the statement as an immutable batch of its own; read it back."""
        data = (dumps(statement.record()) + "\n").encode("utf-8")
        digest = sha256_of(data)
        name = f"{statement.month}-{digest[:8]}"
        side = manifest(
            name, statement.issued_by, digest, 1, datetime.fromisoformat(statement.at), {"statement": 1}
        )
        batch = Batch(name, statement.issued_by, data, side, digest, 1, area=STATEMENTS_AREA)
        self.export.publish(batch)
        self.export.verify(batch)
        self._read = None
