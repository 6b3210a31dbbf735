"""The platform's scanner: SANE on Linux (and other Unix), WIA on Windows with TWAIN as the fallback for
scanners that have only a TWAIN driver."""

from __future__ import annotations

import logging
import sys

from mobile_case.devices.base import DeviceState
from mobile_case.devices.scanner.base import Scanner

log = logging.getLogger(__name__)


def system_scanner(device: str = "", platform: str = sys.platform) -> Scanner:
    """The real scanner backend of this platform. ``device`` names a device (SANE name, WIA DeviceID or
    TWAIN source name; "" = the first found). Probes WIA/TWAIN on Windows: call from a worker."""
    if platform != "win32":
        from mobile_case.devices.scanner.sane_backend import SaneScanner  # noqa: PLC0415

        return SaneScanner(device)
    from mobile_case.devices.scanner.twain_backend import TwainScanner  # noqa: PLC0415
    from mobile_case.devices.scanner.wia_backend import WiaScanner  # noqa: PLC0415

    wia = WiaScanner(device)
    if wia.status().state is DeviceState.READY:
        return wia
    twain = TwainScanner(device)
    try:
        if twain.status().state is DeviceState.READY:
            log.info("scanner: WIA sees none, using TWAIN")
            return twain
    except Exception as exc:  # a broken TWAIN DSM must not hide the WIA message
        log.warning("TWAIN probe failed: %s", type(exc).__name__)
    return wia  # its status says what is missing
