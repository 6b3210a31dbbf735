"""The ``mobile-case`` command: the app, and the tools for the CNAP's IT person.

    mobile-case [--data-dir D] [--demo] [--profile CODE] [--lang uk|en] [--simulate-devices]
    mobile-case devices [--json] [--simulate-devices] [--station HOST[:PORT]]
    mobile-case [--data-dir D] devices check [--json] [--simulate-devices] [--visits N] [--minutes M]
    mobile-case export {services,handover,acts} --from YYYY-MM-DD --to YYYY-MM-DD
                       [--format pdf|xlsx] -o FILE [--data-dir D] [--profile CODE] --user LOGIN
    mobile-case db backup [--data-dir D] [-o DIR]
    mobile-case card readers [--json]
    mobile-case card read (--can N | --mrz DOCNO,YYMMDD,YYMMDD) [--reader NAME] [--json] [--photo F.jpg]

Export needs a login: the PIN comes from the ``MOBILE_CASE_PIN`` environment variable or is asked for
(never echoed); the login and the export are written to the audit log by the services. Messages are
Ukrainian; exit codes: 0 done, 1 unexpected failure, 2 wrong arguments or input, 3 wrong login or PIN,
4 not allowed for this user, 5 the data folder or database cannot be used.
"""

from __future__ import annotations

# Only what parsing needs is imported here: ``mobile-case`` without a sub-command starts the GUI, and its
# cold start is measured (benchmarks/bench_startup.py). The sub-commands import what they use.
import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from datetime import date

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_AUTH = 3
EXIT_DENIED = 4
EXIT_STORE = 5

PIN_ENV = "MOBILE_CASE_PIN"

STATE_TITLES = {
    "ready": "готовий",
    "missing": "немає",
    "failing": "несправний",
    "simulated": "симулятор",
}
JOURNAL_TITLES = {
    "services": "Журнал надання послуг (Додаток 3)",
    "handover": "Журнал видачі кейсу (Додаток 1)",
    "acts": "Журнал актів про неможливість надання послуги",
}

# argparse's own messages, in Ukrainian
_ARGPARSE_UK = [
    (r"the following arguments are required: (.*)", r"не вказано обов'язкові параметри: \1"),
    (
        r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)",
        r"параметр \1: недопустиме значення \2 (можна: \3)",
    ),
    (r"argument (\S+): expected one argument", r"параметр \1 потребує значення"),
    (r"unrecognized arguments: (.*)", r"невідомі параметри: \1"),
    (r"argument (\S+): (.*)", r"параметр \1: \2"),
]


class UserError(Exception):
    """A problem the user can fix: a Ukrainian message and an exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]  # noqa: ANN001
        super().add_usage(usage, actions, groups, prefix if prefix is not None else "використання: ")


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]  # noqa: ANN002, ANN003
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "аргументи"
        self._optionals.title = "параметри"
        self.add_argument("-h", "--help", action="help", help="показати цю довідку й вийти")

    def error(self, message: str) -> NoReturn:
        for pattern, replacement in _ARGPARSE_UK:
            if re.fullmatch(pattern, message):
                message = re.sub(pattern, replacement, message)
                break
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: помилка: {message}\n")


def iso_date(text: str) -> date:
    """A date written as YYYY-MM-DD."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise argparse.ArgumentTypeError(f"дату «{text}» треба писати як РРРР-ММ-ДД, наприклад 2026-03-31")
    from datetime import date  # noqa: PLC0415

    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"дати «{text}» не існує в календарі") from None


def _station(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    if not sep:
        return text, 443
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"порт у «{text}» має бути числом від 1 до 65535")
    return host, int(port)


