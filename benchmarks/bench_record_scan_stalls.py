"""The GUI thread's worst stall while the visit is recorded and documents are scanned at the same time.

A 5 ms ``QTimer`` heartbeat runs on the GUI thread of a shown 1280×800 window holding the top bar's REC
indicator and a page strip. Two phases of ``--seconds`` each, alternated ``--rounds`` times:

* **idle** (the baseline): the same window and heartbeat, nothing else;
* **record + scan**: the real recorder (``PyAvRecorder``: its child process encodes the synthetic
  720p15 + audio signal in real time) started and stopped through the app's task runner as the visit
  does; once a second the GUI thread asks the recorder for elapsed time, problems and finished segments
  and repaints the indicator (what ``VisitRecording`` does); meanwhile the simulated scanner scans A4
  colour pages at 200 dpi one after another on the I/O worker (``--scan-speed`` × the simulator's
  realistic time per page), each page assessed for sharpness/coverage and thumbnailed there, every
  three pages made into the A4 PDF (``devices.scanner.pdf``); the GUI thread adds each thumbnail to the
  strip (``QPixmap.fromImage``), as the documents step does.

Reported per phase: the largest heartbeat gap, the 99th percentile, and the gaps over 50 ms. Target:
no GUI-thread stall over 50 ms while recording and scanning.

    .venv/bin/python benchmarks/bench_record_scan_stalls.py [--seconds 20] [--rounds 2] [--quick]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchlib  # noqa: E402

benchlib.use_offscreen_here()

from PySide6.QtCore import QElapsedTimer, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QIcon, QImage, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QListWidget, QListWidgetItem, QVBoxLayout, QWidget  # noqa: E402

TARGET_MS = 50.0
HEARTBEAT_MS = 5


class Heartbeat:
    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._beat)
        self.clock = QElapsedTimer()
        self.last = 0
        self.gaps: list[float] = []

    def start(self) -> None:
        self.gaps = []
        self.clock.start()
        self.last = self.clock.nsecsElapsed()
        self.timer.start()

    def stop(self) -> list[float]:
        self.timer.stop()
        return self.gaps

    def _beat(self) -> None:
        now = self.clock.nsecsElapsed()
        self.gaps.append((now - self.last) / 1e6)
        self.last = now


def run_loop(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.001)


def pil_thumbnail(data: bytes, quarter_turns: int = 0) -> QImage:
    """A thumbnail decoded by Pillow at reduced size (JPEG draft mode; Pillow releases the GIL)."""
    import io

    from PIL import Image

    im = Image.open(io.BytesIO(data))
    im.draft("RGB", (300, 300))
    im = im.convert("RGB")
    im.thumbnail((150, 150))
    if quarter_turns % 4:
        im = im.rotate(-90 * (quarter_turns % 4), expand=True)
    raw = im.tobytes()
    return QImage(raw, im.width, im.height, 3 * im.width, QImage.Format.Format_RGB888).copy()


def app_thumbnail(data: bytes, quarter_turns: int = 0) -> QImage:
    """The documents step's own thumbnail (ui/visit/scan_editor.py; Pillow draft decode since 36825da)."""
    try:
        from mobile_case.ui.visit.scan_editor import _thumbnail
    except ImportError:
        return pil_thumbnail(data, quarter_turns)
    return _thumbnail(data, quarter_turns)


