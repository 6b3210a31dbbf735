"""The console script for the CNAP's IT person, run as a real program (``.venv/bin/mobile-case``).

A demo store is seeded through the real services (``services/demo.py``); then ``mobile-case export`` writes
each journal as PDF and as XLSX, and the files are read back: the workbook's every cell must be what the
journal spec makes of the entries the same user sees through the services, and the PDF's text (pdftotext)
must hold the journal's Ukrainian title and every line's subject. ``mobile-case devices`` and
``mobile-case db backup`` must exit 0 and say what they did; the backup must open with the store's key and
hold the same journals.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(sys.executable).with_name("mobile-case")  # the installed console script of the venv
TODAY = date.today()
DAY_FROM = TODAY - timedelta(days=30)
DAY_TO = TODAY + timedelta(days=30)
PIN_ENV = "MOBILE_CASE_PIN"

pytestmark = pytest.mark.slow


def mobile_case(*argv: str, pin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop(PIN_ENV, None)
    if pin is not None:
        env[PIN_ENV] = pin
    return subprocess.run(
        [str(SCRIPT), *argv],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
    )


def pdf_text(path: Path) -> str:
    """The PDF's text in reading order (``-raw``: a table cell's wrapped lines stay together)."""
    done = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return " ".join(done.stdout.split())


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``seed_demo`` into an empty folder with the default key provider (the key file: no OS keyring in
    the tests), so that the program finds the key the same way."""
    from argon2 import PasswordHasher

    from mobile_case.profiles import default_profile
    from mobile_case.services.demo import seed_demo
    from mobile_case.storage import pins

    previous = pins.use_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    try:
        data_dir = tmp_path_factory.mktemp("cli-demo") / "data"
        assert seed_demo(data_dir, default_profile())
    finally:
        pins.use_hasher(previous)
    return data_dir


@pytest.fixture(scope="module")
def users() -> dict[str, Any]:
    from mobile_case.services.demo import DEMO_USERS

    return {u.role.value: u for u in DEMO_USERS}


def journal_entries(data_dir: Path, login: str, pin: str, kind: str) -> list[Any]:
    """What ``login`` sees in the journal over the export's period, through the services."""
    from mobile_case.profiles import default_profile
    from mobile_case.services import build_services
    from mobile_case.services.types import JournalFilter

    services = build_services(data_dir, default_profile())
    try:
        services.auth.login(login, pin)
        query = {"services": services.journals.services, "handover": services.journals.handover}.get(
            kind, services.journals.acts
        )
        entries = query(JournalFilter(day_from=DAY_FROM, day_to=DAY_TO))
        services.auth.logout()
        return entries
    finally:
        services.close()


def expected_rows(kind: str, entries: list[Any]) -> list[list[Any]]:
    from mobile_case.documents import journals
    from mobile_case.profiles import default_profile

    spec = getattr(journals, f"{kind}_spec")(default_profile())
    return journals.rows(spec, entries)


def same_cell(got: Any, want: Any) -> bool:
    if want in (None, ""):
        return got in (None, "")
    if isinstance(want, datetime):
        return isinstance(got, datetime) and got.replace(second=0, microsecond=0) == want.replace(
            second=0, microsecond=0
        )
    if isinstance(want, date):
        return (got.date() if isinstance(got, datetime) else got) == want
    return got == want


def export(data_dir: Path, out: Path, kind: str, user: Any, fmt: str | None = None) -> str:
    argv = [
        "export",
        kind,
        "--from",
        DAY_FROM.isoformat(),
        "--to",
        DAY_TO.isoformat(),
        "-o",
        str(out),
        "--user",
        user.login,
        "--data-dir",
        str(data_dir),
    ]
    if fmt:
        argv += ["--format", fmt]
    done = mobile_case(*argv, pin=user.pin)
    assert done.returncode == 0, done.stderr
    assert out.exists() and not out.with_name(out.name + ".part").exists()
    assert f"збережено у «{out}»" in done.stdout, done.stdout
    assert f"{DAY_FROM:%d.%m.%Y}–{DAY_TO:%d.%m.%Y}" in done.stdout
    return done.stdout


def line_key(entry: Any) -> Any:
    return getattr(entry, "id", None) or (entry.number, entry.request_id)


def subject_of(kind: str, entry: Any) -> str:
    if kind == "handover":
        return entry.given_by_name
    return entry.subject_name


TITLES = {
    "services": ("Журнал надання послуг (Додаток 3)", "обліку надання адміністративних послуг"),
    "handover": ("Журнал видачі кейсу (Додаток 1)", "прийому-передачі «Мобільного кейсу»"),
    "acts": ("Журнал актів про неможливість надання послуги", "обліку актів щодо неможливості"),
}


def test_console_script_is_installed() -> None:
    assert SCRIPT.exists(), f"{SCRIPT}: install the package (pip install -e .)"
    done = mobile_case("--help")
    assert done.returncode == 0 and "export" in done.stdout and "використання" in done.stdout


