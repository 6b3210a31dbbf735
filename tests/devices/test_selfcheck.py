"""The kit self-check: every part OK / missing / failing with what to do, the disk against the plan, the
battery through psutil, a hung probe cut off by its timeout, and ``mobile-case devices check``."""

from __future__ import annotations

import json
import threading
import time
from collections import namedtuple
from pathlib import Path
from typing import Any

import pytest

from mobile_case import cli
from mobile_case.devices.base import DeviceState, DeviceStatus
from mobile_case.devices.registry import DeviceConfig, DeviceRegistry
from mobile_case.devices.selfcheck import (
    KINDS,
    RESERVE_BYTES,
    CheckState,
    DiskPlan,
    SelfCheckReport,
    check_battery,
    check_disk,
    check_media,
    recording_bytes,
    run_selfcheck,
)

Battery = namedtuple("Battery", "percent secsleft power_plugged")  # psutil's sbattery fields
Usage = namedtuple("Usage", "total used free")
GIB = 1024**3


@pytest.fixture
def config(tmp_path: Path) -> DeviceConfig:
    return DeviceConfig(simulated_printer_dir=tmp_path / "printed", simulator_time_scale=0.0)


def plenty(_path: Path) -> Usage:
    return Usage(500 * GIB, 100 * GIB, 400 * GIB)


def real_check(config: DeviceConfig, data_dir: Path) -> SelfCheckReport:
    """The self-check of the real backends (no battery, a roomy disk)."""
    return run_selfcheck(
        DeviceRegistry(simulate=False, config=config),
        data_dir,
        battery_sensor=lambda: None,
        disk_usage=plenty,
    )


def test_simulated_kit_reports_every_part_and_passes(config, tmp_path, qapp):
    report = run_selfcheck(
        DeviceRegistry(simulate=True, config=config),
        tmp_path / "data",
        DiskPlan(visits=2, seconds=3600),
        battery_sensor=lambda: Battery(88, 3 * 3600, False),
        disk_usage=plenty,
    )
    assert [i.kind for i in report.items] == list(KINDS)
    states = report.states()
    for kind in ("card_reader", "scanner", "printer", "camera", "microphone"):
        assert states[kind] == "simulated", kind
    assert states["disk"] == states["battery"] == "ok"
    assert report.ok and report.problems == []
    assert "88 %" in report.item("battery").message and "3 год 00 хв" in report.item("battery").message
    data = report.to_json()
    assert json.loads(json.dumps(data))["ok"] is True and len(data["items"]) == len(KINDS)


def test_real_backends_with_the_sane_test_scanner_and_no_reader(config, tmp_path, sane_config, qapp):
    """simulate=False asks the real components: SANE's test backend is a present scanner (OK)."""
    report = real_check(config, tmp_path)
    scanner = report.item("scanner")
    assert scanner.state is CheckState.OK and scanner.backend == "sane"
    assert all(i.state is not CheckState.SIMULATED for i in report.items)
    battery = report.item("battery")
    assert battery.state is CheckState.MISSING and not battery.needed and not battery.problem


def test_real_backends_without_a_scanner_say_what_to_do(config, tmp_path, sane_empty, qapp):
    report = real_check(config, tmp_path)
    scanner = report.item("scanner")
    assert scanner.state is CheckState.MISSING and scanner.problem
    assert "Підключіть сканер" in scanner.message
    assert not report.ok and scanner in report.problems


def test_real_card_reader_under_pcscd_is_ok(config, tmp_path, pcscd, qapp):
    config.card_reader = pcscd
    report = real_check(config, tmp_path)
    reader = report.item("card_reader")
    assert reader.state is CheckState.OK and reader.backend == "pcsc"


