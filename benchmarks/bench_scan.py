"""Scan-to-PDF time per page and PDF size per page of text, against a plain reportlab image page.

    .venv/bin/python benchmarks/bench_scan.py [--runs 7] [--quick]

For a page of printed text (the generated form of the scanner tests) at 200 and 300 dpi, grey, as a
scanner hands it over (JPEG q85):

* **app** — what the documents step does with a scanned page: measure its quality (sharpness, coverage,
  cut edges) and put it into the document's A4 PDF (``devices.scanner.pdf``: greyscale JPEG within the
  300 KB page budget);
* **baseline** — the plainest reportlab page holding the same image: ``drawImage`` of the decoded page on
  an A4 canvas (reportlab's own Flate-compressed raw pixels), timed in the same run;
* **camera** — a 1920×1080 photo of the page at an angle: page edges, perspective, contrast, then the PDF.

Medians of ``--runs`` after a warm-up; the ratio app/baseline is printed. Target (issue 5): a PDF page of
text ≤ 300 KB at 200–300 dpi. Exit status 1 when it is missed.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "devices"))  # the generated pages of the scanner tests

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.utils import ImageReader  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402
from scan_pages import form_page, photographed  # noqa: E402

from mobile_case.devices.scanner import camera, quality  # noqa: E402
from mobile_case.devices.scanner.base import ColorMode, ImageFormat, PaperSize, ScanSettings  # noqa: E402
from mobile_case.devices.scanner.imaging import page_from_array, to_array  # noqa: E402
from mobile_case.devices.scanner.pdf import PdfPage, pages_to_pdf  # noqa: E402

TARGET_KB = 300.0


def baseline_pdf(page_jpeg: bytes) -> bytes:
    image = Image.open(io.BytesIO(page_jpeg))
    image.load()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.drawImage(ImageReader(image), 0, 0, A4[0], A4[1])
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def app_pdf(page_jpeg: bytes, dpi: int) -> bytes:
    q = quality.assess(to_array(page_jpeg, grey=True), dpi)
    assert q.ok, q.reasons
    return pages_to_pdf([PdfPage(page_jpeg, dpi, ColorMode.GRAY)])


def camera_pdf(photo: np.ndarray, dpi: int) -> bytes:
    settings = ScanSettings(ColorMode.GRAY, dpi, PaperSize.A4)
    page, corners = camera.document_from_photo(photo, settings)
    assert corners is not None
    scanned = page_from_array(page, dpi, ColorMode.GRAY, ImageFormat.JPEG, 85)
    return app_pdf(scanned.data, dpi)


def timed(fn, runs: int) -> tuple[float, bytes]:  # noqa: ANN001
    times, out = [], b""
    for _ in range(runs):
        start = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="one run each (the smoke test)")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else args.runs

    ok = True
    sizes = []
    print(f"{'page':<28}{'baseline':>12}{'app':>12}{'ratio':>8}{'app PDF':>12}{'baseline PDF':>15}")
    for dpi in (200, 300):
        scanned = page_from_array(form_page(dpi, seed=3), dpi, ColorMode.GRAY, ImageFormat.JPEG, 85).data
        for _ in range(1 if args.quick else 2):  # warm up
            baseline_pdf(scanned)
            app_pdf(scanned, dpi)
        base_ms, base = timed(lambda s=scanned: baseline_pdf(s), runs)
        app_ms, app = timed(lambda s=scanned, d=dpi: app_pdf(s, d), runs)
        sizes.append(len(app) / 1024)
        print(
            f"{f'text page {dpi} dpi grey':<28}{base_ms:>9.0f} ms{app_ms:>9.0f} ms{app_ms / base_ms:>7.2f}x"
            f"{len(app) / 1024:>9.0f} KB{len(base) / 1024:>12.0f} KB"
        )
    dpi = 200
    corners = np.float32([[560, 80], [1330, 140], [1290, 1040], [480, 990]])
    photo = photographed(form_page(150, seed=3), corners, (1920, 1080))
    camera_pdf(photo, dpi)
    cam_ms, cam = timed(lambda: camera_pdf(photo, dpi), runs)
    sizes.append(len(cam) / 1024)
    print(f"{'camera photo 1920x1080':<28}{'':>12}{cam_ms:>9.0f} ms{'':>8}{len(cam) / 1024:>9.0f} KB")
    largest = max(sizes)
    ok = largest <= TARGET_KB
    print(f"largest PDF page of text: {largest:.0f} KB")
    print(f"target ≤ {TARGET_KB:.0f} KB per page of text: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
