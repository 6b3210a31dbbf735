"""``mobile-case card {readers,read}`` — the ID-card chip read from the command line (the IT person's diagnostics).

    mobile-case card readers [--json]
    mobile-case card read (--can N | --mrz DOCNO,YYMMDD,YYMMDD) [--reader NAME] [--json] [--photo out.jpg]
                          [--csca DIR] [--timeout S]

``read`` prints the data from the chip, the passive-authentication verdict with its detail, the access
protocol, the timings and the number of commands sent. Exit codes: 0 read (authentic or cannot check),
6 read but the data are altered, 1 the read failed (a Ukrainian message says why), 2 wrong arguments.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_ALTERED = 6
_SEX = {"F": "жіноча", "M": "чоловіча"}


def add_parsers(commands, parser_class) -> None:  # noqa: ANN001 — argparse's sub-parsers action
    card = commands.add_parser("card", help="зчитувач ID-карток: перелік зчитувачів, читання чипа")
    actions = card.add_subparsers(
        dest="card_command", metavar="ДІЯ", parser_class=parser_class, required=True
    )
    readers = actions.add_parser(
        "readers", help="показати підключені зчитувачі смарт-карток і чи лежить картка"
    )
    readers.add_argument("--json", action="store_true", help="у форматі JSON")
    read = actions.add_parser("read", help="прочитати чип ID-картки або паспорта (для діагностики)")
    key = read.add_mutually_exclusive_group(required=True)
    key.add_argument("--can", metavar="CAN", help="номер доступу до картки: 6 цифр на лицьовому боці")
    key.add_argument(
        "--mrz", metavar="НОМЕР,РРММДД,РРММДД",
        help="номер документа, дата народження і дата закінчення строку дії (як у машинозчитуваній зоні)",
    )  # fmt: skip
    read.add_argument("--reader", metavar="НАЗВА", help="назва зчитувача (типово — перший)")
    read.add_argument("--json", action="store_true", help="вивести у форматі JSON")
    read.add_argument("--photo", metavar="ФАЙЛ.jpg", help="зберегти фотографію з чипа (JPEG)")
    read.add_argument(
        "--csca",
        metavar="ПАПКА",
        help="папка з сертифікатами CSCA (типово MOBILE_CASE_CSCA_DIR або resources/csca)",
    )
    read.add_argument("--timeout", type=float, default=60.0, metavar="С", help="найдовший час читання, с")


def _yymmdd(text: str, *, past: bool, today: date) -> date:
    if not re.fullmatch(r"\d{6}", text):
        raise ValueError(text)
    yy, mm, dd = int(text[:2]), int(text[2:4]), int(text[4:])
    year = today.year // 100 * 100 + yy
    if past and year > today.year:
        year -= 100
    if not past and year > today.year + 50:
        year -= 100
    return date(year, mm, dd)


def parse_access(args: argparse.Namespace, today: date | None = None):  # noqa: ANN201
    """The CardAccess the arguments give; ``UserError`` with a Ukrainian message when they are wrong."""
    from mobile_case.cli import UserError  # noqa: PLC0415
    from mobile_case.devices.cardreader.base import CardAccess  # noqa: PLC0415
    from mobile_case.domain.errors import ValidationError  # noqa: PLC0415

    today = today or date.today()
    try:
        if args.can is not None:
            return CardAccess.from_can(args.can)
        parts = [p.strip() for p in args.mrz.split(",")]
        if len(parts) != 3:
            raise UserError("--mrz: вкажіть три значення через кому: НОМЕР,РРММДД,РРММДД (номер документа, "
                            "дата народження, дата закінчення строку дії).")  # fmt: skip
        try:
            birth = _yymmdd(parts[1], past=True, today=today)
            expiry = _yymmdd(parts[2], past=False, today=today)
        except ValueError:
            raise UserError("--mrz: дати мають бути у вигляді РРММДД (6 цифр), наприклад 520417.") from None
        return CardAccess.from_mrz(parts[0], birth, expiry)
    except ValidationError as exc:
        raise UserError(exc.user_message) from exc


def _fmt(d: date | None) -> str:
    return d.strftime("%d.%m.%Y") if d else "—"


def result_dict(result) -> dict:  # noqa: ANN001
    """The read as JSON-friendly data (no image bytes: their sizes)."""
    return {
        "document_code": result.document_code,
        "document_number": result.document_number,
        "issuing_state": result.issuing_state,
        "surname": result.surname,
        "given_names": result.given_names,
        "patronymic": result.patronymic,
        "surname_latin": result.surname_latin,
        "given_names_latin": result.given_names_latin,
        "birth_date": result.birth_date.isoformat(),
        "sex": result.sex,
        "nationality": result.nationality,
        "expiry_date": result.expiry_date.isoformat(),
        "unzr": result.unzr,
        "rnokpp": result.rnokpp,
        "place_of_birth": result.place_of_birth,
        "address": result.address,
        "issuing_authority": result.issuing_authority,
        "issue_date": result.issue_date.isoformat() if result.issue_date else None,
        "mrz": list(result.mrz),
        "other_info": result.other_info,
        "verdict": result.verdict.value,
        "verdict_text": result.verdict_text,
        "verdict_detail": result.verdict_detail,
        "access_protocol": result.access_protocol,
        "data_groups_read": list(result.data_groups_read),
        "data_groups_unreadable": list(result.data_groups_unreadable),
        "file_sizes": {name: len(data) for name, data in result.raw_files.items()},
        "photo_format": result.photo_format,
        "photo_bytes": len(result.photo_original),
        "commands": result.commands,
        "min_commands": result.min_commands,
        "timings": {k: round(v, 4) for k, v in vars(result.timings).items()},
        "reader": result.reader_name,
        "backend": result.backend,
    }


def _print_text(result) -> None:  # noqa: ANN001
    t = result.timings
    lines = [
        f"Документ: {result.document_code} {result.document_number} ({result.issuing_state}), "
        f"дійсний до {_fmt(result.expiry_date)}",
        f"ПІБ: {result.surname} {result.given_names} {result.patronymic}".rstrip(),
        f"Латиницею: {result.surname_latin} {result.given_names_latin}",
        f"Дата народження: {_fmt(result.birth_date)}; стать: {_SEX.get(result.sex, '—')}; "
        f"громадянство: {result.nationality}",
        f"УНЗР: {result.unzr or '—'}; РНОКПП: {result.rnokpp or '—'}",
        f"Місце народження: {result.place_of_birth or '—'}",
        f"Адреса: {result.address or 'на чипі не записана (береться з витягу про реєстрацію)'}",
        f"Орган видачі: {result.issuing_authority or '—'}; дата видачі: {_fmt(result.issue_date)}",
        *[f"{k}: {v}" for k, v in result.other_info.items()],
        "MRZ:",
        *[f"  {line}" for line in result.mrz],
        f"Фото: {result.photo_format or '—'}, {len(result.photo_original)} байт",
        "",
        f"Перевірка: {result.verdict_text}",
        f"  {result.verdict_detail}",
        "",
        f"Доступ: {result.access_protocol}; зчитувач: {result.reader_name}",
        f"Групи даних: прочитано {', '.join(f'DG{n}' for n in result.data_groups_read)}"
        + (
            f"; недоступні {', '.join(f'DG{n}' for n in result.data_groups_unreadable)}"
            if result.data_groups_unreadable
            else ""
        ),  # fmt: skip
        f"Команд: {result.commands} (мінімум для цих розмірів файлів: {result.min_commands})",
        f"Час, с: з'єднання {t.connect:.3f}, доступ {t.access:.3f}, DG1 {t.dg1:.3f}, DG11 {t.dg11:.3f}, "
        f"DG12 {t.dg12:.3f}, фото {t.photo:.3f}, перевірка {t.verify:.3f}, усього {t.total:.3f}",
    ]
    print("\n".join(lines))


def run(args: argparse.Namespace) -> int:
    from mobile_case.cli import UserError  # noqa: PLC0415
    from mobile_case.devices.cardreader.base import CardReaderError, Verdict  # noqa: PLC0415
    from mobile_case.devices.cardreader.pcsc import PcscCardReader, probe  # noqa: PLC0415

    if args.card_command == "readers":
        found = probe()
        if args.json:
            print(json.dumps({"state": found.state.value, "message": found.message,
                              "readers": [{"name": n, "card": found.present.get(n, False)} for n in found.readers]},
                             ensure_ascii=False, indent=2))  # fmt: skip
        else:
            print(found.message)
            for name in found.readers:
                print(f"  {name}: {'картка на зчитувачі' if found.present.get(name) else 'картки немає'}")
        return EXIT_OK if found.readers else EXIT_FAILED
    access = parse_access(args)
    csca = Path(args.csca) if args.csca else None
    if csca is not None and not csca.is_dir():
        raise UserError(f"Папки з сертифікатами CSCA «{csca}» не існує.")
    reader = PcscCardReader(csca_dir=csca, deadline=args.timeout)

    def progress(text: str, done: float) -> None:
        if not args.json:
            print(f"[{done * 100:3.0f}%] {text}", file=sys.stderr)

    try:
        result = reader.read(access, reader=args.reader, progress=progress)
    except CardReaderError as exc:
        print(f"mobile-case: {exc.user_message}", file=sys.stderr)
        print(f"Технічні подробиці (для ІТ-фахівця): {exc}", file=sys.stderr)  # no personal data in it
        return EXIT_FAILED
    if args.photo:
        if not result.photo_jpeg:
            print("mobile-case: фотографію з чипа неможливо зберегти: її дані пошкоджено.", file=sys.stderr)
        else:
            try:
                Path(args.photo).write_bytes(result.photo_jpeg)
            except OSError as exc:
                raise UserError(f"Не вдалося записати фотографію у «{args.photo}»: {exc.strerror}.") from exc
    if args.json:
        print(json.dumps(result_dict(result), ensure_ascii=False, indent=2))
    else:
        _print_text(result)
    return EXIT_ALTERED if result.verdict is Verdict.DATA_ALTERED else EXIT_OK
