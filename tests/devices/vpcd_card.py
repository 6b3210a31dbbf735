"""A minimal virtual smart card for the vpcd reader driver (vsmartcard-vpcd), for the real PC/SC tests.

vpcd makes pcscd show readers «Virtual PCD 00 00/01» whose cards connect over TCP (localhost:35963 for
the first reader). Each message is a 2-byte big-endian length then the payload; a 1-byte payload is a
control code (0 power off, 1 power on, 2 reset, 4 get ATR), anything longer is a command APDU, answered
with a response APDU. This card answers the ATR and «6D 00» (instruction not supported) to every APDU,
which is what a card that is not an eMRTD says to the eMRTD application's commands.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Callable

# ATR of a contactless ISO 14443-4 type A card as PC/SC presents it (PC/SC part 3, no historical bytes)
DEFAULT_ATR = bytes.fromhex("3B8080018080")


class VirtualCard:
    def __init__(self, port: int = 35963, atr: bytes = DEFAULT_ATR,
                 respond: Callable[[bytes], bytes] | None = None) -> None:  # fmt: skip
        self.port = port
        self.atr = atr
        self.respond = respond or (lambda apdu: b"\x6d\x00")
        self.apdus: list[bytes] = []
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None

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
        self._thread = threading.Thread(target=self._serve, args=(self._sock,), daemon=True)
        self._thread.start()

    def remove(self) -> None:
        """Disconnect (the card is taken off the reader)."""
        if self._sock is not None:
            try:
                self._sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self._sock.close()
            self._sock = None
        if self._thread is not None:
            self._thread.join(timeout=2)
            self._thread = None

    def _recv(self, sock: socket.socket, n: int) -> bytes | None:
        data = b""
        while len(data) < n:
            chunk = sock.recv(n - len(data))
            if not chunk:
                return None
            data += chunk
        return data

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
                    continue
                self.apdus.append(payload)
                answer = self.respond(payload)
                sock.sendall(struct.pack(">H", len(answer)) + answer)
        except OSError:
            return
