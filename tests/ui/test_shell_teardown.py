"""tests/ui/conftest.py: a test's windows are destroyed on the GUI thread when the test ends.

The two tests run in this order (pytest keeps the file's order): the first leaves a main window behind
as every UI test does; the second checks it is gone — not left for Python's cyclic GC to destroy later,
possibly inside a database worker (requests-e2e.md 5)."""

from __future__ import annotations

import threading
import weakref
from typing import Any

LEFT: dict[str, Any] = {}


def test_a_test_leaves_its_main_window_behind(main_window: Any) -> None:
    destroyed: list[str] = []
    main_window.destroyed.connect(lambda *_a: destroyed.append(threading.current_thread().name))
    LEFT["window"] = weakref.ref(main_window)
    LEFT["destroyed"] = destroyed
    assert main_window.isVisible()


def test_the_previous_tests_window_was_destroyed_on_the_gui_thread() -> None:
    assert "window" in LEFT, "run with the previous test"
    import shiboken6

    assert LEFT["destroyed"] == ["MainThread"]  # the C++ window, on the GUI thread
    wrapper = LEFT["window"]()  # (pytest may still hold the Python wrapper: an empty shell by now)
    assert wrapper is None or not shiboken6.isValid(wrapper)
