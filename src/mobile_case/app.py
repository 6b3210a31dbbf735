"""The composition root: data folder, logging, translations, store, services, devices, windows.

``main(args)`` is called by ``cli.py`` with ``args.data_dir``, ``args.demo``, ``args.profile``,
``args.lang`` and ``args.simulate_devices`` and returns the process exit code.

Start-up is ordered for a fast cold start: the login window is on screen (and typable) before the
heavy modules are imported — the store (SQLAlchemy, SQLCipher, alembic), the services and the devices
are built on the database worker / device pool while the user types the login. A corrupt profile, a
wrong database key or a store that cannot be opened gives a clear Ukrainian dialog, never a traceback.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

log = logging.getLogger("mobile_case")

APP_NAME = "mobile-case"
LOG_FILE = "mobile-case.log"
CONFIG_FILE = "settings.json"
LOCK_FILE = "mobile-case.lock"
PRINTED_DIR = "printed"  # the simulated printer's PDFs, inside the data folder
# Benchmarks / smoke tests: print "ready <seconds>" once the login window is interactive and exit 0.
STARTUP_PROBE_ENV = "MOBILE_CASE_STARTUP_PROBE"
EXIT_OK = 0
EXIT_START_FAILED = 2


# -- settings (declared once, typed, with defaults) -------------------------------------------------
class AppConfig:
    """User-changeable settings of this data folder (``settings.json``).

    Declared once here with their types and defaults (``FIELDS``). A plain class rather than a
    dataclass: it is read before the login window paints, and importing ``dataclasses`` there costs
    a few milliseconds of cold start."""

    FIELDS: dict[str, object] = {
        "language": "uk",  # uk | en
        "inactivity_minutes": 5,  # lock after this many minutes without input; 0 = never
        "last_login": "",
        "profile": "",  # community profile code chosen for this data folder
        "scanner": "",  # Settings → Devices: the scanner to use ("" = the first found; DeviceConfig.scanner)
        "camera": "",  # … the recorder's camera
        "microphone": "",  # … the recorder's microphone
    }
    language: str
    inactivity_minutes: int
    last_login: str
    profile: str
    scanner: str
    camera: str
    microphone: str

    def __init__(self, path: Path | None = None, **values: Any) -> None:
        self.path = path
        for name, default in self.FIELDS.items():
            setattr(self, name, values.pop(name, default))
        if values:
            raise TypeError(f"unknown settings: {', '.join(sorted(values))}")

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.FIELDS}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AppConfig) and self.as_dict() == other.as_dict()

    def __repr__(self) -> str:
        return f"AppConfig({self.as_dict()!r})"

    @classmethod
    def load(cls, path: Path) -> AppConfig:
        config = cls(path=path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return config
        except OSError as exc:
            log.warning("settings file unreadable (%s); using defaults", type(exc).__name__)
            return config
        data = _json_object(raw)
        if data is None:
            log.warning("settings file is not a JSON object; using defaults")
            return config
        for name in cls.FIELDS:
            if name in data:
                value = data[name]
                default = getattr(config, name)
                if isinstance(default, bool) or not isinstance(value, type(default)):
                    continue
                setattr(config, name, value)
        if config.language not in ("uk", "en"):
            config.language = "uk"
        config.inactivity_minutes = max(0, min(120, int(config.inactivity_minutes)))
        return config

    def save(self) -> None:
        import json

        if self.path is None:
            return
        data = self.as_dict()
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, self.path)


def _json_object(raw: bytes) -> dict[str, Any] | None:
    """The JSON object in ``raw`` (None when it is not one), read by Qt's JSON parser: the settings are
    read before the login window paints, QtCore is loaded by then, and importing ``json`` would cost
    ~2 ms of cold start (its regular expressions are compiled on import). ``save`` writes with ``json``."""
    from PySide6.QtCore import QJsonDocument

    doc = QJsonDocument.fromJson(raw)
    return doc.object() if doc.isObject() else None


# -- paths and logging ------------------------------------------------------------------------------
def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(value: Any) -> Path:
    return Path(value).expanduser().resolve() if value else default_data_dir()


def setup_logging(data_dir: Path, level: int = logging.INFO) -> Path:
    """A rotating log file in ``<data dir>/logs`` (ids only — never personal data)."""
    import logging.handlers

    log_dir = data_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_mobile_case", False):
            root.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
    handler._mobile_case = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return path


def _arg(args: Any, name: str, default: Any = None) -> Any:
    return getattr(args, name, default) if args is not None else default


# -- opening the store ------------------------------------------------------------------------------
def load_community_profile(choice: str | None) -> Any:
    """The profile by code or file path; the default (Chortkiv) when ``choice`` is empty."""
    from mobile_case import profiles

    if not choice:
        return profiles.default_profile()
    path = Path(choice)
    if path.suffix == ".toml" or path.exists():
        return profiles.load_profile(path)
    return profiles.load_profile_by_code(choice)


def open_services(data_dir: Path, profile_choice: str | None, demo: bool, key_provider: Any = None) -> Any:
    """Load the profile, seed the demo into an empty store when asked, build the services.
    Runs on the database worker."""
    profile = load_community_profile(profile_choice)
    if demo:
        from mobile_case.services.demo import seed_demo

        if seed_demo(data_dir, profile, key_provider=key_provider):
            log.info("demo store seeded")
    from mobile_case.services import build_services

    return build_services(data_dir, profile, key_provider=key_provider)


def station_network(store: Any) -> Any:
    """The network settings of the devices for this store: the CNAP station the kit is paired with
    (``sync_pairing``; ``NetworkConfig()`` — no station — when unpaired or revoked). Database worker."""
    from urllib.parse import urlsplit

    from mobile_case.devices.network.monitor import NetworkConfig
    from mobile_case.sync.outbox import load_pairing

    pairing = load_pairing(store)
    if pairing is None or pairing.revoked:
        return NetworkConfig()
    url = urlsplit(pairing.url)
    try:
        port = url.port or (80 if url.scheme == "http" else 443)
    except ValueError:  # a port out of range in a hand-edited store
        log.warning("sync pairing: the station URL has no usable port")
        return NetworkConfig()
    return NetworkConfig(station_host=url.hostname or "", station_port=port)


def startup_error_message(exc: BaseException) -> str:
    from PySide6.QtCore import QCoreApplication

    from mobile_case.domain.errors import DomainError

    if isinstance(exc, DomainError) and exc.user_message:
        return exc.user_message
    if isinstance(exc, PermissionError):
        return QCoreApplication.translate(
            "App", "The data folder cannot be written. Check that the program may write to it."
        )
    return QCoreApplication.translate(
        "App",
        "The program could not open its data store. Nothing was changed. Tell the CNAP's IT person; "
        "the details are in the log file.",
    )


def acquire_instance_lock(data_dir: Path) -> Any:
    """One running app per data folder: a QLockFile in the folder (stale locks of a crashed process
    are taken over). Returns the held lock, or None when another instance holds it."""
    from PySide6.QtCore import QLockFile

    lock = QLockFile(str(data_dir / LOCK_FILE))
    lock.setStaleLockTime(0)  # stale only when its process is gone (QLockFile checks the pid)
    if lock.tryLock(300):
        return lock
    return None


def instance_locked_message(data_dir: Path) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(
        "App",
        "The program is already running with this data folder (%1). Switch to its window; two copies "
        "must not work with the same data.",
    ).replace("%1", str(data_dir))


# -- the running application ------------------------------------------------------------------------
class AppController:
    """Switches between the login window and the main window; owns services, devices, tasks."""

    def __init__(
        self, data_dir: Path, args: Any = None, *, config: AppConfig | None = None, key_provider: Any = None
    ):
        from mobile_case.ui.tasks import runner

        self.data_dir = data_dir
        self.args = args
        self.config = config or AppConfig.load(data_dir / CONFIG_FILE)
        self.key_provider = key_provider
        self.tasks = runner()
        self.services: Any = None
        self.devices: Any = None
        self.login_window: Any = None
        self.main_window: Any = None
        self.network: Any = None  # NetworkConfig of the paired station, once read from the store
        self.exit_code: int | None = None
        self.startup_error: str = ""
        self.owns_event_loop = False  # main() runs app.exec() for this controller
        self.single_instance = False  # main(): take the data folder's lock before opening the store
        self.instance_lock: Any = None
        # main(): once start-up is done, freeze what it built and run the cyclic garbage collector on
        # the GUI thread only (ui/collector.py). Off for controllers driven by tests in a shared process.
        self.manage_gc = False

    # start-up
    def start(self) -> None:
        from mobile_case.ui.login import LoginWindow

        self.login_window = LoginWindow(last_login=self.config.last_login, tasks=self.tasks)
        self.login_window.logged_in.connect(self._on_logged_in)
        # The heavy work (store, services, devices) starts once the first frame of the login window is
        # on screen: imports and the store's key derivation in the workers would otherwise compete with
        # the GUI thread for the interpreter before the user sees anything. (A fallback timer covers a
        # window that is never painted, e.g. minimised at start.)
        from PySide6.QtCore import QTimer

        self._background_started = False
        if os.environ.get(STARTUP_PROBE_ENV):
            self.login_window.first_painted.connect(self._probe_ready)
        self.login_window.first_painted.connect(self._open_in_background)
        QTimer.singleShot(2000, self._open_in_background)
        self.login_window.show()

    def _start_logging(self) -> None:
        try:
            setup_logging(self.data_dir)
        except OSError as exc:  # an unwritable folder: the store will say so in Ukrainian
            print(f"log file not opened: {type(exc).__name__}", file=sys.stderr)
        log.info("starting (python %s)", sys.version.split()[0])

    def _open_in_background(self) -> None:
        if self._background_started:
            return
        self._background_started = True
        self._start_logging()
        if self.single_instance and not self._lock_data_folder():
            return
        profile_choice = _arg(self.args, "profile") or self.config.profile or None
        demo = bool(_arg(self.args, "demo", False))
        self.tasks.run_db(
            open_services,
            self.data_dir,
            profile_choice,
            demo,
            self.key_provider,
            on_done=self._on_services,
            on_error=self._on_start_failed,
            name="open-store",
        )
        self.tasks.run_io(
            self._build_devices,
            on_done=self._on_devices,
            on_error=self._on_devices_failed,
            name="device-registry",
        )

    def _lock_data_folder(self) -> bool:
        """One app per data folder. Taken after the login window's first frame, before anything reads or
        writes the store: QLockFile writes its file with an fdatasync, which waits for the disk (0.3 ms on
        a quiet machine, 5 ms and more while the disk is busy) — not worth delaying the first frame for.
        A second instance shows the Ukrainian message and quits without touching the data."""
        self.instance_lock = acquire_instance_lock(self.data_dir)
        if self.instance_lock is not None:
            return True
        from PySide6.QtCore import QCoreApplication

        from mobile_case.ui.widgets.dialogs import inform

        log.warning("another instance holds the data folder lock")
        self.startup_error = instance_locked_message(self.data_dir)
        self.exit_code = EXIT_START_FAILED
        self.login_window.hide()
        inform(None, QCoreApplication.translate("App", "The program cannot start"), self.startup_error)
        self.quit(EXIT_START_FAILED)
        return False

    def _build_devices(self) -> Any:
        from mobile_case.devices.registry import DeviceConfig, DeviceRegistry

        simulate = _arg(self.args, "simulate_devices")
        # without a printer, "printed" documents are PDFs in the data folder (where the user finds
        # them and the backup takes them), not in the system's temp folder
        config = DeviceConfig(simulated_printer_dir=self.data_dir / PRINTED_DIR)
        chosen = self.config  # Settings → Devices (settings.json)
        config.scanner, config.camera, config.microphone = chosen.scanner, chosen.camera, chosen.microphone
        return DeviceRegistry(simulate=simulate, config=config)

    def _read_station(self) -> None:
        """The devices' network check pings the station the kit is paired with (read at start and at
        each login: pairing happens in Settings while logged in)."""
        store = getattr(self.services, "store", None)
        if store is None:
            return
        self.tasks.run_db(
            station_network,
            store,
            on_done=self._on_station,
            on_error=lambda f: log.warning("sync pairing not read: %s", type(f.exception).__name__),
            name="station-network",
        )

    def _on_station(self, network: Any) -> None:
        changed = network != self.network
        self.network = network
        if self.devices is not None and changed:
            self.devices.set_network(network)
            if self.main_window is not None:
                self.main_window.refresh_devices()

    def _on_devices(self, registry: Any) -> None:
        if self.network is not None:
            registry.set_network(self.network)
        self.devices = registry
        if self.main_window is not None:
            self.main_window.devices = registry
            self.main_window.context.devices = registry
            self.main_window.refresh_devices()

    def _on_devices_failed(self, failure: Any) -> None:
        log.warning("device registry unavailable: %s", type(failure.exception).__name__)

    def _probe_ready(self) -> None:
        import time

        started = getattr(self, "_process_started", None)
        elapsed = time.perf_counter() - started if started is not None else -1.0
        print(f"ready {elapsed:.3f}", flush=True)
        self.quit(EXIT_OK)

    def _on_services(self, services: Any) -> None:
        self.services = services
        if not self.config.profile:
            self.config.profile = services.profile.code
            self._save_config()
        log.info("store opened; profile %s", services.profile.code)
        self.login_window.set_services(services)
        self._read_station()
        if self.manage_gc:
            import gc

            from mobile_case.ui import collector

            gc.enable()  # main() held it back during start-up
            collector.install(self.tasks)  # start-up is done: the heavy modules are imported

    def _on_start_failed(self, failure: Any) -> None:
        from PySide6.QtCore import QCoreApplication

        from mobile_case.ui.widgets.dialogs import inform

        self.startup_error = startup_error_message(failure.exception)
        self.exit_code = EXIT_START_FAILED
        self.login_window.show_error(self.startup_error)
        inform(
            self.login_window,
            QCoreApplication.translate("App", "The program cannot start"),
            self.startup_error,
        )
        self.quit(EXIT_START_FAILED)

    # login / logout
    def _on_logged_in(self, user: Any) -> None:
        from mobile_case.ui.main_window import MainWindow

        self.config.last_login = user.login
        self._save_config()
        self.main_window = MainWindow(
            self.services, devices=self.devices, tasks=self.tasks, config=self.config
        )
        self.main_window.logout_requested.connect(self.logout)
        self.main_window.locked_out.connect(lambda message: self.logout(message, "error"))
        self.main_window.resize(1280, 800)
        if self.login_window.isFullScreen():
            self.main_window.showFullScreen()
        else:
            self.main_window.show()
        self.main_window.open_page("home")
        self.login_window.hide()
        self._purge_recordings()
        self._read_station()
        self._start_sync()

    # the background sync with the CNAP office station (issue 4): runs while a user is logged in
    def _sync_link(self) -> Any:
        """The connection type now (the recordings policy): from the devices' network monitor."""
        from mobile_case.services.sync import link_from_monitor
        from mobile_case.sync.scheduler import Link

        devices = self.devices
        return link_from_monitor(devices.network)() if devices is not None else Link()

    def _start_sync(self) -> None:
        """Start the background sync of a paired kit (not revoked) after login, on an I/O worker."""
        if self.services is None:
            return
        from mobile_case.services.sync import start_if_paired

        self.tasks.run_io(
            start_if_paired,
            self.services,
            self._sync_link,
            on_error=lambda f: log.warning("sync not started: %s", type(f.exception).__name__),
            name="sync-start",
        )

    def _stop_sync(self, wait: bool = False) -> None:
        """Stop the background sync (logout: on a worker; quit: here, at most 2 s)."""
        if self.services is None or "mobile_case.services.sync" not in sys.modules:
            return  # never imported: no sync runs
        from mobile_case.services.sync import stop_sync

        if wait:
            stop_sync(self.services)
        else:
            self.tasks.run_io(stop_sync, self.services, name="sync-stop")

    def _purge_recordings(self) -> None:
        """Recordings kept three months after the service day are destroyed (O 2.9), once per start."""
        if getattr(self, "_purged", False):
            return
        self._purged = True
        services = self.services
        recordings = getattr(services, "recordings", None)
        if recordings is None:
            return
        today = services.clock().date()
        self.tasks.run_db(
            recordings.purge_expired,
            today,
            on_done=lambda n: log.info("%d expired recording(s) destroyed", n) if n else None,
            on_error=lambda f: log.warning("expired recordings not purged: %s", type(f.exception).__name__),
            name="recordings.purge",
        )
        self.tasks.run_db(  # segments a crash left behind (issue 5)
            recordings.archive_leftovers,
            on_done=lambda n: log.info("%d leftover recording segment(s) archived", n) if n else None,
            on_error=lambda f: log.warning(
                "leftover recordings not archived: %s", type(f.exception).__name__
            ),
            name="recordings.leftovers",
        )

    def logout(self, message: str = "", kind: str = "info") -> None:
        from PySide6.QtCore import QCoreApplication

        window, self.main_window = self.main_window, None
        self._stop_sync()
        auth = self.services.auth
        text = message or QCoreApplication.translate("App", "You have logged out.")

        def done(_result: Any = None) -> None:
            self.login_window.show_login(text, kind)
            self.login_window.show()
            if window is not None:
                window.watcher.stop()
                window.hide()
                window.deleteLater()

        if auth.current_user is None:  # already ended (e.g. locked out at the lock screen)
            done()
            return
        self.tasks.run_db(auth.logout, on_done=done, on_error=lambda _f: done(), name="logout")

    def _save_config(self) -> None:
        try:
            self.config.save()
        except OSError as exc:
            log.warning("settings not saved: %s", type(exc).__name__)

    def quit(self, code: int = EXIT_OK) -> None:
        from PySide6.QtWidgets import QApplication

        self.exit_code = code
        app = QApplication.instance()
        # only the loop main() started: QApplication.exit() with no loop running would make every
        # later event loop return at once (tests drive the controller without main())
        if app is not None and self.owns_event_loop:
            app.exit(code)

    def shutdown(self) -> None:
        """Finish the running operations, close the store."""
        self._stop_sync(wait=True)
        self.tasks.shutdown(wait=True)
        if self.manage_gc:
            from mobile_case.ui import collector

            collector.uninstall()
        if self.services is not None:
            try:
                self.services.close()
            except Exception as exc:  # closing must not turn a clean exit into a traceback
                log.warning("store close failed: %s", type(exc).__name__)


