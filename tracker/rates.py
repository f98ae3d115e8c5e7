"""Hourly rates per billed type, as versions; the yearly inflation adjustment adds one.

Rates are central: billing sets a version here, and the next sync publishes it
(``rates/<login>/`` in the folder).  What this home prices with is the central
store's versions (as the last sync read them, or as a statement reads them now)
together with this home's own versions not synced yet, so a billing home's new rate
counts at once.  Only the billing role sets or adjusts rates.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation

from tracker.billing import Rate, adjusted, rate_for, rate_order, to_cents
from tracker.context import Context
from tracker.errors import BadInput
from tracker.i18n import _, type_name
from tracker.ids import new_uuid
from tracker.model import ConsultancyType
from tracker.store import rates as rows
from tracker.timeutil import iso, parse_date

MAX_HOURLY = Decimal("100000.00")
KNOWN_INDEXES = ("IPCA", "IGP-M", "INPC")


def billed_type(value: str, field: str = "type") -> ConsultancyType:
    text = (value or "").strip().lower()
    if text not in ("technical", "support"):
        raise BadInput(
            field, _("'{value}' is not a billed type; use technical or support").format(value=value)
        )
    return ConsultancyType(text)


def money(value: str, field: str) -> Decimal:
    text = (value or "").strip().replace("R$", "").strip()
    if "," in text and "." not in text:
        text = text.replace(",", ".")  # 240,00 as typed in Brazil
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise BadInput(
            field, _("'{value}' is not an amount; write it like 240.00").format(value=value)
        ) from None
    if not amount.is_finite() or amount <= 0:
        raise BadInput(field, _("{value} must be a positive amount").format(value=value))
    if amount > MAX_HOURLY:
        raise BadInput(
            field,
            _("{value} is absurd for an hourly rate (over {limit})").format(value=value, limit=MAX_HOURLY),
        )
    if amount != to_cents(amount):
        raise BadInput(field, _("{value} has more than two decimal places").format(value=value))
    return amount


def percent_of(value: str) -> Decimal:
    try:
        pct = Decimal((value or "").strip().replace(",", "."))
    except InvalidOperation:
        raise BadInput(
            "percent", _("'{value}' is not a percentage; write it like 4.62").format(value=value)
        ) from None
    if not pct.is_finite() or not Decimal(-50) <= pct <= Decimal(100):
        raise BadInput(
            "percent", _("{value} is outside {low}..{high}").format(value=value, low=-50, high=100)
        )
    return pct


def _latest(rates: list[Rate], kind: ConsultancyType) -> Rate | None:
    mine = [r for r in rates if r.type is kind]
    return max(mine, key=lambda r: r.version) if mine else None


def _check_date(rates: list[Rate], kind: ConsultancyType, start: date) -> None:
    latest = _latest(rates, kind)
    if latest is not None and start <= latest.effective_from:
        raise BadInput(
            "from",
            _(
                "{date} is not after the current {type} version's start ({start}); "
                "old versions are never rewritten"
            ).format(date=start.isoformat(), type=type_name(kind), start=latest.effective_from.isoformat()),
        )


def _index_name(index: str) -> str:
    name = (index or "").strip().upper()
    if not name or len(name) > 20:
        raise BadInput(
            "index",
            _("'{index}' is not an index name; for example {examples}").format(
                index=index, examples=", ".join(KNOWN_INDEXES)
            ),
        )
    return name


def merge(central: Iterable[Rate], own_unsynced: Iterable[Rate]) -> list[Rate]:
    """The central versions and this home's versions not synced yet, once each, in :func:`rate_order`."""
    found: dict[str, Rate] = {}
    for rate in (*central, *own_unsynced):
        found.setdefault(rate.uuid, rate)
    return sorted(found.values(), key=rate_order)


