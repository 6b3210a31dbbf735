"""The connection type when the OS does not report it: recordings wait for Wi-Fi/LAN on a modem-only link
even where Qt cannot tell the medium (and in ``mobile-case sync now``, which has no Qt)."""

from __future__ import annotations

from types import SimpleNamespace

from mobile_case.services.sync import link_from_monitor
from mobile_case.sync.medium import classify, guess_medium, resolve
from mobile_case.sync.outbox import recordings_allowed
from mobile_case.sync.settings import SyncSettings


def up(*names, down=()):
    stats = {n: SimpleNamespace(isup=True) for n in names}
    stats.update({n: SimpleNamespace(isup=False) for n in down})
    return stats


def test_interface_names():
    assert [classify(n) for n in ("wwan0", "wwp0s20f0u6", "ppp0", "usb0", "Cellular", "Мобільна мережа")] == [
        "cellular"
    ] * 6
    assert [classify(n) for n in ("wlan0", "wlp2s0", "Wi-Fi", "Бездротова мережа")] == ["wifi"] * 4
    assert [classify(n) for n in ("eth0", "enp3s0", "eno1", "Ethernet", "enx00e04c680001")] == [
        "ethernet"
    ] * 5
    assert [
        classify(n)
        for n in ("lo", "docker0", "veth12ab", "br-1f2e", "tun0", "wg0", "Loopback Pseudo-Interface 1")
    ] == [""] * 7


def test_the_medium_from_the_interfaces_that_are_up():
    assert guess_medium(up("lo", "wwan0", down=("wlan0", "eth0"))) == "cellular"
    assert guess_medium(up("lo", "wlan0", "docker0", down=("wwan0",))) == "wifi"
    assert guess_medium(up("lo", "eth0")) == "ethernet"
    assert guess_medium(up("lo", "wwan0", "wlan0")) == "unknown"  # both up: the route is not known
    assert guess_medium(up("lo", "docker0")) == "unknown"
    assert guess_medium({}) == "unknown"


def test_a_reported_medium_wins_and_unknown_is_resolved():
    modem = up("wwan0")
    assert resolve("wifi", modem) == "wifi"
    assert resolve("unknown", modem) == "cellular"
    assert resolve("", up("eth0")) == "ethernet"
    settings = SyncSettings()
    assert not recordings_allowed(resolve("unknown", modem), None, settings)
    assert recordings_allowed(resolve("unknown", up("wlan0")), None, settings)


def test_the_app_link_uses_the_monitor_then_the_interfaces(monkeypatch):
    import mobile_case.sync.medium as medium

    class Monitor:
        def __init__(self, medium, metered=None, fail=False):
            self.medium, self.metered, self.fail = medium, metered, fail

        def check(self):
            if self.fail:
                raise OSError("no answer")
            return SimpleNamespace(medium=self.medium, metered=self.metered)

    monkeypatch.setattr(medium, "guess_medium", lambda stats=None: "cellular")
    assert link_from_monitor(Monitor("wifi"))().medium == "wifi"
    link = link_from_monitor(Monitor("unknown", metered=False))()
    assert (link.medium, link.metered) == ("cellular", False)
    assert link_from_monitor(Monitor("", fail=True))().medium == "cellular"
