"""The ID-card reader: what the rest of the app may ask of it, and what it answers.

The Ukrainian ID card (паспорт громадянина України у формі картки) is an ICAO 9303 eMRTD. Its chip is
opened with the CAN (the 6 digits printed on the front) or with the MRZ key (document number, date of
birth, date of expiry) and holds DG1 (the MRZ data, Latin, with the УНЗР), DG2 (the photo, usually JPEG 2000),
DG11 (names in Ukrainian, patronymic, full birth date, place of birth, РНОКПП) and DG12 (issuing authority,
date of issue). Reading it takes from a fraction of a second to a few seconds (the photo is the bulk):
call ``read`` from a worker thread, never from the GUI thread.

Backends: ``simulator.SimulatedCardReader`` (demo people, every error kind on demand) and
``pcsc.PcscCardReader`` (the real PC/SC readers; the chip read is ``emrtd.session``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol, runtime_checkable

from mobile_case.devices.base import DeviceStatus
from mobile_case.devices.cardreader.mrz import mrz_key
from mobile_case.devices.errors import DeviceError
from mobile_case.domain.errors import ValidationError
from mobile_case.domain.model import Person

KIND = "card_reader"


class AccessKind(StrEnum):
    CAN = "can"  # Card Access Number, 6 digits printed on the card
    MRZ = "mrz"  # document number + date of birth + date of expiry


@dataclass(frozen=True)
class CardAccess:
    """The key that opens the chip. Build it with ``from_can`` or ``from_mrz`` (they validate)."""

    kind: AccessKind
    can: str = ""
    document_number: str = ""
    birth_date: date | None = None
    expiry_date: date | None = None

    @classmethod
    def from_can(cls, can: str) -> CardAccess:
        can = can.strip().replace(" ", "")
        if not re.fullmatch(r"\d{6}", can):
            raise ValidationError(
                "can",
                "Номер доступу до картки (CAN) — це 6 цифр, надрукованих на лицьовому боці ID-картки.",
            )
        return cls(AccessKind.CAN, can=can)

    @classmethod
    def from_mrz(cls, document_number: str, birth_date: date, expiry_date: date) -> CardAccess:
        number = document_number.strip().upper().replace(" ", "")
        if not re.fullmatch(r"[A-Z0-9]{1,9}", number):
            raise ValidationError(
                "document_number",
                "Номер документа для доступу до чипа — до 9 латинських літер або цифр (для ID-картки — 9 цифр).",
            )
        if expiry_date <= birth_date:
            raise ValidationError(
                "expiry_date", "Дата закінчення строку дії має бути пізніше за дату народження."
            )
        return cls(AccessKind.MRZ, document_number=number, birth_date=birth_date, expiry_date=expiry_date)

    def key_seed(self) -> str:
        """The string the chip's access key is derived from (CAN, or the ICAO 9303 MRZ information)."""
        if self.kind is AccessKind.CAN:
            return self.can
        assert self.birth_date is not None and self.expiry_date is not None
        return mrz_key(self.document_number, self.birth_date, self.expiry_date)


class Verdict(StrEnum):
    """Passive authentication of the chip data (the document signer's signature over the hashes)."""

    AUTHENTIC = "authentic"  # signature and every data-group hash check out
    DATA_ALTERED = "data_altered"  # a hash or the signature does not match: do not trust the data
    CANNOT_CHECK = "cannot_check"  # no trusted certificate to check against (e.g. master list missing)


VERDICT_TITLES: dict[Verdict, str] = {
    Verdict.AUTHENTIC: "Дані чипа справжні: підпис документа перевірено.",
    Verdict.DATA_ALTERED: "Увага: дані чипа змінено або пошкоджено — не покладайтеся на них, "
    "звірте особу за документом вручну.",
    Verdict.CANNOT_CHECK: "Справжність даних чипа перевірити не вдалося (немає сертифіката для перевірки) — "
    "звірте дані з документом.",
}


@dataclass(frozen=True)
class ReadTimings:
    """How long each step of a chip read took, in seconds."""

    connect: float = 0.0
    access: float = 0.0  # PACE or BAC
    dg1: float = 0.0
    dg11: float = 0.0
    dg12: float = 0.0
    photo: float = 0.0  # DG2
    verify: float = 0.0  # passive authentication (SOD)
    total: float = 0.0


