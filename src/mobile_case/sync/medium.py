"""The connection type when the OS does not report it (issue 4: recordings go only over the office network
or Wi-Fi unless the head allows mobile data).

Qt's ``QNetworkInformation`` tells Wi-Fi, Ethernet or cellular where the OS has a backend for it (Windows,
NetworkManager); elsewhere — and in ``mobile-case sync now``, which has no Qt — the medium is "unknown". Then
the network interfaces that are up (psutil) decide by their names: a modem only (``wwan0``, ``wwp0s20f0u6``,
``ppp0``, ``usb0`` of a tethered phone, Windows' «Cellular»/«Mobile broadband») is cellular; Wi-Fi or wired
only is that; a modem *and* Wi-Fi/wired up at once stays unknown (the route is not known)."""

from __future__ import annotations

from typing import Any

CELLULAR = ("wwan", "wwp", "ppp", "rmnet", "ccmni", "usb", "cdc-wdm", "cellular", "mobile", "мобільн")
WIFI = ("wlan", "wlp", "wlx", "wifi", "wi-fi", "wireless", "бездротов")
ETHERNET = ("eth", "enp", "eno", "ens", "enx", "em", "ethernet", "ethernet 2", "local area connection")
VIRTUAL = (
    "lo",
    "veth",
    "docker",
    "br-",
    "virbr",
    "vmnet",
    "vboxnet",
    "tun",
    "tap",
    "wg",
    "zt",
    "tailscale",
    "loopback",
    "bluetooth",
    "isatap",
    "teredo",
)


def classify(name: str) -> str:
    """ "cellular", "wifi", "ethernet", "" (virtual or unknown) from an interface's name."""
    low = name.strip().lower()
    if low.startswith(VIRTUAL):
        return ""
    if low.startswith(CELLULAR):
        return "cellular"
    if low.startswith(WIFI):
        return "wifi"
    if low.startswith(ETHERNET):
        return "ethernet"
    return ""


def guess_medium(stats: dict[str, Any] | None = None) -> str:
    """The medium from the interfaces that are up (``psutil.net_if_stats()`` unless given)."""
    if stats is None:
        try:
            import psutil

            stats = psutil.net_if_stats()
        except Exception:  # noqa: BLE001 - no answer: unknown
            return "unknown"
    kinds = {classify(name) for name, st in stats.items() if getattr(st, "isup", False)} - {""}
    if kinds == {"cellular"}:
        return "cellular"
    if "cellular" in kinds:
        return "unknown"  # a modem and a LAN/Wi-Fi up together: which one carries the traffic is not known
    if "wifi" in kinds:
        return "wifi"
    if "ethernet" in kinds:
        return "ethernet"
    return "unknown"


def resolve(medium: str, stats: dict[str, Any] | None = None) -> str:
    """``medium`` as reported, or the guess from the interfaces when it is unknown."""
    return medium if medium and medium != "unknown" else guess_medium(stats)