def main(args: Any = None) -> int:
    """Run the app; returns the exit code."""
    import gc
    import time

    process_started = time.perf_counter()
    # No cyclic garbage collections during start-up: importing Qt and the app, building the login window
    # and then (in the workers) importing SQLAlchemy make tens of young and old collections that find
    # almost nothing (~5-10 ms before the first frame here). AppController._on_services turns the
    # collector on again when the store is open, right before ui/collector.py freezes what start-up
    # built; whatever happens, it is on again when main() returns.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _run(args, process_started)
    finally:
        if gc_was_enabled:
            gc.enable()


def _run(args: Any, process_started: float) -> int:
    data_dir = resolve_data_dir(_arg(args, "data_dir"))
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"Не вдалося створити папку даних «{data_dir}»: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_START_FAILED
    # the log file is opened right after the login window's first frame (AppController._start_logging)

    from PySide6.QtWidgets import QApplication

    from mobile_case import i18n
    from mobile_case.ui import theme

    if QApplication.instance() is None:
        os.environ.setdefault("QT_STYLE_OVERRIDE", "fusion")  # the theme's style, set before the app
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Мобільний кейс")
    app.setOrganizationName("CNAP")
    config = AppConfig.load(data_dir / CONFIG_FILE)
    lang = _arg(args, "lang") or config.language
    i18n.install(app, lang, cache_dir=data_dir / "cache" / "translations")
    theme.apply_theme(app)

    controller = AppController(data_dir, args, config=config)
    controller._process_started = process_started
    controller.owns_event_loop = True
    controller.manage_gc = True
    controller.single_instance = True  # the data folder's lock is taken right after the first frame
    controller.start()
    code = app.exec()
    controller.shutdown()
    if controller.instance_lock is not None:
        controller.instance_lock.unlock()
    log.info("stopped with code %s", controller.exit_code if controller.exit_code is not None else code)
    return controller.exit_code if controller.exit_code is not None else code