def _app_parser() -> argparse.ArgumentParser:
    """The top-level options only: what ``mobile-case`` without a sub-command (the GUI) takes."""
    parser = _Parser(
        prog="mobile-case",
        description="Мобільний кейс ЦНАП: робоче місце мобільного адміністратора. "
        "Без команди запускає програму.",
    )
    parser.add_argument(
        "--data-dir", metavar="ПАПКА", help="папка даних (типово — папка користувача для програм)"
    )
    parser.add_argument(
        "--demo", action="store_true", help="заповнити порожню папку даних демонстраційними даними"
    )
    parser.add_argument(
        "--profile", metavar="КОД", help="код профілю громади (наприклад, chortkiv) або шлях до файлу .toml"
    )
    parser.add_argument("--lang", choices=["uk", "en"], help="мова інтерфейсу")
    parser.add_argument(
        "--simulate-devices",
        action="store_const",
        const=True,
        default=None,
        help="використовувати симулятори всіх пристроїв (для навчання й демонстрації)",
    )
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = _app_parser()
    commands = parser.add_subparsers(dest="command", metavar="КОМАНДА", parser_class=_Parser)

    devices = commands.add_parser("devices", help="показати пристрої та їхній стан")
    devices.add_argument("--json", action="store_true", help="вивести у форматі JSON")
    devices.add_argument(
        "--simulate-devices",
        action="store_const",
        const=True,
        default=argparse.SUPPRESS,
        help="лише симулятори",
    )
    devices.add_argument(
        "--station",
        type=_station,
        metavar="HOST[:PORT]",
        help="сервер ЦНАП для перевірки зв'язку: HOST[:PORT]",
    )

    device_commands = devices.add_subparsers(dest="devices_command", metavar="ДІЯ", parser_class=_Parser)
    check = device_commands.add_parser(
        "check", help="перевірити кейс перед виїздом (пристрої, диск, акумулятор, зв'язок)"
    )
    check.add_argument("--json", action="store_true", help="вивести у форматі JSON")
    check.add_argument(
        "--simulate-devices",
        action="store_const",
        const=True,
        default=argparse.SUPPRESS,
        help="лише симулятори (для навчання)",
    )
    check.add_argument(
        "--visits",
        type=int,
        default=None,
        metavar="N",
        help="скільки візитів заплановано (типово — план на 7 днів з бази даних, без бази — 6)",
    )
    check.add_argument(
        "--minutes", type=int, default=60, metavar="M", help="тривалість одного візиту, хв (типово 60)"
    )
    check.add_argument("--timeout", type=float, default=10.0, metavar="С", help="час на перевірку пристрою, с")

    export = commands.add_parser("export", help="експортувати журнал у PDF або XLSX")
    export.add_argument("journal", choices=list(JOURNAL_TITLES), help="services | handover | acts")
    export.add_argument(
        "--from",
        dest="day_from",
        type=iso_date,
        required=True,
        metavar="РРРР-ММ-ДД",
        help="з дати РРРР-ММ-ДД",
    )
    export.add_argument(
        "--to", dest="day_to", type=iso_date, required=True, metavar="РРРР-ММ-ДД", help="по дату РРРР-ММ-ДД"
    )
    export.add_argument("--format", choices=["pdf", "xlsx"], help="формат (типово — за розширенням файлу)")
    export.add_argument("-o", "--output", required=True, metavar="ФАЙЛ", help="файл, куди зберегти журнал")
    export.add_argument(
        "--user", required=True, metavar="ЛОГІН", help="логін користувача (PIN — у змінній MOBILE_CASE_PIN)"
    )
    export.add_argument("--data-dir", metavar="ПАПКА", default=argparse.SUPPRESS, help="папка даних")
    export.add_argument("--profile", metavar="КОД", default=argparse.SUPPRESS, help="код профілю громади")

    db = commands.add_parser("db", help="обслуговування бази даних")
    db_commands = db.add_subparsers(dest="db_command", metavar="ДІЯ", parser_class=_Parser, required=True)
    backup = db_commands.add_parser("backup", help="зробити зашифровану резервну копію бази даних")
    backup.add_argument("--data-dir", metavar="ПАПКА", default=argparse.SUPPRESS, help="папка даних")
    backup.add_argument(
        "-o", "--output", metavar="ПАПКА", help="папка для копії (типово — backups у папці даних)"
    )
    from mobile_case.station.cli import add_parsers as add_station_parsers  # noqa: PLC0415 — argparse only

    add_station_parsers(commands, _Parser)  # station …, office (issue 4)
    from mobile_case.sync.cli import add_parsers as add_sync_parsers  # noqa: PLC0415 — argparse only

    add_sync_parsers(commands, _Parser)  # sync pair|now|status (issue 4, the kit's side)
    from mobile_case.devices.cardreader.cli import add_parsers as add_card_parsers  # noqa: PLC0415

    add_card_parsers(commands, _Parser)  # card readers|read (issue 3, chip read diagnostics)
    from mobile_case.devices.scanner.cli import add_parsers as add_scan_parsers  # noqa: PLC0415

    add_scan_parsers(commands, _Parser)  # scan list|page (issue 5, scanner diagnostics)
    return parser


