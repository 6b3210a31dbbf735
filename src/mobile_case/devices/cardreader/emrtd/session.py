"""One chip read, start to end: access control (PACE or BAC), the files, passive authentication.

``read_emrtd`` talks to the chip through a ``Transport`` and returns a ``ChipRead`` (raw files, parsed data
groups, the passive-authentication result, command count and timings) or raises ``CardReaderError`` of the
right kind — nothing partial. ``to_result`` turns a ``ChipRead`` into the app's ``CardReadResult``.

Command economy: files are read with READ BINARY by short file identifier (select and first chunk in one
command), each chunk as large as the secure-messaging response allows (short: 0xE7 bytes with 3DES, 0xDF with
AES; extended length when the card announces it in its ATR or EF.ATR/INFO).
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from mobile_case.devices.cardreader.base import (
    AccessKind,
    CardAccess,
    CardReaderError,
    CardReaderErrorKind,
    CardReadResult,
    ReadTimings,
    Verdict,
)
from mobile_case.devices.cardreader.emrtd import bac, crypto, lds, pace, passive_auth, tlv
from mobile_case.devices.cardreader.emrtd.apdu import Apdu, ApduError, StatusError, Transport, split_response
from mobile_case.devices.cardreader.emrtd.sm import SecureMessaging, SMError
from mobile_case.domain.errors import ValidationError
from mobile_case.domain.validators import validate_rnokpp, validate_unzr

AID_EMRTD = bytes.fromhex("A0000002471001")
SFI = {"COM": 0x1E, "SOD": 0x1D, **{f"DG{n}": n for n in range(1, 17)}}  # Part 10, 4.6: DGn has SFI n
# every group a CAN/MRZ session may read besides DG1/DG2 (DG7 is the holder's signature on the Ukrainian card)
OPTIONAL_GROUPS = (5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)
EAC_GROUPS = (3, 4)  # fingerprints, iris: only for inspection systems with EAC terminal certificates
SW_OK = 0x9000
SW_END_OF_FILE = 0x6282
SW_NOT_FOUND = 0x6A82
SW_DENIED = (0x6982, 0x6985, 0x6986)
SW_NO_SFI = (0x6A81, 0x6A86, 0x6B00, 0x6D00, 0x6E00)
DEFAULT_DEADLINE = 60.0  # seconds for the whole read; beyond it the card is treated as unresponsive


CSCA_ENV = "MOBILE_CASE_CSCA_DIR"


def default_csca_dir() -> Path:
    """``MOBILE_CASE_CSCA_DIR`` when set (an installed app's own folder is read-only), else resources/csca/
    of the checkout or of the frozen bundle (profiles.resources_dir knows where)."""
    import os  # noqa: PLC0415

    from mobile_case.profiles import resources_dir  # noqa: PLC0415

    env = os.environ.get(CSCA_ENV)
    return Path(env) if env else resources_dir() / "csca"


Progress = Callable[[str, float], None]


@dataclass
class ChipRead:
    files: dict[str, bytes]
    dg1: lds.Dg1
    dg2: lds.Dg2
    dg11: lds.Dg11 | None
    dg12: lds.Dg12 | None
    pa: passive_auth.PaResult
    protocol: str
    commands: int
    min_commands: int
    groups_read: tuple[int, ...]
    groups_unreadable: tuple[int, ...]
    timings: dict[str, float] = field(default_factory=dict)


class ExtendedLengthRefused(CardReaderError):
    """The card said «extended length» but the first extended command failed (the reader cannot carry it)."""

    def __init__(self, log_message: str) -> None:
        super().__init__(CardReaderErrorKind.CORRUPT, log_message)


class _Deadline:
    def __init__(self, transport: Transport, seconds: float) -> None:
        self.transport = transport
        self.end = time.monotonic() + seconds
        self.commands = 0

    def transmit(self, apdu: bytes) -> bytes:
        if time.monotonic() > self.end:
            raise CardReaderError(CardReaderErrorKind.TIMEOUT, "chip read exceeded its deadline")
        self.commands += 1
        return self.transport.transmit(apdu)


# ------------------------------------------------------------------------------------------ card capabilities
def extended_length_from_atr(atr: bytes) -> int:
    """Max response length when the ATR's historical bytes say «extended Lc/Le» (card capabilities), else 0."""
    try:
        if len(atr) < 2:
            return 0
        t0 = atr[1]
        count = t0 & 0x0F
        pos, y = 2, t0 >> 4
        while y:
            for bit in (1, 2, 4):
                if y & bit:
                    pos += 1
            if y & 8:
                td = atr[pos]
                pos += 1
                y = td >> 4
            else:
                y = 0
        hist = atr[pos : pos + count]
        if not hist or hist[0] != 0x80:
            return 0
        i = 1
        while i < len(hist):
            tag, length = hist[i] >> 4, hist[i] & 0x0F
            value = hist[i + 1 : i + 1 + length]
            if tag == 0x7 and len(value) >= 3 and value[2] & 0x40:
                return 65536
            i += 1 + length
    except IndexError:
        return 0
    return 0


def extended_length_from_info(data: bytes) -> int:
    """Max response length from EF.ATR/INFO (7F66 extended length info, or 47 card capabilities)."""
    try:
        items = tlv.parse(data)
    except tlv.TlvError:
        return 0
    for item in items:
        if item.tag == 0x7F66 and len(item.children) >= 2:
            value = int.from_bytes(item.children[1].value, "big")
            return value if value > 256 else 0
    for item in items:
        if item.tag == 0x47 and len(item.value) >= 3 and item.value[2] & 0x40:
            return 65536
    return 0


def chunk_size(cipher: str, max_response: int) -> int:
    """The largest plaintext one protected READ BINARY can return within ``max_response`` bytes."""
    block = 8 if cipher == crypto.DES3 else 16
    if max_response <= 256:
        limit = 256
        header = 1 + 2 + 1  # 87 81 LL 01
    else:
        limit = max_response
        header = 1 + 3 + 1  # 87 82 LL LL 01
    k = (limit - header - 4 - 10) // block  # DO'99' 4 bytes, DO'8E' 10 bytes
    size = k * block - 1
    return min(size, 0xFFFF if max_response > 256 else 0xFF)


# ------------------------------------------------------------------------------------------ reading files
class _Reader:
    def __init__(self, transport: _Deadline, sm: SecureMessaging | None, chunk: int, extended: bool) -> None:
        self.t = transport
        self.sm = sm
        self.chunk = chunk
        self.extended = extended
        self.use_sfi = True

    def send(self, apdu: Apdu) -> tuple[bytes, int]:
        try:
            if self.sm is None:
                return split_response(self.t.transmit(apdu.encode()))
            return self.sm.unprotect(self.t.transmit(self.sm.protect(apdu)))
        except ApduError as exc:
            raise CardReaderError(CardReaderErrorKind.CORRUPT, f"malformed response: {exc}") from exc
        except SMError as exc:
            raise CardReaderError(CardReaderErrorKind.CORRUPT, f"secure messaging: {exc}") from exc

    def _read(self, p1: int, p2: int, le: int) -> tuple[bytes, int]:
        return self.send(Apdu(0x00, 0xB0, p1, p2, le=le, extended=self.extended and le > 256))

    def _read_odd(self, offset: int, le: int) -> tuple[bytes, int]:
        data, sw = self.send(Apdu(0x00, 0xB1, 0x00, 0x00, tlv.encode(0x54, offset.to_bytes(3, "big")), le=le,
                                  extended=self.extended and le > 256))  # fmt: skip
        if sw not in (SW_OK, SW_END_OF_FILE) or not data:
            return data, sw
        try:
            item, _ = tlv.parse_one(data)
        except tlv.TlvError as exc:
            raise CardReaderError(CardReaderErrorKind.CORRUPT, f"READ BINARY (B1): {exc}") from exc
        if item.tag != 0x53:
            raise CardReaderError(CardReaderErrorKind.CORRUPT, "READ BINARY (B1): DO'53' expected")
        return item.value, sw

    def select(self, fid: int) -> int:
        _, sw = self.send(Apdu(0x00, 0xA4, 0x02, 0x0C, fid.to_bytes(2, "big")))
        return sw

    def read_file(self, name: str) -> bytes | int:
        """The whole file, or the status word that refused it (6A82 absent, 6982 denied …)."""
        first = self.chunk
        p1 = 0x80 | SFI[name]
        if self.use_sfi:
            data, sw = self._read(p1, 0x00, first)
            if sw in SW_NO_SFI:
                self.use_sfi = False  # the card does not do SFI reads: select, then read
        if not self.use_sfi:
            sw = self.select(lds.FILES[name])
            if sw != SW_OK:
                return sw
            p1 = 0x00
            data, sw = self._read(p1, 0x00, first)
        if sw & 0xFF00 == 0x6C00 and sw & 0xFF:  # the card wants the exact length: it says which
            data, sw = self._read(p1, 0x00, sw & 0xFF)
        elif sw == 0x6700 and first > 4:  # a card that refuses an Le beyond the file: the header first
            data, sw = self._read(p1, 0x00, 4)
        if sw not in (SW_OK, SW_END_OF_FILE):
            return sw
        try:
            total = lds.file_length(data)
        except lds.LdsError as exc:
            raise CardReaderError(CardReaderErrorKind.CORRUPT, f"{name}: {exc}") from exc
        buf = bytearray(data[:total])
        while len(buf) < total:
            want = min(self.chunk, total - len(buf))
            offset = len(buf)
            if offset <= 0x7FFF:
                part, sw = self._read(offset >> 8, offset & 0xFF, want)
            else:
                part, sw = self._read_odd(offset, want)
            if sw not in (SW_OK, SW_END_OF_FILE):
                raise CardReaderError(
                    CardReaderErrorKind.CORRUPT, f"{name}: status {sw:04X} at offset {offset}"
                )
            if not part:
                raise CardReaderError(
                    CardReaderErrorKind.CORRUPT, f"{name}: truncated at {offset} of {total}"
                )
            buf += part[: total - len(buf)]
        return bytes(buf)


def _plain_read_sfi(t: _Deadline, sfi: int) -> bytes | None:
    """A short file read before access control (EF.CardAccess, EF.ATR/INFO); None if absent."""
    try:
        data, sw = split_response(t.transmit(Apdu(0x00, 0xB0, 0x80 | sfi, 0x00, le=256).encode()))
        if sw & 0xFF00 == 0x6C00:  # wrong Le: the card says how many bytes it has
            data, sw = split_response(
                t.transmit(Apdu(0x00, 0xB0, 0x80 | sfi, 0x00, le=sw & 0xFF or 256).encode())
            )
        elif sw == 0x6700:  # an Le beyond the file refused: the header first, the rest below
            data, sw = split_response(t.transmit(Apdu(0x00, 0xB0, 0x80 | sfi, 0x00, le=4).encode()))
    except ApduError as exc:
        raise CardReaderError(CardReaderErrorKind.CORRUPT, f"malformed response: {exc}") from exc
    if sw not in (SW_OK, SW_END_OF_FILE) or not data:
        return None
    try:
        total = lds.file_length(data)
    except lds.LdsError:
        return data
    offset = len(data)
    while offset < total:
        part, sw = split_response(t.transmit(Apdu(0x00, 0xB0, offset >> 8, offset & 0xFF,
                                                   le=min(256, total - offset)).encode()))  # fmt: skip
        if sw not in (SW_OK, SW_END_OF_FILE) or not part:
            break
        data += part
        offset += len(part)
    return data[:total]


# ------------------------------------------------------------------------------------------ access control
TRIES_LEFT = "Картка не прийняла номер доступу. Перевірте CAN (6 цифр на лицьовому боці картки) або номер документа й дати. "


def access_error(sw: int, what: str) -> CardReaderError:
    """The chip's refusal of access control as the user should hear it."""
    if sw == 0x6983 or sw == 0x63C0:
        return CardReaderError(CardReaderErrorKind.BLOCKED, f"{what}: blocked ({sw:04X})")
    if sw == 0x63C1:
        return CardReaderError(
            CardReaderErrorKind.WRONG_ACCESS_KEY, f"{what}: suspended (63C1)",
            "Картка не прийняла номер доступу, і доступ тимчасово призупинено: залишилася одна спроба. "
            "Перевірте номер і спробуйте ще раз з CAN (6 цифр на лицьовому боці картки).",
        )  # fmt: skip
    if sw & 0xFFF0 == 0x63C0:
        return CardReaderError(CardReaderErrorKind.WRONG_ACCESS_KEY, f"{what}: wrong password ({sw:04X})",
                               TRIES_LEFT + f"Залишилося спроб: {sw & 0x0F}.")  # fmt: skip
    if sw == 0x6984:
        return CardReaderError(CardReaderErrorKind.BLOCKED, f"{what}: password deactivated (6984)")
    if sw in (0x6300, 0x6982, 0x6A80):
        return CardReaderError(CardReaderErrorKind.WRONG_ACCESS_KEY, f"{what}: refused ({sw:04X})")
    if sw in (0x6D00, 0x6E00, SW_NOT_FOUND):
        return CardReaderError(CardReaderErrorKind.NOT_EMRTD, f"{what}: not supported ({sw:04X})")
    return CardReaderError(CardReaderErrorKind.CORRUPT, f"{what}: status {sw:04X}")


def _select_app(reader: _Reader) -> None:
    _, sw = reader.send(Apdu(0x00, 0xA4, 0x04, 0x0C, AID_EMRTD))
    if sw != SW_OK:
        raise CardReaderError(CardReaderErrorKind.NOT_EMRTD, f"SELECT eMRTD application: {sw:04X}")


def _access(t: _Deadline, access: CardAccess, card_access: bytes | None) -> tuple[SecureMessaging, str, int]:
    """Run PACE (when EF.CardAccess offers a variant we do) or BAC; (session, protocol name, commands)."""
    infos: list[pace.PaceInfo] = []
    if card_access:
        try:
            infos = pace.parse_card_access(card_access)
        except pace.PaceError:
            infos = []  # an unreadable EF.CardAccess: fall back to BAC like other readers do
    chosen = pace.choose(infos)
    if chosen is not None:
        kind = pace.PASSWORD_CAN if access.kind is AccessKind.CAN else pace.PASSWORD_MRZ
        before = t.commands
        try:
            outcome = pace.pace(t, access.key_seed(), kind, chosen, send_parameter_id=len(infos) > 1)
        except StatusError as exc:
            raise access_error(exc.sw, exc.what) from exc
        except (pace.PaceError, ApduError) as exc:
            raise CardReaderError(CardReaderErrorKind.CORRUPT, f"PACE: {exc}") from exc
        return outcome.sm, chosen.name, t.commands - before
    plain = _Reader(t, None, 0xFF, False)
    _select_app(plain)
    if access.kind is AccessKind.CAN:
        if infos:
            raise CardReaderError(CardReaderErrorKind.NOT_SUPPORTED, "only unsupported PACE variants offered",
                                  "Картка пропонує варіант захищеного доступу (PACE), якого програма не підтримує. "
                                  "Введіть дані з документа вручну.")  # fmt: skip
        raise CardReaderError(
            CardReaderErrorKind.WRONG_ACCESS_KEY, "card has no PACE: CAN unusable",
            "Ця картка не відкривається номером CAN. Введіть номер документа, дату народження й дату "
            "закінчення строку дії (з машинозчитуваної зони) і спробуйте ще раз.",
        )  # fmt: skip
    before = t.commands
    try:
        sm = bac.bac(t, access.key_seed())
    except StatusError as exc:
        raise access_error(exc.sw, exc.what) from exc
    except (bac.BacError, ApduError) as exc:
        raise CardReaderError(CardReaderErrorKind.CORRUPT, f"BAC: {exc}") from exc
    return sm, "BAC", t.commands - before


# ------------------------------------------------------------------------------------------ the read
def read_emrtd(
    transport: Transport,
    access: CardAccess,
    *,
    atr: bytes = b"",
    progress: Progress | None = None,
    csca_dir: Path | None = None,
    deadline: float = DEFAULT_DEADLINE,
    today: datetime | None = None,
    allow_extended: bool = True,
) -> ChipRead:
    """Read the chip through ``transport``; a ``ChipRead`` or a ``CardReaderError`` — never another exception
    from a malformed answer (every parser's own error, a ``ValueError``, is CORRUPT here).

    ``ExtendedLengthRefused`` (a CORRUPT ``CardReaderError``) when the card announced extended length but
    the first extended command failed — typically a reader (CCID) that cannot carry extended APDUs: reset
    the card and read again with ``allow_extended=False``."""
    try:
        return _read_emrtd(transport, access, atr=atr, progress=progress, csca_dir=csca_dir, deadline=deadline,
                           today=today, allow_extended=allow_extended)  # fmt: skip
    except CardReaderError:
        raise
    except ValueError as exc:  # ApduError, SMError, TlvError, LdsError, PaceError, BacError …
        raise CardReaderError(
            CardReaderErrorKind.CORRUPT, f"malformed answer: {type(exc).__name__}: {exc}"
        ) from exc


def _read_emrtd(
    transport: Transport,
    access: CardAccess,
    *,
    atr: bytes = b"",
    progress: Progress | None = None,
    csca_dir: Path | None = None,
    deadline: float = DEFAULT_DEADLINE,
    today: datetime | None = None,
    allow_extended: bool = True,
) -> ChipRead:
    t = _Deadline(transport, deadline)
    csca_dir = csca_dir if csca_dir is not None else default_csca_dir()
    timings: dict[str, float] = {}
    start = time.perf_counter()

    def step(text: str, fraction: float) -> None:
        if progress is not None:
            progress(text, fraction)

    step("Встановлення захищеного з'єднання з чипом…", 0.05)
    card_access = _plain_read_sfi(t, 0x1C)
    max_response = extended_length_from_atr(atr) if allow_extended else 0
    if not max_response and allow_extended:
        info = _plain_read_sfi(t, 0x01)
        max_response = extended_length_from_info(info) if info else 0
    sm, protocol, access_commands = _access(t, access, card_access)
    extended = max_response > 256
    reader = _Reader(t, sm, chunk_size(sm.cipher, max_response if extended else 256), extended)
    if protocol != "BAC":  # BAC selected the application before access control; PACE runs at the MF
        _select_app(reader)
    select_commands = 1
    timings["access"] = time.perf_counter() - start

    files: dict[str, bytes] = {}
    unreadable: list[int] = []

    def get(name: str, required: bool) -> bytes | None:
        result = reader.read_file(name)
        if isinstance(result, bytes):
            files[name] = result
            return result
        if result in SW_DENIED and name.startswith("DG"):
            unreadable.append(int(name[2:]))
            return None
        if result == SW_NOT_FOUND and not required:
            return None
        raise CardReaderError(CardReaderErrorKind.CORRUPT, f"{name}: status {result:04X}")

    t0 = time.perf_counter()
    step("Читання переліку даних чипа…", 0.15)
    try:
        try:
            com_file = get("COM", True)  # the first command with an extended Le, when extended is on
        except CardReaderError as exc:
            if extended and exc.kind in (CardReaderErrorKind.CORRUPT, CardReaderErrorKind.TIMEOUT):
                raise ExtendedLengthRefused(f"first extended READ BINARY failed ({exc})") from exc
            raise
        com = lds.parse_com(com_file or b"")
    except lds.LdsError as exc:
        raise CardReaderError(CardReaderErrorKind.CORRUPT, f"LDS: {exc}") from exc
    get("SOD", True)
    step("Читання даних документа (DG1)…", 0.25)
    t1 = time.perf_counter()
    get("DG1", True)
    timings["dg1"] = time.perf_counter() - t1
    for number in OPTIONAL_GROUPS:
        if number in com.data_groups:
            step(f"Читання групи даних DG{number}…", 0.28 + 0.01 * number)
            t1 = time.perf_counter()
            get(f"DG{number}", False)
            timings[f"dg{number}"] = time.perf_counter() - t1
    unreadable += [n for n in EAC_GROUPS if n in com.data_groups]
    step("Читання фотографії (DG2)…", 0.45)
    t1 = time.perf_counter()
    get("DG2", True)
    timings["photo"] = time.perf_counter() - t1
    timings["files"] = time.perf_counter() - t0

    step("Перевірка справжності даних…", 0.9)
    t1 = time.perf_counter()
    try:
        dg1 = lds.parse_dg1(files["DG1"], today=today.date() if today else None)
        dg2 = lds.parse_dg2(files["DG2"])
        dg11 = lds.parse_dg11(files["DG11"]) if "DG11" in files else None
        dg12 = lds.parse_dg12(files["DG12"]) if "DG12" in files else None
    except lds.LdsError as exc:
        raise CardReaderError(CardReaderErrorKind.CORRUPT, f"LDS: {exc}") from exc
    groups = {int(name[2:]): data for name, data in files.items() if name.startswith("DG")}
    pa = passive_auth.verify(files["SOD"], groups, csca_dir)
    timings["verify"] = time.perf_counter() - t1
    timings["total"] = time.perf_counter() - start

    per_chunk = reader.chunk
    # the fewest commands: EF.CardAccess (every read must ask for it first, ICAO 9303-11 §4.2), access
    # control, SELECT of the application, and each file in maximal pieces; EF.ATR/INFO is our extra
    min_commands = (
        1
        + access_commands
        + select_commands
        + sum(-(-len(data) // per_chunk) for name, data in files.items())
    )
    return ChipRead(files, dg1, dg2, dg11, dg12, pa, protocol, t.commands, min_commands,
                    tuple(sorted(groups)), tuple(sorted(set(unreadable))), timings)  # fmt: skip


# ------------------------------------------------------------------------------------------ to the app
def as_jpeg(image: bytes, mime: str, what: str = "DG2") -> bytes:
    """A displayable JPEG of a chip image (JPEG 2000 decoded by Pillow); CORRUPT if it does not decode."""
    try:
        from PIL import Image  # noqa: PLC0415 — Pillow is heavy; only the images need it

        with Image.open(io.BytesIO(image)) as img:
            img.load()  # a JPEG is passed on as it is, but only once it is known to decode
            if mime == "image/jpeg":
                return image
            out = io.BytesIO()
            img.convert("RGB").save(out, "JPEG", quality=92)
            return out.getvalue()
    except Exception as exc:  # noqa: BLE001 — any decoder failure is a broken image
        raise CardReaderError(
            CardReaderErrorKind.CORRUPT, f"{what} image does not decode ({type(exc).__name__})"
        ) from exc


def photo_as_jpeg(dg2: lds.Dg2) -> bytes:
    """A displayable JPEG of the DG2 face; CORRUPT if it does not decode."""
    return as_jpeg(dg2.image, dg2.mime)


def _signature(read: ChipRead) -> tuple[bytes, str]:
    """(JPEG of the holder's signature from DG7, a note) — b"" when there is none or it does not decode."""
    if "DG7" not in read.files:
        return b"", ""
    try:
        image, mime = lds.parse_dg7(read.files["DG7"])
        return as_jpeg(image, mime, "DG7"), ""
    except (lds.LdsError, CardReaderError):
        return b"", " Підпис власника (DG7) на чипі є, але його зображення пошкоджене."


def _unzr(read: ChipRead) -> str:
    if read.dg1.unzr:
        return read.dg1.unzr
    number = read.dg11.personal_number if read.dg11 else ""
    if re.fullmatch(r"\d{8}-?\d{5}", number):
        try:
            return validate_unzr(number, read.dg1.mrz.birth_date)
        except ValidationError:
            return ""
    return ""


def _rnokpp(read: ChipRead) -> str:
    number = read.dg11.personal_number if read.dg11 else ""
    if re.fullmatch(r"\d{10}", number):
        try:
            return validate_rnokpp(number)
        except ValidationError:
            return ""
    return ""


def to_result(read: ChipRead, reader_name: str, backend: str) -> CardReadResult:
    mrz = read.dg1.mrz
    dg11, dg12 = read.dg11, read.dg12
    assert mrz.birth_date is not None and mrz.expiry_date is not None
    birth = dg11.birth_date if dg11 and dg11.birth_date else mrz.birth_date
    detail = read.pa.detail
    if read.dg1.problems:
        detail += " MRZ: " + " ".join(read.dg1.problems)
    if read.pa.notes:
        detail += " Примітка: " + "; ".join(read.pa.notes) + "."
    signature, note = _signature(read)
    detail += note
    try:
        photo = photo_as_jpeg(read.dg2)
    except CardReaderError:
        if read.pa.verdict is not Verdict.DATA_ALTERED:
            raise
        photo = b""  # the altered photo does not even decode: show none rather than a broken one
        detail += " Фотографію з чипа неможливо показати: її дані пошкоджено."
    other: dict[str, str] = {}
    unzr, rnokpp = _unzr(read), _rnokpp(read)
    if dg11:
        for label, value in (("Інші імена", ", ".join(dg11.other_names)), ("Особистий номер", dg11.personal_number),
                             ("Телефон", dg11.telephone), ("Професія", dg11.profession), ("Звання", dg11.title),
                             ("Інші документи", ", ".join(dg11.other_td_numbers))):  # fmt: skip
            if value and value not in (rnokpp, unzr, unzr.replace("-", "")):  # not the same number twice
                other[label] = value
    if dg12 and dg12.endorsements:
        other["Примітки"] = dg12.endorsements
    t = read.timings
    return CardReadResult(
        document_number=mrz.document_number,
        document_code=mrz.document_code,
        issuing_state=mrz.issuing_state,
        surname_latin=mrz.surname,
        given_names_latin=mrz.given_names,
        surname=dg11.surname if dg11 and dg11.surname else mrz.surname,
        given_names=dg11.given_name if dg11 and dg11.full_name else mrz.given_names,
        patronymic=dg11.patronymic if dg11 else "",
        birth_date=birth,
        sex=mrz.sex.replace("<", "").replace("X", ""),
        nationality=mrz.nationality,
        expiry_date=mrz.expiry_date,
        unzr=unzr,
        rnokpp=rnokpp,
        photo_jpeg=photo,
        issuing_authority=dg12.issuing_authority if dg12 else "",
        issue_date=dg12.issue_date if dg12 else None,
        mrz=read.dg1.lines,
        verdict=read.pa.verdict,
        timings=ReadTimings(
            connect=t.get("connect", 0.0),
            access=t.get("access", 0.0),
            dg1=t.get("dg1", 0.0),
            dg11=t.get("dg11", 0.0),
            dg12=t.get("dg12", 0.0),
            photo=t.get("photo", 0.0),
            verify=t.get("verify", 0.0),
            total=t.get("total", 0.0),
        ),  # fmt: skip
        reader_name=reader_name,
        backend=backend,
        simulated=False,
        photo_original=read.dg2.image,
        photo_format="jpeg" if read.dg2.mime == "image/jpeg" else "jpeg2000",
        raw_files=dict(read.files),
        data_groups_read=read.groups_read,
        data_groups_unreadable=read.groups_unreadable,
        commands=read.commands,
        min_commands=read.min_commands,
        access_protocol=read.protocol,
        verdict_detail=detail,
        place_of_birth=dg11.place_of_birth if dg11 else "",
        address=dg11.address if dg11 else "",
        full_name_dg11=dg11.full_name if dg11 else "",
        other_info=other,
        signature_jpeg=signature,
    )
