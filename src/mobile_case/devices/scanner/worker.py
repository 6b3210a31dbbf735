"""The scan pipeline's CPU-heavy steps in a child process, off the app's GIL.

Measuring a page (decode, sharpness, coverage), its strip thumbnail and the document's A4 PDF are
whole-page work in Pillow, OpenCV, numpy and reportlab. In a worker *thread* of the app a good part of
it holds Python's GIL (Pillow's JPEG encoder and its big allocations, reportlab decoding each image to
name it and ASCII85-encoding it in pure Python, numpy reductions, the cyclic collector freeing page
images): the GUI thread's Python callbacks then wait 50–400 ms while the visit is recorded and scanned
at the same time (``benchmarks/bench_record_scan_stalls.py``, profiled with py-spy ``--gil``).

So these steps run in one long-lived child process (``multiprocessing`` "spawn", started on first use,
10 nice steps below the app like the recorder's encoder): the caller — a worker thread of the app —
only sends the encoded page bytes and waits, with the GIL released, for a small answer. If the child
cannot be started or dies, the same function runs in the calling thread (slower for the GUI, never
wrong) and the next call starts a new child. ``MOBILE_CASE_SCAN_INPROCESS=1`` keeps everything in the
calling thread (debugging).

Functions for the app (call from a worker thread, never the GUI thread):

* :func:`page_view` — ``(quality or None, thumbnail width, height, RGB bytes)`` of a stored page;
* :func:`document_pdf` — the A4 PDF of a document's pages (``devices.scanner.pdf``).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

log = logging.getLogger(__name__)

NICE = 10  # the child yields the CPU to the app (and to the recorder's encoder, nice 10 too)
TIMEOUT_S = 180.0  # one call (a 30-page PDF at 300 dpi takes a few seconds)
THUMB = 150  # px, the longer side of a strip thumbnail (ui/visit/scan_editor.THUMB)

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None


def _child_init(nice: int) -> None:  # runs in the child process
    if nice > 0:
        try:
            os.nice(nice)
        except (OSError, AttributeError):  # Windows: os.nice is missing
            try:
                import psutil  # noqa: PLC0415

                psutil.Process().nice(psutil.BELOW_NORMAL_PRIORITY_CLASS)
            except Exception:  # noqa: BLE001 - a lower priority is a nicety
                pass
    # only the scan PDFs are made in this process: embed their JPEGs as binary streams instead of reportlab's
    # default ASCII85 — pure Python without its optional C accelerator, ~45 % of the PDF's time (3 % larger);
    # the whole-page steps import their libraries now, not on the first page
    from reportlab import rl_config  # noqa: PLC0415

    import mobile_case.devices.scanner.pdf  # noqa: F401, PLC0415
    import mobile_case.devices.scanner.quality  # noqa: F401, PLC0415

    rl_config.useA85 = 0


def _in_process() -> bool:
    return os.environ.get("MOBILE_CASE_SCAN_INPROCESS", "") == "1"


def _get_pool() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            import multiprocessing  # noqa: PLC0415

            _pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_child_init,
                initargs=(NICE,),
            )
        return _pool


def _drop_pool(pool: ProcessPoolExecutor) -> None:
    global _pool
    with _lock:
        if _pool is pool:
            _pool = None
    pool.shutdown(wait=False, cancel_futures=True)


def run(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)`` in the scan child (``fn`` must be a module-level function); in this thread
    when the child is switched off, cannot start or died."""
    if _in_process():
        return fn(*args, **kwargs)
    try:
        pool = _get_pool()
        future = pool.submit(fn, *args, **kwargs)
    except (OSError, RuntimeError, BrokenProcessPool) as exc:
        log.warning("scan child unavailable (%s); working in this thread", type(exc).__name__)
        if _pool is not None:
            _drop_pool(_pool)
        return fn(*args, **kwargs)
    try:
        return future.result(TIMEOUT_S)
    except BrokenProcessPool:
        log.warning("scan child died; working in this thread")
        _drop_pool(pool)
        return fn(*args, **kwargs)
    except TimeoutError:
        log.warning("scan child did not answer in %.0f s; starting a new one", TIMEOUT_S)
        _kill(pool)
        _drop_pool(pool)
        return fn(*args, **kwargs)