# --- commands --------------------------------------------------------------------------------------
def _data_dir(args: argparse.Namespace) -> Path:
    from mobile_case.app import resolve_data_dir  # noqa: PLC0415 — light module; Qt is imported in main()

    return resolve_data_dir(getattr(args, "data_dir", None))


def _existing_database(data_dir: Path) -> Path:
    from mobile_case.storage.db import DB_FILE_NAME  # noqa: PLC0415

    if not data_dir.is_dir():
        raise UserError(f"Папки даних «{data_dir}» не існує. Вкажіть правильну папку параметром --data-dir.")
    db_path = data_dir / DB_FILE_NAME
    if not db_path.exists():
        raise UserError(
            f"У папці даних «{data_dir}» немає бази даних «Мобільного кейсу». "
            "Вкажіть правильну папку параметром --data-dir.",
            EXIT_STORE,
        )
    return db_path


def cmd_devices(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QCoreApplication, qInstallMessageHandler  # noqa: PLC0415

    from mobile_case.devices.network.monitor import NetworkConfig  # noqa: PLC0415
    from mobile_case.devices.registry import TITLES, DeviceConfig, DeviceRegistry  # noqa: PLC0415

    _app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])  # QtMultimedia, Qt printing need it
    previous = qInstallMessageHandler(lambda *_args: None)  # the statuses say what matters, not Qt's chatter
    config = DeviceConfig()
    if args.station:
        config.network = NetworkConfig(station_host=args.station[0], station_port=args.station[1])
    registry = DeviceRegistry(simulate=getattr(args, "simulate_devices", None), config=config)
    try:
        statuses = registry.statuses()
    finally:
        qInstallMessageHandler(previous)
    if args.json:
        data = [
            {
                "kind": s.kind,
                "name": s.name,
                "state": s.state.value,
                "backend": s.backend,
                "message": s.message,
            }
            for s in statuses
        ]
        import json  # noqa: PLC0415

        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    print("Пристрої «Мобільного кейсу»:")
    for s in statuses:
        print(f"  {TITLES.get(s.kind, s.kind)}: {STATE_TITLES.get(s.state.value, s.state.value)} — {s.name}")
        print(f"      {s.message}")
    return EXIT_OK


def _planned_from_store(data_dir: Path) -> Any:
    """The coming week's planned recording time from the database (read only, no login, no migration);
    None when there is no database or it cannot be opened (the check then assumes --visits)."""
    from datetime import date, timedelta  # noqa: PLC0415

    from mobile_case.devices.selfcheck import DiskPlan  # noqa: PLC0415
    from mobile_case.domain.errors import DomainError  # noqa: PLC0415
    from mobile_case.services.maintenance import planned_recording_in  # noqa: PLC0415
    from mobile_case.storage.db import DB_FILE_NAME, Database  # noqa: PLC0415
    from mobile_case.storage.keys import KeyringKeyProvider  # noqa: PLC0415

    db_path = data_dir / DB_FILE_NAME
    if not db_path.is_file():
        return None
    try:
        db = Database(db_path, KeyringKeyProvider().get_key(data_dir, create=False))
        try:
            with db.reader() as s:
                today = date.today()
                planned = planned_recording_in(s, today, today + timedelta(days=6))
        finally:
            db.dispose()
    except Exception as exc:  # a foreign key, a damaged file …: the check goes on with --visits
        reason = exc.user_message if isinstance(exc, DomainError) else type(exc).__name__
        print(f"mobile-case: план візитів з бази даних прочитати не вдалося ({reason}); розраховуємо на 6 візитів.",
              file=sys.stderr)  # fmt: skip
        return None
    return DiskPlan(planned.visits, planned.seconds)


