"""ui/widgets/printing.py: the shared print / preview / save-as-PDF panel."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from mobile_case.ui.widgets import DocumentPanel, PdfPreview


def make_pdf(pages: int = 2) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for n in range(pages):
        pdf.drawString(100, 750, f"page {n + 1}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.fixture
def pdf() -> bytes:
    return make_pdf()


def panel(qtbot, tasks, devices, produce, **kw) -> DocumentPanel:
    preview = PdfPreview()
    qtbot.addWidget(preview)
    widget = DocumentPanel(
        tasks, devices, produce, title="Application", file_name="zaiava.pdf", preview=preview, **kw
    )
    qtbot.addWidget(widget)
    tasks.wait_idle()
    return widget


def test_preview_renders_once_and_is_reused(qtbot, tasks, devices, pdf) -> None:
    calls = []

    def produce() -> bytes:
        calls.append(1)
        return pdf

    w = panel(qtbot, tasks, devices, produce)
    w.preview_button.click()
    tasks.wait_idle()
    assert w.preview.page_count() == 2
    w.preview_button.click()
    tasks.wait_idle()
    assert calls == [1]  # rendered once on the db worker, then reused
    w.invalidate()
    w.preview_button.click()
    tasks.wait_idle()
    assert calls == [1, 1]


def test_save_as_pdf_writes_the_file(qtbot, tasks, devices, pdf, tmp_path: Path) -> None:
    w = panel(qtbot, tasks, devices, lambda: pdf)
    target = tmp_path / "out"
    w.ask_path = lambda: str(target) + ".pdf"
    with qtbot.waitSignal(w.saved, timeout=10000):
        w.save_button.click()
    assert (tmp_path / "out.pdf").read_bytes() == pdf
    assert w.status_label.text() == f"Збережено: {tmp_path / 'out.pdf'}"
    assert not list(tmp_path.glob("*.part"))


def test_print_on_the_simulated_printer(qtbot, tasks, devices, pdf) -> None:
    if devices is None:
        pytest.skip("devices/registry.py is not there yet")
    w = panel(qtbot, tasks, devices, lambda: pdf)
    assert w.can_print and w.print_button.isEnabled()
    with qtbot.waitSignal(w.printed, timeout=20000) as blocker:
        w.print_button.click()
    assert blocker.args[0]
    assert w.status_label.text().startswith("Надіслано на принтер")


def test_without_a_printer_print_saves_instead(qtbot, tasks, pdf, tmp_path: Path) -> None:
    w = panel(qtbot, tasks, None, lambda: pdf)
    assert not w.can_print and not w.print_button.isEnabled()
    assert w.status_label.text() == "Принтера немає: збережіть документ як PDF і роздрукуйте пізніше."
    assert w.save_button.kind == "primary"
    w.ask_path = lambda: str(tmp_path / "a.pdf")
    w.print_document()
    tasks.wait_idle()
    assert (tmp_path / "a.pdf").exists()


def test_render_error_is_shown(qtbot, tasks, devices) -> None:
    from mobile_case.domain.errors import NotFound

    def produce() -> bytes:
        raise NotFound("request", "x")

    w = panel(qtbot, tasks, devices, produce)
    w.preview_button.click()
    tasks.wait_idle()
    assert w.status_label.text() == "Запис не знайдено. Можливо, його вже видалено."
    assert w.preview_button.isEnabled()


def test_bad_pdf_is_refused_by_the_preview(qtbot) -> None:
    preview = PdfPreview()
    qtbot.addWidget(preview)
    assert preview.set_pdf(b"not a pdf") is False
    assert preview.set_pdf(make_pdf(3)) is True and preview.page_count() == 3


def test_every_room_uses_the_one_shared_print_panel(main_window, tasks) -> None:
    """One copy of the print / preview / save-as-PDF panel: ui/widgets/printing.py. No other module of
    ui/ defines it (ui/visit/printing.py was a second copy), and every screen that prints uses it."""
    import ast
    from pathlib import Path

    import mobile_case.ui as ui_package
    from mobile_case.ui.widgets import printing

    root = Path(ui_package.__file__).parent
    defined = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name in ("DocumentPanel", "PdfPreview"):
                defined.setdefault(node.name, []).append(str(path.relative_to(root)))
            if isinstance(node, ast.ImportFrom) and node.module and node.module.endswith(".printing"):
                assert node.module == "mobile_case.ui.widgets.printing", (path, node.module)
    assert defined == {"DocumentPanel": ["widgets/printing.py"], "PdfPreview": ["widgets/printing.py"]}
    journals = main_window.open_page("journals")
    intake = main_window.open_page("intake")
    visit = main_window.open_page("visit")
    tasks.wait_idle()
    panels = [journals.panel, intake.finish.panel, visit.done_panel, visit.act_form.panel]
    assert all(type(p) is printing.DocumentPanel for p in panels), [type(p) for p in panels]
