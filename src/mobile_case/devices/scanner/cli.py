"""``mobile-case scan …`` — the IT person's scanner diagnostics (no database, no login).

    mobile-case scan list [--json] [--simulate-devices]
    mobile-case scan page -o ФАЙЛ.pdf [--device НАЗВА | --camera N | --file ФАЙЛ]
                          [--dpi 200] [--grey] [--paper a4|id] [--source auto|flatbed|feeder] [--json]

``page`` takes one document (every sheet of a feeder), measures each page's quality and writes the A4 PDF
the documents step would store. Exit codes: 0 written (quality remarks are printed), 1 the device failed
(the Ukrainian message says why), 2 wrong arguments.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_FAILED = 0, 1


def add_parsers(commands, parser_class) -> None:  # noqa: ANN001 — argparse's sub-parsers action
    scan = commands.add_parser("scan", help="сканер: перелік сканерів, пробне сканування в PDF")
    actions = scan.add_subparsers(
        dest="scan_command", metavar="ДІЯ", parser_class=parser_class, required=True
    )
    listing = actions.add_parser("list", help="показати сканери, які бачить програма, і їхній стан")
    listing.add_argument("--json", action="store_true", help="у форматі JSON")
    listing.add_argument("--simulate-devices", action="store_true", help="симулятор сканера")
    page = actions.add_parser("page", help="відсканувати документ у PDF і перевірити якість сторінок")
    page.add_argument("-o", "--output", required=True, metavar="ФАЙЛ.pdf", help="куди записати PDF")
    where = page.add_mutually_exclusive_group()
    where.add_argument(
        "--device", default="", metavar="НАЗВА", help="сканер (ім'я SANE, DeviceID WIA, джерело TWAIN)"
    )
    where.add_argument(
        "--camera", metavar="N", help="камера як сканер: номер камери (0 — перша) або відеофайл"
    )
    where.add_argument("--file", metavar="ФАЙЛ", help="сторінки з файлу зображення або PDF")
    page.add_argument("--simulate-devices", action="store_true", help="симулятор сканера")
    page.add_argument("--dpi", type=int, default=200, help="роздільна здатність, dpi (типово 200)")
    page.add_argument("--grey", action="store_true", help="у відтінках сірого (типово кольорове)")
    page.add_argument("--paper", choices=["a4", "id"], default="a4", help="A4 або ID-картка")
    page.add_argument("--source", choices=["auto", "flatbed", "feeder"], default="auto", help="лоток")
    page.add_argument("--json", action="store_true", help="вивести результат у форматі JSON")


def _scanner(args: argparse.Namespace) -> Any:
    if args.simulate_devices:
        from mobile_case.devices.scanner.simulator import SimulatedScanner  # noqa: PLC0415

        return SimulatedScanner()
    from mobile_case.devices.scanner.system import system_scanner  # noqa: PLC0415

    return system_scanner(getattr(args, "device", ""))


def _list(args: argparse.Namespace) -> int:
    scanner = _scanner(args)
    status = scanner.status()
    sources = scanner.sources()
    if args.json:
        print(json.dumps({"backend": status.backend, "state": str(status.state), "name": status.name,
                          "message": status.message, "sources": sources}, ensure_ascii=False, indent=2))  # fmt: skip
    else:
        print(f"{status.message} [{status.backend}: {status.state}]")
        for name in sources:
            print(f"  {name}")
    return EXIT_OK if sources else EXIT_FAILED


def _page(args: argparse.Namespace) -> int:
    from mobile_case.devices.scanner import quality  # noqa: PLC0415
    from mobile_case.devices.scanner.base import (  # noqa: PLC0415
        ColorMode,
        PaperSize,
        PaperSource,
        ScannerError,
        ScanSettings,
    )
    from mobile_case.devices.scanner.pdf import PdfPage, pages_to_pdf  # noqa: PLC0415

    settings = ScanSettings(
        ColorMode.GRAY if args.grey else ColorMode.COLOR,
        args.dpi,
        PaperSize.ID_CARD if args.paper == "id" else PaperSize.A4,
        source=PaperSource(args.source),
    )
    failure = ""
    try:
        if args.file:
            from mobile_case.devices.scanner.files import import_file  # noqa: PLC0415

            pages = import_file(args.file, settings)
        elif args.camera is not None:
            from mobile_case.devices.scanner.camera import CameraScanner  # noqa: PLC0415

            camera = CameraScanner(int(args.camera) if args.camera.isdigit() else args.camera)
            try:
                pages = camera.scan(settings)
            finally:
                camera.close()
        else:
            pages = _scanner(args).scan(settings)
    except ScannerError as exc:
        pages, failure = exc.pages, exc.user_message
    report = []
    for number, page in enumerate(pages, 1):
        q = quality.assess_bytes(page.data, page.dpi)
        report.append({"page": number, "width_px": page.width_px, "height_px": page.height_px, "dpi": page.dpi,
                       "sharpness": round(q.sharpness), "coverage": round(q.coverage, 3),
                       "cut_edges": list(q.cut_edges), "ok": q.ok, "reasons": q.reasons})  # fmt: skip
    size = 0
    if pages:
        pdf = pages_to_pdf([PdfPage(p.data, p.dpi, p.color) for p in pages], title="Пробне сканування")
        Path(args.output).write_bytes(pdf)
        size = len(pdf)
    if args.json:
        print(json.dumps({"pages": report, "pdf": str(args.output) if pages else "", "pdf_bytes": size,
                          "error": failure}, ensure_ascii=False, indent=2))  # fmt: skip
    else:
        for row in report:
            verdict = "гаразд" if row["ok"] else "; ".join(row["reasons"])
            print(f"Сторінка {row['page']}: {row['width_px']}×{row['height_px']} пікс., {row['dpi']} dpi, "
                  f"різкість {row['sharpness']} — {verdict}")  # fmt: skip
        if pages:
            print(f"PDF: {args.output} ({size // 1024} КБ, сторінок: {len(pages)})")
        if failure:
            print(failure, file=sys.stderr)
    return EXIT_FAILED if failure or not pages else EXIT_OK


def run(args: argparse.Namespace) -> int:
    if args.scan_command == "list":
        return _list(args)
    return _page(args)
