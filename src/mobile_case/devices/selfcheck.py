"""The kit self-check (F8, F9, G 1.7): is everything the outing needs here and working?

One line per part of the kit — card reader, scanner, printer, camera, microphone, free disk, battery,
network — each OK, missing or failing (or simulated, in the demo mode), with a Ukrainian message that says
what was found and what to do. ``report.ok`` is False when something *needed* is missing or failing; the
``mobile-case devices check`` command then exits non-zero.

Probes are the real ones: the :class:`~mobile_case.devices.registry.DeviceRegistry` (PC/SC, SANE, the Qt
print system, the recorder's QtMultimedia/FFmpeg device lists, the network monitor), ``shutil.disk_usage``
and ``psutil.sensors_battery``. Each runs in its own daemon thread with a timeout, so a hung driver shows
as «не відповідає» instead of freezing the check. Call :func:`run_selfcheck` from a worker thread in the UI;
on the Qt application's thread (the CLI) it keeps Qt's events flowing while it waits, because QtMultimedia
and QNetworkInformation are asked on that thread.

The disk line compares free space in the data folder with what the planned visits will record:
``visits' planned seconds`` → :func:`recording_bytes` (the recorder contract's ``expected_bytes``) plus a
reserve for the database, scans and the system.
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from mobile_case.devices.base import DeviceState, DeviceStatus

log = logging.getLogger(__name__)

KINDS: tuple[str, ...] = (
    "card_reader",
    "scanner",
    "printer",
    "camera",
    "microphone",
    "disk",
    "battery",
    "network",
)
TITLES: dict[str, str] = {
    "card_reader": "Зчитувач ID-карток",
    "scanner": "Сканер",
    "printer": "Принтер",
    "camera": "Камера",
    "microphone": "Мікрофон",
    "disk": "Вільне місце на диску",
    "battery": "Акумулятор",
    "network": "Зв'язок",
}
# The network is not needed to work (the app is offline-first): its line advises, it does not fail the check.
NEEDED: frozenset[str] = frozenset(KINDS) - {"network"}

DEFAULT_TIMEOUT = 10.0  # seconds per probe
RESERVE_BYTES = 2 * 1024**3  # kept free besides the recordings: the database, scans, PDFs, the system
LOW_BATTERY_PERCENT = 30  # below this, on battery, the kit is not ready to leave


class CheckState(StrEnum):
    OK = "ok"
    MISSING = "missing"
    FAILING = "failing"
    SIMULATED = "simulated"


STATE_TITLES: dict[CheckState, str] = {
    CheckState.OK: "гаразд",
    CheckState.MISSING: "немає",
    CheckState.FAILING: "несправність",
    CheckState.SIMULATED: "симулятор",
}

_FROM_DEVICE = {
    DeviceState.READY: CheckState.OK,
    DeviceState.MISSING: CheckState.MISSING,
    DeviceState.FAILING: CheckState.FAILING,
    DeviceState.SIMULATED: CheckState.SIMULATED,
}


@dataclass
class CheckItem:
    kind: str
    title: str
    state: CheckState
    message: str  # Ukrainian: what was found and what to do
    needed: bool = True
    name: str = ""  # the device's own name, the disk's folder …
    backend: str = ""
    seconds: float = 0.0  # how long the probe took

    @property
    def problem(self) -> bool:
        """A needed part that is missing or failing."""
        return self.needed and self.state in (CheckState.MISSING, CheckState.FAILING)


@dataclass
class DiskPlan:
    """What the disk must hold: the planned visits' recording time."""

    visits: int = 0
    seconds: int = 0


@dataclass
class SelfCheckReport:
    items: list[CheckItem] = field(default_factory=list)
    needed_bytes: int = 0
    free_bytes: int | None = None

    @property
    def ok(self) -> bool:
        return not any(i.problem for i in self.items)

    @property
    def problems(self) -> list[CheckItem]:
        return [i for i in self.items if i.problem]

    def item(self, kind: str) -> CheckItem:
        return next(i for i in self.items if i.kind == kind)

    def states(self) -> dict[str, str]:
        return {i.kind: i.state.value for i in self.items}

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "needed_bytes": self.needed_bytes,
            "free_bytes": self.free_bytes,
            "items": [{**asdict(i), "state": i.state.value, "problem": i.problem} for i in self.items],
        }


# --- sizes ---------------------------------------------------------------------------------------------
def recording_bytes(seconds: float) -> int:
    """Bytes a recording of ``seconds`` takes (the recorder contract's ``expected_bytes``)."""
    from mobile_case.devices.recorder.base import expected_bytes  # noqa: PLC0415

    return int(expected_bytes(seconds))


def needed_disk_bytes(plan: DiskPlan) -> int:
    return recording_bytes(plan.seconds) + RESERVE_BYTES


def gib(n: float) -> str:
    return f"{n / 1024**3:.1f}".replace(".", ",") + " ГБ"


def _minutes_text(seconds: int) -> str:
    hours, minutes = divmod(round(seconds / 60), 60)
    return f"{hours} год {minutes:02d} хв" if hours else f"{minutes} хв"


