"""The core's own messages in the consultant's language (gettext, no Qt).

Every user-facing text of tracker/ goes through :func:`_`: error messages
(:class:`~tracker.errors.BadInput`, :class:`~tracker.errors.TrackerError`), the
warnings passed to ``Tracker.warn`` and the problems a report lists.  A message
with values is written ``_("ticket {number} is finalized").format(number=...)`` so
that its id is a literal the extraction finds.

English is the default and costs nothing: no catalog is read and :func:`_` hands
the text back.  The CLI stays English (scripts read its messages); the desktop app
calls :func:`set_language` with the language it installed for its windows.

The catalog's source is ``tracker/locale/pt_BR/LC_MESSAGES/tracker.po``, kept in git
and edited by hand; no ``.mo`` is committed: :func:`set_language` compiles the
``.po`` in memory with Babel.  tests/test_core_i18n.py extracts every ``_()`` of
tracker/ and fails on a message without a translation.
"""

from __future__ import annotations

import gettext
from gettext import NullTranslations
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from tracker.model import ConsultancyType

DOMAIN = "tracker"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SUPPORTED = ("en", "pt_BR")

_language = "en"
_active: NullTranslations | None = None
_loaded: dict[str, NullTranslations] = {}


def _(message: str) -> str:
    """``message`` in the active language; the English text itself when untranslated."""
    active = _active
    if active is None:
        return message
    return active.gettext(message)


def language() -> str:
    """The active language: ``en`` or ``pt_BR``."""
    return _language


def catalog_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _load(lang: str) -> NullTranslations:
    """The .po compiled in memory: Babel reads it, writes a .mo into a buffer, gettext reads that."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(catalog_path(lang), "rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def set_language(lang: str) -> str:
    """Make ``lang`` (``en`` or ``pt_BR``) the language of the core's messages; returns it."""
    global _language, _active
    if lang not in SUPPORTED:
        raise ValueError(f"unsupported language {lang!r}; use one of {', '.join(SUPPORTED)}")
    if lang == "en":
        _active = None
    else:
        if lang not in _loaded:
            _loaded[lang] = _load(lang)
        _active = _loaded[lang]
    _language = lang
    return lang


def type_name(kind: ConsultancyType) -> str:
    """A consultancy type inside a message: its value in English, its Portuguese name in pt_BR."""
    return kind.value if _language == "en" else kind.portuguese
