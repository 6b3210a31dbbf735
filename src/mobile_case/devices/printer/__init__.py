"""The printer (contracts.md): ``base.Printer``, ``qt.QtPrinter`` (real), ``simulator.SimulatedPrinter``."""

from __future__ import annotations


def printer_classes() -> tuple[type, type]:
    """(the real backend's class, the simulator's class), for ``devices.registry``.

    ``QtPrinter(printer_name="")`` and ``SimulatedPrinter(folder)``; Qt is imported only when printing.
    """
    from mobile_case.devices.printer.qt import QtPrinter  # noqa: PLC0415
    from mobile_case.devices.printer.simulator import SimulatedPrinter  # noqa: PLC0415

    return QtPrinter, SimulatedPrinter