def clashes(rates: Iterable[Rate]) -> list[str]:
    """Versions of one type starting on one day at different rates (two billing people), as messages."""
    groups: dict[tuple[ConsultancyType, date], list[Rate]] = {}
    for r in rates:
        groups.setdefault((r.type, r.effective_from), []).append(r)
    out = []
    for (kind, start), group in sorted(groups.items(), key=lambda g: (g[0][0].value, g[0][1])):
        if len({r.hourly for r in group}) > 1:
            chosen = rate_for(kind, start, group)
            out.append(
                _("{type} rates from {date} differ ({rates}); {chosen} counts").format(
                    type=type_name(kind),
                    date=start.isoformat(),
                    rates=", ".join(f"{r.hourly:.2f} ({r.created_by})" for r in group),
                    chosen=f"{chosen.hourly:.2f}" if chosen else "?",
                )
            )
    return out


class RateService:
    """The rate versions this home prices with; billing sets and adjusts them, never rewriting one."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def list_rates(self) -> list[Rate]:
        """The central versions as the last sync read them, and this home's own not synced yet."""
        return merge(rows.central_rates(self.ctx.store), self.unsynced())

    def unsynced(self) -> list[Rate]:
        """This home's own versions the central store does not have yet."""
        return rows.unsynced_rates(self.ctx.store)

    def remember_central(self, rates: Iterable[Rate]) -> None:
        """Keep the central store's versions, as a sync just read them."""
        rows.remember_central(self.ctx.store, rates)

    def _known(self) -> list[Rate]:
        """Every version a new one must come after: the central ones and all made here."""
        return merge(rows.central_rates(self.ctx.store), rows.all_rates(self.ctx.store))

    def _check_role(self) -> None:
        role = self.ctx.settings.get("role")
        if role != "billing":
            raise BadInput(
                "role",
                _(
                    "only billing sets rates (they are published to everyone through sync); "
                    "this app's role is {role} (tracker config set role billing)"
                ).format(role=role),
            )

    def _insert(self, new: list[Rate]) -> None:
        with self.ctx.store.atomic() as db:
            for rate in new:
                rows.insert_rate(db, rate)

    def set_rate(self, kind: str, hourly: str, start: str) -> Rate:
        self._check_role()
        k = billed_type(kind)
        amount = money(hourly, "hourly")
        when = parse_date(start, "from")
        rates = self._known()
        _check_date(rates, k, when)
        latest = _latest(rates, k)
        version = (latest.version + 1) if latest else 1
        rate = Rate(
            k,
            version,
            amount,
            when,
            created_by=self.ctx.consultant,
            created_at=iso(self.ctx.now()),
            uuid=new_uuid(),
        )
        self._insert([rate])
        return rate

    def adjust(self, index: str, percent: str, start: str, kind: str | None = None) -> list[Rate]:
        """A new version of each billed type (or one): previous × (1 + percent/100)."""
        self._check_role()
        name = _index_name(index)
        pct = percent_of(percent)
        when = parse_date(start, "from")
        kinds = [billed_type(kind)] if kind else [ConsultancyType.TECHNICAL, ConsultancyType.SUPPORT]
        rates = self._known()
        new = []
        for k in kinds:
            latest = _latest(rates, k)
            if latest is None:
                raise BadInput(
                    "type",
                    _("there is no {type} rate to adjust; set one first with tracker rates set").format(
                        type=type_name(k)
                    ),
                )
            _check_date(rates, k, when)
            value = adjusted(latest.hourly, pct)
            if value <= 0 or value > MAX_HOURLY:
                raise BadInput(
                    "percent",
                    _("{percent} would make the {type} rate {value}").format(
                        percent=percent, type=type_name(k), value=value
                    ),
                )
            made = iso(self.ctx.now())
            new.append(
                Rate(
                    k,
                    latest.version + 1,
                    value,
                    when,
                    name,
                    pct,
                    self.ctx.consultant,
                    made,
                    new_uuid(),
                )
            )
        self._insert(new)
        return new
