"""A virtual smart card for the vpcd reader driver (vsmartcard-vpcd), for the real PC/SC tests.

vpcd makes pcscd show readers «Virtual PCD 00 00/01» whose cards connect over TCP (localhost:35963 for
the first reader by default; the tests' private pcscd puts them on other ports and says which in
``MOBILE_CASE_VPCD_PORT``). Each message is a 2-byte big-endian length then the payload; a 1-byte payload
is a control code (0 power off, 1 power on, 2 reset, 4 get ATR), anything longer is a command APDU,
answered with a response APDU. By default this card answers the ATR and «6D 00» (instruction not
supported) to every APDU, which is what a card that is not an eMRTD says to the eMRTD application's
commands; ``respond`` gives it a real chip (``emrtd_card.EmrtdCard.process``).

Misbehaviour, counted in command APDUs since the card was put on the reader (``after=N``: the first N
are answered normally, the (N+1)th is not):

* ``Fault("pull", N)``     — the card is taken away: the connection to vpcd is closed instead of an answer;
* ``Fault("hang", N)``     — the card stays silent ``hang_seconds`` (still on the reader), then answers late;
* ``Fault("corrupt", N)``  — that one response has a byte changed in the middle;
* ``Fault("truncate", N)`` — that one response is cut to half its length.
"""

from __future__ import annotations

import os
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

# ATR of a contactless ISO 14443-4 type A card as PC/SC presents it (PC/SC part 3, no historical bytes)
DEFAULT_ATR = bytes.fromhex("3B8080018080")


_QUICKACK = getattr(socket, "TCP_QUICKACK", None)


def default_port() -> int:
    return int(os.environ.get("MOBILE_CASE_VPCD_PORT", "35963"))


@dataclass(frozen=True)
class Fault:
    kind: str  # "pull" | "hang" | "corrupt" | "truncate"
    after: int
    hang_seconds: float = 30.0


class VirtualCard:
    def __init__(self, port: int | None = None, atr: bytes = DEFAULT_ATR,
                 respond: Callable[[bytes], bytes] | None = None,
                 on_power: Callable[[], None] | None = None,
                 fault: Fault | None = None) -> None:  # fmt: skip
        self.port = default_port() if port is None else port
        self.atr = atr
        self.respond = respond or (lambda apdu: b"\x6d\x00")
        self.on_power = on_power
        self.fault = fault
        self.apdus: list[bytes] = []
        self.fault_fired = threading.Event()
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._release = threading.Event()

    def insert(self, timeout: float = 5.0) -> None:
        """Connect to vpcd (the card is then on the reader)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                self._sock = socket.create_connection(("127.0.0.1", self.port), timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        self._sock.settimeout(None)
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.apdus = []
        self.fault_fired.clear()
        self._release.clear()
        self._thread = threading.Thread(target=self._serve, args=(self._sock,), daemon=True)
        self._thread.start()

    def remove(self) -> None:
        """Disconnect (the card is taken off the reader)."""
        self._release.set()
        sock, self._sock = self._sock, None
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=2)
            self._thread = None

    def _recv(self, sock: socket.socket, n: int) -> bytes | None:
        data = b""
        while len(data) < n:
            chunk = sock.recv(n - len(data))
            if not chunk:
                return None
            data += chunk
            if _QUICKACK is not None:
                # vpcd writes the length and the APDU separately: acknowledge at once, or Nagle on its side
                # and delayed ACKs on ours cost ~40 ms per command (a real card's air time is ~1-5 ms)
                sock.setsockopt(socket.IPPROTO_TCP, _QUICKACK, 1)
        return data

    def _drop(self, sock: socket.socket) -> None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        sock.close()
        if self._sock is sock:
            self._sock = None

    def _serve(self, sock: socket.socket) -> None:
        try:
            while True:
                head = self._recv(sock, 2)
                if head is None:
                    return
                (length,) = struct.unpack(">H", head)
                payload = self._recv(sock, length)
                if payload is None:
                    return
                if length == 1:
                    if payload[0] == 4:
                        sock.sendall(struct.pack(">H", len(self.atr)) + self.atr)
                    elif payload[0] in (1, 2) and self.on_power is not None:
                        self.on_power()
                    continue
                fault = self.fault
                if fault is not None and len(self.apdus) == fault.after and not self.fault_fired.is_set():
                    self.fault_fired.set()
                    if fault.kind == "pull":
                        self._drop(sock)
                        return
                    if fault.kind == "hang":
                        if self._release.wait(fault.hang_seconds):
                            return  # taken off the reader while silent
                        # then it answers, late (a weak field, a stalled chip): the reader's deadline decides
                self.apdus.append(payload)
                answer = self.respond(payload)
                if fault is not None and self.fault_fired.is_set() and len(self.apdus) == fault.after + 1:
                    if fault.kind == "corrupt":
                        middle = len(answer) // 2
                        answer = answer[:middle] + bytes([answer[middle] ^ 0x5A]) + answer[middle + 1 :]
                    elif fault.kind == "truncate":
                        answer = answer[: len(answer) // 2]
                sock.sendall(struct.pack(">H", len(answer)) + answer)
        except OSError:
            return
