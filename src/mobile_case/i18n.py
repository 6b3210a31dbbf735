"""Translations: English source strings in the code, the Ukrainian catalogue first-class.

Each UI room keeps its catalogue in ``resources/translations/uk/<room>.ts`` (shell, intake, visit).
At start-up :func:`install` compiles every ``.ts`` to ``.qm`` with ``lrelease`` into a cache folder
when the ``.qm`` is missing or older than its ``.ts`` (compiled catalogues are never committed), and
installs one ``QTranslator`` per catalogue plus Qt's own ``qtbase_uk`` (standard dialog buttons).
A build that ships pre-compiled ``.qm`` files next to the ``.ts`` files (the installer) uses those.

``--lang en`` installs nothing: the source strings are English. Dates and numbers use the Ukrainian
locale (``uk_UA``) for Ukrainian and ``en_GB`` (day-month-year) for English.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

# (subprocess and shutil are imported where used: only when a catalogue must be compiled, which keeps
# them — ~20 ms with what they pull in — off the cold start)

log = logging.getLogger(__name__)

LANGUAGES = ("uk", "en")
DEFAULT_LANGUAGE = "uk"


def resources_dir() -> Path:
    """The ``resources/`` folder: ``$MOBILE_CASE_RESOURCES``, a frozen bundle's, or the source tree's."""
    env = os.environ.get("MOBILE_CASE_RESOURCES")
    if env:
        return Path(env)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def translations_dir(lang: str = "uk") -> Path:
    return resources_dir() / "translations" / lang


def catalogues(lang: str = "uk") -> list[Path]:
    """The ``.ts`` catalogues of ``lang``, sorted by room name."""
    folder = translations_dir(lang)
    return sorted(folder.glob("*.ts")) if folder.is_dir() else []


def qt_tool(name: str) -> Path | None:
    """Path of a Qt tool (``lrelease``, ``lupdate``) shipped with PySide6, or on PATH."""
    try:
        import PySide6

        base = Path(PySide6.__file__).parent
        for candidate in (base / name, base / f"{name}.exe", base / "Qt" / "libexec" / name):
            if candidate.is_file():
                return candidate
    except ImportError:  # pragma: no cover
        pass
    import shutil

    found = shutil.which(f"pyside6-{name}") or shutil.which(name)
    return Path(found) if found else None


def qt_tool_env(tool: Path | None = None) -> dict[str, str]:
    """The environment to run a Qt tool of the PySide6 wheel in: its Qt libraries (ICU among them) on
    the library path. A wheel whose tools lack an RPATH to ``PySide6/Qt/lib`` (6.12.0 on Linux) fails
    with «libicui18n.so.73: cannot open shared object file» otherwise — what the ``pyside6-lupdate``
    wrapper sets up for its own tool."""
    env = dict(os.environ)
    folders: list[Path] = []
    try:
        import PySide6

        base = Path(PySide6.__file__).parent
        folders += [base / "Qt" / "lib", base]
    except ImportError:  # pragma: no cover
        pass
    if tool is not None:
        folders += [tool.parent / "Qt" / "lib", tool.parent.parent / "lib"]
    found = [str(f) for f in dict.fromkeys(folders) if f.is_dir()]
    if not found:
        return env
    name = {"win32": "PATH", "darwin": "DYLD_LIBRARY_PATH"}.get(sys.platform, "LD_LIBRARY_PATH")
    if env.get(name):
        found.append(env[name])
    env[name] = os.pathsep.join(found)
    return env


def compile_catalogue(ts: Path, qm: Path) -> bool:
    """Compile ``ts`` to ``qm`` with lrelease. False (and a log line) when it cannot."""
    tool = qt_tool("lrelease")
    if tool is None:
        log.warning("lrelease not found; catalogue %s not compiled", ts.name)
        return False
    import subprocess

    qm.parent.mkdir(parents=True, exist_ok=True)
    tmp = qm.with_suffix(".qm.tmp")
    result = subprocess.run(
        [str(tool), "-silent", str(ts), "-qm", str(tmp)],
        capture_output=True,
        text=True,
        check=False,
        env=qt_tool_env(tool),
    )
    if result.returncode != 0 or not tmp.exists():
        log.warning("lrelease failed for %s: %s", ts.name, result.stderr.strip()[:500])
        tmp.unlink(missing_ok=True)
        return False
    os.replace(tmp, qm)
    return True


def compiled_catalogues(cache_dir: Path, lang: str = "uk") -> list[Path]:
    """The ``.qm`` of every catalogue of ``lang``, compiling into ``cache_dir`` the missing or stale ones."""
    result: list[Path] = []
    for ts in catalogues(lang):
        shipped = ts.with_suffix(".qm")
        if shipped.exists() and shipped.stat().st_mtime >= ts.stat().st_mtime:
            result.append(shipped)
            continue
        qm = Path(cache_dir) / lang / f"{ts.stem}.qm"
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            if not compile_catalogue(ts, qm):
                continue
        result.append(qm)
    return result


def qt_translations_dir() -> str:
    """Qt's own translations (qtbase_uk.qm): inside the PySide6 wheel, else where QLibraryInfo says."""
    try:
        import PySide6

        shipped = Path(PySide6.__file__).parent / "Qt" / "translations"
        if (shipped / "qtbase_uk.qm").exists():
            return str(shipped)
    except ImportError:  # pragma: no cover
        pass
    from PySide6.QtCore import QLibraryInfo

    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


_installed: list = []


def install(app, lang: str = DEFAULT_LANGUAGE, cache_dir: Path | None = None) -> list:
    """Install the translators of ``lang`` on ``app``; returns them (kept alive here too).

    Replaces translators installed by an earlier call. Sets the default ``QLocale``.
    """
    from PySide6.QtCore import QLocale, QTranslator

    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if lang not in LANGUAGES:
        log.warning("unknown language %r, using %s", lang, DEFAULT_LANGUAGE)
        lang = DEFAULT_LANGUAGE
    # locale names, not the Language/Country enums: building those two Python enums costs ~20 ms
    if lang == "en":
        QLocale.setDefault(QLocale("en_GB"))
        return []
    QLocale.setDefault(QLocale("uk_UA"))
    qt_translations = qt_translations_dir()
    qtbase = QTranslator(app)
    if qtbase.load("qtbase_uk", qt_translations):
        app.installTranslator(qtbase)
        _installed.append(qtbase)
    else:
        log.info("Qt's own Ukrainian translation (qtbase_uk) not found in %s", qt_translations)
    if cache_dir is None:
        from platformdirs import user_cache_dir

        cache_dir = Path(user_cache_dir("mobile-case", appauthor=False)) / "translations"
    for qm in compiled_catalogues(Path(cache_dir), lang):
        translator = QTranslator(app)
        if translator.load(str(qm)):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("could not load translation %s", qm.name)
    return list(_installed)