def _kill(pool: ProcessPoolExecutor) -> None:
    for process in list(getattr(pool, "_processes", {}).values()):  # a hung child: no other way out
        try:
            process.kill()
        except Exception:  # noqa: BLE001 - already gone
            pass


def child_pid() -> int | None:
    """The scan child's process id while it runs (tests, diagnostics)."""
    pool = _pool
    processes = list(getattr(pool, "_processes", {}) or {}) if pool is not None else []
    return processes[0] if processes else None


def warm_up() -> None:
    """Start the child now (its libraries load in ~1 s), e.g. when the documents step opens."""
    if not _in_process():
        try:
            _get_pool().submit(os.getpid)
        except (OSError, RuntimeError, BrokenProcessPool) as exc:
            log.warning("scan child not started: %s", type(exc).__name__)


def shutdown() -> None:
    """Stop the child (the app quits; tests)."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


# --- the work (module-level: run in the child, or in the caller's thread) ----------------------------
def _page_view(data: bytes, quarter_turns: int, measure: bool, thumb: int) -> tuple[Any, int, int, bytes]:
    import io  # noqa: PLC0415

    from PIL import Image, UnidentifiedImageError  # noqa: PLC0415

    from mobile_case.devices.scanner import quality  # noqa: PLC0415
    from mobile_case.devices.scanner.imaging import dpi_of, rotate_quarters, to_array, to_pil  # noqa: PLC0415

    q = quality.assess(to_array(data, grey=True), dpi_of(to_pil(data))) if measure else None
    try:
        image = Image.open(io.BytesIO(data))
        image.draft("RGB", (thumb * 2, thumb * 2))  # JPEG decoded at a reduced scale
        image = image.convert("RGB")
    except (UnidentifiedImageError, OSError):
        return q, 0, 0, b""
    image.thumbnail((thumb, thumb))
    image = rotate_quarters(image, quarter_turns)
    return q, image.width, image.height, image.tobytes()


def page_view(data: bytes, quarter_turns: int = 0, measure: bool = True, thumb: int = THUMB) -> tuple[Any, int, int, bytes]:
    """(worker thread) ``(PageQuality or None, w, h, RGB888 bytes)``: the page measured (when ``measure``)
    and its thumbnail (longer side ``thumb``, turned by ``quarter_turns``); ``w == 0`` when the image
    cannot be decoded."""
    return run(_page_view, data, quarter_turns, measure, thumb)


def _document_pdf(pages: Sequence[tuple[bytes, int]], title: str, author: str) -> bytes:
    from mobile_case.devices.scanner.base import ColorMode  # noqa: PLC0415
    from mobile_case.devices.scanner.imaging import dpi_of, to_pil  # noqa: PLC0415
    from mobile_case.devices.scanner.pdf import PdfPage, pages_to_pdf  # noqa: PLC0415

    pdf_pages = []
    for data, quarter_turns in pages:
        image = to_pil(data)
        grey = image.mode in ("L", "1", "LA")
        pdf_pages.append(PdfPage(data, dpi_of(image), ColorMode.GRAY if grey else ColorMode.COLOR, quarter_turns))
    return pages_to_pdf(pdf_pages, title=title, author=author)


def document_pdf(pages: Sequence[tuple[bytes, int]], title: str = "", author: str = "") -> bytes:
    """(worker thread) One A4 PDF of ``pages`` — ``(encoded image, clockwise quarter turns)`` in order;
    each page's resolution and colour are read from its image."""
    return run(_document_pdf, list(pages), title, author)
