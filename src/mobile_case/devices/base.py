"""What every device reports about itself (contracts.md, devices/).

A device is either really there and working (READY), absent (MISSING), present but failing
(FAILING), or replaced by its simulator (SIMULATED). The message is Ukrainian, shown to the user.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class DeviceState(StrEnum):
    READY = "ready"
    MISSING = "missing"
    FAILING = "failing"
    SIMULATED = "simulated"


@dataclass
class DeviceStatus:
    kind: str  # card_reader | scanner | printer | recorder | network
    name: str  # the device's own name (printer queue, reader name, …)
    state: DeviceState
    backend: str  # e.g. "qt", "pcsc", "sane", "simulator"
    message: str  # Ukrainian, for the user