# --- the single probes ---------------------------------------------------------------------------------
def check_disk(folder: Path, plan: DiskPlan, usage: Callable[[Path], Any] = shutil.disk_usage) -> CheckItem:
    folder = Path(folder)
    free = int(usage(_existing(folder)).free)  # the data folder may not exist yet: ask its disk
    recordings = recording_bytes(plan.seconds)
    needed = recordings + RESERVE_BYTES
    planned = (
        f"заплановано візитів: {plan.visits} (≈ {_minutes_text(plan.seconds)} запису, {gib(recordings)})"
        if plan.visits
        else "візитів не заплановано"
    )
    if free < needed:
        return CheckItem("disk", TITLES["disk"], CheckState.FAILING,
                         f"Вільно {gib(free)}, а потрібно щонайменше {gib(needed)}: {planned} і "
                         f"{gib(RESERVE_BYTES)} запасу. Звільніть місце на диску (видаліть непотрібні файли, "
                         "перенесіть старі записи на комп'ютер керівника) або зменште кількість візитів.",
                         name=str(folder))  # fmt: skip
    return CheckItem("disk", TITLES["disk"], CheckState.OK,
                     f"Вільно {gib(free)}; {planned} — місця достатньо.", name=str(folder))  # fmt: skip


def check_battery(sensor: Callable[[], Any] | None = None) -> CheckItem:
    if sensor is None:
        import psutil  # noqa: PLC0415

        sensor = psutil.sensors_battery
    battery = sensor()
    if battery is None:
        return CheckItem("battery", TITLES["battery"], CheckState.MISSING,
                         "Акумулятор не виявлено: комп'ютер живиться від мережі. У виїзді потрібен ноутбук "
                         "з акумулятором або павербанк.", needed=False)  # fmt: skip
    percent = round(float(battery.percent))
    plugged = bool(battery.power_plugged)
    secs = battery.secsleft
    left = ""
    if not plugged and isinstance(secs, int | float) and 0 < secs < 10**6:
        left = f", вистачить приблизно на {_minutes_text(int(secs))}"
    if plugged:
        return CheckItem("battery", TITLES["battery"], CheckState.OK,
                         f"Заряд {percent} %, заряджається. Перед виїздом дочекайтеся повного заряду.",
                         name=f"{percent} %")  # fmt: skip
    if percent < LOW_BATTERY_PERCENT:
        return CheckItem("battery", TITLES["battery"], CheckState.FAILING,
                         f"Заряд лише {percent} %{left}. Підключіть ноутбук до зарядного пристрою і "
                         "зарядіть кейс перед виїздом.", name=f"{percent} %")  # fmt: skip
    return CheckItem("battery", TITLES["battery"], CheckState.OK,
                     f"Заряд {percent} %{left}.", name=f"{percent} %")  # fmt: skip


def _demo(registry: Any) -> bool:
    """Simulators chosen on purpose (training, demo): then «simulated» is not a problem."""
    return getattr(registry, "simulate", None) is True


def _from_status(kind: str, status: DeviceStatus, needed: bool = True, demo: bool = False) -> CheckItem:
    state = _FROM_DEVICE.get(status.state, CheckState.FAILING)
    if state is CheckState.SIMULATED and not demo:
        # the automatic mode stands a simulator in for a device that is not there: for the kit, it is missing
        state = CheckState.MISSING
    return CheckItem(kind, TITLES[kind], state, status.message, needed=needed, name=status.name,
                     backend=status.backend)  # fmt: skip


_CONNECT = {
    "camera": "Камеру не знайдено. Підключіть камеру до USB-порту ноутбука (або перевірте, чи не закрита вона "
    "шторкою й чи не вимкнена в налаштуваннях системи) і повторіть перевірку.",
    "microphone": "Мікрофон не знайдено. Підключіть мікрофон або гарнітуру до ноутбука і повторіть перевірку.",
}


def check_media(registry: Any) -> tuple[CheckItem, CheckItem]:
    """Camera and microphone: the recorder's device lists and its status."""
    status: DeviceStatus = registry.status("recorder")
    if status.state is DeviceState.SIMULATED and _demo(registry):
        return (
            CheckItem("camera", TITLES["camera"], CheckState.SIMULATED, status.message, backend=status.backend),
            CheckItem("microphone", TITLES["microphone"], CheckState.SIMULATED, status.message,
                      backend=status.backend),
        )  # fmt: skip
    lister: Any = registry.recorder
    if status.state is DeviceState.SIMULATED:
        # automatic mode without a camera and a microphone: which of them is there, QtMultimedia says
        from mobile_case.devices.recorder.qt_recorder import QtRecorder  # noqa: PLC0415

        lister = QtRecorder()
        status = DeviceStatus(status.kind, status.name, DeviceState.MISSING, lister.backend, status.message)
    out: list[CheckItem] = []
    for kind, names in (("camera", lister.cameras()), ("microphone", lister.microphones())):
        if not names:
            out.append(
                CheckItem(kind, TITLES[kind], CheckState.MISSING, _CONNECT[kind], backend=status.backend)
            )
        elif status.state is DeviceState.FAILING:
            out.append(CheckItem(kind, TITLES[kind], CheckState.FAILING, status.message, name=names[0],
                                 backend=status.backend))  # fmt: skip
        else:
            found = "Камеру" if kind == "camera" else "Мікрофон"
            out.append(CheckItem(kind, TITLES[kind], CheckState.OK, f"{found} «{names[0]}» знайдено.",
                                 name=names[0], backend=status.backend))  # fmt: skip
    return out[0], out[1]