def cmd_devices_check(args: argparse.Namespace) -> int:
    """The kit self-check: exit 0 when every needed part is ready, 1 when something needed is missing or
    failing (the network only advises: the app works offline)."""
    from PySide6.QtCore import QCoreApplication, qInstallMessageHandler  # noqa: PLC0415

    from mobile_case.devices.registry import DeviceConfig, DeviceRegistry  # noqa: PLC0415
    from mobile_case.devices.selfcheck import STATE_TITLES, DiskPlan, run_selfcheck  # noqa: PLC0415

    if (args.visits is not None and args.visits < 0) or args.minutes < 0 or args.timeout <= 0:
        raise UserError("Кількість візитів, їхня тривалість і час перевірки мають бути додатними числами.")
    _app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])  # QtMultimedia, Qt printing need it
    previous = qInstallMessageHandler(lambda *_args: None)
    simulate = True if getattr(args, "simulate_devices", None) else False  # a kit check asks the real devices
    registry = DeviceRegistry(simulate=simulate, config=DeviceConfig())
    data_dir = _data_dir(args)
    plan = _planned_from_store(data_dir) if args.visits is None else None
    if plan is None:
        visits = 6 if args.visits is None else args.visits
        plan = DiskPlan(visits=visits, seconds=visits * args.minutes * 60)
    try:
        report = run_selfcheck(registry, data_dir, plan, timeout=args.timeout)
    finally:
        qInstallMessageHandler(previous)
    if args.json:
        import json  # noqa: PLC0415

        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        print("Перевірка «Мобільного кейсу»:")
        for item in report.items:
            mark = "✘" if item.problem else "✔" if item.state.value in ("ok", "simulated") else "•"
            name = f" — {item.name}" if item.name else ""
            print(f"  {mark} {item.title}: {STATE_TITLES[item.state]}{name}")
            print(f"      {item.message}")
        print(
            "Усе потрібне готове до виїзду."
            if report.ok
            else f"Не готово до виїзду: {', '.join(i.title.lower() for i in report.problems)}."
        )
    return EXIT_OK if report.ok else EXIT_FAILED


def _read_pin(login: str) -> str:
    pin = os.environ.get(PIN_ENV)
    if pin:
        return pin
    if not sys.stdin or not sys.stdin.isatty():
        raise UserError(
            f"Вкажіть PIN користувача в змінній середовища {PIN_ENV} або запустіть команду в терміналі."
        )
    import getpass  # noqa: PLC0415

    try:
        pin = getpass.getpass(f"PIN користувача «{login}»: ")
    except (EOFError, KeyboardInterrupt):
        raise UserError("PIN не введено.") from None
    if not pin:
        raise UserError("PIN не введено.")
    return pin


def _output_file(args: argparse.Namespace) -> tuple[Path, str]:
    out = Path(args.output).expanduser()
    suffix = out.suffix.lower().lstrip(".")
    fmt = args.format or (suffix if suffix in ("pdf", "xlsx") else "")
    if not fmt:
        raise UserError(
            f"Не зрозуміло, у якому форматі зберегти «{out}»: вкажіть --format pdf або --format xlsx."
        )
    if suffix in ("pdf", "xlsx") and suffix != fmt:
        raise UserError(
            f"Розширення файлу «{out.name}» не відповідає формату {fmt}: виправте назву файлу або --format."
        )
    if out.is_dir():
        raise UserError(
            f"«{out}» — це папка; вкажіть після -o ім'я файлу, наприклад {out / ('журнал.' + fmt)}."
        )
    if not out.parent.is_dir():
        raise UserError(f"Папки «{out.parent}» не існує: створіть її або вкажіть інший шлях після -o.")
    return out, fmt


def cmd_export(args: argparse.Namespace) -> int:
    if args.day_from > args.day_to:
        raise UserError(
            f"Початкова дата {args.day_from:%d.%m.%Y} пізніша за кінцеву {args.day_to:%d.%m.%Y}: поміняйте їх місцями."
        )
    out, fmt = _output_file(args)
    data_dir = _data_dir(args)
    _existing_database(data_dir)
    pin = _read_pin(args.user)

    from mobile_case.app import load_community_profile, setup_logging  # noqa: PLC0415
    from mobile_case.services.context import build_services  # noqa: PLC0415
    from mobile_case.services.types import JournalFilter, JournalKind  # noqa: PLC0415

    setup_logging(data_dir)
    profile = load_community_profile(getattr(args, "profile", None))
    services = build_services(data_dir, profile)
    try:
        services.auth.login(args.user, pin)
        try:
            journal_filter = JournalFilter(day_from=args.day_from, day_to=args.day_to)
            kind = JournalKind(args.journal)
            if fmt == "pdf":
                data = services.documents.journal_pdf(kind, journal_filter)
            else:
                data = services.documents.journal_xlsx(kind, journal_filter)
        finally:
            services.auth.logout()
    finally:
        services.close()
    tmp = out.with_name(out.name + ".part")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"Не вдалося записати файл «{out}»: {exc.strerror or exc}.", EXIT_FAILED) from exc
    print(
        f"{JOURNAL_TITLES[args.journal]} за {args.day_from:%d.%m.%Y}–{args.day_to:%d.%m.%Y} "
        f"збережено у «{out}» ({len(data)} байт)."
    )
    return EXIT_OK


