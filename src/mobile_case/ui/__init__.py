"""The PySide6 user interface (nothing else imports ui/).

Importing this package also guards against a reference-count bug of PySide6 6.12.0 on Python 3.11:
``SignalInstance.emit()`` and ``.disconnect()`` return ``True`` without taking a new reference, so
every signal emitted from Python code takes one reference away from ``True``; after a few thousand
emissions the interpreter aborts with "bool_dealloc: deallocating True or False". Python 3.12+ makes
``True``/``False``/``None`` immortal, which hides the bug; on 3.11 we do the same by hand when the bug
is detected (a probe emit that loses a reference), giving the three singletons a huge reference count.
"""

from __future__ import annotations

import sys


def _pyside_loses_true_references() -> bool:
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(4):
        probe.ping.emit()
    return sys.getrefcount(True) < before


def protect_singletons() -> bool:
    """Make True/False/None effectively immortal if PySide6 leaks their references (3.11 only).
    Returns True when the guard was applied."""
    if sys.version_info >= (3, 12) or getattr(sys, "_mobile_case_singletons_guarded", False):
        return False
    try:
        import PySide6

        if tuple(PySide6.__version_info__[:2]) < (6, 12):  # seen from 6.12.0 on; older ones do not leak
            return False
        leaking = _pyside_loses_true_references()
    except Exception:  # PySide6 missing or broken: nothing to guard
        return False
    if not leaking:
        return False
    import ctypes

    for obj in (True, False, None):
        # ob_refcnt is the first field of every CPython object
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40
    sys._mobile_case_singletons_guarded = True  # type: ignore[attr-defined]
    return True


protect_singletons()
