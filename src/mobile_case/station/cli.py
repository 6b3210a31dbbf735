"""``mobile-case station …`` and ``mobile-case office``: the sub-commands of the CNAP office station.

    mobile-case station [--data-dir D] [--host H] [--port P] [--db URL] [--reserve-mb N]   run the station
    mobile-case station pair [--data-dir D] [--db URL] [--host H] [--port P] a one-time pairing code
    mobile-case station revoke KIT_ID                                        refuse a kit from now on
    mobile-case station kits                                                 the paired kits
    mobile-case station retention --run                                      destroy expired recordings now
    mobile-case station account add LOGIN --name NAME --role head|administrator   (PIN: MOBILE_CASE_PIN)
    mobile-case station account remove LOGIN
    mobile-case office [--data-dir D | --url URL --cert-sha256 HEX]         the head's office window
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from mobile_case.station.config import DEFAULT_PORT

PIN_ENV = "MOBILE_CASE_PIN"


def _common(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--data-dir", metavar="ПАПКА", default=default, help="папка даних станції")
    parser.add_argument(
        "--db", metavar="URL", default=default, help="база даних: sqlite:///… (типово) або postgresql://…"
    )
    parser.add_argument(
        "--host",
        metavar="ХОСТ",
        action="append",
        default=default,
        help="адреса, на якій слухати (і яку вписати в сертифікат); можна кілька разів",
    )
    parser.add_argument("--port", type=int, metavar="ПОРТ", default=default, help=f"порт (типово {DEFAULT_PORT})")


def add_parsers(commands, parser_class) -> None:  # noqa: ANN001 — argparse's sub-parsers action
    station = commands.add_parser("station", help="станція ЦНАП: приймання пакетів від кейсів")
    _common(station, suppress=True)  # so that «mobile-case --data-dir D station» keeps D
    station.add_argument(
        "--reserve-mb",
        type=int,
        metavar="МБ",
        help="скільки місця на диску станції тримати вільним: нові завантаження, що його займуть, відхиляються "
        "(типово 256)",
    )
    actions = station.add_subparsers(dest="station_command", metavar="ДІЯ", parser_class=parser_class)
    pair = actions.add_parser("pair", help="одноразовий код для з'єднання кейсу зі станцією (15 хв)")
    _common(pair, suppress=True)
    pair.add_argument("--qr-png", metavar="ФАЙЛ", help="також зберегти QR-код у PNG (щоб показати чи надрукувати)")
    pair.add_argument("--no-qr", action="store_true", help="не малювати QR-код у терміналі")
    revoke = actions.add_parser("revoke", help="відкликати кейс: станція більше не прийматиме від нього")
    revoke.add_argument("kit_id", metavar="KIT_ID", help="ідентифікатор кейсу (див. station kits)")
    _common(revoke, suppress=True)
    kits = actions.add_parser("kits", help="з'єднані кейси")
    _common(kits, suppress=True)
    retention = actions.add_parser("retention", help="знищити записи, строк зберігання яких минув")
    retention.add_argument("--run", action="store_true", required=True, help="виконати зараз")
    _common(retention, suppress=True)
    account = actions.add_parser("account", help="облікові записи офісу (керівник, адміністратори)")
    account_actions = account.add_subparsers(dest="account_command", metavar="ДІЯ", parser_class=parser_class,
                                             required=True)
    add = account_actions.add_parser("add", help="додати або змінити обліковий запис (PIN — у MOBILE_CASE_PIN)")
    add.add_argument("login", metavar="ЛОГІН")
    add.add_argument("--name", required=True, metavar="ІМ'Я", help="прізвище та ім'я")
    add.add_argument("--role", required=True, choices=["head", "administrator"], help="head | administrator")
    _common(add, suppress=True)
    remove = account_actions.add_parser("remove", help="видалити обліковий запис (його сеанси закінчуються)")
    remove.add_argument("login", metavar="ЛОГІН")
    _common(remove, suppress=True)

    office = commands.add_parser("office", help="вікно керівника: що надійшло від кейсів, журнали, записи")
    office.add_argument("--data-dir", metavar="ПАПКА", default=argparse.SUPPRESS, help="папка даних станції")
    office.add_argument("--url", metavar="URL", help="адреса станції, наприклад https://10.0.0.5:8443")
    office.add_argument("--cert-sha256", metavar="HEX", help="відбиток сертифіката станції (SHA-256)")
    office.add_argument("--port", type=int, metavar="ПОРТ", help=f"порт станції на цьому комп'ютері (типово {DEFAULT_PORT})")


def _config(args: argparse.Namespace):  # noqa: ANN202
    from mobile_case.station.config import StationConfig, default_data_dir

    data_dir = Path(args.data_dir).expanduser() if getattr(args, "data_dir", None) else default_data_dir()
    hosts = [h for h in (getattr(args, "host", None) or []) if h]
    config = StationConfig(data_dir=data_dir, db_url=getattr(args, "db", None), hosts=hosts)
    if getattr(args, "reserve_mb", None) is not None:
        config.disk_reserve = max(0, args.reserve_mb) * 1024 * 1024
    return config


def _open(args: argparse.Namespace):  # noqa: ANN202
    from mobile_case.station.core import Station

    return Station(_config(args))


def _read_pin(login: str) -> str:
    pin = os.environ.get(PIN_ENV)
    if pin:
        return pin
    if not sys.stdin or not sys.stdin.isatty():
        raise ValueError(f"Вкажіть PIN у змінній середовища {PIN_ENV} або запустіть команду в терміналі.")
    import getpass

    return getpass.getpass(f"PIN для «{login}»: ")


def run(args: argparse.Namespace) -> int:
    """Run a ``station``/``office`` command; returns the exit code (2: wrong input, 5: store unusable)."""
    from mobile_case.domain.errors import DomainError
    from mobile_case.station.store import StoreError

    try:
        if args.command == "office":
            return _office(args)
        action = getattr(args, "station_command", None)
        if action is None:
            from mobile_case.station.server import main_quiet_logging, serve

            config = _config(args)
            main_quiet_logging(config.data_dir)
            host = (config.hosts or ["0.0.0.0"])[0]
            return serve(config, host, getattr(args, "port", None) or DEFAULT_PORT)
        station = _open(args)
        try:
            return _action(station, args, action)
        finally:
            station.close()
    except StoreError as exc:
        print(f"mobile-case: {exc}", file=sys.stderr)
        return 5
    except (ValueError, DomainError) as exc:
        message = getattr(exc, "user_message", None) or str(exc)
        print(f"mobile-case: {message}", file=sys.stderr)
        return 2


def _action(station, args: argparse.Namespace, action: str) -> int:  # noqa: ANN001
    if action == "pair":
        import socket

        host = (station.config.hosts or [_lan_address() or socket.gethostname()])[0]
        code = station.new_pair_code(host, getattr(args, "port", None) or DEFAULT_PORT)
        print("Код для з'єднання кейсу зі станцією (діє 15 хвилин, одноразовий):")
        print(f"  {code.full}")
        print("Або введіть на кейсі окремо:")
        print(f"  адреса: {code.host}   порт: {code.port}   секрет: {code.secret}")
        print(f"  відбиток сертифіката станції: {code.cert_sha256}")
        from mobile_case.sync import qr

        if not getattr(args, "no_qr", False):
            print("Або відскануйте QR-код камерою кейсу (Налаштування → Синхронізація → «Сканувати QR-код камерою»):")
            print(qr.qr_terminal(code.full), end="")
        png = getattr(args, "qr_png", None)
        if png:
            try:
                qr.save_qr_png(code.full, png)
            except OSError as exc:
                print(f"mobile-case: QR-код не збережено у «{png}»: {exc.strerror or exc}", file=sys.stderr)
                return 1
            print(f"QR-код збережено: {png}")
        return 0
    if action == "revoke":
        if station.revoke(args.kit_id):
            print(f"Кейс {args.kit_id} відкликано: станція більше не прийматиме від нього запитів.")
            return 0
        known = any(k["kit_id"] == args.kit_id for k in station.list_kits())
        print(
            f"mobile-case: кейс {args.kit_id} {'вже відкликано' if known else 'не з’єднано з цією станцією'}.",
            file=sys.stderr,
        )
        return 0 if known else 2
    if action == "kits":
        kits = station.list_kits()
        if not kits:
            print("Жодного кейсу ще не з'єднано. Створіть код: mobile-case station pair")
        for k in kits:
            state = "активний" if k["state"] == "active" else "відкликаний"
            print(f"{k['kit_id']}  {state}  «{k['name']}»  пакетів: {k['packages']}  "
                  f"з'єднано: {k['paired_at']}  останній зв'язок: {k['last_seen_at'] or '—'}")
        return 0
    if action == "retention":
        proof = station.run_retention(trigger="manual")
        print(f"Строки зберігання перевірено {proof['ran_at']}: знищено записів — {len(proof['destroyed'])}.")
        for d in proof["destroyed"]:
            print(f"  {d['recording_id']}  дата послуги {d['service_date']}  SHA-256 {d['sha256']}")
        print("Підписаний протокол знищення збережено в журналі станції.")
        return 0
    if action == "account" and args.account_command == "remove":
        if not station.remove_account(args.login):
            raise ValueError(f"Облікового запису «{args.login}» на станції немає.")
        print(f"Обліковий запис «{args.login}» видалено; його сеанси завершено.")
        return 0
    if action == "account":
        pin = _read_pin(args.login)
        station.add_account(args.login, args.name, args.role, pin)
        print(f"Обліковий запис «{args.login}» ({'керівник' if args.role == 'head' else 'адміністратор'}) збережено.")
        return 0
    raise ValueError(f"невідома дія {action}")


def _lan_address() -> str | None:
    import socket

    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # no packet is sent: only the route's source address is read
            return s.getsockname()[0]
    except OSError:
        return None


def _office(args: argparse.Namespace) -> int:
    from mobile_case.ui.office.window import run_office

    if args.url:
        if not args.cert_sha256:
            raise ValueError("Разом з --url вкажіть --cert-sha256 (відбиток сертифіката станції).")
        return run_office(args.url, args.cert_sha256, None)
    config = _config(args)
    from mobile_case.station.identity import load_or_create

    if not (config.data_dir / "keys" / "station.json").exists():
        raise ValueError(
            f"У папці «{config.data_dir}» немає станції. Вкажіть --data-dir станції або --url і --cert-sha256."
        )
    identity = load_or_create(config.data_dir)
    port = args.port if getattr(args, "port", None) else DEFAULT_PORT
    return run_office(f"https://127.0.0.1:{port}", identity.cert_sha256, identity.cert_path)
