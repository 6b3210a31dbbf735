"""A simulated ID-card reader with demo Ukrainian people (``demo_people.DEMO_CARDS``).

It behaves like a real reader: a card must lie on it, the CAN or MRZ key must match the card, a read
takes a few seconds (PACE, the data groups, the photo, the signature check), taking the card off
mid-read fails the read, and every error kind can be forced with ``fail_with``. Every result is marked
``simulated=True``: its data are invented and never belong to a real citizen.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath

from mobile_case.devices.base import DeviceState, DeviceStatus
from mobile_case.devices.cardreader.base import (
    KIND,
    AccessKind,
    CardAccess,
    CardEvent,
    CardEventCallback,
    CardReaderError,
    CardReaderErrorKind,
    CardReadResult,
    ProgressCallback,
    ReadTimings,
    Verdict,
)
from mobile_case.devices.cardreader.demo_people import DEMO_CARDS, DemoCard
from mobile_case.devices.cardreader.mrz import parse_td1
from mobile_case.devices.qtimage import encode

BACKEND = "simulator"

# Seconds each step takes on a real contactless read of a Ukrainian ID card (order of magnitude).
STEP_SECONDS: dict[str, float] = {
    "connect": 0.15,
    "access": 0.8,
    "dg1": 0.12,
    "dg11": 0.25,
    "dg12": 0.15,
    "photo": 1.8,
    "verify": 0.35,
}
TIMEOUT_SECONDS = 5.0

STEP_TEXT: dict[str, str] = {
    "connect": "З'єднання з карткою…",
    "access": "Встановлення захищеного каналу (PACE)…",
    "dg1": "Читання даних документа…",
    "dg11": "Читання додаткових даних особи…",
    "dg12": "Читання даних про видачу…",
    "photo": "Читання фотографії…",
    "verify": "Перевірка підпису документа…",
}


@dataclass
class SimulatedCardReaderConfig:
    reader_name: str = "Симульований зчитувач ID-карток"
    card_index: int | None = 0  # index into DEMO_CARDS of the card on the reader; None = no card
    fail_with: CardReaderErrorKind | None = None  # force this error on every read
    verdict: Verdict = Verdict.AUTHENTIC  # what passive authentication reports
    time_scale: float = 1.0  # 0 = instant (tests), 1 = realistic


def portrait_jpeg(seed: int, female: bool, width: int = 240, height: int = 320) -> bytes:
    """A small synthetic ICAO-style portrait (head and shoulders on a light background), JPEG."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(222, 228, 234))
    skin = [QColor(234, 196, 170), QColor(222, 180, 150), QColor(240, 205, 180), QColor(210, 168, 138)][
        seed % 4
    ]
    hair = [QColor(190, 190, 190), QColor(120, 100, 80), QColor(220, 220, 215), QColor(70, 55, 45)][
        (seed // 2) % 4
    ]
    cloth = [QColor(60, 70, 100), QColor(90, 60, 70), QColor(70, 90, 70), QColor(50, 50, 55)][(seed + 1) % 4]
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    w, h = float(width), float(height)
    # shoulders
    p.setBrush(cloth)
    shoulders = QPainterPath()
    shoulders.moveTo(QPointF(0.05 * w, h))
    shoulders.cubicTo(QPointF(0.1 * w, 0.78 * h), QPointF(0.3 * w, 0.72 * h), QPointF(0.5 * w, 0.72 * h))
    shoulders.cubicTo(QPointF(0.7 * w, 0.72 * h), QPointF(0.9 * w, 0.78 * h), QPointF(0.95 * w, h))
    shoulders.closeSubpath()
    p.drawPath(shoulders)
    # neck
    p.setBrush(skin.darker(108))
    p.drawRect(QRectF(0.42 * w, 0.55 * h, 0.16 * w, 0.2 * h))
    # hair behind the head (longer for women)
    p.setBrush(hair)
    if female:
        p.drawRoundedRect(QRectF(0.26 * w, 0.16 * h, 0.48 * w, 0.5 * h), 40, 40)
    else:
        p.drawEllipse(QRectF(0.29 * w, 0.15 * h, 0.42 * w, 0.3 * h))
    # head
    p.setBrush(skin)
    p.drawEllipse(QRectF(0.31 * w, 0.2 * h, 0.38 * w, 0.42 * h))
    # eyes, mouth
    p.setBrush(QColor(60, 50, 45))
    p.drawEllipse(QRectF(0.40 * w, 0.37 * h, 0.05 * w, 0.025 * h))
    p.drawEllipse(QRectF(0.55 * w, 0.37 * h, 0.05 * w, 0.025 * h))
    p.setBrush(skin.darker(130))
    p.drawRoundedRect(QRectF(0.44 * w, 0.51 * h, 0.12 * w, 0.018 * h), 3, 3)
    p.end()
    return encode(image, "JPEG", 80)


class SimulatedCardReader:
    """The simulated reader. Thread-safe: ``read`` runs in a worker while the UI may insert/remove cards."""

    backend = BACKEND

    def __init__(self, config: SimulatedCardReaderConfig | None = None) -> None:
        self.config = config or SimulatedCardReaderConfig()
        self._lock = threading.Lock()
        self._card: DemoCard | None = None
        if self.config.card_index is not None:
            self._card = DEMO_CARDS[self.config.card_index]
        self._watchers: list[CardEventCallback] = []

    # --- the demo side: put cards on and take them off -------------------------------------------
    @staticmethod
    def demo_cards() -> tuple[DemoCard, ...]:
        return DEMO_CARDS

    def inserted_card(self) -> DemoCard | None:
        with self._lock:
            return self._card

    def insert_card(self, index: int = 0) -> DemoCard:
        with self._lock:
            self._card = DEMO_CARDS[index]
            card = self._card
        self._notify(True)
        return card

    def remove_card(self) -> None:
        with self._lock:
            had = self._card is not None
            self._card = None
        if had:
            self._notify(False)

    def _notify(self, present: bool) -> None:
        event = CardEvent(self.config.reader_name, present)
        with self._lock:
            watchers = list(self._watchers)
        for callback in watchers:
            callback(event)

    # --- the CardReader protocol -----------------------------------------------------------------
    def readers(self) -> list[str]:
        if self.config.fail_with is CardReaderErrorKind.NO_READER:
            return []
        return [self.config.reader_name]

    def status(self) -> DeviceStatus:
        if self.config.fail_with is CardReaderErrorKind.NO_READER:
            return DeviceStatus(KIND, self.config.reader_name, DeviceState.MISSING, BACKEND,
                                "Симулятор: зчитувач «від'єднано» (налаштована помилка).")  # fmt: skip
        return DeviceStatus(
            KIND,
            self.config.reader_name,
            DeviceState.SIMULATED,
            BACKEND,
            "Симулятор зчитувача ID-карток: демонстраційні картки вигаданих людей.",
        )

    def card_present(self, reader: str | None = None) -> bool:
        self._check_reader(reader)
        return self.inserted_card() is not None and self.config.fail_with is not CardReaderErrorKind.NO_CARD

    def watch(self, callback: CardEventCallback) -> Callable[[], None]:
        with self._lock:
            self._watchers.append(callback)
            present = self._card is not None
        if present:
            callback(CardEvent(self.config.reader_name, True))

        def stop() -> None:
            with self._lock:
                if callback in self._watchers:
                    self._watchers.remove(callback)

        return stop

    def _check_reader(self, reader: str | None) -> None:
        if self.config.fail_with is CardReaderErrorKind.NO_READER:
            raise CardReaderError(CardReaderErrorKind.NO_READER, "simulated reader unplugged")
        if reader is not None and reader != self.config.reader_name:
            raise CardReaderError(CardReaderErrorKind.NO_READER, "unknown reader name")

    def _step(self, name: str, card: DemoCard, timings: dict[str, float], progress: ProgressCallback | None,
              done: float) -> None:  # fmt: skip
        if progress is not None:
            progress(STEP_TEXT[name], done)
        start = time.perf_counter()
        self._wait(STEP_SECONDS[name] * self.config.time_scale, card)
        timings[name] = time.perf_counter() - start

    def _wait(self, seconds: float, card: DemoCard) -> None:
        """Sleep for ``seconds``, failing at once if the card is taken off meanwhile."""
        end = time.perf_counter() + seconds
        while True:
            if self.inserted_card() is not card:
                raise CardReaderError(CardReaderErrorKind.CARD_REMOVED, "card taken off during the read")
            left = end - time.perf_counter()
            if left <= 0:
                return
            time.sleep(min(left, 0.05))

    def read(
        self, access: CardAccess, reader: str | None = None, progress: ProgressCallback | None = None
    ) -> CardReadResult:
        started = time.perf_counter()
        self._check_reader(reader)
        card = self.inserted_card()
        if card is None or self.config.fail_with is CardReaderErrorKind.NO_CARD:
            raise CardReaderError(CardReaderErrorKind.NO_CARD, "no card on the simulated reader")
        fail = self.config.fail_with
        timings: dict[str, float] = {}
        self._step("connect", card, timings, progress, 0.0)
        if fail is CardReaderErrorKind.NOT_EMRTD:
            raise CardReaderError(fail, "simulated: eMRTD application not selectable")
        if fail is CardReaderErrorKind.BLOCKED:
            raise CardReaderError(fail, "simulated: access blocked")
        if fail is CardReaderErrorKind.TIMEOUT:
            self._wait(TIMEOUT_SECONDS * self.config.time_scale, card)
            raise CardReaderError(fail, "simulated: card did not answer")
        self._step("access", card, timings, progress, 0.1)
        expected = card.can if access.kind is AccessKind.CAN else card.mrz_key
        if fail is CardReaderErrorKind.WRONG_ACCESS_KEY or access.key_seed() != expected:
            raise CardReaderError(
                CardReaderErrorKind.WRONG_ACCESS_KEY, f"{access.kind.value} rejected by the card"
            )
        self._step("dg1", card, timings, progress, 0.3)
        mrz = card.mrz
        if fail is CardReaderErrorKind.CORRUPT:
            mrz = (mrz[0], mrz[1][:-1] + str((int(mrz[1][-1]) + 1) % 10), mrz[2])
        td1 = parse_td1(mrz)
        if not td1.checks_ok:
            raise CardReaderError(
                CardReaderErrorKind.CORRUPT, "DG1 MRZ check digits: " + ", ".join(td1.problems)
            )
        self._step("dg11", card, timings, progress, 0.35)
        self._step("dg12", card, timings, progress, 0.4)
        if fail is CardReaderErrorKind.CARD_REMOVED:
            self._wait(STEP_SECONDS["photo"] * self.config.time_scale / 3, card)
            with self._lock:
                self._card = None
            self._notify(False)
            raise CardReaderError(fail, "card taken off during the read")
        self._step("photo", card, timings, progress, 0.45)
        photo = portrait_jpeg(card.photo_seed, card.sex == "F")
        self._step("verify", card, timings, progress, 0.9)
        if fail is CardReaderErrorKind.NOT_SUPPORTED:
            raise CardReaderError(fail, "simulated: not supported")
        if progress is not None:
            progress("Готово", 1.0)
        return CardReadResult(
            document_number=td1.document_number,
            document_code=td1.document_code,
            issuing_state=td1.issuing_state,
            surname_latin=td1.surname,
            given_names_latin=td1.given_names,
            surname=card.surname,
            given_names=card.given_names,
            patronymic=card.patronymic,
            birth_date=td1.birth_date,
            sex=td1.sex,
            nationality=td1.nationality,
            expiry_date=td1.expiry_date,
            unzr=card.unzr,
            rnokpp=card.rnokpp,
            photo_jpeg=photo,
            issuing_authority=card.issuing_authority,
            issue_date=card.issue_date,
            mrz=td1.lines,
            verdict=self.config.verdict,
            timings=ReadTimings(total=time.perf_counter() - started, **timings),
            reader_name=self.config.reader_name,
            backend=BACKEND,
            simulated=True,
        )
