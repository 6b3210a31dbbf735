"""Pages from files: images (with their recorded resolution, multi-page TIFF, EXIF orientation), PDFs
rendered with QtPdf, a photo of a document flattened like a camera shot, and clear errors for bad files."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from scan_pages import form_page, photographed

from mobile_case.devices.scanner.base import ColorMode, PaperSize, ScannerError, ScanSettings
from mobile_case.devices.scanner.files import import_file
from mobile_case.devices.scanner.imaging import to_array
from mobile_case.devices.scanner.pdf import PdfPage, pages_to_pdf

GREY100 = ScanSettings(ColorMode.GRAY, 100, PaperSize.A4)


def test_an_image_keeps_its_resolution(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    Image.fromarray(form_page(150)).save(path, dpi=(150, 150))
    [page] = import_file(path, GREY100)
    assert page.dpi == 150 and (page.width_px, page.height_px) == (1240, 1754)
    assert abs(page.width_mm - 210) < 1 and page.color is ColorMode.GRAY


def test_a_multipage_tiff_gives_every_page_and_exif_turns_a_photo(tmp_path: Path) -> None:
    tiff = tmp_path / "fax.tif"
    frames = [Image.fromarray(form_page(100, seed=i)) for i in range(3)]
    frames[0].save(tiff, save_all=True, append_images=frames[1:], dpi=(100, 100))
    assert len(import_file(tiff, GREY100)) == 3
    # a phone photo stored sideways with EXIF orientation 6 (turn 90° clockwise to view)
    photo = Image.fromarray(form_page(100)).rotate(90, expand=True)
    exif = Image.Exif()
    exif[0x0112] = 6
    jpg = tmp_path / "phone.jpg"
    photo.save(jpg, exif=exif)
    [page] = import_file(jpg, GREY100)
    assert page.height_px > page.width_px


def test_pdf_pages_are_rendered_at_the_chosen_resolution(tmp_path: Path) -> None:
    pages = [
        PdfPage(_png(form_page(100, seed=1)), 100, ColorMode.GRAY),
        PdfPage(_png(form_page(100, seed=2)), 100, ColorMode.GRAY),
    ]
    path = tmp_path / "letter.pdf"
    path.write_bytes(pages_to_pdf(pages))
    imported = import_file(path, ScanSettings(ColorMode.GRAY, 100, PaperSize.A4))
    assert len(imported) == 2
    assert all((p.width_px, p.height_px) == (827, 1169) for p in imported)
    original = form_page(100, seed=2).astype(np.float32)
    again = to_array(imported[1].data, grey=True).astype(np.float32)
    assert np.corrcoef(original.ravel(), again.ravel())[0, 1] > 0.9


def test_a_photo_of_a_document_is_flattened(tmp_path: Path) -> None:
    corners = np.float32([[430, 70], [960, 120], [920, 880], [330, 840]])
    photo = photographed(form_page(100), corners, (1280, 960))
    path = tmp_path / "photo.png"
    Image.fromarray(photo[:, :, ::-1]).save(path)
    [page] = import_file(path, GREY100, as_photo=True)
    assert (page.width_px, page.height_px) == (827, 1169) and page.dpi == 100
    # recognised by itself: a phone's JPEG (72 dpi recorded) of an A4 sheet on a table
    phone = tmp_path / "phone.jpg"
    Image.fromarray(photo[:, :, ::-1]).save(phone, dpi=(72, 72), quality=90)
    [auto] = import_file(phone, GREY100)
    assert (auto.width_px, auto.height_px) == (827, 1169)
    # … but not under the ID-card setting (other proportions: left as it is, not stretched)
    [kept] = import_file(phone, ScanSettings(ColorMode.GRAY, 100, PaperSize.ID_CARD))
    assert (kept.width_px, kept.height_px) == (1280, 960)
    # and a scan (resolution recorded) is never reshaped
    scan = tmp_path / "scan.png"
    Image.fromarray(photo[:, :, ::-1]).save(scan, dpi=(150, 150))
    [plain] = import_file(scan, GREY100)
    assert (plain.width_px, plain.height_px, plain.dpi) == (1280, 960, 150)


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("notes.txt", b"just some text", "не вдалося прочитати"),
        ("broken.pdf", b"%PDF-1.4 garbage", "не вдалося прочитати"),
        ("cut.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 20, "не вдалося прочитати"),
    ],
)
def test_bad_files_are_a_clear_error(tmp_path: Path, name: str, content: bytes, words: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ScannerError) as info:
        import_file(path, GREY100)
    assert words in info.value.user_message and name in info.value.user_message


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ScannerError) as info:
        import_file(tmp_path / "gone.png", GREY100)
    assert "не знайдено" in info.value.user_message


def _png(image: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, "PNG", dpi=(100, 100))
    return buffer.getvalue()
