"""Login, the first-run "create the head's account" form, and the inactivity lock.

- :class:`LoginWindow` — the first window: login + PIN on a big on-screen keypad. When the store has
  no users yet it shows the first-run form that creates the head of the CNAP's account.
- :class:`InactivityWatcher` — an app-wide event filter; after N minutes without a touch, click or key
  it emits ``timed_out`` (the main window then locks).
- :class:`LockOverlay` — covers the main window and asks the PIN of the same user; the work
  underneath stays exactly as it was (no page is closed or reset).

All service calls run on the database worker (``ui/tasks.py``); messages (wrong PIN with the attempts
left, locked until HH:MM) are the Ukrainian ``user_message`` of the service's ``AuthError``.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from mobile_case.domain.errors import ValidationError
from mobile_case.ui import theme
from mobile_case.ui.tasks import TaskFailure, TaskRunner, runner

# submodules, not the widgets package: the login window is the first screen, keep its imports small
from mobile_case.ui.widgets.banner import MessageBanner
from mobile_case.ui.widgets.keypad import PinPad
from mobile_case.ui.widgets.layout import Card
from mobile_case.ui.widgets.lineedit import LabeledLineEdit

log = logging.getLogger(__name__)

DEFAULT_INACTIVITY_MINUTES = 5
INPUT_PAUSE_S = 5.0  # InactivityWatcher: after input, its application-wide filter is off this long

_ACTIVITY_EVENT_NAMES = (
    "MouseButtonPress",
    "MouseButtonRelease",
    "MouseMove",
    "KeyPress",
    "Wheel",
    "TouchBegin",
    "TouchUpdate",
    "TabletPress",
)


def _activity_events() -> frozenset:
    """Built on first use (after login), not at import: QEvent.Type alone is ~5 ms of enum building."""
    from PySide6.QtCore import QEvent

    return frozenset(getattr(QEvent.Type, name) for name in _ACTIVITY_EVENT_NAMES)


_KEY_EVENTS: frozenset | None = None


def _key_events() -> frozenset:
    global _KEY_EVENTS
    if _KEY_EVENTS is None:
        from PySide6.QtCore import QEvent

        _KEY_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride})
    return _KEY_EVENTS


def _validate_login(text: str) -> str:
    """The service's own login rule (Latin letters, digits, . _ -), checked as typed."""
    from mobile_case.services.auth import check_login

    return check_login(text)


class InactivityWatcher(QObject):
    """Emits ``timed_out`` after ``minutes`` without user input anywhere in the application.

    An application-wide event filter sees every event of every object, and each one crosses into Python
    (``event.type()`` alone builds an enum member): 10–13 % of the GUI thread while a big screen is
    built (requests-benchmarks 10). So the filter listens only until it sees input: then it records the
    time, steps aside for :data:`INPUT_PAUSE_S` (a tenth of the interval when that is shorter) and
    listens again, counting the end of the pause as the latest input (whatever happened meanwhile is
    not seen). The screen builds that follow a tap run without it, and the lock comes after the full
    interval without input — never earlier, at most one pause later. ``minutes <= 0`` disables the lock.
    """

    timed_out = Signal()

    def __init__(self, minutes: float = DEFAULT_INACTIVITY_MINUTES, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        self._pause = QTimer(self)  # after input: the filter is off until this fires
        self._pause.setSingleShot(True)
        self._pause.timeout.connect(self._listen_again)
        self._listening = False
        self._last = time.monotonic()
        self._minutes = minutes
        self._active = False
        self._events = _activity_events()
        self.set_minutes(minutes)

    @property
    def interval_seconds(self) -> float:
        return self._minutes * 60.0

    def set_minutes(self, minutes: float) -> None:
        self._minutes = minutes
        self.restart()

    @property
    def pause_seconds(self) -> float:
        """How long the filter steps aside after it has seen input."""
        return min(INPUT_PAUSE_S, self.interval_seconds / 10)

    @property
    def listening(self) -> bool:
        """Whether the application-wide filter is installed now."""
        return self._listening

    def restart(self) -> None:
        self._last = time.monotonic()
        self._active = self._minutes > 0
        self._pause.stop()
        if self._active:
            self._timer.start(max(1, int(self.interval_seconds * 1000)))
            self._set_listening(True)
        else:
            self._timer.stop()
            self._set_listening(False)

    def stop(self) -> None:
        self._active = False
        self._timer.stop()
        self._pause.stop()
        self._set_listening(False)

    def _set_listening(self, on: bool) -> None:
        if on == self._listening:
            return
        app = QApplication.instance()
        if app is None:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)  # allowed from inside eventFilter() too
        self._listening = on

    def eventFilter(self, watched: QObject, event: Any) -> bool:  # noqa: N802
        if self._active and event.type() in self._events:
            self._last = time.monotonic()
            self._set_listening(False)
            self._pause.start(max(1, int(self.pause_seconds * 1000)))
        return False

    def _listen_again(self) -> None:
        if not self._active:
            return
        self._last = time.monotonic()  # input may have come while the filter was off
        self._set_listening(True)

    def _check(self) -> None:
        if not self._active:
            return
        if self._pause.isActive():  # input less than a pause ago: the interval starts again after it
            self._timer.start(max(1, int(self.interval_seconds * 1000) + self._pause.remainingTime()))
            return
        idle = time.monotonic() - self._last
        remaining = self.interval_seconds - idle
        if remaining > 0.05:
            self._timer.start(max(1, int(remaining * 1000)))
            return
        self._active = False
        self._set_listening(False)
        self.timed_out.emit()