# --- running them all ----------------------------------------------------------------------------------
def _on_qt_app_thread() -> bool:
    try:
        from PySide6.QtCore import QCoreApplication, QThread  # noqa: PLC0415
    except ImportError:
        return False
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


def _run_with_timeouts(
    probes: dict[str, Callable[[], Any]], timeout: float
) -> tuple[dict[str, Any], dict[str, float]]:
    """Run each probe in its own daemon thread; a probe that does not finish in ``timeout`` seconds
    (or raises) gives a TimeoutError (or its exception) as its result."""
    results: dict[str, Any] = {}
    durations: dict[str, float] = {}
    threads: dict[str, threading.Thread] = {}

    def runner(key: str, fn: Callable[[], Any]) -> None:
        began = time.monotonic()
        try:
            results[key] = fn()
        except BaseException as exc:  # reported as that part's failure
            results[key] = exc
        durations[key] = time.monotonic() - began

    for key, fn in probes.items():
        t = threading.Thread(target=runner, args=(key, fn), name=f"selfcheck-{key}", daemon=True)
        threads[key] = t
        t.start()
    pump = _on_qt_app_thread()
    deadline = time.monotonic() + timeout
    while any(t.is_alive() for t in threads.values()) and time.monotonic() < deadline:
        if pump:
            from PySide6.QtCore import QCoreApplication  # noqa: PLC0415

            QCoreApplication.processEvents()
            time.sleep(0.01)
        else:
            next(t for t in threads.values() if t.is_alive()).join(0.05)
    for key, t in threads.items():
        if t.is_alive():
            results[key] = TimeoutError(f"{key} did not answer in {timeout:.0f} s")
            durations[key] = timeout
    return dict(results), dict(durations)


def _failure(kind: str, exc: BaseException, timeout: float) -> CheckItem:
    log.warning("self-check of %s failed: %s", kind, type(exc).__name__)
    if isinstance(exc, TimeoutError):
        message = (f"{TITLES[kind]} не відповідає понад {timeout:.0f} с. Від'єднайте й знову під'єднайте "
                   "пристрій, перезапустіть програму; якщо не допоможе — перезавантажте ноутбук.")  # fmt: skip
    else:
        message = (f"{TITLES[kind]}: перевірка не вдалася ({type(exc).__name__}). Перевірте підключення "
                   "пристрою й повторіть перевірку.")  # fmt: skip
    return CheckItem(kind, TITLES[kind], CheckState.FAILING, message, needed=kind in NEEDED)


def run_selfcheck(
    registry: Any,
    data_dir: Path,
    plan: DiskPlan | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    battery_sensor: Callable[[], Any] | None = None,
    disk_usage: Callable[[Path], Any] = shutil.disk_usage,
) -> SelfCheckReport:
    """Probe every part of the kit (in parallel, each with ``timeout``) and report them in :data:`KINDS`
    order. Slow: call it from a worker thread in the UI."""
    plan = plan or DiskPlan()
    demo = _demo(registry)
    probes: dict[str, Callable[[], Any]] = {
        "card_reader": lambda: _from_status("card_reader", registry.status("card_reader"), demo=demo),
        "scanner": lambda: _from_status("scanner", registry.status("scanner"), demo=demo),
        "printer": lambda: _from_status("printer", registry.status("printer"), demo=demo),
        "media": lambda: check_media(registry),
        "disk": lambda: check_disk(data_dir, plan, disk_usage),
        "battery": lambda: check_battery(battery_sensor),
        "network": lambda: _from_status("network", registry.status("network"), needed=False, demo=demo),
    }
    results, durations = _run_with_timeouts(probes, timeout)
    items: dict[str, CheckItem] = {}
    for key, value in results.items():
        kinds = ("camera", "microphone") if key == "media" else (key,)
        if isinstance(value, BaseException):
            for kind in kinds:
                items[kind] = _failure(kind, value, timeout)
        elif key == "media":
            items["camera"], items["microphone"] = value
        else:
            items[key] = value
        for kind in kinds:
            items[kind].seconds = round(durations.get(key, timeout), 3)
    report = SelfCheckReport([items[k] for k in KINDS], needed_bytes=needed_disk_bytes(plan))
    try:
        report.free_bytes = int(disk_usage(_existing(Path(data_dir))).free)
    except OSError:
        report.free_bytes = None
    return report


def _existing(folder: Path) -> Path:
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    return folder
