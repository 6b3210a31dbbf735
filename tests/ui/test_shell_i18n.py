"""i18n.py and tools/i18n.py: every UI string has its Ukrainian translation; catalogues compile and load."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QDialogButtonBox

from mobile_case import i18n

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "i18n.py"


def run_tool(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(TOOL), *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )


def test_every_ui_string_has_a_ukrainian_translation() -> None:
    result = run_tool("check")
    assert result.returncode == 0, "\n" + result.stdout + result.stderr


def test_ukrainian_is_installed_for_shell_and_qt(qapp) -> None:
    # the session fixture installed "uk": our strings and Qt's own standard buttons are Ukrainian
    assert QCoreApplication.translate("Navigation", "Home") == "Головна"
    assert QCoreApplication.translate("LoginWindow", "Log in") == "Увійти"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Скасувати"
    assert QLocale().name() == "uk_UA"
    assert QLocale().toString(1234.5, "f", 2) == "1\u00a0234,50"  # non-breaking space, decimal comma


def test_english_uses_the_source_strings_then_back_to_ukrainian(qapp, tmp_path) -> None:
    try:
        assert i18n.install(qapp, "en", cache_dir=tmp_path) == []
        assert QCoreApplication.translate("Navigation", "Home") == "Home"
        assert QLocale().name() == "en_GB"
    finally:
        installed = i18n.install(qapp, "uk", cache_dir=tmp_path)
    assert len(installed) >= 2  # qtbase_uk + at least the shell catalogue
    assert QCoreApplication.translate("Navigation", "Home") == "Головна"


def test_catalogues_compile_into_the_cache_and_recompile_when_stale(tmp_path) -> None:
    qms = i18n.compiled_catalogues(tmp_path)
    names = {q.stem for q in qms}
    assert "shell" in names
    shell_qm = tmp_path / "uk" / "shell.qm"
    assert shell_qm in qms and shell_qm.stat().st_size > 1000
    first = shell_qm.stat().st_mtime
    # unchanged .ts: reused as is
    i18n.compiled_catalogues(tmp_path)
    assert shell_qm.stat().st_mtime == first
    # an older .qm than its .ts is compiled again
    old = time.time() - 3600 * 24 * 365
    os.utime(shell_qm, (old, old))
    i18n.compiled_catalogues(tmp_path)
    assert shell_qm.stat().st_mtime > old


def test_unknown_language_falls_back_to_ukrainian(qapp, tmp_path) -> None:
    installed = i18n.install(qapp, "de", cache_dir=tmp_path)
    assert installed and QCoreApplication.translate("Navigation", "Settings") == "Налаштування"


@pytest.fixture
def scratch_repo(tmp_path: Path) -> Path:
    """A copy of tools/ and a tiny ui/ tree, so update/fill/check run on files of their own."""
    root = tmp_path / "repo"
    (root / "tools").mkdir(parents=True)
    shutil.copy(TOOL, root / "tools" / "i18n.py")
    ui = root / "src" / "mobile_case" / "ui" / "intake"
    ui.mkdir(parents=True)
    (root / "src" / "mobile_case" / "ui" / "__init__.py").write_text("")
    (ui / "page.py").write_text(
        "from PySide6.QtWidgets import QWidget\n"
        "class IntakePage(QWidget):\n"
        "    def texts(self):\n"
        "        return self.tr('Subject'), self.tr('%n document(s)', '', 2)\n",
        encoding="utf-8",
    )
    (root / "resources" / "translations" / "uk").mkdir(parents=True)
    return root


def scratch_env(root: Path) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src")  # the tool finds lupdate through mobile_case.i18n
    return env


def test_update_fill_check_cycle(scratch_repo: Path) -> None:
    tool = scratch_repo / "tools" / "i18n.py"
    env = scratch_env(scratch_repo)

    def run(*args):
        return subprocess.run(
            [sys.executable, str(tool), *args], capture_output=True, text=True, env=env, timeout=120
        )

    result = run("check")
    assert result.returncode == 1
    assert "'Subject'" in result.stdout and "[IntakePage]" in result.stdout and "page.py:4" in result.stdout
    assert run("update", "intake").returncode == 0
    ts = scratch_repo / "resources" / "translations" / "uk" / "intake.ts"
    assert ts.exists()
    mapping = scratch_repo / "uk.json"
    mapping.write_text(
        '{"Subject": "Суб\'єкт звернення", "%n document(s)": ["%n документ", "%n документи", "%n документів"],'
        ' "Nowhere": "Ніде"}',
        encoding="utf-8",
    )
    result = run("fill", "intake", str(mapping))
    assert "2 message(s) translated" in result.stdout and "'Nowhere'" in result.stdout
    assert run("check").returncode == 0
    # a new string: update keeps the existing translations, check lists only the new one
    page = scratch_repo / "src" / "mobile_case" / "ui" / "intake" / "page.py"
    page.write_text(
        page.read_text(encoding="utf-8") + "    def more(self):\n        return self.tr('Address')\n"
    )
    run("update", "intake")
    text = ts.read_text(encoding="utf-8")
    assert "звернення" in text and "%n документів" in text  # (lupdate writes ' as &apos;)
    result = run("check")
    assert result.returncode == 1 and "'Address'" in result.stdout and "'Subject'" not in result.stdout
    assert run("missing", "intake").stdout.strip().startswith("{")
    # a call lupdate cannot see (the %n count as an expression) is reported, not silently skipped
    page.write_text(
        page.read_text(encoding="utf-8")
        + "    def count(self, items):\n"
        + "        return QCoreApplication.translate('IntakePage', '%n item(s) left', '', len(items) - 1)\n",
        encoding="utf-8",
    )
    result = run("check")
    assert result.returncode == 1 and "'%n item(s) left'" in result.stdout
    assert "lupdate cannot extract this call" in result.stdout


def test_check_runs_from_a_python_without_pyside6() -> None:
    """``python3 tools/i18n.py check`` / ``./tools/i18n.py check`` on a fresh clone: the Python found
    first has no PySide6 (only the project's .venv has), so the tool runs itself under the .venv."""
    base = getattr(sys, "_base_executable", "") or shutil.which("python3") or ""
    probe = subprocess.run([base, "-I", "-c", "import PySide6"], capture_output=True, timeout=60)
    if not base or probe.returncode == 0:
        pytest.skip("no Python without PySide6 on this machine")
    if not (ROOT / ".venv").is_dir():
        pytest.skip("no .venv in this checkout")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run(
        [base, "-I", str(TOOL), "check"], capture_output=True, text=True, cwd=ROOT, env=env, timeout=180
    )
    assert result.returncode == 0, "\n" + result.stdout + result.stderr
    assert "every UI string has a Ukrainian translation" in result.stdout


def test_qt_tools_find_the_wheels_libraries(tmp_path: Path) -> None:
    """A Qt tool whose RPATH does not lead to ``PySide6/Qt/lib`` (the 6.12.0 wheel: «libicui18n.so.73:
    cannot open shared object file») runs with ``qt_tool_env()`` — here a copy of lupdate elsewhere."""
    if sys.platform != "linux":
        pytest.skip("the library path is checked on Linux")
    tool = i18n.qt_tool("lupdate")
    assert tool is not None
    copy = tmp_path / "bin" / "lupdate"
    copy.parent.mkdir()
    shutil.copy2(tool, copy)
    alone = subprocess.run([str(copy), "-version"], capture_output=True, text=True, timeout=60)
    if alone.returncode == 0:
        pytest.skip("this machine has the Qt libraries on its default library path")
    assert "cannot open shared object file" in alone.stderr
    helped = subprocess.run(
        [str(copy), "-version"], capture_output=True, text=True, timeout=60, env=i18n.qt_tool_env(copy)
    )
    assert helped.returncode == 0, helped.stderr
    assert "lupdate version" in helped.stdout


def test_check_reports_a_count_lupdate_does_not_make_a_plural(scratch_repo: Path) -> None:
    """``QCoreApplication.translate(ctx, "%n …", "", count)`` is extracted as a plain message: Qt then
    finds only the «one» form, and «+ 2 more» stays English. ``check`` says so; ``self.tr`` is fine."""
    tool = scratch_repo / "tools" / "i18n.py"
    env = scratch_env(scratch_repo)
    page = scratch_repo / "src" / "mobile_case" / "ui" / "intake" / "page.py"
    page.write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        "from PySide6.QtWidgets import QWidget\n"
        "class IntakePage(QWidget):\n"
        "    def texts(self, count):\n"
        "        a = self.tr('%n document(s)', '', count)\n"
        "        b = QCoreApplication.translate('IntakePage', '%n file(s)', '', count)\n"
        "        return a, b\n",
        encoding="utf-8",
    )

    def run(*args):
        return subprocess.run(
            [sys.executable, str(tool), *args], capture_output=True, text=True, env=env, timeout=120
        )

    assert run("update", "intake").returncode == 0
    mapping = scratch_repo / "uk.json"
    mapping.write_text(
        '{"%n document(s)": ["%n документ", "%n документи", "%n документів"],'
        ' "%n file(s)": ["%n файл", "%n файли", "%n файлів"]}',
        encoding="utf-8",
    )
    run("fill", "intake", str(mapping))
    result = run("check")
    assert result.returncode == 1
    assert "'%n file(s)'" in result.stdout and "does not make it a plural" in result.stdout
    assert "'%n document(s)'" not in result.stdout
