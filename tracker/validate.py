"""The checks every entry point shares."""

from __future__ import annotations

from tracker.errors import BadInput
from tracker.i18n import _

MAX_TEXT = 2000


def clean_text(value: str | None, field: str, *, required: bool = False) -> str:
    text = (value or "").strip()
    if required and not text:
        raise BadInput(field, _("is empty"))
    if len(text) > MAX_TEXT:
        raise BadInput(field, _("is longer than {limit} characters").format(limit=MAX_TEXT))
    if any(not ch.isprintable() and ch not in "\t\n" for ch in text):
        raise BadInput(field, _("contains control characters"))
    return text
