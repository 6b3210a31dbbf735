"""The simulated printer: every job's PDF is written to a folder, and the status says SIMULATED.

Used when no real printer is installed (the registry's automatic choice), in demos and in tests. A
``stopped`` simulator reports FAILING and refuses jobs like a printer out of paper, so the screens'
error paths can be tried without hardware.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mobile_case.devices.base import DeviceState, DeviceStatus
from mobile_case.devices.printer.base import KIND, PrinterError, PrinterErrorKind, check_pdf

DEFAULT_NAME = "Симулятор принтера"


@dataclass(frozen=True)
class PrintedJob:
    job_id: str
    title: str
    path: Path


def _safe_title(title: str) -> str:
    text = re.sub(r"[^\w\-]+", "_", title, flags=re.UNICODE).strip("_")
    return text[:60] or "document"


class SimulatedPrinter:
    backend = "simulator"

    def __init__(self, folder: Path | str, name: str = DEFAULT_NAME, *, stopped: bool = False) -> None:
        self.folder = Path(folder)
        self._name = name
        self.stopped = stopped
        self._lock = threading.Lock()
        self._jobs: list[PrintedJob] = []

    @property
    def name(self) -> str:
        return self._name

    @property
    def jobs(self) -> list[PrintedJob]:
        """The jobs printed so far by this instance, oldest first."""
        with self._lock:
            return list(self._jobs)

    def status(self) -> DeviceStatus:
        if self.stopped:
            return DeviceStatus(
                KIND, self._name, DeviceState.FAILING, self.backend,
                f"Симулятор принтера «{self._name}» зупинений (імітація: немає паперу).",
            )  # fmt: skip
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            writable = os.access(self.folder, os.W_OK)
        except OSError:
            writable = False
        if not writable:
            return DeviceStatus(
                KIND, self._name, DeviceState.FAILING, self.backend,
                f"Симулятор принтера не може записувати в теку «{self.folder}».",
            )  # fmt: skip
        return DeviceStatus(
            KIND, self._name, DeviceState.SIMULATED, self.backend,
            f"Справжній принтер не підключено: документи зберігаються як PDF у теці «{self.folder}».",
        )  # fmt: skip

    def print_pdf(self, pdf: bytes, title: str) -> str:
        check_pdf(pdf, self._name)
        if self.stopped:
            raise PrinterError(PrinterErrorKind.STOPPED, self._name, "simulated printer stopped")
        job_id = f"sim-{uuid.uuid4().hex[:12]}"
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = self.folder / f"{stamp}-{job_id}-{_safe_title(title)}.pdf"
        tmp = path.with_suffix(".part")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(bytes(pdf))
            os.replace(tmp, path)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            raise PrinterError(
                PrinterErrorKind.OUTPUT, self._name, f"write failed: {type(exc).__name__}"
            ) from exc
        with self._lock:
            self._jobs.append(PrintedJob(job_id, title, path))
        return job_id
