"""``mobile-case station`` odds and ends: a busy port, the pairing code, accounts, the daily timer."""

from __future__ import annotations

import socket
import time
from pathlib import Path

from mobile_case.cli import main
from mobile_case.sync import protocol

from .conftest import ServedStation, make_config


def test_a_busy_port_is_a_clear_message(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        code = main(["station", "--data-dir", str(tmp_path), "--host", "127.0.0.1", "--port", str(port)])
    assert code == 2
    assert "не вдалося відкрити адресу" in capsys.readouterr().err


def test_pair_prints_a_code_the_kit_can_parse(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    assert main(["station", "pair", "--data-dir", str(tmp_path), "--host", "10.0.0.5", "--port", "8443"]) == 0
    out = capsys.readouterr().out
    full = next(word for word in out.split() if word.startswith("MK1-"))
    code = protocol.parse_pair_code(full)
    assert (code.host, code.port) == ("10.0.0.5", 8443)
    assert code.secret in out  # also shown for typing


def test_pair_draws_the_code_as_a_qr_the_kit_decodes(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from mobile_case.sync import qr

    png = tmp_path / "pair.png"
    args = ["station", "pair", "--data-dir", str(tmp_path), "--host", "10.0.0.5", "--port", "8443"]
    assert main([*args, "--qr-png", str(png)]) == 0
    out = capsys.readouterr().out
    full = next(word for word in out.split() if word.startswith("MK1-"))
    assert "▀" in out or "▄" in out  # the terminal QR (Unicode half blocks)
    assert qr.decode_png(png.read_bytes()) == full  # the PNG holds this very code
    assert main([*args, "--no-qr", "--qr-png", str(tmp_path / "missing" / "x.png")]) == 1
    captured = capsys.readouterr()
    assert "▀" not in captured.out and "QR-код не збережено" in captured.err


def test_account_add_checks_the_pin_rules(tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("MOBILE_CASE_PIN", "1234")
    args = ["station", "account", "add", "kerivnyk", "--name", "Коваленко", "--role", "head", "--data-dir", str(tmp_path)]
    assert main(args) == 2
    assert "PIN" in capsys.readouterr().err
    monkeypatch.setenv("MOBILE_CASE_PIN", "482913")
    assert main(args) == 0


def test_a_bad_database_url_is_a_clear_message(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    assert main(["station", "kits", "--data-dir", str(tmp_path), "--db", "mysql://x/y"]) == 5
    assert "Непідтримувана адреса бази даних" in capsys.readouterr().err
    assert main(["station", "kits", "--data-dir", str(tmp_path), "--db", "postgresql://nobody@127.0.0.1:1/none"]) == 5
    assert "Не вдалося відкрити базу даних станції" in capsys.readouterr().err


def test_the_daily_timer_runs_retention_at_start(tmp_path: Path) -> None:
    served = ServedStation(make_config(tmp_path / "st", housekeeping_hours=24))
    try:
        deadline = time.monotonic() + 10
        while not served.station.retention_log() and time.monotonic() < deadline:
            time.sleep(0.05)
        runs = served.station.retention_log()
        assert runs and runs[0]["trigger"] == "timer"
    finally:
        served.stop()


def test_account_remove_ends_its_sessions(served: ServedStation, capsys) -> None:  # noqa: ANN001
    from .conftest import ADMIN_PIN

    admin = served.office("admin", ADMIN_PIN)
    try:
        assert admin.get("/api/v1/office/kits").status_code == 200
        data_dir = str(served.station.config.data_dir)
        assert main(["station", "account", "remove", "admin", "--data-dir", data_dir]) == 0
        assert admin.get("/api/v1/office/kits").status_code == 401
        assert main(["station", "account", "remove", "admin", "--data-dir", data_dir]) == 2
        assert "немає" in capsys.readouterr().err
    finally:
        admin.close()