def test_disk_is_compared_with_the_planned_recordings(tmp_path):
    plan = DiskPlan(visits=5, seconds=5 * 3600)
    need = recording_bytes(plan.seconds) + RESERVE_BYTES
    assert recording_bytes(3600) > 100 * 1024**2  # an hour of 720p15 with sound is hundreds of MB
    short = check_disk(tmp_path, plan, lambda _p: Usage(0, 0, need - 1))
    assert short.state is CheckState.FAILING and short.problem
    assert "Звільніть місце" in short.message and "візитів: 5" in short.message
    enough = check_disk(tmp_path, plan, lambda _p: Usage(0, 0, need + 1))
    assert enough.state is CheckState.OK
    # the real disk of the test machine: a plan no disk holds fails, no plan passes
    assert check_disk(tmp_path / "not-yet", DiskPlan(10**6, 10**6 * 3600)).state is CheckState.FAILING
    assert check_disk(tmp_path / "not-yet", DiskPlan()).state is CheckState.OK


@pytest.mark.parametrize(
    ("battery", "state", "words"),
    [
        (Battery(15, 20 * 60, False), CheckState.FAILING, "Підключіть ноутбук"),
        (Battery(15, -2, True), CheckState.OK, "заряджається"),
        (Battery(64, 2 * 3600 + 5 * 60, False), CheckState.OK, "2 год 05 хв"),
        (None, CheckState.MISSING, "павербанк"),
    ],
)
def test_battery_states(battery, state, words):
    item = check_battery(lambda: battery)
    assert item.state is state and words in item.message


def test_battery_of_this_machine_through_psutil():
    item = check_battery()  # real psutil: a laptop reports its charge, a server has no battery
    assert item.state in (CheckState.OK, CheckState.FAILING, CheckState.MISSING)
    assert item.message


class _Recorder:
    backend = "qt"

    def __init__(self, cameras: list[str], microphones: list[str]) -> None:
        self._c, self._m = cameras, microphones

    def cameras(self) -> list[str]:
        return self._c

    def microphones(self) -> list[str]:
        return self._m


class _Registry:
    """The registry's interface with given answers (the media probe's decision table)."""

    def __init__(self, recorder: _Recorder, state: DeviceState, message: str = "") -> None:
        self.recorder = recorder
        self._status = DeviceStatus("recorder", "x", state, "qt", message)

    def status(self, kind: str) -> DeviceStatus:
        return self._status


def test_camera_and_microphone_separately():
    camera, mic = check_media(_Registry(_Recorder(["USB Camera"], []), DeviceState.MISSING))
    assert camera.state is CheckState.OK and camera.name == "USB Camera"
    assert mic.state is CheckState.MISSING and "гарнітуру" in mic.message
    camera, mic = check_media(_Registry(_Recorder(["C"], ["M"]), DeviceState.FAILING, "Камера зайнята."))
    assert camera.state is mic.state is CheckState.FAILING and camera.message == "Камера зайнята."


def test_a_hung_probe_is_cut_off_and_a_broken_one_reported(config, tmp_path, qapp):
    registry = DeviceRegistry(simulate=True, config=config)
    release = threading.Event()
    original = registry.status

    def status(kind: str) -> DeviceStatus:
        if kind == "printer":
            release.wait(30)  # a driver that never answers
        if kind == "scanner":
            raise OSError("driver crashed")
        return original(kind)

    registry.status = status  # type: ignore[method-assign]
    began = time.monotonic()
    try:
        report = run_selfcheck(
            registry, tmp_path, timeout=1.0, battery_sensor=lambda: None, disk_usage=plenty
        )
    finally:
        release.set()
    assert time.monotonic() - began < 5
    printer, scanner = report.item("printer"), report.item("scanner")
    assert printer.state is CheckState.FAILING and "не відповідає" in printer.message
    assert scanner.state is CheckState.FAILING and "OSError" in scanner.message
    assert report.item("card_reader").state is CheckState.SIMULATED
    assert not report.ok


