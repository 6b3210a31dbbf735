"""``mobile-case sync {pair,now,status,reseal}`` — the kit's sync from the command line (IT person, tests)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_PENDING = 6  # the run ended with packages still waiting (station unreachable, waiting for Wi-Fi…)


def add_parsers(commands, parser_class) -> None:  # noqa: ANN001 — argparse's sub-parsers action
    sync = commands.add_parser("sync", help="синхронізація зі станцією ЦНАП")
    actions = sync.add_subparsers(
        dest="sync_command", metavar="ДІЯ", parser_class=parser_class, required=True
    )
    pair = actions.add_parser("pair", help="сполучити кейс зі станцією ЦНАП за одноразовим кодом")
    pair.add_argument(
        "code", nargs="?", metavar="КОД", help="код зі станції: MK1-<адреса>:<порт>-<відбиток>-<секрет>"
    )
    pair.add_argument(
        "--host", default="", metavar="АДРЕСА", help="адреса станції (якщо код вводять частинами)"
    )
    pair.add_argument("--port", type=int, default=0, metavar="ПОРТ", help="порт станції")
    pair.add_argument("--secret", default="", metavar="СЕКРЕТ", help="10 символів секрету")
    pair.add_argument("--name", default="", metavar="НАЗВА", help="назва кейса, яку побачить станція")
    now = actions.add_parser("now", help="надіслати запечатані справи зараз")
    now.add_argument(
        "--wait",
        type=float,
        default=0.0,
        metavar="СЕК",
        help="повторювати з паузами до N секунд, доки черга не спорожніє (типово — одна спроба)",
    )
    now.add_argument("--json", action="store_true", help="звіт у форматі JSON")
    status = actions.add_parser("status", help="стан сполучення і черги пакетів")
    status.add_argument("--json", action="store_true", help="у форматі JSON")
    reseal = actions.add_parser(
        "reseal", help="запечатати справу відкладеного пакета наново (коли причину усунуто)"
    )
    reseal.add_argument("package_id", metavar="ПАКЕТ", help="ідентифікатор відкладеного пакета (див. status)")
    for p in (pair, now, status, reseal):
        p.add_argument("--data-dir", metavar="ПАПКА", default=argparse.SUPPRESS, help="папка даних кейса")


def _open(args: argparse.Namespace):  # noqa: ANN202
    from mobile_case.cli import UserError, _data_dir, _existing_database  # noqa: PLC0415
    from mobile_case.storage.errors import StoreError  # noqa: PLC0415
    from mobile_case.storage.store import open_store  # noqa: PLC0415

    data_dir = _data_dir(args)
    _existing_database(data_dir)
    try:
        return open_store(Path(data_dir))
    except StoreError as exc:
        raise UserError(exc.user_message, 5) from exc


def run(args: argparse.Namespace) -> int:
    cmd = args.sync_command
    store = _open(args)
    try:
        if cmd == "pair":
            return _pair(store, args)
        if cmd == "now":
            return _now(store, args)
        if cmd == "reseal":
            return _reseal(store, args)
        return _status(store, args)
    finally:
        store.close()


def _pair(store, args: argparse.Namespace) -> int:  # noqa: ANN001
    from mobile_case.cli import UserError  # noqa: PLC0415
    from mobile_case.sync.pairing import PairingError, pair  # noqa: PLC0415

    if not args.code and not (args.host and args.port and args.secret):
        raise UserError("Вкажіть код сполучення зі станції або --host, --port і --secret.", 2)
    try:
        res = pair(
            store, code=args.code, host=args.host, port=args.port, secret=args.secret, kit_name=args.name
        )
    except PairingError as exc:
        raise UserError(exc.message, EXIT_FAILED) from exc
    print(f"Кейс сполучено зі станцією «{res.station_name or res.station_id}» ({res.url}).")
    print(f"Ідентифікатор кейса: {res.kit_id}")
    print(f"Відбиток сертифіката станції (SHA-256): {res.cert_sha256}")
    if res.key_location != "keyring":
        print(
            "Увага: сховище ключів ОС недоступне — ключ підпису кейса збережено у файлі з доступом лише для власника."
        )
    return EXIT_OK


def _reseal(store, args: argparse.Namespace) -> int:  # noqa: ANN001
    from mobile_case.cli import UserError  # noqa: PLC0415
    from mobile_case.sync.sealing import ResealError, reseal_set_aside  # noqa: PLC0415
    from mobile_case.sync.states import error_message  # noqa: PLC0415

    try:
        res = reseal_set_aside(store, args.package_id)
    except ResealError as exc:
        raise UserError(exc.message, EXIT_FAILED) from exc
    if res.state == "set_aside":
        print(f"Новий пакет {res.package_id} теж відкладено: {error_message('local_blob_corrupt')}", file=sys.stderr)
        return EXIT_FAILED
    print(f"Справу запечатано наново: пакет {res.package_id} (замінює {args.package_id}); надішліть: mobile-case sync now")
    return EXIT_OK


def _report_json(rep) -> dict:  # noqa: ANN001
    return {
        "ok": rep.ok,
        "sealed": rep.sealed,
        "delivered": rep.delivered,
        "set_aside": rep.set_aside,
        "pending": rep.pending,
        "error_code": rep.error_code,
        "error": rep.error,
        "body_bytes": rep.body_bytes,
    }


def _now(store, args: argparse.Namespace) -> int:  # noqa: ANN001
    import random  # noqa: PLC0415

    from mobile_case.devices.network.monitor import SystemNetworkMonitor  # noqa: PLC0415
    from mobile_case.sync.medium import resolve  # noqa: PLC0415 - no Qt here: the interfaces tell the medium
    from mobile_case.sync.outbox import Outbox, SyncReport, purge_local_copies  # noqa: PLC0415
    from mobile_case.sync.scheduler import backoff_delay  # noqa: PLC0415

    link = SystemNetworkMonitor(use_qt=False).check()
    deadline = time.monotonic() + max(args.wait, 0.0)
    rng = random.Random()
    total = SyncReport()
    failures = 0
    runs = []
    while True:
        rep = Outbox(store).run(medium=resolve(link.medium), metered=link.metered)
        runs.append(_report_json(rep))
        total.sealed += rep.sealed
        total.delivered += rep.delivered
        total.set_aside += rep.set_aside
        total.body_bytes += rep.body_bytes
        total.pending, total.error_code, total.error = rep.pending, rep.error_code, rep.error
        if not args.json:
            print(
                f"Запечатано: {rep.sealed}; доставлено: {len(rep.delivered)}; відкладено: {len(rep.set_aside)}; "
                f"у черзі: {rep.pending}"
            )
            if rep.error:
                print(f"  {rep.error}", file=sys.stderr)
        final = (
            "not_paired",
            "kit_revoked",
            "kit_unknown",
            "bad_signature",
            "cert_changed",
            "kit_key_missing",
        )
        only_waiting_wifi = rep.pending == rep.skipped_recordings and not rep.error_code
        done = rep.pending == 0 or rep.error_code in final or only_waiting_wifi
        if done or time.monotonic() >= deadline:
            break
        failures = failures + 1 if not rep.delivered else 0
        time.sleep(min(backoff_delay(failures, 0.5, rng), max(0.0, deadline - time.monotonic())))
    purge_local_copies(store)
    if args.json:
        out = _report_json(total)
        out["runs"] = len(runs)
        print(json.dumps(out, ensure_ascii=False))
    if total.pending == 0 and total.error_code in ("", "upload_incomplete"):
        return EXIT_OK
    return EXIT_PENDING if total.error_code not in final else EXIT_FAILED


def _status(store, args: argparse.Namespace) -> int:  # noqa: ANN001
    from mobile_case.sync.outbox import counts, load_pairing, queue  # noqa: PLC0415

    pr = load_pairing(store)
    items = queue(store)
    if args.json:
        print(
            json.dumps(
                {
                    "paired": pr is not None,
                    "kit_id": pr.kit_id if pr else "",
                    "station_id": pr.station_id if pr else "",
                    "url": pr.url if pr else "",
                    "revoked": bool(pr and pr.revoked),
                    "counts": counts(store),
                    "queue": [
                        {
                            "package_id": i.package_id,
                            "request_id": i.request_id,
                            "state": i.state,
                            "bytes_total": i.bytes_total,
                            "bytes_sent": i.bytes_sent,
                            "error": i.error,
                        }
                        for i in items
                    ],
                },
                ensure_ascii=False,
            )
        )
        return EXIT_OK
    if pr is None:
        print("Кейс не сполучено зі станцією ЦНАП.")
    else:
        print(
            f"Станція: «{pr.station_name or pr.station_id}» — {pr.url}"
            + (" (КЕЙС ВІДКЛИКАНО)" if pr.revoked else "")
        )
        print(f"Кейс: {pr.kit_id}")
    c = counts(store)
    from mobile_case.sync.states import state_title  # noqa: PLC0415

    print("Пакети: " + (", ".join(f"{state_title(k)} — {v}" for k, v in sorted(c.items())) or "немає"))
    for i in items:
        if i.state == "delivered":
            continue
        print(
            f"  {i.request_number or i.request_id[:8]}: {i.state_title}, {i.bytes_sent}/{i.bytes_total} Б {i.error}"
        )
    return EXIT_OK
