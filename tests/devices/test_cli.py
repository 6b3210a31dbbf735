"""The ``mobile-case`` command: devices, journal export (with login), database backup, the app's options.

A demo store is seeded once through the real services; commands run in-process (``cli.main(argv)``) and,
for the installed entry point, as real subprocesses.
"""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher

from mobile_case import cli
from mobile_case.devices.registry import KINDS

TODAY = date.today()
FROM = (TODAY - timedelta(days=30)).isoformat()
TO = (TODAY + timedelta(days=30)).isoformat()
ADMIN_PIN = "1357"  # the demo accounts of services/demo.py (public, for training only)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from mobile_case.profiles import default_profile
    from mobile_case.services.demo import seed_demo
    from mobile_case.storage import pins

    previous = pins.use_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    try:
        data_dir = tmp_path_factory.mktemp("demo-data")
        assert seed_demo(data_dir, default_profile())
    finally:
        pins.use_hasher(previous)
    return data_dir


@pytest.fixture(autouse=True)
def no_leftover_log_handlers() -> Iterator[None]:
    """In-process export sets up the app's file log; drop it after each test."""
    yield
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_mobile_case", False):
            root.removeHandler(handler)
            handler.close()


def run(*argv: str, pin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    environ = dict(os.environ, **env)
    environ.pop(cli.PIN_ENV, None)
    if pin is not None:
        environ[cli.PIN_ENV] = pin
    return subprocess.run(
        [sys.executable, "-m", "mobile_case", *argv],
        capture_output=True,
        text=True,
        timeout=120,
        env=environ,
        stdin=subprocess.DEVNULL,
    )


def call(argv: list[str]) -> int:
    """``cli.main`` with argparse's own exit (bad arguments) turned into its exit code."""
    try:
        return cli.main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)


def export_args(
    demo_dir: Path, out: Path, journal: str = "services", user: str = "admin", *extra: str
) -> list[str]:
    return [
        "export",
        journal,
        "--from",
        FROM,
        "--to",
        TO,
        "-o",
        str(out),
        "--user",
        user,
        "--data-dir",
        str(demo_dir),
        *extra,
    ]


