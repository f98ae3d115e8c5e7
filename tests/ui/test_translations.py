"""Brazilian Portuguese first: every window text has a translation, and the windows show it.

(a) lupdate runs on ui/*/*.py ui/*.py into a temp .ts: every source text it finds must have a
    finished translation in the committed tracker_pt_BR.ts (placeholders and
    accelerators kept), so a new untranslated string fails here.
(b) With the pt_BR translator installed, the real windows are opened over real data and
    every text they show is walked: none may still be an English source text that has
    a Portuguese translation.  The translator is removed afterwards, so every other test
    sees English.  With TRACKER_SCREENSHOTS=1 the Portuguese screenshots go to docs/.
(c) The language choice and the .qm rebuilt when its .ts is newer.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QAbstractListModel, QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
    QWizard,
    QWizardPage,
)

import ui.common.fmt
from tests.ui.crafted_export import DAY, World, build
from tracker.app import Tracker
from tracker.clock import FixedClock
from tracker.model import ESCALATION_CHECKLIST, FLAG_WORDS, SCOPES, ConsultancyType, Flag
from tracker.store import Store, open_store
from ui.common import i18n

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ui"
DOCS = ROOT / "docs"
TS = i18n.TRANSLATIONS / "tracker_pt_BR.ts"
PLACEHOLDER = re.compile(r"\{[^}]*\}|%n")


# ----- the .ts file ----------------------------------------------------------------------------


@dataclass
class Message:
    context: str
    source: str
    translations: list[str]  # one, or the plural forms
    finished: bool
    numerus: bool


def read_ts(path: Path) -> dict[tuple[str, str], Message]:
    messages: dict[tuple[str, str], Message] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for m in context.iter("message"):
            source = m.findtext("source") or ""
            node = m.find("translation")
            assert node is not None
            numerus = m.get("numerus") == "yes"
            forms = [f.text or "" for f in node.iter("numerusform")] if numerus else [node.text or ""]
            finished = node.get("type") not in ("unfinished", "vanished", "obsolete") and all(forms)
            messages[(name, source)] = Message(name, source, forms, finished, numerus)
    return messages


def lupdate() -> str:
    here = Path(sys.executable).parent
    for candidate in (here / "pyside6-lupdate", here / "pyside6-lupdate.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which("pyside6-lupdate")
    if found is None:
        pytest.skip("pyside6-lupdate is not installed")
    return found


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Message]:
    """What lupdate finds in ui/*/*.py ui/*.py today."""
    out = tmp_path_factory.mktemp("lupdate") / "fresh.ts"
    sources = sorted(str(p) for p in UI.rglob("*.py"))
    result = subprocess.run(
        [lupdate(), *sources, "-ts", str(out), "-no-obsolete", "-target-language", "pt_BR"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    return read_ts(out)


@pytest.fixture(scope="module")
def committed() -> dict[tuple[str, str], Message]:
    return read_ts(TS)


def test_every_source_text_has_a_finished_portuguese_translation(fresh, committed) -> None:
    assert len(fresh) > 500
    missing = [key for key in fresh if key not in committed or not committed[key].finished]
    assert not missing, (
        f"{len(missing)} text(s) without a pt_BR translation; run\n"
        "  .venv/bin/pyside6-lupdate ui/*/*.py ui/*.py -ts resources/translations/tracker_pt_BR.ts"
        " -no-obsolete\n"
        "and translate them:\n" + "\n".join(f"  [{c}] {s!r}" for c, s in missing)
    )


def test_the_committed_file_has_nothing_lupdate_no_longer_finds(fresh, committed) -> None:
    stale = [key for key in committed if key not in fresh]
    assert not stale, "obsolete messages (run lupdate with -no-obsolete): " + repr(stale)


def test_translations_keep_placeholders_and_one_accelerator(committed) -> None:
    wrong = []
    for m in committed.values():
        for text in m.translations:
            if sorted(PLACEHOLDER.findall(m.source)) != sorted(PLACEHOLDER.findall(text)):
                wrong.append(("placeholders", m.context, m.source, text))
            if ("&" in m.source.replace("&&", "")) != (text.replace("&&", "").count("&") == 1):
                wrong.append(("accelerator", m.context, m.source, text))
        if m.numerus and len(m.translations) != 2:
            wrong.append(("pt_BR has two plural forms", m.context, m.source, m.translations))
    assert not wrong, "\n".join(map(repr, wrong))


def test_menu_accelerators_are_unique_within_each_menu(committed) -> None:
    def key(context: str, source: str) -> str:
        text = committed[(context, source)].translations[0]
        return text[text.index("&") + 1].lower()

    menus = {
        "menu bar": [("MainWindow", s) for s in ("&File", "&Session", "&View")]
        + [("RoleMenus", s) for s in ("&Review", "&Billing")],
        "File": [
            ("SyncController", "&Sync now"),
            ("BackupController", "&Back up now…"),
            ("BackupController", "&Restore a backup…"),
            ("MainWindow", "&Move in from Toggl, Clockify or Watson…"),
            ("MainWindow", "S&ettings…"),
            ("MainWindow", "&Close window"),
        ],
        "Session": [
            ("SessionActions", s) for s in ("&Add session…", "&Edit…", "S&plit…", "&Delete…", "&History…")
        ],
        "View": [("MainWindow", "My &days…"), ("MainWindow", "&Week…"), ("LanguageMenu", "&Language")],
        "Billing": [("RoleMenus", s) for s in ("&Monthly statement…", "Hourly &rates…")],
    }
    for menu, items in menus.items():
        keys = [key(c, s) for c, s in items]
        assert len(set(keys)) == len(keys), f"{menu}: {keys}"


def test_every_domain_text_of_tracker_is_in_a_translatable_table() -> None:
    """tracker/ has no Qt: its texts are listed with QT_TRANSLATE_NOOP in ui/fmt.py."""
    for options in SCOPES.values():
        assert set(options) <= set(ui.common.fmt._SCOPE_TEXTS)
    assert set(ESCALATION_CHECKLIST.values()) == set(ui.common.fmt._CHECKLIST_TEXTS)
    assert {kind: ui.common.fmt.TYPE_NAMES[kind] for kind in ConsultancyType} == {
        kind: kind.english for kind in ConsultancyType
    }
    assert set(Flag) <= set(FLAG_WORDS)
    # The window's flag words are the CLI's, the help a capitalised "Name: what to check".
    assert {flag: name for flag, (name, _) in FLAG_WORDS.items()} == ui.common.fmt.FLAG_NAMES
    assert {
        flag: f"{name[0].upper()}{name[1:]}: {what}" for flag, (name, what) in FLAG_WORDS.items()
    } == ui.common.fmt.FLAG_HELP


# ----- the windows, in Portuguese --------------------------------------------------------------


@pytest.fixture(scope="module")
def qm_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cache = tmp_path_factory.mktemp("qm")
    assert i18n.compiled("pt_BR", cache) is not None, "lrelease could not build the .qm"
    return cache


@pytest.fixture
def portuguese(qapp: QApplication, qm_cache: Path) -> Iterator[None]:
    """The pt_BR translator for one test; English again afterwards."""
    assert i18n.install(qapp, "pt_BR", cache=qm_cache) == "pt_BR"
    assert QCoreApplication.translate("MainWindow", "&File") == "&Arquivo"
    try:
        yield
    finally:
        i18n.uninstall(qapp)
        assert QCoreApplication.translate("MainWindow", "&File") == "&File"
        assert QLocale().name() == QLocale.system().name()


class English:
    """The English source texts that have a different Portuguese translation."""

    def __init__(self, messages: dict[tuple[str, str], Message]) -> None:
        self.exact: dict[str, str] = {}
        self.templates: list[tuple[re.Pattern[str], str]] = []
        for m in messages.values():
            if not m.numerus and m.translations == [m.source]:
                continue  # the same in both languages ("Tracker", "{start} – {end}")
            variants = {m.source, m.source.replace("&", "")}
            for v in variants:
                self.exact.setdefault(v, m.source)
            if PLACEHOLDER.search(m.source) and len(re.sub(PLACEHOLDER, "", m.source).strip()) >= 4:
                parts = PLACEHOLDER.split(m.source.replace("&", ""))
                pattern = ".+?".join(re.escape(p) for p in parts)
                self.templates.append((re.compile(pattern, re.DOTALL), m.source))

    def match(self, text: str) -> str | None:
        for piece in {text, *text.splitlines()}:
            piece = piece.strip()
            if not piece:
                continue
            if piece in self.exact:
                return self.exact[piece]
            for pattern, source in self.templates:
                if pattern.fullmatch(piece):
                    return source
        return None


@pytest.fixture(scope="module")
def english(committed) -> English:
    return English(committed)


def texts_of(top: QWidget) -> list[tuple[str, str]]:
    """(where, text) for everything the widget and its children show or tell."""
    out: list[tuple[str, str]] = []

    def add(where: str, text: str | None) -> None:
        if text:
            out.append((where, text))

    def menu(m: QMenu, path: str) -> None:
        add(f"{path} menu", m.title())
        for a in m.actions():
            add(f"{path} › action", a.text())
            add(f"{path} › tooltip", a.toolTip())
            if a.menu() is not None:
                menu(a.menu(), f"{path} › {a.text()}")

    for w in [top, *top.findChildren(QWidget)]:
        name = f"{type(w).__name__}:{w.objectName()}"
        if w.isWindow():
            add(f"{name} window title", w.windowTitle())
        add(f"{name} tooltip", w.toolTip())
        add(f"{name} status tip", w.statusTip())
        for a in w.actions():
            add(f"{name} action", a.text())
            add(f"{name} action tooltip", a.toolTip())
            if a.menu() is not None:
                menu(a.menu(), name)
        if isinstance(w, (QLabel, QAbstractButton)):
            add(name, w.text())
        elif isinstance(w, QGroupBox):
            add(name, w.title())
        elif isinstance(w, (QLineEdit, QTextEdit, QPlainTextEdit)):
            add(f"{name} placeholder", w.placeholderText())
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                add(f"{name} item", w.itemText(i))
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                add(f"{name} tab", w.tabText(i))
        elif isinstance(w, QMenu):
            menu(w, name)
        if isinstance(w, QWizard):
            for page_id in w.pageIds():
                page = w.page(page_id)
                add(f"{name} page title", page.title())
                add(f"{name} page subtitle", page.subTitle())
        elif isinstance(w, QWizardPage):
            add(f"{name} title", w.title())
            add(f"{name} subtitle", w.subTitle())
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            rows = model.rowCount()
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
            for col in range(columns):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.headerData(col, Qt.Orientation.Horizontal, role)
                    add(f"{name} header {col}", value if isinstance(value, str) else None)
            for row in range(min(rows, 200)):
                for col in range(columns):
                    index = model.index(row, col)
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        value = index.data(role)
                        add(f"{name} cell {row},{col}", value if isinstance(value, str) else None)
    return out


def assert_portuguese(english: English, *tops: QWidget) -> int:
    """No text of ``tops`` is left in English; returns how many texts were looked at."""
    QApplication.processEvents()
    seen = [item for top in tops for item in texts_of(top)]
    left = [(where, text, source) for where, text in seen if (source := english.match(text))]
    assert not left, "left in English:\n" + "\n".join(
        f"  {where}: {text!r} (source {source!r})" for where, text, source in left
    )
    return len(seen)


def shot(widget: QWidget, name: str, tmp_path: Path) -> Path:
    """A picture into docs/ with TRACKER_SCREENSHOTS=1, else into a temp folder."""
    QApplication.processEvents()
    target = DOCS / name if os.environ.get("TRACKER_SCREENSHOTS") else tmp_path / name
    assert widget.grab().save(str(target))
    return target


def shown(qtbot: Any, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def busy_day(app: Tracker, clock: FixedClock, share: Path) -> None:
    """A consultant's Tuesday: five customers, every type, a defect, an escalation, a unit."""
    app.settings.set("export-dir", str(share))
    app.settings.set("role", "lead")
    app.add_ticket(
        "12345678",
        "Padaria Pão Quente Ltda",
        "technical",
        product="Protheus",
        scope="one-off questions",
        term_accepted="2026-11-01",
        term_ref="e-mail de 01/11",
    )
    app.add_ticket("7654321", "Supermercado Bom Preço", "support", term_accepted="2026-10-20")
    app.add_ticket("2233445", "Transportes Rio Claro", "standard")
    app.add_ticket("3344556", "Metalúrgica São José S.A.", "support")  # no term: held
    app.add_ticket(
        "4455667",
        "Farmácia Bem Estar — Franquia SP01",
        "technical",
        term_accepted="2026-10-15",
        bill_to_unit="FRQ-SP01",
        cost_center="CC-204",
    )
    clock.set(datetime.fromisoformat("2026-11-03T12:00:00-03:00"))
    app.add_session(
        "12345678", "2026-11-03T08:05:00", "2026-11-03T09:17:30", note="Ajuste de parâmetros do MATA410"
    )
    app.add_session("7654321", "2026-11-03T09:30:00", "2026-11-03T10:02:10", note="Erro na geração do SPED")
    app.add_session("2233445", "2026-11-03T10:40:00", "2026-11-03T11:10:45")
    app.add_session("4455667", "2026-11-03T11:15:00", "2026-11-03T11:58:00", note="Virada do mês na filial")
    app.flag_defect("7654321", "product", "DTSERWF-4821", note="saldo negativo no SPED")


# ----- (b) the windows -------------------------------------------------------------------------


def test_the_main_window_speaks_portuguese(portuguese, english, qtbot, app, clock, notices, tmp_path) -> None:
    from tests.ui.test_sync_ui import _status, _sync
    from ui.consultant.main_window import MainWindow

    share = tmp_path / "share"
    share.mkdir()
    busy_day(app, clock, share)
    window = shown(qtbot, MainWindow(app))
    assert isinstance(window, MainWindow)
    window.reload()

    def click(widget: Any) -> None:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)

    _sync(window, qtbot, click)
    clock.set(datetime.fromisoformat("2026-11-03T14:20:00-03:00"))
    app.add_session(
        "12345678", "2026-11-03T13:00:00", "2026-11-03T13:48:05", note="Treinamento rotina de faturamento"
    )
    window.panel.select("12345678")
    window.timer_bar.note_edit.setText("Virada de versão")
    click(window.timer_bar.start_button)
    clock.set(datetime.fromisoformat("2026-11-03T15:02:17-03:00"))
    window.tick()
    _status(window, qtbot, "Última sincronização 03/11/2026 12:00 · pendentes: 1")
    waiting = window.sync.indicator.state_label.toolTip()  # counts in the right form, never "(s)"
    assert "1 sessão, 0 eventos de chamado" in waiting and "(" not in waiting.splitlines()[0]
    assert window.panel.term_label.text().startswith("aceito em 01/11/2026")
    assert "Consultoria Técnica" in window.panel.type_label.text()
    assert window.timer_bar.running_label.text().startswith("Rodando em 12345678")
    assert window.windowTitle().endswith("— Tracker")
    seen = assert_portuguese(english, window)
    assert seen > 100
    window.day.table.clearSelection()
    window.statusBar().clearMessage()
    window.resize(980, 660)
    shot(window, "screenshot-main-pt.png", tmp_path)

    for number in ("3344556", "4455667", "2233445"):  # held, a unit, standard support
        window.panel.select(number)
        assert_portuguese(english, window.panel)
    window.language.choose("pt_BR")
    assert app.settings.get("language") == "pt_BR"
    assert "próxima vez" in window.statusBar().currentMessage()

    window.palette.open_palette()
    assert_portuguese(english, window.palette)
    window.palette.hide()


def test_the_dialogs_speak_portuguese(portuguese, english, qtbot, app, clock, tmp_path) -> None:
    from tests.ui.test_import_wizard import TOGGL, choose
    from ui.billing.rates_dialog import RatesDialog
    from ui.consultant.dialogs import (
        AcceptTermDialog,
        DefectDialog,
        EscalateDialog,
        FinalizeDialog,
        LoginDialog,
    )
    from ui.consultant.idle import IdleDialog
    from ui.consultant.import_wizard import ImportWizard
    from ui.consultant.session_dialogs import (
        DeleteSessionDialog,
        EditSessionDialog,
        HistoryDialog,
        SplitSessionDialog,
    )
    from ui.consultant.sleep_gap import SleepGapDialog
    from ui.consultant.ticket_dialog import NewTicketDialog

    busy_day(app, clock, tmp_path)
    clock.set(datetime.fromisoformat("2026-11-03T15:00:00-03:00"))
    technical, standard = app.ticket("12345678"), app.ticket("2233445")
    session = app.log(date(2026, 11, 3))[0]
    app.edit_session(session.uuid, note="Ajuste de parâmetros do MATA410 e MATA460", reason="faltou a rotina")
    session = app.get_session(session.uuid)
    since = datetime.fromisoformat("2026-11-03T13:10:00-03:00")
    until = datetime.fromisoformat("2026-11-03T13:55:00-03:00")
    role = app.settings.get("role")
    app.settings.set("role", "billing")  # only billing sets rates
    app.set_rate("technical", "240.00", "2026-01-01")
    app.set_rate("support", "210.00", "2026-01-01")
    app.adjust_rates("IPCA", "4.62", "2026-07-01")
    app.settings.set("role", role)

    dialogs: list[QWidget] = [
        NewTicketDialog(None, app, "87654321"),
        LoginDialog(None, app, "ana"),
        AcceptTermDialog(None, app, app.ticket("3344556")),
        DefectDialog(None, app, technical),
        EscalateDialog(None, app, standard),
        FinalizeDialog(None, app, technical),
        EditSessionDialog(None, app, session),
        SplitSessionDialog(None, app, session),
        DeleteSessionDialog(None, app, session),
        HistoryDialog(None, "Histórico", app.session_history(session.uuid)),
        IdleDialog(None, "12345678", since, until),
        SleepGapDialog(None, "12345678", since, until),
        RatesDialog(app),
    ]
    ticket_dialog = dialogs[0]
    for kind in ConsultancyType:  # every type: its scopes, the unit fields
        ticket_dialog.set_type(kind)  # type: ignore[attr-defined]
        assert_portuguese(english, ticket_dialog)
    for dialog in dialogs:
        shown(qtbot, dialog)
        assert_portuguese(english, dialog)

    csv = tmp_path / "toggl.csv"
    csv.write_text(TOGGL, encoding="utf-8")
    wizard = shown(qtbot, ImportWizard(app))
    assert isinstance(wizard, ImportWizard)
    assert_portuguese(english, wizard)
    choose(wizard.source_page, "toggl", csv)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    wizard.mapping_page.set_ticket("project:Virada Protheus", "12345678")
    assert_portuguese(english, wizard)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert_portuguese(english, wizard)


def test_the_walk_finds_english_when_nothing_is_translated(
    english, qtbot, app, clock, notices, tmp_path
) -> None:
    """The check itself: the same window without the translator fails it, text by text."""
    from ui.consultant.main_window import MainWindow

    busy_day(app, clock, tmp_path)
    window = shown(qtbot, MainWindow(app))
    with pytest.raises(AssertionError) as failed:
        assert_portuguese(english, window)
    report = str(failed.value)
    for where in ("QMenu", "action", "header", "QLabel", "QPushButton", "placeholder", "cell"):
        assert where in report, where
    assert re.search(r"'Total today: [0-9:]+'", report), report  # a formatted text, by its template


def test_reminders_use_portuguese_plurals(portuguese) -> None:
    def hours(n: int) -> str:
        return QCoreApplication.translate("ReminderNotifier", "Timer running for %n hours", "", n)

    assert hours(1) == "Cronômetro rodando há 1 hora"
    assert hours(3) == "Cronômetro rodando há 3 horas"
    days = QCoreApplication.translate("ReminderNotifier", "Not synced for %n days", "", 2)
    assert days == "Sem sincronizar há 2 dias"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build(tmp_path_factory.mktemp("pt") / "world")


@pytest.fixture
def home_of() -> Iterator[Any]:
    stores: list[Store] = []

    def open_home(world: World, login: str) -> Tracker:
        app, store = world.open(login)
        stores.append(store)
        return app

    yield open_home
    for s in stores:
        s.close()


def test_review_and_billing_speak_portuguese(portuguese, english, qtbot, world, home_of, tmp_path) -> None:
    from ui.billing.billing_window import BillingWindow
    from ui.lead.review_window import ReviewWindow

    review = ReviewWindow(home_of(world, "lead1"), day=date.fromisoformat(DAY))
    qtbot.addWidget(review)
    review.show()
    with qtbot.waitSignal(review.loaded, timeout=20_000):
        pass
    for who in ("ana", "bruno", "carla"):
        review.select_consultant(who)
        assert_portuguese(english, review)
    review.select_consultant("ana")
    shot(review, "screenshot-review-pt.png", tmp_path)

    billing = BillingWindow(home_of(world, "fatima"), month=date(2026, 11, 1))
    qtbot.addWidget(billing)
    billing.show()
    with qtbot.waitSignal(billing.built, timeout=20_000):
        pass
    assert "R$" in billing.totals.index(0, billing.totals.columnCount() - 1).data()
    assert_portuguese(english, billing)
    ids = [
        text for _where, text in texts_of(billing) if re.search(r"\b(technical|support|standard)-v?\d", text)
    ]
    assert ids == [], "the rate and policy ids of the files are not shown: " + repr(ids[:3])
    billing.view.setFocus()
    shot(billing, "screenshot-billing-pt.png", tmp_path)


def test_the_week_view_speaks_portuguese(portuguese, english, qtbot, app, clock, tmp_path) -> None:
    from tests.ui.test_week_view import LAST_WEEK, realistic_week
    from ui.consultant.week_view import WeekView

    view = WeekView(realistic_week(app, clock), day=LAST_WEEK)
    qtbot.addWidget(view)
    view.resize(1000, 560)
    view.show()
    qtbot.waitExposed(view)
    assert QLocale().name() == "pt_BR"
    assert view.chart.weekday(LAST_WEEK).startswith("seg")
    assert_portuguese(english, view)
    shot(view, "screenshot-week-pt.png", tmp_path)


# ----- (c) choosing the language, building the .qm ------------------------------------------


@pytest.mark.parametrize(
    ("setting", "system", "expected"),
    [
        ("system", "pt_BR", "pt_BR"),
        ("system", "pt_PT", "pt_BR"),
        ("system", "en_US", "en"),
        ("system", "de_DE", "en"),
        ("pt_BR", "en_US", "pt_BR"),
        ("en", "pt_BR", "en"),
    ],
)
def test_the_language_follows_the_setting_else_the_system(setting, system, expected) -> None:
    assert i18n.pick_language(setting, system) == expected


def test_the_qm_is_compiled_once_per_content_of_the_ts(tmp_path, monkeypatch) -> None:
    sources = tmp_path / "translations"
    sources.mkdir()
    ts = sources / "tracker_pt_BR.ts"
    shutil.copy(TS, ts)
    monkeypatch.setattr(i18n, "TRANSLATIONS", sources)
    cache = tmp_path / "cache"
    qm = i18n.compiled("pt_BR", cache)
    assert qm is not None and qm.exists() and qm.parent == cache
    assert qm.name.startswith("tracker_pt_BR-") and qm.suffix == ".qm"
    os.utime(qm, (1_700_000_100, 1_700_000_100))
    os.utime(ts, (1_800_000_000, 1_800_000_000))  # touched, not changed
    assert i18n.compiled("pt_BR", cache) == qm
    assert qm.stat().st_mtime == 1_700_000_100, "the cached .qm of the same text is kept"
    ts.write_text(ts.read_text(encoding="utf-8").replace("Parar", "Pare"), encoding="utf-8")  # edited
    again = i18n.compiled("pt_BR", cache)
    assert again is not None and again != qm and again.exists()
    assert [p.name for p in cache.iterdir()] == [again.name], "no temp file, and the old .qm is gone"
    assert i18n.compiled("de_DE", cache) is None  # no source, no translation


def test_a_qm_shipped_beside_the_ts_is_used_as_it_is(tmp_path, monkeypatch) -> None:
    sources = tmp_path / "translations"
    sources.mkdir()
    shutil.copy(TS, sources / "tracker_pt_BR.ts")
    built = i18n.compiled("pt_BR", tmp_path / "built")
    assert built is not None
    shipped = sources / "tracker_pt_BR.qm"
    shutil.copy(built, shipped)
    monkeypatch.setattr(i18n, "TRANSLATIONS", sources)
    cache = tmp_path / "cache"
    assert i18n.compiled("pt_BR", cache) == shipped
    assert not cache.exists()


_SPAWNED: list[str] = []
_RECORDING: list[bool] = []


def _record_spawns(event: str, args: tuple[Any, ...]) -> None:
    """An audit hook: every process this one starts while recording (hooks cannot be removed)."""
    if _RECORDING and event in ("subprocess.Popen", "os.posix_spawn", "os.system", "os.exec"):
        _SPAWNED.append(f"{event} {args[0]!r}")


sys.addaudithook(_record_spawns)


def test_english_installs_no_translator(qapp) -> None:
    try:
        assert i18n.install(qapp, "en") == "en"
        assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    finally:
        i18n.uninstall(qapp)


def test_the_app_starts_in_the_stored_language_and_leaves_english_behind(
    qapp, home, clock, monkeypatch
) -> None:
    import ui.app
    from ui.consultant.main_window import MainWindow

    with open_store(home) as store:
        tracker = Tracker(store, clock, home)
        tracker.settings.set("consultant", "ana")
        tracker.settings.set("language", "pt_BR")
    monkeypatch.setenv("TRACKER_HOME", str(home))
    monkeypatch.setenv("TRACKER_EXIT_WHEN_SHOWN", "1")
    menus: list[list[str]] = []
    monkeypatch.setattr(
        MainWindow,
        "showEvent",
        lambda self, e: menus.append([a.text() for a in self.menuBar().actions() if a.isVisible()]),
    )
    _SPAWNED.clear()
    _RECORDING.append(True)
    try:
        assert ui.app.run_app([]) == 0
    finally:
        _RECORDING.clear()
    assert menus and menus[0][:3] == ["&Arquivo", "&Sessão", "E&xibir"]
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"  # uninstalled on the way out
    assert len(_SPAWNED) == 1 and "lrelease" in _SPAWNED[0], "the first start compiled the .qm"
    cached = list((home / "cache" / "translations").glob("tracker_pt_BR-*.qm"))
    assert len(cached) == 1
    built_at = cached[0].stat().st_mtime_ns

    _SPAWNED.clear()
    _RECORDING.append(True)
    try:
        assert ui.app.run_app([]) == 0  # the second start
    finally:
        _RECORDING.clear()
    assert menus[1][:3] == ["&Arquivo", "&Sessão", "E&xibir"]
    assert _SPAWNED == [], "the second start ran no lrelease (nor anything else)"
    assert cached[0].stat().st_mtime_ns == built_at
    assert list((home / "cache" / "translations").iterdir()) == cached