def qimage_thumbnail(data: bytes, quarter_turns: int = 0) -> QImage:
    """A full QImage decode and smooth scale (the documents step before 36825da; holds the GIL)."""
    return QImage.fromData(data).scaled(
        150, 150, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


def scan_one(
    scanner: object, settings: object, pages: list[bytes], thumbnail: object
) -> tuple[QImage, float, int]:
    """(I/O worker) one page: scan, measure and thumbnail it, every third page the PDF of the last three —
    through ``devices.scanner.worker`` as the documents step and ``ScanService.save_document`` do (in
    the scan child process; in this thread with ``--pipeline thread``)."""
    from mobile_case.devices.scanner import worker

    [page] = scanner.scan(settings)  # type: ignore[attr-defined]
    if thumbnail is app_thumbnail:
        quality, w, h, raw = worker.page_view(page.data, 0, measure=True)
        thumb = QImage(raw, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
    else:
        from mobile_case.devices.scanner.quality import assess_bytes

        quality = assess_bytes(page.data, page.dpi)
        thumb = thumbnail(page.data, 0)  # type: ignore[operator]
    pages.append(page.data)
    size = 0
    if len(pages) % 3 == 0:
        size = len(worker.document_pdf([(d, 0) for d in pages[-3:]], title="bench"))
    return thumb, float(getattr(quality, "sharpness", 0.0)), size


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--scan-speed", type=float, default=0.25, help="simulator time scale (1 = ~4 s a page)")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--only", choices=("record", "scan"), help="one load only (to tell which one stalls)")
    ap.add_argument(
        "--thumbs",
        choices=("app", "qimage", "pil"),
        default="app",
        help="page thumbnails as the documents step makes them, by a full QImage decode, or by Pillow",
    )
    ap.add_argument(
        "--pipeline",
        choices=("child", "thread"),
        default="child",
        help="the scan steps in the scan child process (the app) or in the worker thread (before)",
    )
    ap.add_argument("--no-collector", action="store_true", help="leave Python's automatic collector as it is")
    args = ap.parse_args(argv)
    if args.pipeline == "thread":
        import os

        os.environ["MOBILE_CASE_SCAN_INPROCESS"] = "1"
    if args.quick:
        args.seconds, args.rounds = 3.0, 1

    # what the app has imported by the time a visit is scanned (its page modules are preloaded)
    import mobile_case.devices.recorder.encoder  # noqa: F401
    import mobile_case.devices.scanner.pdf  # noqa: F401
    import mobile_case.devices.scanner.quality  # noqa: F401
    from mobile_case.devices.recorder.pyav_recorder import PyAvRecorder
    from mobile_case.devices.scanner.base import ScanSettings
    from mobile_case.devices.scanner.simulator import SimulatedScanner, SimulatedScannerConfig
    from mobile_case.ui.tasks import runner
    from mobile_case.ui.widgets.rec_indicator import RecIndicator

    app = QApplication.instance() or QApplication([])
    tasks = runner()
    if not args.no_collector:  # as app.main does once start-up is done (ui/collector.py)
        from mobile_case.ui import collector

        collector.install(tasks)
    from mobile_case.devices.scanner import worker

    worker.warm_up()  # the documents step starts the scan child when it opens
    window = QWidget()
    layout = QVBoxLayout(window)
    indicator = RecIndicator()
    strip = QListWidget()
    strip.setViewMode(QListWidget.ViewMode.IconMode)
    layout.addWidget(indicator)
    layout.addWidget(strip, 1)
    window.resize(1280, 800)
    window.show()
    beat = Heartbeat()
    thumbnail = {"app": app_thumbnail, "qimage": qimage_thumbnail, "pil": pil_thumbnail}[args.thumbs]
    folder = Path(tempfile.mkdtemp(prefix="bench-rec-scan-"))
    results: dict[str, list[list[float]]] = {"idle": [], "record+scan": []}
    counts = {"pages": 0, "segments": 0, "pdf_bytes": 0}
    try:
        for r in range(args.rounds):
            for phase in ("idle", "record+scan") if r % 2 == 0 else ("record+scan", "idle"):
                strip.clear()
                if phase == "idle":
                    beat.start()
                    run_loop(app, args.seconds)
                    results[phase].append(beat.stop())
                    continue
                recorder = PyAvRecorder({"kind": "synthetic"})
                scanner = SimulatedScanner(SimulatedScannerConfig(time_scale=args.scan_speed))
                settings = ScanSettings(dpi=200)
                pages: list[bytes] = []
                state = {"scanning": True, "recording": False}
                beat.start()

                def started(_r: object, state: dict = state) -> None:
                    state["recording"] = True

                if args.only != "scan":
                    tasks.run_db(
                        recorder.start,
                        "bench-visit",
                        folder / f"r{r}",
                        on_done=started,
                        name="bench.rec.start",
                    )

                def next_scan(state: dict = state, scanner: object = scanner, settings: object = settings,
                              pages: list = pages) -> None:  # fmt: skip
                    if not state["scanning"]:
                        return
                    tasks.run_io(
                        scan_one, scanner, settings, pages, thumbnail, on_done=shown, name="bench.scan"
                    )

                def shown(result: tuple[QImage, float, int]) -> None:
                    thumb, _sharp, size = result
                    strip.addItem(QListWidgetItem(QIcon(QPixmap.fromImage(thumb)), f"{strip.count() + 1}"))
                    counts["pages"] += 1
                    counts["pdf_bytes"] += size
                    next_scan()

                def tick(recorder: PyAvRecorder = recorder, state: dict = state) -> None:
                    if not state["recording"]:
                        return
                    seconds = int(recorder.elapsed())
                    problems = recorder.problems()
                    recorder.finished_segments()
                    indicator.show_state(f"● Запис {seconds // 60:02d}:{seconds % 60:02d}", "recording",
                                         problems[0].message[:40] if problems else "")  # fmt: skip

                clock = QTimer()
                clock.setInterval(1000)
                clock.timeout.connect(tick)
                clock.start()
                if args.only != "record":
                    next_scan()
                run_loop(app, args.seconds)
                state["scanning"] = False
                tasks.run_db(recorder.stop, on_done=lambda segs: counts.__setitem__("segments", counts["segments"] + len(segs)),
                             name="bench.rec.stop")  # fmt: skip
                tasks.wait_idle(60)
                clock.stop()
                results[phase].append(beat.stop())
                indicator.hide_state()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        worker.shutdown()

    verdict = True
    print(
        f"{args.rounds} round(s) of {args.seconds:g} s per phase, heartbeat {HEARTBEAT_MS} ms, "
        f"load: {args.only or 'record + scan'}, thumbnails: {args.thumbs}, scan steps: {args.pipeline}, "
        f"collector: {'automatic' if args.no_collector else 'the app’s'}"
    )
    for phase, runs in results.items():
        gaps = [g for run in runs for g in run]
        worst = max(gaps)
        over = [round(g) for g in gaps if g > TARGET_MS]
        print(f"{phase:12s} worst gap {worst:6.1f} ms, p99 {benchlib.percentile(gaps, 99):5.1f} ms, "
              f"median {statistics.median(gaps):4.1f} ms, gaps over {TARGET_MS:g} ms: {len(over)} {over[:10]}")  # fmt: skip
        if phase == "record+scan":
            verdict = worst <= TARGET_MS
    print(
        f"pages scanned {counts['pages']}, PDF bytes {counts['pdf_bytes']}, segments recorded {counts['segments']}"
    )
    worst_idle = max(g for run in results["idle"] for g in run)
    worst_busy = max(g for run in results["record+scan"] for g in run)
    print(
        f"worst stall record+scan / idle: {worst_busy:.1f} / {worst_idle:.1f} ms = {worst_busy / worst_idle:.2f}×"
    )
    print(
        f"target no GUI stall over {TARGET_MS:g} ms while recording and scanning: {'met' if verdict else 'NOT met'}"
    )
    return 0 if verdict else 1


if __name__ == "__main__":
    sys.exit(main())