# --- devices ------------------------------------------------------------------------------------------
def test_devices_json_lists_every_device(capsys: pytest.CaptureFixture[str], qapp: object) -> None:
    assert cli.main(["devices", "--json", "--simulate-devices"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["kind"] for d in data] == list(KINDS)
    assert all(d["state"] == "simulated" and d["message"] for d in data)


def test_devices_command_runs_as_a_program(sane_config: Path) -> None:
    done = run("devices", "--station", "127.0.0.1:1")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Пристрої «Мобільного кейсу»:"
    assert any(line.startswith("  Сканер: готовий — test:") for line in lines)  # SANE's test scanner is real
    assert any("Камера і мікрофон: симулятор" in line for line in lines)
    assert any("сервер ЦНАП 127.0.0.1 недоступний" in line for line in lines)
    assert "qt.multimedia" not in done.stderr


def test_devices_exit_zero_even_when_everything_is_missing(sane_empty: Path) -> None:
    done = run("devices", "--json")
    assert done.returncode == 0, done.stderr
    states = {d["kind"]: d["state"] for d in json.loads(done.stdout)}
    assert states["scanner"] == "simulated" and states["recorder"] == "simulated"


# --- export -------------------------------------------------------------------------------------------
def test_export_services_pdf_as_a_program_is_audited(demo_dir: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "journal.pdf"
    done = run(*export_args(demo_dir, out), pin=ADMIN_PIN)
    assert done.returncode == 0, done.stderr
    assert "збережено у" in done.stdout and str(out) in done.stdout
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Журнал" in text or "ЖУРНАЛ" in text
    # the login and the export are in the audit log (ids and codes only)
    from mobile_case.storage.store import open_store

    store = open_store(demo_dir)
    try:
        exported = store.audit.entries(action="journal_exported", limit=5)
    finally:
        store.close()
    assert exported and exported[0].details["format"] == "pdf" and exported[0].details["kind"] == "services"


@pytest.mark.parametrize("journal", ["services", "handover", "acts"])
def test_export_each_journal_to_xlsx(
    journal: str,
    demo_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from openpyxl import load_workbook

    monkeypatch.setenv(cli.PIN_ENV, ADMIN_PIN)
    out = tmp_path / f"{journal}.xlsx"
    assert cli.main(export_args(demo_dir, out, journal)) == 0, capsys.readouterr().err
    sheet = load_workbook(io.BytesIO(out.read_bytes())).active
    assert sheet.max_row >= 2
    assert not (tmp_path / f"{journal}.xlsx.part").exists()


def test_wrong_pin_is_refused_and_writes_nothing(
    demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(cli.PIN_ENV, "0000")
    out = tmp_path / "j.pdf"
    assert cli.main(export_args(demo_dir, out)) == cli.EXIT_AUTH
    assert "PIN" in capsys.readouterr().err
    assert not out.exists()


def test_a_user_without_export_permission_is_refused(
    demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(cli.PIN_ENV, "9753")  # the kit keeper
    out = tmp_path / "j.pdf"
    assert cli.main(export_args(demo_dir, out, "services", "keeper")) == cli.EXIT_DENIED
    assert "прав" in capsys.readouterr().err
    assert not out.exists()


def test_no_pin_and_no_terminal_says_how_to_give_it(demo_dir: Path, tmp_path: Path) -> None:
    done = run(*export_args(demo_dir, tmp_path / "j.pdf"))
    assert done.returncode == cli.EXIT_USAGE
    assert "MOBILE_CASE_PIN" in done.stderr


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"--from": "2026-02-30"}, "не існує в календарі"),
        ({"--from": "31.03.2026"}, "РРРР-ММ-ДД"),
        ({"--from": "2026-04-02", "--to": "2026-04-01"}, "пізніша за кінцеву"),
        ({"-o": "/no/such/folder/j.pdf"}, "Папки «/no/such/folder» не існує"),
        ({"-o": "journal.pdf", "--format": "xlsx"}, "не відповідає формату xlsx"),
        ({"-o": "journal.txt"}, "--format pdf"),
    ],
)
def test_bad_input_gives_a_ukrainian_message(
    change: dict[str, str], message: str, demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.setenv(cli.PIN_ENV, ADMIN_PIN)
    monkeypatch.chdir(tmp_path)
    values = {"--from": FROM, "--to": TO, "-o": str(tmp_path / "j.pdf")} | change
    argv = ["export", "services", "--user", "admin", "--data-dir", str(demo_dir)]
    for key, value in values.items():
        argv += [key, value]
    assert call(argv) == cli.EXIT_USAGE
    assert message in capsys.readouterr().err


def test_export_from_a_folder_without_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["export", "acts", "--from", FROM, "--to", TO, "-o", str(tmp_path / "a.pdf"),
                     "--user", "admin", "--data-dir", str(tmp_path)])  # fmt: skip
    assert code == cli.EXIT_STORE
    assert "немає бази даних" in capsys.readouterr().err


def test_missing_arguments_are_named_in_ukrainian(capsys: pytest.CaptureFixture[str]) -> None:
    assert call(["export", "services", "--from", FROM]) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert "не вказано обов'язкові параметри: --to, -o/--output, --user" in err
    assert err.startswith("використання: mobile-case export")


# --- db backup ------------------------------------------------------------------------------------------
def test_db_backup_into_the_data_folder(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["db", "backup", "--data-dir", str(demo_dir)]) == 0
    line = capsys.readouterr().out.splitlines()[0]
    path = Path(line.split(": ", 1)[1])
    assert path.parent == demo_dir / "backups" and path.stat().st_size > 0
    assert not path.read_bytes().startswith(b"SQLite format 3")  # encrypted, like the database


def test_db_backup_to_another_folder_opens_with_the_key(demo_dir: Path, tmp_path: Path) -> None:
    done = run("db", "backup", "--data-dir", str(demo_dir), "-o", str(tmp_path / "copies"))
    assert done.returncode == 0, done.stderr
    (copy,) = (tmp_path / "copies").glob("mobile-case-*.db")
    from mobile_case.storage.db import raw_connect
    from mobile_case.storage.keys import KeyringKeyProvider

    key = KeyringKeyProvider().get_key(demo_dir, create=False)
    conn = raw_connect(copy, key)
    try:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM users").fetchone()[0] == 4
    finally:
        conn.close()


def test_db_backup_errors(tmp_path: Path, demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["db", "backup", "--data-dir", str(tmp_path / "nothing")]) == cli.EXIT_USAGE
    assert "не існує" in capsys.readouterr().err
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert cli.main(["db", "backup", "--data-dir", str(demo_dir), "-o", str(blocker)]) == cli.EXIT_USAGE
    assert "це файл, а не папка" in capsys.readouterr().err


# --- the app ------------------------------------------------------------------------------------------
def test_no_command_runs_the_app_with_its_options(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from mobile_case import app

    seen: list[Any] = []
    monkeypatch.setattr(app, "main", lambda args: seen.append(args) or 7)
    assert cli.main(["--data-dir", str(tmp_path), "--demo", "--profile", "illintsi", "--lang", "en"]) == 7
    args = seen[0]
    assert (args.data_dir, args.demo, args.profile, args.lang) == (str(tmp_path), True, "illintsi", "en")
    assert args.simulate_devices is None  # automatic choice unless asked
    assert cli.main(["--simulate-devices"]) == 7
    assert seen[1].simulate_devices is True and seen[1].command is None


def test_help_is_ukrainian() -> None:
    done = run("--help")
    assert done.returncode == 0
    assert done.stdout.startswith("використання: mobile-case")
    assert "показати пристрої та їхній стан" in done.stdout