def test_cli_devices_check(tmp_path, capsys):
    rc = cli.main(["--data-dir", str(tmp_path), "devices", "check", "--simulate-devices", "--json"])
    out = capsys.readouterr().out
    data = json.loads(out)
    assert [i["kind"] for i in data["items"]] == list(KINDS)
    # no battery on a server is fine; a laptop at low charge would fail the check, as it should
    battery_problem = next(i for i in data["items"] if i["kind"] == "battery")["problem"]
    assert rc == (1 if battery_problem else 0) and data["ok"] is not battery_problem
    # a plan no disk can hold: the check fails with exit code 1 and says so in Ukrainian
    rc = cli.main(["--data-dir", str(tmp_path), "devices", "check", "--simulate-devices",
                   "--visits", "100000", "--minutes", "600"])  # fmt: skip
    text = capsys.readouterr().out
    assert rc == 1 and "Не готово до виїзду" in text and "вільне місце на диску" in text
    assert cli.main(["devices", "check", "--visits", "-1"]) == cli.EXIT_USAGE
    # plain `devices` still lists the devices
    assert cli.main(["devices", "--simulate-devices", "--json"]) == 0
    assert {d["kind"] for d in json.loads(capsys.readouterr().out)} >= {"card_reader", "recorder"}


def test_from_a_plain_worker_thread(tmp_path: Path) -> None:
    """From a worker thread (as the kit screen runs it) every part comes back."""
    report_holder: dict[str, Any] = {}

    def work() -> None:
        report_holder["r"] = run_selfcheck(
            _Registry(_Recorder(["C"], ["M"]), DeviceState.READY), tmp_path, DiskPlan(1, 60),
            battery_sensor=lambda: Battery(100, -2, True), disk_usage=plenty,
        )  # fmt: skip

    t = threading.Thread(target=work)
    t.start()
    t.join(20)
    report = report_holder["r"]
    assert report.item("camera").state is CheckState.OK and report.item("battery").state is CheckState.OK


def test_automatic_mode_reports_a_device_replaced_by_its_simulator_as_missing(
    config, tmp_path, sane_empty, qapp
):
    """The app's registry (simulate=None) stands simulators in for missing devices; the kit check must
    still say the real scanner (and, on a machine without them, camera and microphone) is missing."""
    report = run_selfcheck(
        DeviceRegistry(simulate=None, config=config), tmp_path, battery_sensor=lambda: None, disk_usage=plenty
    )
    scanner = report.item("scanner")
    assert scanner.state is CheckState.MISSING and scanner.problem and "симулятор" in scanner.message
    for kind in ("card_reader", "scanner", "printer", "camera", "microphone"):
        assert report.item(kind).state is not CheckState.SIMULATED, kind
    assert not report.ok


def test_cli_takes_the_weeks_plan_from_the_database(tmp_path, capsys):
    from datetime import date, timedelta

    from argon2 import PasswordHasher

    from mobile_case.profiles import default_profile
    from mobile_case.services import build_services
    from mobile_case.services.demo import seed_demo
    from mobile_case.storage import pins

    previous = pins.use_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    try:
        data = tmp_path / "data"
        seed_demo(data, default_profile())
        app = build_services(data, default_profile())
        app.auth.login("keeper", "9753")
        expected = app.maintenance.planned_recording(date.today(), date.today() + timedelta(days=6))
        app.close()
    finally:
        pins.use_hasher(previous)
    assert expected.visits >= 2  # the demo plans visits today and on the next working day
    rc = cli.main(["--data-dir", str(data), "devices", "check", "--simulate-devices", "--json"])
    disk = next(i for i in json.loads(capsys.readouterr().out)["items"] if i["kind"] == "disk")
    assert f"заплановано візитів: {expected.visits} " in disk["message"] and rc in (0, 1)
    # an unreadable database: the check goes on with the default assumption and says why
    (data / "mobile-case.db").write_bytes(b"not a database")
    cli.main(["--data-dir", str(data), "devices", "check", "--simulate-devices", "--json"])
    captured = capsys.readouterr()
    assert "план візитів з бази даних прочитати не вдалося" in captured.err
    assert "заплановано візитів: 6 " in json.loads(captured.out)["items"][5]["message"]
