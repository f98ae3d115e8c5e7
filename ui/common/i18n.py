"""Portuguese first, English as the fallback.

The sources are Qt Linguist files, ``resources/translations/tracker_<lang>.ts``, kept in
git.  The compiled ``.qm`` is never committed.  A ``.qm`` shipped beside the ``.ts`` (a
built package may carry one) is used as it is.  Otherwise it is compiled with Qt's
``lrelease`` the first time it is needed and kept in the user's cache folder under a
name that carries a hash of the ``.ts`` content: later starts find it there and run
nothing, and an edited ``.ts`` has another name, so it is compiled once again.
The language follows the system locale unless the ``language`` setting says
``pt_BR`` or ``en``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import PySide6
from platformdirs import PlatformDirs
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator

import resources
from tracker.app import atomic_write

TRANSLATIONS = Path(resources.__file__).resolve().parent / "translations"
SUPPORTED = ("pt_BR", "en")
HASH_CHARS = 16
_installed: list[QTranslator] = []

# Texts of Qt's own file dialog that Qt's qtbase_pt_BR.qm leaves in English (it has them
# only without the accelerator).  Listed here, lupdate puts them in our .ts under Qt's
# context; Qt's translator is asked first and ours fills these gaps.
QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)


def pick_language(setting: str, system: str | None = None) -> str:
    """pt_BR or en: the setting when it names one, else the system locale."""
    if setting in SUPPORTED:
        return setting
    name = system or QLocale.system().name()
    return "pt_BR" if name.lower().startswith("pt") else "en"


def lrelease() -> str | None:
    """Qt's lrelease, as PySide6 ships it."""
    here = Path(PySide6.__file__).resolve().parent
    for candidate in (here / "lrelease", here / "lrelease.exe", here / "Qt" / "libexec" / "lrelease"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    return found


def cache_dir() -> Path:
    forced = os.environ.get("TRACKER_HOME")
    if forced:
        return Path(forced) / "cache" / "translations"
    return Path(PlatformDirs("consultancy-tracker", appauthor=False).user_cache_dir) / "translations"


def cached_name(ts: Path) -> str:
    """``tracker_pt_BR-<hash of the .ts content>.qm``."""
    digest = hashlib.sha256(ts.read_bytes()).hexdigest()[:HASH_CHARS]
    return f"{ts.stem}-{digest}.qm"


def compiled(language: str, cache: Path | None = None) -> Path | None:
    """The .qm for ``language``: shipped, cached, or compiled now; None if impossible."""
    shipped = TRANSLATIONS / f"tracker_{language}.qm"
    if shipped.is_file():
        return shipped
    ts = TRANSLATIONS / f"tracker_{language}.ts"
    if not ts.is_file():
        return None
    out_dir = cache or cache_dir()
    qm = out_dir / cached_name(ts)
    if qm.is_file():
        return qm
    return _compile(ts, qm, language)


def _compile(ts: Path, qm: Path, language: str) -> Path | None:
    """Run lrelease once into a temporary folder, then put its output in the cache whole."""
    tool = lrelease()
    if tool is None:
        print("tracker: Qt's lrelease was not found; the window stays in English", file=sys.stderr)
        return None
    with tempfile.TemporaryDirectory(prefix="tracker-qm-") as scratch:
        built = Path(scratch) / qm.name
        result = subprocess.run([tool, "-silent", str(ts), "-qm", str(built)], capture_output=True, text=True)
        if result.returncode != 0 or not built.is_file():
            why = result.stderr.strip()
            print(f"tracker: building the {language} translation failed: {why}", file=sys.stderr)
            return None
        data = built.read_bytes()
    try:
        qm.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(qm) as fh:
            fh.write(data)
    except OSError as exc:  # a read-only cache: compile again next time rather than fail
        print(f"tracker: the {language} translation cannot be cached in {qm.parent}: {exc}", file=sys.stderr)
        return None
    for old in qm.parent.glob(f"{ts.stem}-*.qm"):  # compiled from an earlier .ts
        if old != qm:
            old.unlink(missing_ok=True)
    return qm


def install(app: QCoreApplication, setting: str = "system", cache: Path | None = None) -> str:
    """Load the translations for the chosen language; returns the language in use."""
    _remove(app)
    language = pick_language(setting)
    QLocale.setDefault(QLocale(language))
    if language == "en":
        return language
    qm = compiled(language, cache)
    if qm is not None:
        mine = QTranslator(app)
        if mine.load(str(qm)):
            app.installTranslator(mine)
            _installed.append(mine)
    qt = QTranslator(app)  # Qt's own texts: standard buttons, file dialogs
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(QLocale(language), "qtbase", "_", qt_dir):
        app.installTranslator(qt)
        _installed.append(qt)
    return language


def _remove(app: QCoreApplication) -> None:
    for old in _installed:
        app.removeTranslator(old)
        old.deleteLater()
    _installed.clear()


def uninstall(app: QCoreApplication) -> None:
    """Back to the untranslated (English) texts and the system's locale."""
    _remove(app)
    QLocale.setDefault(QLocale.system())