@pytest.mark.parametrize("kind", ["services", "handover", "acts"])
def test_export_xlsx_holds_the_same_rows(
    demo_dir: Path, users: dict[str, Any], tmp_path: Path, kind: str
) -> None:
    head = users["head"]
    out = tmp_path / f"{kind}.xlsx"
    stdout = export(demo_dir, out, kind, head, "xlsx")
    assert stdout.startswith(TITLES[kind][0])
    entries = journal_entries(demo_dir, head.login, head.pin, kind)
    assert entries, f"the demo store has {kind} lines in the period"
    from mobile_case.documents.xlsx import HEADER_ROW

    sheet = openpyxl.load_workbook(out).active
    assert str(sheet["A1"].value).startswith("ЖУРНАЛ") and TITLES[kind][1] in sheet["A1"].value
    assert sheet["A3"].value == f"за період з {DAY_FROM:%d.%m.%Y} по {DAY_TO:%d.%m.%Y}"
    rows = [list(r) for r in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
    want = expected_rows(kind, entries)
    assert len(rows) == len(want)
    for got_row, want_row in zip(rows, want, strict=True):
        assert len(got_row) == len(want_row)
        mismatched = [(g, w) for g, w in zip(got_row, want_row, strict=True) if not same_cell(g, w)]
        assert not mismatched, mismatched


@pytest.mark.parametrize("kind", ["services", "handover", "acts"])
def test_export_pdf_is_the_ukrainian_journal(
    demo_dir: Path, users: dict[str, Any], tmp_path: Path, kind: str
) -> None:
    head = users["head"]
    out = tmp_path / f"{kind}.pdf"
    export(demo_dir, out, kind, head)  # the format from the file's extension
    assert out.read_bytes().startswith(b"%PDF")
    text = pdf_text(out)
    assert "ЖУРНАЛ" in text and TITLES[kind][1] in text
    if kind != "acts":
        assert {"services": "Додаток 3", "handover": "Додаток 1"}[kind] in text
    assert f"{DAY_FROM:%d.%m.%Y}" in text and f"{DAY_TO:%d.%m.%Y}" in text
    entries = journal_entries(demo_dir, head.login, head.pin, kind)
    assert entries
    for entry in entries:
        assert subject_of(kind, entry) in text, subject_of(kind, entry)
    if kind == "acts":
        for act in entries:
            assert act.number in text


def test_an_administrator_exports_only_own_lines(
    demo_dir: Path, users: dict[str, Any], tmp_path: Path
) -> None:
    admin, head = users["administrator"], users["head"]
    out = tmp_path / "mine.xlsx"
    export(demo_dir, out, "services", admin)
    from mobile_case.documents.xlsx import HEADER_ROW

    sheet = openpyxl.load_workbook(out).active
    rows = [r for r in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
    mine = journal_entries(demo_dir, admin.login, admin.pin, "services")
    everyone = journal_entries(demo_dir, head.login, head.pin, "services")
    assert len(rows) == len(mine) <= len(everyone)
    assert {e.administrator_name for e in mine} <= {admin.full_name}


def test_devices_lists_every_device() -> None:
    from mobile_case.devices.registry import KINDS
    from mobile_case.devices.registry import TITLES as DEVICE_TITLES

    done = mobile_case("devices")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Пристрої «Мобільного кейсу»:"
    states = ("готовий", "немає", "несправний", "симулятор")
    for kind in KINDS:
        line = next((x for x in lines if x.startswith(f"  {DEVICE_TITLES[kind]}: ")), "")
        assert line, f"{kind} is not listed:\n{done.stdout}"
        assert any(f": {state} — " in line for state in states), line
    done = mobile_case("devices", "--json", "--simulate-devices")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [d["kind"] for d in data] == list(KINDS)
    assert all(d["state"] == "simulated" and d["message"] for d in data)


def test_db_backup_makes_a_copy_that_opens(demo_dir: Path, users: dict[str, Any], tmp_path: Path) -> None:
    from mobile_case.storage.db import DB_FILE_NAME
    from mobile_case.storage.keys import KEY_FILE_NAME

    done = mobile_case("db", "backup", "--data-dir", str(demo_dir))
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[0]
    prefix = "Резервну копію бази даних створено: "
    assert first.startswith(prefix), done.stdout
    copy = Path(first[len(prefix) :])
    assert copy.parent == demo_dir / "backups" and copy.exists()
    assert "зашифрована" in done.stdout
    assert not copy.read_bytes()[:16].startswith(b"SQLite format 3")  # encrypted, not a plain SQLite file

    # The copy opens as the store of a new folder with the same key and holds the same journals.
    restored = tmp_path / "restored"
    restored.mkdir()
    shutil.copy2(copy, restored / DB_FILE_NAME)
    shutil.copy2(demo_dir / KEY_FILE_NAME, restored / KEY_FILE_NAME)
    head = users["head"]
    for kind in ("services", "handover", "acts"):
        original = journal_entries(demo_dir, head.login, head.pin, kind)
        again = journal_entries(restored, head.login, head.pin, kind)
        assert [line_key(e) for e in again] == [line_key(e) for e in original]

    # to another folder with -o
    elsewhere = tmp_path / "copies"
    done = mobile_case("db", "backup", "--data-dir", str(demo_dir), "-o", str(elsewhere))
    assert done.returncode == 0, done.stderr
    assert len(list(elsewhere.glob("*.db"))) == 1
