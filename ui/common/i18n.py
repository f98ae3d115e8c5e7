"""Portuguese first, English as the fallback.

The sources are Qt Linguist files, ``resources/translations/tracker_<lang>.ts``, kept in
git.  The compiled ``.qm`` files are never committed: they are built from the ``.ts``
with Qt's ``lrelease`` at start-up, into a cache folder, whenever the source is newer.
The language follows the system locale unless the ``language`` setting says
``pt_BR`` or ``en``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

import resources

TRANSLATIONS = Path(resources.__file__).resolve().parent / "translations"
SUPPORTED = ("pt_BR", "en")
_installed: list[QTranslator] = []


def pick_language(setting: str, system: str | None = None) -> str:
    """pt_BR or en: the setting when it names one, else the system locale."""
    if setting in SUPPORTED:
        return setting
    name = system or QLocale.system().name()
    return "pt_BR" if name.lower().startswith("pt") else "en"


def lrelease() -> str | None:
    """Qt's lrelease, as PySide6 ships it."""
    import PySide6

    here = Path(PySide6.__file__).resolve().parent
    for candidate in (here / "lrelease", here / "lrelease.exe", here / "Qt" / "libexec" / "lrelease"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    return found


def cache_dir() -> Path:
    from platformdirs import PlatformDirs

    forced = os.environ.get("TRACKER_HOME")
    if forced:
        return Path(forced) / "cache" / "translations"
    return Path(PlatformDirs("consultancy-tracker", appauthor=False).user_cache_dir) / "translations"


def compiled(language: str, cache: Path | None = None) -> Path | None:
    """The .qm for ``language``, built from its .ts when missing or older; None if impossible."""
    ts = TRANSLATIONS / f"tracker_{language}.ts"
    if not ts.exists():
        return None
    out_dir = cache or cache_dir()
    qm = out_dir / f"tracker_{language}.qm"
    if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
        return qm
    tool = lrelease()
    if tool is None:
        print("tracker: Qt's lrelease was not found; the window stays in English", file=sys.stderr)
        return None
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = qm.with_suffix(".qm.tmp")
    result = subprocess.run([tool, "-silent", str(ts), "-qm", str(tmp)], capture_output=True, text=True)
    if result.returncode != 0 or not tmp.exists():
        why = result.stderr.strip()
        print(f"tracker: building the {language} translation failed: {why}", file=sys.stderr)
        return None
    os.replace(tmp, qm)
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
