"""The main window: a navigation rail on the left, a header, a message banner and the pages.

API for the other rooms (see ``ui/pages.py`` for ``PageSpec``/``PageContext``)::

    window.register_page(key, title, widget_factory, permission=None, *, icon="", nav=True, order=100)
    window.open_page(key, **kwargs)      # creates the page once, shows it, calls page.activate(**kwargs)
    window.show_message(text, kind="info" | "success" | "warning" | "error")
                                         # info/success/warning are cleared when a page (or another
                                         # visit) is opened; an error stays until closed
    window.page(key)                     # the page widget if already created
    window.current_key()

Pages are created lazily on first open and kept, so switching pages (or locking the screen) never
loses what was typed. Items the user's role may not open are hidden from the rail.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mobile_case.ui import theme
from mobile_case.ui.pages import (
    NAV_ORDER,
    NAV_TITLES,
    PageContext,
    PageSpec,
    allowed,
    discover,
    preload_modules,
)
from mobile_case.ui.tasks import TaskFailure, TaskRunner, runner
from mobile_case.ui.theme import icon
from mobile_case.ui.widgets import MessageBanner, StatusChip
from mobile_case.ui.widgets.rec_indicator import RecIndicator

log = logging.getLogger(__name__)

DEVICE_REFRESH_MS = 30_000
PRELOAD_DELAY_MS = 1_500  # after login: the home page has loaded by then


def role_title(role: Any) -> str:
    from PySide6.QtCore import QCoreApplication

    value = str(getattr(role, "value", role))
    titles = {
        "administrator": QCoreApplication.translate("Roles", "CNAP administrator"),
        "head": QCoreApplication.translate("Roles", "Head of the CNAP"),
        "kit_keeper": QCoreApplication.translate("Roles", "Kit keeper"),
    }
    return titles.get(value, value)


def _home_page(ctx: PageContext) -> QWidget:
    from mobile_case.ui.home import HomePage

    return HomePage(ctx)


def _settings_page(ctx: PageContext) -> QWidget:
    from mobile_case.ui.settings import SettingsPage

    return SettingsPage(ctx)


SHELL_SPECS: tuple[PageSpec, ...] = (
    PageSpec("home", NAV_TITLES["home"], _home_page, icon="home", order=NAV_ORDER["home"]),
    PageSpec(
        "settings", NAV_TITLES["settings"], _settings_page, icon="settings", order=NAV_ORDER["settings"]
    ),
)


class Header(QFrame):
    lock_clicked = Signal()
    logout_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Header")
        self.setFixedHeight(72)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 12, 6)
        layout.setSpacing(12)
        texts = QVBoxLayout()
        texts.setSpacing(0)
        self.page_title = QLabel()
        theme.set_role(self.page_title, "title")
        texts.addWidget(self.page_title)
        self.community_label = QLabel()
        theme.set_role(self.community_label, "muted")
        # long official names must not widen the window: let the label shrink (and show a tooltip)
        self.community_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.page_title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        texts.addWidget(self.community_label)
        layout.addLayout(texts, 1)
        self.rec_indicator = RecIndicator()  # «● Запис 12:34» of the visit (ui/visit/recording.py)
        layout.addWidget(self.rec_indicator)
        self.busy_label = QLabel()
        theme.set_role(self.busy_label, "muted")
        layout.addWidget(self.busy_label)
        user_box = QVBoxLayout()
        user_box.setSpacing(0)
        self.user_label = QLabel()
        self.user_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.user_label.setStyleSheet("font-weight: 600;")
        self.role_label = QLabel()
        self.role_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        theme.set_role(self.role_label, "muted")
        user_box.addWidget(self.user_label)
        user_box.addWidget(self.role_label)
        layout.addLayout(user_box)
        self.lock_button = QPushButton(self.tr("Lock"))
        self.lock_button.setIcon(icon("lock", theme.TEXT))
        self.lock_button.setIconSize(QSize(24, 24))
        self.lock_button.setToolTip(self.tr("Lock the screen (the work stays open)"))
        self.lock_button.clicked.connect(self.lock_clicked)
        layout.addWidget(self.lock_button)
        self.logout_button = QPushButton(self.tr("Log out"))
        self.logout_button.setIcon(icon("logout", theme.TEXT))
        self.logout_button.setIconSize(QSize(24, 24))
        self.logout_button.clicked.connect(self.logout_clicked)
        layout.addWidget(self.logout_button)


class DevicePanel(QFrame):
    """Device state chips at the bottom of the rail (tap: the Devices tab of Settings)."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DevicePanel")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self.chips: dict[str, StatusChip] = {}
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_statuses(self, statuses: list[Any]) -> None:
        for status in statuses:
            chip = self.chips.get(status.kind)
            if chip is None:
                chip = StatusChip()
                self.chips[status.kind] = chip
                self._layout.addWidget(chip)
            chip.set_status(status)

    def mouseReleaseEvent(self, event: Any) -> None:  # noqa: N802
        self.clicked.emit()
        super().mouseReleaseEvent(event)


