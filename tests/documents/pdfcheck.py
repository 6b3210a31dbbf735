"""Reading PDFs the way a person and a machine would: text with pdftotext, pages as PNG with pdftoppm."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image


def pdf_text(pdf: bytes, tmp_path: Path, *, layout: bool = False, raw: bool = False) -> str:
    """The text of a PDF as poppler's pdftotext extracts it (``raw``: in drawing order, so the lines of one
    table cell stay together; ``layout``: as placed on the page)."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    mode = ["-layout"] if layout else ["-raw"] if raw else []
    args = ["pdftotext", "-enc", "UTF-8", *mode, str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def pdf_pages(pdf: bytes, tmp_path: Path) -> int:
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def render_png(pdf: bytes, out_dir: Path, stem: str, dpi: int = 80) -> list[Path]:
    """Render every page to PNG with pdftoppm; returns the page images in order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{stem}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(out_dir / stem)], check=True)
    return sorted(out_dir.glob(f"{stem}-*.png"))


def normalise(text: str) -> str:
    """Whitespace collapsed, so wrapped lines compare with the one-line original."""
    return " ".join(text.split())


def ink(png: Path) -> int:
    """How many pixels of the page are dark (text and lines)."""
    return sum(Image.open(png).convert("L").histogram()[:128])
