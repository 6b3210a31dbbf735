"""Warm render time of the application PDF (Додаток 2), against a plain reportlab page rendered alongside.

    .venv/bin/python benchmarks/bench_application_pdf.py [--runs 30]

The baseline is the cheapest honest one-page reportlab document: a platypus story of a title and ten
paragraphs in the built-in Helvetica (no TrueType font to subset, no tables). Both are rendered a few times
first (fonts registered, modules imported, caches warm), then timed; the medians and their ratio are
printed. Target (issue 2): the application renders warm in ≤ 100 ms. Exit status 1 when it does not.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "documents"))  # the sample request used by the tests

from docsamples import sample_profile, sample_request, sample_visit  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import getSampleStyleSheet  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate  # noqa: E402

from mobile_case.documents.application import render_application  # noqa: E402

TARGET_MS = 100.0


def baseline_page() -> bytes:
    styles = getSampleStyleSheet()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, invariant=True)
    text = "The quick brown fox jumps over the lazy dog. " * 8
    story = [Paragraph("Application", styles["Title"])] + [
        Paragraph(text, styles["BodyText"]) for _ in range(10)
    ]
    doc.build(story)
    return buf.getvalue()


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv)

    profile = sample_profile()
    req = sample_request()
    visit = sample_visit(req)

    def application() -> bytes:
        return render_application(req, profile, visit=visit, administrator_name="Іваненко О. П.")

    for _ in range(3):  # warm up both
        application()
        baseline_page()
    base = timed(baseline_page, args.runs)
    app = timed(application, args.runs)
    base_ms, app_ms = statistics.median(base), statistics.median(app)
    pages = application().count(b"/Type /Page\n")
    print(f"baseline reportlab page : median {base_ms:7.1f} ms  (min {min(base):.1f}, max {max(base):.1f})")
    print(
        f"application (Додаток 2) : median {app_ms:7.1f} ms  (min {min(app):.1f}, max {max(app):.1f}), {pages} page(s)"
    )
    print(f"ratio application/baseline: {app_ms / base_ms:.2f}x")
    ok = app_ms <= TARGET_MS
    print(f"target ≤ {TARGET_MS:.0f} ms warm: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
