"""The page registry: how the screens of every UI room plug into the main window.

Each room's package exposes ``PAGE_SPECS`` — a list of :class:`PageSpec` — in its ``__init__.py``::

    # src/mobile_case/ui/intake/__init__.py
    from PySide6.QtCore import QT_TRANSLATE_NOOP
    from mobile_case.ui.pages import PageSpec

    def _intake_page(ctx):                       # ctx: PageContext
        from mobile_case.ui.intake.wizard import IntakeWizard   # import lazily: keeps start-up fast
        return IntakeWizard(ctx)

    PAGE_SPECS = [PageSpec("intake", QT_TRANSLATE_NOOP("Navigation", "New request"), _intake_page,
                           icon="intake", order=20)]

The main window imports the packages listed in :data:`PAGE_PACKAGES`, creates each page on first
open (once; the widget is kept, so switching pages never loses what was typed) and calls the page's
optional hooks:

- ``page.activate(**kwargs)`` — every time it is opened with ``window.open_page(key, **kwargs)``;
- ``page.deactivate()`` — when the user goes to another page, and before the screen is locked or the
  user logs out (save what is typed now: the save reaches the database worker ahead of the logout);
- ``page.end_session()`` — every created page, when the user logs out (or is locked out) and when the
  window closes (e.g. the visit stops its recording).

The title is the English source; the window translates it in the ``"Navigation"`` context, so mark it
with ``QT_TRANSLATE_NOOP("Navigation", "...")`` (lupdate then puts it in the room's catalogue).
Nav keys with a fixed place on the rail: home, intake, outings, visit, journals, settings.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from mobile_case.ui.main_window import MainWindow
    from mobile_case.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

PAGE_PACKAGES: tuple[str, ...] = (
    "mobile_case.ui.intake",
    "mobile_case.ui.outings",
    "mobile_case.ui.visit",
    "mobile_case.ui.journals",
    "mobile_case.ui.kit",
)

# The rail's fixed entries (order and English titles). Other rooms use these keys.
NAV_ORDER: dict[str, int] = {
    "home": 10,
    "intake": 20,
    "outings": 30,
    "visit": 40,
    "journals": 50,
    "settings": 90,
}
NAV_TITLES: dict[str, str] = {
    "home": QT_TRANSLATE_NOOP("Navigation", "Home"),
    "intake": QT_TRANSLATE_NOOP("Navigation", "New request"),
    "outings": QT_TRANSLATE_NOOP("Navigation", "Outings"),
    "visit": QT_TRANSLATE_NOOP("Navigation", "Visit"),
    "journals": QT_TRANSLATE_NOOP("Navigation", "Journals"),
    "settings": QT_TRANSLATE_NOOP("Navigation", "Settings"),
}


@dataclass
class PageContext:
    """What a page factory receives: everything a screen may use."""

    services: Any  # mobile_case.services.AppServices
    tasks: TaskRunner
    window: MainWindow
    devices: Any = None  # mobile_case.devices.registry.DeviceRegistry | None
    config: Any = None  # mobile_case.app.AppConfig | None

    @property
    def profile(self) -> Any:
        return self.services.profile

    @property
    def user(self) -> Any:
        """The logged-in ``domain.model.User``."""
        return self.services.auth.current_user


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # English source, translated in the "Navigation" context
    factory: Callable[[PageContext], QWidget]
    permission: Any = None  # a domain.roles.Permission, a Role, a set of Roles, or None (everyone)
    icon: str = ""  # resources/icons/<icon>.svg
    nav: bool = True  # shown on the navigation rail
    order: int = 100
    extra: dict[str, Any] = field(default_factory=dict)
    # Modules the factory imports (lazily, to keep start-up fast). The main window imports them in a
    # worker after login so that the first opening of the page does not import them on the GUI thread.
    preload: tuple[str, ...] = ()

    def translated_title(self) -> str:
        return QCoreApplication.translate("Navigation", self.title)


def allowed(role: Any, permission: Any) -> bool:
    """Whether ``role`` may open a page that needs ``permission``."""
    if permission is None:
        return True
    if role is None:
        return False
    from mobile_case.domain.model import Role

    if isinstance(permission, Role):
        return role == permission
    if isinstance(permission, (set, frozenset, tuple, list)):
        return role in permission
    if callable(permission):
        return bool(permission(role))
    try:
        from mobile_case.domain.errors import PermissionDenied
        from mobile_case.domain.roles import require
    except ImportError:  # roles not available: the services still enforce every permission
        return True
    try:
        require(role, permission)
    except PermissionDenied:
        return False
    return True


def discover(packages: Iterable[str] = PAGE_PACKAGES) -> list[PageSpec]:
    """The ``PAGE_SPECS`` of every room package that exists. A package that is not there yet is
    skipped; one that fails to import is logged and skipped (the rest of the app still works)."""
    specs: list[PageSpec] = []
    for name in packages:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            log.error("page package %s failed to import: %s", name, exc)
            continue
        except Exception as exc:  # a broken room must not break the whole app
            log.exception("page package %s failed to import (%s)", name, type(exc).__name__)
            continue
        specs.extend(getattr(module, "PAGE_SPECS", ()))
    return specs


def preload_modules(names: Iterable[str]) -> int:
    """Import ``names`` (in a worker thread: module code only, no widgets are made). A module that
    fails to import is logged and left to fail again, with its message, when its page is opened."""
    done = 0
    for name in names:
        try:
            importlib.import_module(name)
            done += 1
        except Exception as exc:
            log.warning("preloading %s failed (%s)", name, type(exc).__name__)
    return done
