"""The core's messages in Brazilian Portuguese (tracker/i18n.py, gettext; no Qt).

(a) Every ``_("...")`` of tracker/ is extracted with Babel: each message must have a
    pt_BR translation in tracker/locale/pt_BR/LC_MESSAGES/tracker.po, with the same
    {placeholders}, so a new untranslated core message fails here.
(b) In pt_BR, real bad input through the service is refused in Portuguese, and the
    field it names stays the English key (the GUI highlights widgets by it).
(c) Back in English, the messages are the English ones again.
(d) The CLI never loads a catalog: ``tracker status`` does not import Babel.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from tests.conftest import NOW, ROOT, ZONE
from tracker import i18n
from tracker.app import Tracker
from tracker.central import TargetUnavailable
from tracker.errors import BadInput, TrackerError
from tracker.i18n import _

TRACKER = ROOT / "tracker"
PO = i18n.catalog_path("pt_BR")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def extracted() -> dict[str, list[str]]:
    """Every message id of tracker/, with where it is used."""
    found: dict[str, list[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(TRACKER), method_map=[("**.py", "python")], keywords={"_": None}
    ):
        assert isinstance(message, str), f"tracker/{filename}:{lineno}: plural or odd message {message!r}"
        found.setdefault(message, []).append(f"tracker/{filename}:{lineno}")
    return found


def catalog() -> dict[str, str]:
    with open(PO, "rb") as fh:
        po = read_po(fh, locale="pt_BR")
    return {m.id: ("" if m.fuzzy else m.string) for m in po if m.id and isinstance(m.id, str)}


@pytest.fixture
def portuguese() -> Iterator[None]:
    i18n.set_language("pt_BR")
    try:
        yield
    finally:
        i18n.set_language("en")


# ----- (a) every message has a translation ---------------------------------------------------


def test_every_core_message_has_a_portuguese_translation() -> None:
    messages = extracted()
    assert len(messages) > 100
    translations = catalog()
    missing = [m for m in sorted(messages) if not translations.get(m)]
    assert not missing, (
        f"{len(missing)} message(s) of tracker/ without a pt_BR translation in {PO.relative_to(ROOT)}:\n"
        + "\n".join(f"  {m!r}  ({', '.join(messages[m])})" for m in missing)
    )


def test_translations_keep_their_placeholders() -> None:
    wrong = [
        (msgid, text)
        for msgid, text in catalog().items()
        if text and sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(text))
    ]
    assert not wrong, "placeholders differ:\n" + "\n".join(f"  {a!r}\n  -> {b!r}" for a, b in wrong)


def test_the_catalog_has_nothing_the_code_no_longer_says() -> None:
    stale = sorted(set(catalog()) - set(extracted()))
    assert not stale, "messages in the .po that tracker/ no longer has: " + repr(stale)


def test_message_ids_are_literals_not_f_strings() -> None:
    """``_(f"...")`` would be extracted as nothing and never translated."""
    bad = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in TRACKER.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"\b_\(\s*f[\"']", line)
    ]
    assert not bad, bad


def test_no_compiled_catalog_is_committed() -> None:
    assert not list((TRACKER / "locale").rglob("*.mo"))


# ----- (b) Portuguese through the real service ---------------------------------------------


def test_an_end_before_the_start_is_refused_in_portuguese(app: Tracker, portuguese: None) -> None:
    app.add_ticket("1234567", "ACME", "technical", term_accepted="2026-11-01")
    with pytest.raises(BadInput) as caught:
        app.add_session("1234567", "2026-11-03T10:00:00-03:00", "2026-11-03T09:00:00-03:00")
    assert caught.value.field == "end"
    assert caught.value.message == (
        "2026-11-03T09:00:00-03:00 não é posterior ao início, 2026-11-03T10:00:00-03:00"
    )
    # The message names the field in Portuguese too; the key stays for the widgets and flags.
    assert str(caught.value) == f"fim: {caught.value.message}"


def test_the_type_inside_a_message_is_its_portuguese_name(app: Tracker, portuguese: None) -> None:
    app.add_ticket("1234567", "ACME", "technical", term_accepted="2026-11-01")
    with pytest.raises(BadInput) as caught:
        app.escalate("1234567")
    assert caught.value.field == "number"
    assert caught.value.message == (
        "o chamado 1234567 é de Consultoria Técnica; só um chamado de Suporte Padrão pode ser escalado"
    )


def test_warnings_are_portuguese(app: Tracker, warnings_seen: list[str], portuguese: None) -> None:
    app.add_ticket("99", "ACME", "support")
    assert warnings_seen[0] == "o número de chamado '99' é incomum; chamados costumam ter 7 ou 8 dígitos"
    assert warnings_seen[1].startswith("o chamado 99 ainda não tem aceite do termo;")


def test_a_missing_ticket_and_a_bad_date_in_portuguese(app: Tracker, portuguese: None) -> None:
    with pytest.raises(BadInput, match="^número: o chamado 7654321 não existe; cadastre-o primeiro"):
        app.start("7654321")
    with pytest.raises(BadInput) as caught:
        app.review_day("03/11/2026")
    assert caught.value.field == "day"
    assert caught.value.message == "'03/11/2026' não é uma data; escreva no formato AAAA-MM-DD"


def test_a_sync_to_a_missing_share_is_refused_in_portuguese(
    app: Tracker, tmp_path: Path, portuguese: None
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    app.settings.set("export-dir", str(share))
    app.add_ticket("1234567", "ACME", "technical", term_accepted="2026-11-01")
    shutil.rmtree(share)
    with pytest.raises(TargetUnavailable) as caught:
        app.sync()
    text = str(caught.value)
    assert text.startswith(f"a pasta da exportação central {share} não está disponível")
    assert "tudo continua na fila" in text
    assert "is not there" not in text
    assert "não está disponível" in (app.sync_status().last_error or "")


def test_a_stopped_timer_that_never_ran_is_a_portuguese_tracker_error(app: Tracker, portuguese: None) -> None:
    with pytest.raises(TrackerError, match="^nenhum cronômetro está rodando"):
        app.stop()


# ----- (c) English again ---------------------------------------------------------------------


def test_english_is_back_after_set_language_en(app: Tracker) -> None:
    app.add_ticket("1234567", "ACME", "technical", term_accepted="2026-11-01")
    i18n.set_language("pt_BR")
    try:
        assert _("{time} is in the future") == "{time} está no futuro"
    finally:
        assert i18n.set_language("en") == "en"
    assert i18n.language() == "en"
    assert _("{time} is in the future") == "{time} is in the future"
    with pytest.raises(BadInput) as caught:
        app.add_session("1234567", "2026-11-03T10:00:00-03:00", "2026-11-03T09:00:00-03:00")
    assert str(caught.value) == (
        "end: 2026-11-03T09:00:00-03:00 is not after the start 2026-11-03T10:00:00-03:00"
    )


def test_imported_lines_name_their_line_and_field_in_portuguese(app: Tracker, portuguese: None) -> None:
    line = '{"kind": "ticket", "number": "1234567", "customer": "ACME", "type": "technical", '
    line += '"term_accepted": "2030-01-01"}'
    source = app.home / "in.jsonl"
    source.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        app.import_file(source)
    assert caught.value.field == "line 1: term-accepted"
    assert str(caught.value) == "linha 1: aceite do termo: 2030-01-01 está no futuro"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        i18n.set_language("fr")
    assert i18n.language() == "en"


# ----- (d) the CLI stays English and cheap -------------------------------------------------------


def test_the_cli_status_never_imports_babel(home: Path) -> None:
    env = dict(os.environ)
    env.update(TRACKER_HOME=str(home), TRACKER_FAKE_NOW=NOW.isoformat(), TRACKER_TZ=ZONE)
    env.pop("QT_QPA_PLATFORM", None)
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tracker", "status"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    trace = [line for line in proc.stderr.splitlines() if line.startswith("import time:")]
    modules = {line.split("|")[-1].strip() for line in trace}
    assert "tracker.i18n" in modules or "tracker.errors" in modules  # the trace is the real one
    assert not [m for m in modules if m == "babel" or m.startswith("babel.")]