@dataclass(frozen=True)
class CardReadResult:
    """What was read from the chip. Latin names come from DG1 (MRZ), Ukrainian ones from DG11."""

    document_number: str
    document_code: str  # "ID" for the ID card
    issuing_state: str  # "UKR"
    surname_latin: str
    given_names_latin: str
    surname: str  # прізвище (DG11)
    given_names: str  # ім'я (DG11)
    patronymic: str  # по батькові (DG11)
    birth_date: date
    sex: str  # "F", "M" or "" (unspecified)
    nationality: str  # "UKR"
    expiry_date: date
    unzr: str  # УНЗР, YYYYMMDD-NNNNC
    rnokpp: str  # РНОКПП, "" if the person has none (refusal on religious grounds)
    photo_jpeg: bytes
    issuing_authority: str  # DG12 (for the ID card: the 4-digit code of the issuing office)
    issue_date: date | None  # DG12
    mrz: tuple[str, ...]  # the MRZ lines as stored in DG1
    verdict: Verdict
    timings: ReadTimings
    reader_name: str
    backend: str  # "simulator" or the real backend's name
    simulated: bool  # True when the data come from the simulator (demo people, never a real citizen)
    read_at: datetime = field(default_factory=datetime.now)
    # What the real chip read adds (docs/design/chip-contract.md); the simulator leaves the defaults.
    photo_original: bytes = b""  # the face image exactly as stored in DG2
    photo_format: str = ""  # "jpeg2000" / "jpeg" (of photo_original); photo_jpeg is always a JPEG
    raw_files: dict[str, bytes] = field(default_factory=dict)  # {"COM", "SOD", "DG1", …}: bytes as read
    data_groups_read: tuple[int, ...] = ()
    data_groups_unreadable: tuple[int, ...] = ()  # present on the chip but access denied
    commands: int = 0  # APDUs sent, access control included
    min_commands: int = 0  # the fewest the file sizes allow with the same protocol
    access_protocol: str = ""  # "PACE-ECDH-GM-AES-128 (BRAINPOOLP256r1)", "BAC", …
    verdict_detail: str = ""  # Ukrainian: which check passed/failed and why
    place_of_birth: str = ""  # DG11
    address: str = ""  # DG11 5F42 when the chip has it (the Ukrainian ID card: not readable with CAN/MRZ)
    full_name_dg11: str = ""  # DG11 5F0E as stored
    other_info: dict[str, str] = field(default_factory=dict)  # further DG11/DG12 fields, Ukrainian labels
    signature_jpeg: bytes = b""  # the holder's displayed signature (DG7) as a JPEG, when the chip has one

    @property
    def verdict_text(self) -> str:
        return VERDICT_TITLES[self.verdict]

    def to_person(self) -> Person:
        """The subject as the domain knows a person (names in Ukrainian, as on the forms)."""
        return Person(
            surname=self.surname,
            given_name=self.given_names,
            patronymic=self.patronymic,
            birth_date=self.birth_date,
            rnokpp=self.rnokpp,
            unzr=self.unzr,
        )


class CardReaderErrorKind(StrEnum):
    NO_READER = "no_reader"
    NO_CARD = "no_card"
    CARD_REMOVED = "card_removed"
    WRONG_ACCESS_KEY = "wrong_access_key"
    BLOCKED = "blocked"
    NOT_EMRTD = "not_emrtd"
    TIMEOUT = "timeout"
    CORRUPT = "corrupt"
    NOT_SUPPORTED = "not_supported"


CARD_READER_MESSAGES: dict[CardReaderErrorKind, str] = {
    CardReaderErrorKind.NO_READER: "Зчитувач ID-карток не знайдено. Підключіть зчитувач до USB-порту й спробуйте ще раз "
    "або введіть дані з документа вручну.",
    CardReaderErrorKind.NO_CARD: "У зчитувачі немає картки. Покладіть ID-картку на зчитувач (або вставте її) "
    "і спробуйте ще раз.",
    CardReaderErrorKind.CARD_REMOVED: "Картку прибрали зі зчитувача під час читання. Покладіть її знову й не рухайте "
    "до кінця читання.",
    CardReaderErrorKind.WRONG_ACCESS_KEY: "Картка не прийняла номер доступу. Перевірте CAN (6 цифр на лицьовому боці "
    "картки) або номер документа й дати.",
    CardReaderErrorKind.BLOCKED: "Доступ до чипа заблоковано після кількох невдалих спроб. Введіть дані з документа "
    "вручну.",
    CardReaderErrorKind.NOT_EMRTD: "Ця картка не є ID-карткою з чипом (eMRTD). Перевірте, що на зчитувачі саме паспорт "
    "у формі картки.",
    CardReaderErrorKind.TIMEOUT: "Картка не відповіла вчасно. Покладіть її рівно на зчитувач і спробуйте ще раз.",
    CardReaderErrorKind.CORRUPT: "Дані на чипі пошкоджені або прочитані з помилкою. Спробуйте ще раз; якщо повториться — "
    "введіть дані з документа вручну.",
    CardReaderErrorKind.NOT_SUPPORTED: "Ця картка відкривається способом захищеного доступу, якого програма не "
    "підтримує. Введіть дані особи з документа вручну.",
}


class CardReaderError(DeviceError):
    """A read failed. ``kind`` says why; ``user_message`` (Ukrainian) says what to do."""

    device = KIND

    def __init__(
        self, kind: CardReaderErrorKind, log_message: str = "", user_message: str | None = None
    ) -> None:
        super().__init__(
            kind, log_message or kind.value.replace("_", " "), user_message or CARD_READER_MESSAGES[kind]
        )


@dataclass(frozen=True)
class CardEvent:
    """A card was put on (``present``) or taken off a reader."""

    reader: str
    present: bool


ProgressCallback = Callable[[str, float], None]  # (Ukrainian step text, fraction 0..1)
CardEventCallback = Callable[[CardEvent], None]


@runtime_checkable
class CardReader(Protocol):
    """An ID-card reader backend."""

    backend: str

    def readers(self) -> list[str]:
        """Names of the connected readers ([] when none)."""
        ...

    def status(self) -> DeviceStatus:
        """The state of the reader for the devices screen (kind ``card_reader``)."""
        ...

    def card_present(self, reader: str | None = None) -> bool:
        """Whether a card lies on the reader (the first reader when ``reader`` is None)."""
        ...

    def watch(self, callback: CardEventCallback) -> Callable[[], None]:
        """Call ``callback`` whenever a card is put on or taken off; returns a function that stops watching.

        The callback may run on a background thread: the Qt layer must move it to the GUI thread.
        """
        ...

    def read(
        self, access: CardAccess, reader: str | None = None, progress: ProgressCallback | None = None
    ) -> CardReadResult:
        """Read the chip. Slow: call from a worker. Raises ``CardReaderError``."""
        ...