class MainWindow(QMainWindow):
    """The work window after login."""

    logout_requested = Signal()
    locked_out = Signal(str)  # too many wrong PINs at the lock screen: the session ended (message)
    page_changed = Signal(str)

    def __init__(
        self,
        services: Any,
        *,
        devices: Any = None,
        tasks: TaskRunner | None = None,
        config: Any = None,
        specs: list[PageSpec] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.services = services
        self.devices = devices
        self.tasks = tasks or runner()
        self.config = config
        self.context = PageContext(
            services=services, tasks=self.tasks, window=self, devices=devices, config=config
        )
        self.setWindowTitle(self.tr("Mobile case — CNAP"))
        self.setMinimumSize(1024, 640)
        self.resize(1280, 800)

        self._specs: dict[str, PageSpec] = {}
        self._pages: dict[str, QWidget] = {}
        self._nav_buttons: dict[str, QToolButton] = {}
        self._current = ""

        central = QWidget()
        self.setCentralWidget(central)
        outer = QHBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        self.rail = QFrame()
        self.rail.setObjectName("NavRail")
        self.rail.setFixedWidth(theme.RAIL_WIDTH)
        self._rail_layout = QVBoxLayout(self.rail)
        self._rail_layout.setContentsMargins(8, 12, 8, 12)
        self._rail_layout.setSpacing(6)
        brand = QLabel(self.tr("Mobile\ncase"))
        brand.setAlignment(Qt.AlignmentFlag.AlignCenter)
        brand.setStyleSheet(f"color: {theme.RAIL_TEXT}; font-size: 18px; font-weight: 700; padding: 4px;")
        self._rail_layout.addWidget(brand)
        self._rail_layout.addSpacing(6)
        self._rail_buttons = QVBoxLayout()
        self._rail_buttons.setSpacing(theme.RAIL_SPACING)
        self._rail_layout.addLayout(self._rail_buttons)
        self._rail_layout.addStretch(1)
        self.device_panel = DevicePanel()
        self.device_panel.clicked.connect(lambda: self.open_page("settings", tab="devices"))
        self._rail_layout.addWidget(self.device_panel)
        self._nav_group = QButtonGroup(self)
        self._nav_group.setExclusive(True)
        outer.addWidget(self.rail)

        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        self.header = Header()
        self.rec_indicator = self.header.rec_indicator
        self.header.lock_clicked.connect(self.lock)
        self.header.logout_clicked.connect(self.request_logout)
        right.addWidget(self.header)
        body = QVBoxLayout()
        body.setContentsMargins(16, 10, 16, 12)
        body.setSpacing(8)
        self.banner = MessageBanner()
        body.addWidget(self.banner)
        self.stack = QStackedWidget()
        self.stack.setObjectName("PageStack")
        body.addWidget(self.stack, 1)
        right.addLayout(body, 1)
        outer.addLayout(right, 1)

        self._update_identity()
        self.tasks.failed.connect(self._on_task_failed)
        self.tasks.busy_changed.connect(self._on_busy)

        for spec in (*SHELL_SPECS, *(discover() if specs is None else specs)):
            self.register_spec(spec)

        # the case-lid switch (kit room): stops and restarts the open visit's recording; off unless set up
        from mobile_case.ui.kit.lid import install_lid_trigger

        self.lid_trigger = install_lid_trigger(self)
        # The pages' modules are imported in a worker once the first page has settled, so that the
        # first opening of a page only builds it (benchmarks: journals' first opening).
        self._preload_timer = QTimer(self)
        self._preload_timer.setSingleShot(True)
        self._preload_timer.timeout.connect(self._preload_pages)
        self._preload_timer.start(PRELOAD_DELAY_MS)

        # inactivity lock
        from mobile_case.ui.login import InactivityWatcher, LockOverlay

        minutes = getattr(config, "inactivity_minutes", 5) if config is not None else 5
        self.lock_overlay = LockOverlay(self, central)
        self.lock_overlay.unlocked.connect(self._on_unlocked)
        self.lock_overlay.logout_requested.connect(self.request_logout)
        self.lock_overlay.locked_out.connect(self._on_locked_out)
        self.lock_overlay.hide()
        self.watcher = InactivityWatcher(minutes, self)
        self.watcher.timed_out.connect(self.lock)

        self._device_timer = QTimer(self)
        self._device_timer.setInterval(DEVICE_REFRESH_MS)
        self._device_timer.timeout.connect(self.refresh_devices)
        if devices is not None:
            self._device_timer.start()
            QTimer.singleShot(0, self.refresh_devices)

    # -- registry -----------------------------------------------------------------------------
    def register_page(
        self,
        key: str,
        title: str,
        widget_factory: Callable[[PageContext], QWidget],
        permission: Any = None,
        *,
        icon: str = "",
        nav: bool = True,
        order: int | None = None,
    ) -> None:
        """Register a page. ``title`` is the English source (translated in context "Navigation")."""
        self.register_spec(
            PageSpec(
                key,
                title,
                widget_factory,
                permission=permission,
                icon=icon,
                nav=nav,
                order=NAV_ORDER.get(key, 100) if order is None else order,
            )
        )

    def _preload_pages(self) -> None:
        names = [m for key, spec in self._specs.items() if self.is_allowed(key) for m in spec.preload]
        if names:
            self.tasks.run_io(preload_modules, names, name="preload-pages", owner=self)

    def register_spec(self, spec: PageSpec) -> None:
        if spec.key in self._specs:
            log.warning("page %s registered twice; keeping the last one", spec.key)
            old = self._nav_buttons.pop(spec.key, None)
            if old is not None:
                self._nav_group.removeButton(old)
                old.deleteLater()
        self._specs[spec.key] = spec
        # spec.extra["rail_roles"]: on the rail of these roles only (others open it from elsewhere)
        rail_roles = spec.extra.get("rail_roles")
        on_rail = rail_roles is None or getattr(self.current_user, "role", None) in rail_roles
        if spec.nav and on_rail and self.is_allowed(spec.key):
            self._add_nav_button(spec)

    def _add_nav_button(self, spec: PageSpec) -> None:
        button = QToolButton()
        button.setText(spec.translated_title())
        button.setIcon(icon(spec.icon or spec.key, theme.RAIL_TEXT, theme.RAIL))
        button.setIconSize(QSize(theme.RAIL_ICON, theme.RAIL_ICON))
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        button.setCheckable(True)
        button.setMinimumWidth(theme.RAIL_WIDTH - 16)
        button.setAccessibleName(spec.translated_title())
        button.setProperty("pageKey", spec.key)
        button.clicked.connect(lambda _c=False, key=spec.key: self.open_page(key))
        self._nav_group.addButton(button)
        self._nav_buttons[spec.key] = button
        # keep the rail sorted by order
        ordered = sorted(self._nav_buttons, key=lambda k: (self._specs[k].order, k))
        for key in ordered:
            self._rail_buttons.removeWidget(self._nav_buttons[key])
        for key in ordered:
            self._rail_buttons.addWidget(self._nav_buttons[key])

    def page_keys(self) -> list[str]:
        return list(self._specs)

    def nav_keys(self) -> list[str]:
        """Keys on the rail, top to bottom."""
        return sorted(self._nav_buttons, key=lambda k: (self._specs[k].order, k))

    def nav_button(self, key: str) -> QToolButton | None:
        return self._nav_buttons.get(key)

    def is_allowed(self, key: str) -> bool:
        spec = self._specs.get(key)
        if spec is None:
            return False
        user = self.current_user
        return allowed(getattr(user, "role", None), spec.permission)

    # -- navigation ---------------------------------------------------------------------------
    def open_page(self, key: str, **kwargs: Any) -> QWidget | None:
        """Show page ``key`` (created on first use) and call its ``activate(**kwargs)``.

        Returns the page, or None (with a message) if it does not exist or the role may not open it.
        """
        spec = self._specs.get(key)
        if spec is None:
            self.show_message(self.tr("This screen is not available in this version."), "warning")
            return None
        if not self.is_allowed(key):
            self.show_message(self.tr("You do not have the rights to open this screen."), "warning")
            return None
        page = self._pages.get(key)
        if page is None:
            page = spec.factory(self.context)
            page.setProperty("pageKey", key)
            self._pages[key] = page
            self.stack.addWidget(page)
        if self._current and self._current != key:
            previous = self._pages.get(self._current)
            if previous is not None and hasattr(previous, "deactivate"):
                previous.deactivate()
        # a message about what was just done belongs to the screen it was done on (errors stay)
        self.clear_notice()
        self._current = key
        self.stack.setCurrentWidget(page)
        self.header.page_title.setText(spec.translated_title())
        button = self._nav_buttons.get(key)
        if button is not None:
            button.setChecked(True)
        else:
            checked = self._nav_group.checkedButton()
            if checked is not None:
                self._nav_group.setExclusive(False)
                checked.setChecked(False)
                self._nav_group.setExclusive(True)
        if hasattr(page, "activate"):
            page.activate(**kwargs)
        self.page_changed.emit(key)
        return page

    def page(self, key: str) -> QWidget | None:
        return self._pages.get(key)

    def current_key(self) -> str:
        return self._current

    def current_page(self) -> QWidget | None:
        return self._pages.get(self._current)

    def set_page_title(self, title: str) -> None:
        """Let a page refine the header title (e.g. «Візит — Шевченко Т. Г.»)."""
        self.header.page_title.setText(title)

    # -- messages and state -------------------------------------------------------------------
    def show_message(self, text: str, kind: str = "info") -> None:
        self.banner.show_message(text, kind)

    def clear_message(self) -> None:
        self.banner.clear()

    def clear_notice(self) -> None:
        """Clear an info / success / warning message; an error stays until it is closed."""
        if self.banner.text() and self.banner.kind() == "error":
            return
        self.banner.clear()

    def _on_task_failed(self, failure: TaskFailure) -> None:
        self.show_message(failure.message, "error")

    def _on_busy(self, busy: bool) -> None:
        self.header.busy_label.setText(self.tr("Working…") if busy else "")

    @property
    def current_user(self) -> Any:
        auth = getattr(self.services, "auth", None)
        return getattr(auth, "current_user", None)

    def _update_identity(self) -> None:
        profile = getattr(self.services, "profile", None)
        community = getattr(profile, "community_name", "") if profile is not None else ""
        cnap = getattr(profile, "cnap_name", "") if profile is not None else ""
        self.header.community_label.setText(community)
        self.header.community_label.setToolTip(" · ".join(p for p in (community, cnap) if p))
        user = self.current_user
        self.header.user_label.setText(getattr(user, "full_name", "") or "")
        self.header.role_label.setText(role_title(getattr(user, "role", "")) if user is not None else "")

    def refresh_devices(self) -> None:
        """Ask the device registry for its statuses in a worker; show them as header chips."""
        if self.devices is None:
            return
        self.tasks.run_io(
            self.devices.statuses,
            on_done=self.set_device_statuses,
            on_error=lambda f: log.warning("device statuses failed: %s", type(f.exception).__name__),
            name="device-statuses",
            owner=self,
        )

    def set_device_statuses(self, statuses: list[Any]) -> None:
        self.device_panel.set_statuses(statuses)

    # -- lock and logout ----------------------------------------------------------------------
    def flush_current_page(self) -> None:
        """Let the page on screen save what is typed now (its ``deactivate()``, the «leave» hook): the
        save is submitted to the database worker ahead of whatever comes next (a lock, a logout)."""
        page = self.current_page()
        if page is not None and hasattr(page, "deactivate"):
            try:
                page.deactivate()
            except Exception:  # a page's hook must not keep the user from locking or leaving
                log.exception("page %s: deactivate failed", self._current)

    def lock(self) -> None:
        """Cover the window with the PIN lock screen. Everything underneath stays as it is."""
        if self.lock_overlay.isVisible():
            return
        self.flush_current_page()  # a locked session refuses saves: what is typed is saved first
        self.lock_overlay.show_for(self.current_user)

    @property
    def locked(self) -> bool:
        return self.lock_overlay.isVisible()

    def _on_unlocked(self) -> None:
        self.watcher.restart()

    def set_inactivity_minutes(self, minutes: int) -> None:
        self.watcher.set_minutes(minutes)

    def end_session(self) -> None:
        """Every created page's ``end_session()`` hook (e.g. the visit stops its recording), before
        the session ends."""
        for key, page in list(self._pages.items()):
            if hasattr(page, "end_session"):
                try:
                    page.end_session()
                except Exception:  # one page must not keep the user from leaving
                    log.exception("page %s: end_session failed", key)

    def request_logout(self) -> None:
        if not self.locked:  # (the lock saved the page already; a locked session refuses saves)
            self.flush_current_page()
        self.end_session()
        self.logout_requested.emit()

    def _on_locked_out(self, message: str) -> None:
        self.end_session()
        self.locked_out.emit(message)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.lock_overlay.isVisible():
            self.lock_overlay.setGeometry(self.centralWidget().rect())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._device_timer.stop()
        self.watcher.stop()
        self.end_session()
        super().closeEvent(event)
