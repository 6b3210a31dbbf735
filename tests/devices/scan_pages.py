"""Generated test pages for the scanner tests and the scan benchmark: a printed form (Pillow + DejaVu),
and the same form photographed at an angle (cv2.warpPerspective onto a textured table)."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT_DIRS = [
    Path("/usr/share/fonts/truetype/dejavu"),
    Path(__file__).resolve().parents[2] / "resources" / "fonts",
]

LINES = [
    "Видано на підтвердження того, що зазначена особа перебуває на обліку в управлінні",
    "соціального захисту населення та отримує призначені їй соціальні виплати в повному",
    "обсязі. Підстава: особова справа, рішення управління від 12.01.2026 № 14, відомості",
    "Єдиного державного реєстру осіб з інвалідністю станом на дату видачі довідки.",
    "Довідку видано для подання до Центру надання адміністративних послуг за місцем",
    "проживання особи для отримання адміністративної послуги на мобільному робочому місці.",
]


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return ImageFont.truetype(str(folder / name), size)
    return ImageFont.load_default(size)


def form_page(dpi: int = 200, seed: int = 1, size_mm: tuple[float, float] = (210.0, 297.0)) -> np.ndarray:
    """A printed A4 form (grey uint8): heading, paragraphs, a table of fields, a signature line."""
    rng = random.Random(seed)
    w, h = round(size_mm[0] / 25.4 * dpi), round(size_mm[1] / 25.4 * dpi)
    image = Image.new("L", (w, h), 250)
    draw = ImageDraw.Draw(image)
    mm = dpi / 25.4
    left, right = round(20 * mm), w - round(15 * mm)
    y = round(18 * mm)
    pt = dpi / 72
    draw.text((w // 2, y), "ДОВІДКА", font=font(round(16 * pt), True), fill=20, anchor="mt")
    y += round(12 * mm)
    body = font(round(10.5 * pt))
    for _paragraph in range(3):
        for line in LINES[rng.randint(0, 2) :]:
            draw.text((left, y), line, font=body, fill=25)
            y += round(5.2 * mm)
        y += round(3 * mm)
    # a table of form fields
    rows = ["Прізвище, ім'я, по батькові", "Дата народження", "РНОКПП", "Адреса", "Підстава"]
    for label in rows:
        draw.rectangle((left, y, right, y + round(9 * mm)), outline=30, width=max(1, dpi // 100))
        draw.line(
            (left + round(60 * mm), y, left + round(60 * mm), y + round(9 * mm)),
            fill=30,
            width=max(1, dpi // 100),
        )
        draw.text((left + round(2 * mm), y + round(2 * mm)), label, font=font(round(9 * pt)), fill=30)
        y += round(9 * mm)
    y = h - round(45 * mm)
    draw.text((left, y), "Начальник управління  ____________  О. В. Гуменюк", font=body, fill=25)
    return np.asarray(image)


def table_background(w: int, h: int, seed: int = 3) -> np.ndarray:
    """A darker wooden-table-like BGR background."""
    rng = np.random.default_rng(seed)
    base = np.zeros((h, w, 3), np.uint8)
    base[:] = (40, 70, 110)
    stripes = (np.sin(np.linspace(0, 40, w))[None, :] * 12).astype(np.int16)
    noise = rng.integers(-10, 10, (h, w, 1), dtype=np.int16)
    return np.clip(base.astype(np.int16) + stripes[:, :, None] + noise, 0, 255).astype(np.uint8)


def photographed(page: np.ndarray, corners: np.ndarray, size: tuple[int, int], seed: int = 3) -> np.ndarray:
    """``page`` (grey) warped so its corners land on ``corners`` (tl, tr, br, bl) in a ``size`` (w, h)
    photo of a table; slightly uneven light as from a room lamp."""
    import cv2

    w, h = size
    ph, pw = page.shape[:2]
    src = np.float32([[0, 0], [pw - 1, 0], [pw - 1, ph - 1], [0, ph - 1]])
    matrix = cv2.getPerspectiveTransform(src, np.float32(corners))
    colour = cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)
    warped = cv2.warpPerspective(colour, matrix, (w, h), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full((ph, pw), 255, np.uint8), matrix, (w, h), flags=cv2.INTER_LINEAR)
    photo = table_background(w, h, seed)
    alpha = (mask.astype(np.float32) / 255.0)[:, :, None]
    photo = (warped * alpha + photo * (1 - alpha)).astype(np.float32)
    light = np.linspace(1.0, 0.82, w, dtype=np.float32)[None, :, None]
    return np.clip(photo * light, 0, 255).astype(np.uint8)