def cmd_db_backup(args: argparse.Namespace) -> int:
    from mobile_case.storage.backup import backup, backup_file  # noqa: PLC0415
    from mobile_case.storage.keys import KeyringKeyProvider  # noqa: PLC0415

    data_dir = _data_dir(args)
    db_path = _existing_database(data_dir)
    if args.output:
        out_dir = Path(args.output).expanduser()
        if out_dir.exists() and not out_dir.is_dir():
            raise UserError(f"«{out_dir}» — це файл, а не папка; вкажіть після -o папку для резервної копії.")
        key = KeyringKeyProvider().get_key(data_dir, create=False)
        path = backup_file(db_path, key, out_dir, reason="manual")
    else:
        path = backup(data_dir)
    print(f"Резервну копію бази даних створено: {path}")
    print(
        "Копія зашифрована тим самим ключем, що й база даних: без нього (системне сховище ключів або файл "
        "db.key у папці даних) її не відкрити."
    )
    return EXIT_OK


def run_app(args: argparse.Namespace) -> int:
    from mobile_case import app  # noqa: PLC0415 — the GUI: imported only when it is run

    return int(app.main(args) or 0)


def _app_args(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """``mobile-case [options]`` without a sub-command: parsed by the top-level parser alone, so that
    the GUI's cold start does not build (and import the modules of) every sub-command's parser — the
    ``card`` commands alone import the card reader package. None for anything else (a sub-command,
    ``--help``, a stray word): the full parser then parses it and gives its usual messages."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if any(a in ("-h", "--help") for a in argv):
        return None
    args, rest = _app_parser().parse_known_args(argv)
    if rest:
        return None
    args.command = None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    if getattr(sys, "frozen", False):  # a frozen build re-runs this entry point for the SANE workers
        from multiprocessing import freeze_support  # noqa: PLC0415

        freeze_support()
    if list(sys.argv[1:] if argv is None else argv)[:1] == ["recorder-child"]:
        # the visit recorder's encoder process (devices/recorder/child.py) when the app is a frozen build
        from mobile_case.devices.recorder.child import main as recorder_child  # noqa: PLC0415

        return recorder_child()
    args = _app_args(argv)
    if args is None:
        parser = build_parser()
        args = parser.parse_args(argv)
    try:
        if args.command is None:
            return run_app(args)
        if args.command == "devices" and getattr(args, "devices_command", None) == "check":
            return cmd_devices_check(args)
        if args.command == "devices":
            return cmd_devices(args)
        if args.command == "export":
            return cmd_export(args)
        if args.command == "db":
            return cmd_db_backup(args)
        if args.command in ("station", "office"):
            from mobile_case.station.cli import run as run_station  # noqa: PLC0415

            return run_station(args)
        if args.command == "card":
            from mobile_case.devices.cardreader.cli import run as run_card  # noqa: PLC0415

            return run_card(args)
        if args.command == "scan":
            from mobile_case.devices.scanner.cli import run as run_scan  # noqa: PLC0415

            return run_scan(args)
        if args.command == "sync":
            from mobile_case.sync.cli import run as run_sync  # noqa: PLC0415

            return run_sync(args)
        parser.error(f"невідома команда {args.command}")
    except UserError as exc:
        print(f"mobile-case: {exc}", file=sys.stderr)
        return exc.code
    except Exception as exc:
        return _domain_failure(exc)
    return EXIT_FAILED


def _domain_failure(exc: Exception) -> int:
    """Domain errors carry a Ukrainian message; anything else is unexpected (no personal data shown)."""
    from mobile_case.domain.errors import AuthError, DomainError, PermissionDenied  # noqa: PLC0415

    if isinstance(exc, DomainError):
        code = (
            EXIT_AUTH
            if isinstance(exc, AuthError)
            else EXIT_DENIED
            if isinstance(exc, PermissionDenied)
            else EXIT_STORE
        )
        print(f"mobile-case: {exc.user_message}", file=sys.stderr)
        return code
    print(
        f"mobile-case: непередбачена помилка ({type(exc).__name__}). Подробиці — у журналі програми.",
        file=sys.stderr,
    )
    import logging  # noqa: PLC0415

    logging.getLogger("mobile_case.cli").exception("unexpected failure")
    return EXIT_FAILED