class LockOverlay(QFrame):
    """Covers ``host`` (the main window's central widget) and asks for the PIN of the same user."""

    unlocked = Signal()
    logout_requested = Signal()
    locked_out = Signal(str)  # the Ukrainian message (locked until HH:MM)

    def __init__(self, window: Any, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName("LockOverlay")  # a QFrame paints its stylesheet background
        self._window = window
        self._host = host
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        card = Card()
        card.setFixedWidth(540)
        title = QLabel(self.tr("The screen is locked"))
        theme.set_role(title, "title")
        theme.centered(title)
        card.body.addWidget(title)
        self.user_label = QLabel()
        theme.centered(self.user_label)
        self.user_label.setStyleSheet("font-weight: 600;")
        card.body.addWidget(self.user_label)
        hint = QLabel(self.tr("Enter your PIN to continue. Your work is kept open."))
        hint.setWordWrap(True)
        theme.centered(hint)
        theme.set_role(hint, "muted")
        card.body.addWidget(hint)
        self.banner = MessageBanner(closable=False)
        card.body.addWidget(self.banner)
        self.pinpad = PinPad(ok_text=self.tr("Unlock"))
        self.pinpad.submitted.connect(self._submit)
        card.body.addWidget(self.pinpad)
        from mobile_case.ui.widgets.buttons import BigButton

        self.logout_button = BigButton(self.tr("Log out (another user)"), kind="flat")
        self.logout_button.clicked.connect(self._logout)
        card.body.addWidget(self.logout_button)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self._busy = False

    def show_for(self, user: Any) -> None:
        self.user_label.setText(getattr(user, "full_name", "") or "")
        self.banner.clear()
        self.pinpad.clear()
        self.setGeometry(self._host.rect())
        self.show()
        self.raise_()
        self.pinpad.display.setFocus()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        if hasattr(self._window, "watcher"):
            self._window.watcher.stop()
        auth = getattr(getattr(self._window, "services", None), "auth", None)
        if auth is not None:  # the services refuse work until the PIN is entered
            self._tasks().run_db(auth.lock, name="lock-session", on_error=lambda _f: None)
        log.info("screen locked")

    def _finish(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: Any) -> bool:  # noqa: N802
        """While locked, keyboard input may only reach the lock screen itself."""
        if event.type() in _key_events():
            if isinstance(watched, QWidget) and watched.window() is self.window():
                if watched is not self and not self.isAncestorOf(watched):
                    return True
        return False

    def _tasks(self) -> TaskRunner:
        return getattr(self._window, "tasks", None) or runner()

    def _submit(self, pin: str) -> None:
        if self._busy:
            return
        if not pin:
            self.banner.show_warning(self.tr("Enter the PIN."))
            return
        self._busy = True
        auth = self._window.services.auth
        self._tasks().run_db(
            auth.verify_pin, pin, on_done=self._verified, on_error=self._failed, name="verify-pin", owner=self
        )

    def _verified(self, ok: bool) -> None:
        self._busy = False
        self.pinpad.clear()
        if ok:
            log.info("screen unlocked")
            self._finish()
            self.unlocked.emit()
        else:
            self.banner.show_error(self.tr("Wrong PIN. Try again."))

    def _failed(self, failure: TaskFailure) -> None:
        self._busy = False
        self.pinpad.clear()
        auth = self._window.services.auth
        if auth.current_user is None:  # locked out after too many wrong PINs: the session has ended
            self._finish()
            self.locked_out.emit(failure.message)
            return
        self.banner.show_error(failure.message)

    def _logout(self) -> None:
        self._finish()
        self.logout_requested.emit()


class LoginWindow(QFrame):
    """The first window. Call :meth:`set_services` once the store is open."""

    logged_in = Signal(object)  # domain.model.User
    first_painted = Signal()  # once, after the first frame is on screen (start the heavy work then)

    def __init__(self, *, community: str = "", last_login: str = "", tasks: TaskRunner | None = None) -> None:
        super().__init__()
        self.setObjectName("LoginWindow")
        self.setWindowTitle(self.tr("Mobile case — login"))
        self.resize(1280, 800)
        self.services: Any = None
        self.tasks = tasks or runner()
        self._busy = False
        self._painted = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 30, 40, 30)
        outer.addStretch(1)
        head = QVBoxLayout()
        head.setSpacing(4)
        self.app_title = QLabel(self.tr("Mobile case of the CNAP"))
        theme.centered(self.app_title)
        self.app_title.setStyleSheet(f"font-size: 32px; font-weight: 700; color: {theme.PRIMARY_DARK};")
        head.addWidget(self.app_title)
        self.community_label = QLabel(community)
        theme.centered(self.community_label)
        theme.set_role(self.community_label, "muted")
        head.addWidget(self.community_label)
        outer.addLayout(head)
        outer.addSpacing(16)

        row = QHBoxLayout()
        row.addStretch(1)
        card = Card(margins=24)
        card.setFixedWidth(860)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        self.banner = MessageBanner(closable=False)
        card.body.addWidget(self.banner)
        # two pages (login / first run) shown one at a time; plain widgets rather than a QStackedWidget
        # (its first use costs ~10 ms of cold start)
        self._card = card

        # 0: login — shown at once: the login and PIN can be typed while the store opens
        self._pending: tuple[str, str] | None = None  # submitted before the store was open
        login_page = QWidget()
        l_row = QHBoxLayout(login_page)
        l_row.setSpacing(32)
        left = QVBoxLayout()
        left.setSpacing(12)
        title = QLabel(self.tr("Log in"))
        theme.set_role(title, "title")
        left.addWidget(title)
        self.login_field = LabeledLineEdit(
            self.tr("Login"), placeholder=self.tr("e.g. ivanenko"), clear_button=False
        )
        self.login_field.setText(last_login)
        self.login_field.edit.returnPressed.connect(lambda: self.pinpad.display.setFocus())
        left.addWidget(self.login_field)
        hint = QLabel(
            self.tr(
                "Type your login, then your PIN on the keypad. After 5 wrong PINs the account is locked "
                "for 5 minutes."
            )
        )
        hint.setWordWrap(True)
        theme.set_role(hint, "muted")
        left.addWidget(hint)
        left.addStretch(1)
        l_row.addLayout(left, 1)
        self.pinpad = PinPad(ok_text=self.tr("Log in"))
        self.pinpad.setFixedWidth(360)
        self.pinpad.submitted.connect(self._submit_login)
        l_row.addWidget(self.pinpad)
        self.login_page = login_page
        card.body.addWidget(login_page)

        # the store is opening: a status line under the form until set_services()
        self.starting_label = QLabel(self.tr("Opening the protected data store…"))
        theme.set_role(self.starting_label, "muted")
        card.body.addWidget(self.starting_label)

        # 1: first run — built only when the store has no users (keeps the usual start light)
        self._first_run_page: QWidget | None = None

    def _build_first_run(self) -> None:
        """The form that creates the head's account (the store has no users yet)."""
        if self._first_run_page is not None:
            return
        from PySide6.QtCore import Qt  # not at import: see theme.centered

        first = QWidget()
        f_layout = QVBoxLayout(first)
        f_layout.setSpacing(10)
        f_title = QLabel(self.tr("First start: create the account of the head of the CNAP"))
        f_title.setWordWrap(True)
        theme.set_role(f_title, "title")
        f_layout.addWidget(f_title)
        f_hint = QLabel(
            self.tr(
                "There are no users yet. The head of the CNAP creates their own account here, then adds "
                "the administrators in Settings → People."
            )
        )
        f_hint.setWordWrap(True)
        theme.set_role(f_hint, "muted")
        f_layout.addWidget(f_hint)
        grid = QHBoxLayout()
        grid.setSpacing(20)
        col1 = QVBoxLayout()
        col2 = QVBoxLayout()
        self.first_name_field = LabeledLineEdit(
            self.tr("Full name"), required=True, placeholder=self.tr("Surname Name Patronymic")
        )
        self.first_login_field = LabeledLineEdit(self.tr("Login"), required=True, validator=_validate_login)
        self.first_pin_field = LabeledLineEdit(
            self.tr("PIN (digits)"), required=True, validator=self._validate_pin_format
        )
        self.first_pin2_field = LabeledLineEdit(
            self.tr("Repeat the PIN"), required=True, validator=self._validate_pin_repeat
        )
        for field in (self.first_pin_field, self.first_pin2_field):
            field.edit.setEchoMode(QLineEdit.EchoMode.Password)
        col1.addWidget(self.first_name_field)
        col1.addWidget(self.first_login_field)
        col2.addWidget(self.first_pin_field)
        col2.addWidget(self.first_pin2_field)
        col1.addStretch(1)
        col2.addStretch(1)
        grid.addLayout(col1, 1)
        grid.addLayout(col2, 1)
        f_layout.addLayout(grid)
        from mobile_case.ui.widgets.buttons import BigButton

        self.create_button = BigButton(self.tr("Create the account and log in"), kind="primary")
        self.create_button.clicked.connect(self._submit_first_run)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        f_layout.addLayout(buttons)
        first.hide()
        self._card.body.insertWidget(self._card.body.indexOf(self.login_page) + 1, first)
        for field in (self.first_pin_field, self.first_pin2_field):
            field.edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self._first_run_page = first

    def paintEvent(self, event: Any) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)  # after this frame is complete

    # -- state --------------------------------------------------------------------------------
    @property
    def mode(self) -> str:
        """ "starting" until the store is open, then "login" or "first_run"."""
        if self.services is None:
            return "starting"
        return (
            "first_run"
            if self._first_run_page is not None and not self._first_run_page.isHidden()
            else "login"
        )

    def set_community(self, text: str) -> None:
        self.community_label.setText(text)

    def set_services(self, services: Any) -> None:
        """The store is open: decide between the login form and the first-run form."""
        self.services = services
        profile = getattr(services, "profile", None)
        if profile is not None:
            self.set_community(f"{profile.community_name} · {profile.cnap_name}")
        self.tasks.run_db(
            services.auth.has_users,
            on_done=self._on_has_users,
            on_error=self._show_failure,
            name="has-users",
            owner=self,
        )

    def _on_has_users(self, has_users: bool) -> None:
        self.starting_label.hide()
        pending, self._pending = self._pending, None
        if has_users:
            if pending is not None:  # typed and submitted while the store was opening
                self.banner.clear()
                self._send_login(*pending)
                return
            self.show_login()
        else:
            self._build_first_run()
            self.pinpad.clear()
            self.banner.clear()
            self.login_page.hide()
            self._first_run_page.show()
            self.first_name_field.edit.setFocus()

    def show_login(self, message: str = "", kind: str = "info") -> None:
        if self._first_run_page is not None:
            self._first_run_page.hide()
        self.login_page.show()
        self.pinpad.clear()
        if message:
            self.banner.show_message(message, kind)
        else:
            self.banner.clear()
        if self.login_field.text():
            self.pinpad.display.setFocus()
        else:
            self.login_field.edit.setFocus()

    def show_error(self, message: str) -> None:
        self._pending = None
        self.starting_label.hide()
        self.banner.show_error(message)

    def _show_failure(self, failure: TaskFailure) -> None:
        self._busy = False
        self.banner.show_error(failure.message)

    # -- login --------------------------------------------------------------------------------
    def _submit_login(self, pin: str) -> None:
        if self._busy:
            return
        login = self.login_field.text().strip()
        if not login:
            self.login_field.set_error(self.tr("Enter your login."))
            self.login_field.edit.setFocus()
            return
        if not pin:
            self.banner.show_warning(self.tr("Enter the PIN on the keypad."))
            return
        if self.services is None:  # the store is still opening: log in as soon as it is open
            self._pending = (login, pin)
            self.banner.show_info(
                self.tr("One moment: the data store is still opening; you will be logged in.")
            )
            return
        self._send_login(login, pin)

    def _send_login(self, login: str, pin: str) -> None:
        self._busy = True
        self.tasks.run_db(
            self.services.auth.login,
            login,
            pin,
            on_done=self._on_logged_in,
            on_error=self._on_login_failed,
            name="login",
            owner=self,
        )

    def _on_logged_in(self, user: Any) -> None:
        self._busy = False
        self.pinpad.clear()
        self.banner.clear()
        log.info("user %s logged in", getattr(user, "id", "?"))
        self.logged_in.emit(user)

    def _on_login_failed(self, failure: TaskFailure) -> None:
        self._busy = False
        self.pinpad.clear()
        self.banner.show_error(failure.message)

    # -- first run ----------------------------------------------------------------------------
    def _validate_pin_format(self, text: str) -> str:
        """The store's own PIN rules for the head (length, no repeats or runs), checked as typed."""
        from mobile_case.domain.model import Role
        from mobile_case.storage.pins import check_pin_rules

        return check_pin_rules(text, Role.HEAD)

    def _validate_pin_repeat(self, text: str) -> str:
        if text != self.first_pin_field.text():
            raise ValidationError("pin", self.tr("The two PINs differ."))
        return text

    def _submit_first_run(self) -> None:
        if self._busy or self.services is None:
            return
        fields = (self.first_name_field, self.first_login_field, self.first_pin_field, self.first_pin2_field)
        if not all([f.validate() for f in fields]):
            self.banner.show_warning(self.tr("Check the fields marked in red."))
            return
        full_name = self.first_name_field.text().strip()
        login = self.first_login_field.text().strip()
        pin = self.first_pin_field.text()
        auth = self.services.auth

        def create_and_login() -> Any:
            auth.create_first_head(login, full_name, pin)
            return auth.login(login, pin)

        self._busy = True
        self.create_button.setEnabled(False)

        def failed(failure: TaskFailure) -> None:
            self.create_button.setEnabled(True)
            self._show_failure(failure)
            exc = failure.exception
            if isinstance(exc, ValidationError):
                target = {
                    "login": self.first_login_field,
                    "full_name": self.first_name_field,
                    "pin": self.first_pin_field,
                }
                if exc.field in target:
                    target[exc.field].set_error(exc.user_message)

        def done(user: Any) -> None:
            self.create_button.setEnabled(True)
            self.login_field.setText(login)
            for f in (self.first_pin_field, self.first_pin2_field):
                f.clear()
            self._on_logged_in(user)

        self.tasks.run_db(
            create_and_login, on_done=done, on_error=failed, name="create-first-head", owner=self
        )
