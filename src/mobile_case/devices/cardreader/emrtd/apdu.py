"""Command APDUs (ISO/IEC 7816-4, short and extended length) and the transport a card is reached through."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


class ApduError(ValueError):
    """Not a well-formed command or response APDU."""


class StatusError(Exception):
    """The card answered a status word other than 90 00 where that is not allowed."""

    def __init__(self, sw: int, what: str = "") -> None:
        super().__init__(f"{what or 'command'}: status {sw:04X}")
        self.sw = sw
        self.what = what


@dataclass(frozen=True)
class Apdu:
    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    le: int | None = None  # None: no Le; 256 (short) / 65536 (extended) mean «all»
    extended: bool = False

    def encode(self) -> bytes:
        head = bytes([self.cla, self.ins, self.p1, self.p2])
        ext = self.extended or len(self.data) > 255 or (self.le is not None and self.le > 256)
        out = head
        if ext:
            if self.data:
                out += b"\x00" + len(self.data).to_bytes(2, "big") + self.data
            if self.le is not None:
                le = (self.le % 65536).to_bytes(2, "big")
                out += le if self.data else b"\x00" + le
            return out
        if self.data:
            out += bytes([len(self.data)]) + self.data
        if self.le is not None:
            out += bytes([self.le % 256])
        return out

    @classmethod
    def decode(cls, raw: bytes) -> Apdu:
        raw = bytes(raw)
        if len(raw) < 4:
            raise ApduError("APDU shorter than its header")
        cla, ins, p1, p2 = raw[:4]
        body = raw[4:]
        if not body:
            return cls(cla, ins, p1, p2)
        if len(body) == 1:
            return cls(cla, ins, p1, p2, le=body[0] or 256)
        if body[0] != 0:
            lc = body[0]
            if len(body) == 1 + lc:
                return cls(cla, ins, p1, p2, body[1:])
            if len(body) == 2 + lc:
                return cls(cla, ins, p1, p2, body[1 : 1 + lc], le=body[-1] or 256)
            raise ApduError("APDU length does not match Lc")
        # extended
        if len(body) == 3:
            return cls(cla, ins, p1, p2, le=int.from_bytes(body[1:3], "big") or 65536, extended=True)
        lc = int.from_bytes(body[1:3], "big")
        if lc == 0:
            raise ApduError("extended Lc of 0")
        if len(body) == 3 + lc:
            return cls(cla, ins, p1, p2, body[3:], extended=True)
        if len(body) == 5 + lc:
            le = int.from_bytes(body[-2:], "big") or 65536
            return cls(cla, ins, p1, p2, body[3 : 3 + lc], le=le, extended=True)
        raise ApduError("extended APDU length does not match Lc")


def split_response(raw: bytes) -> tuple[bytes, int]:
    """Response data and the status word; a response of fewer than 2 bytes is an ``ApduError``."""
    raw = bytes(raw)
    if len(raw) < 2:
        raise ApduError("response shorter than a status word")
    return raw[:-2], int.from_bytes(raw[-2:], "big")


class Transport(Protocol):
    def transmit(self, apdu: bytes) -> bytes:
        """Send one command APDU; return the response data followed by SW1 SW2."""
        ...


class CountingTransport:
    """Wraps a transmit function, counting the commands and the time spent in them."""

    def __init__(self, transmit: Callable[[bytes], bytes]) -> None:
        self._transmit = transmit
        self.commands = 0
        self.seconds = 0.0

    def transmit(self, apdu: bytes) -> bytes:
        self.commands += 1
        start = time.perf_counter()
        try:
            return self._transmit(bytes(apdu))
        finally:
            self.seconds += time.perf_counter() - start
