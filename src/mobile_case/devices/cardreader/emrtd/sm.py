"""Secure messaging (ICAO 9303 Part 11, 9.8): 3DES with the retail MAC or AES with CMAC, send-sequence counter.

``protect`` turns a plain command APDU into a protected one (DO'87'/'85' cryptogram, DO'97' Le, DO'8E' MAC);
``unprotect`` checks the MAC of every response (DO'8E' over DO'87'/'85' and DO'99') and decrypts it.
Anything wrong — a missing or bad MAC, a malformed object, a bad padding — is an ``SMError``.
"""

from __future__ import annotations

from mobile_case.devices.cardreader.emrtd import crypto, tlv
from mobile_case.devices.cardreader.emrtd.apdu import Apdu, ApduError


class SMError(ValueError):
    """A protected response failed its check (or the card reported an SM error)."""

    def __init__(self, message: str, sw: int | None = None) -> None:
        super().__init__(message)
        self.sw = sw


class SecureMessaging:
    def __init__(self, ks_enc: bytes, ks_mac: bytes, ssc: int, cipher: str) -> None:
        if cipher not in (crypto.DES3, crypto.AES):
            raise ValueError(f"unknown SM cipher {cipher}")
        self.ks_enc = ks_enc
        self.ks_mac = ks_mac
        self.cipher = cipher
        self.block = 8 if cipher == crypto.DES3 else 16
        self.ssc = ssc % (1 << (8 * self.block))

    # -- primitives ------------------------------------------------------------------------------
    def _step(self) -> None:
        """SSC + 1, wrapping at the block size like the card's counter does."""
        self.ssc = (self.ssc + 1) % (1 << (8 * self.block))

    def _ssc_bytes(self) -> bytes:
        return self.ssc.to_bytes(self.block, "big")

    def _mac(self, data: bytes) -> bytes:
        padded = crypto.pad(self._ssc_bytes() + data, self.block)
        if self.cipher == crypto.DES3:
            return crypto.retail_mac(self.ks_mac, padded)
        return crypto.aes_cmac(self.ks_mac, padded)[:8]

    def _iv(self) -> bytes:
        if self.cipher == crypto.DES3:
            return bytes(8)
        return crypto.aes_ecb_enc(self.ks_enc, self._ssc_bytes())

    def _encrypt(self, data: bytes) -> bytes:
        padded = crypto.pad(data, self.block)
        if self.cipher == crypto.DES3:
            return crypto.des3_cbc_enc(self.ks_enc, padded, self._iv())
        return crypto.aes_cbc_enc(self.ks_enc, padded, self._iv())

    def _decrypt(self, data: bytes) -> bytes:
        if not data or len(data) % self.block:
            raise SMError("SM: cryptogram length is not a multiple of the block")
        if self.cipher == crypto.DES3:
            plain = crypto.des3_cbc_dec(self.ks_enc, data, self._iv())
        else:
            plain = crypto.aes_cbc_dec(self.ks_enc, data, self._iv())
        try:
            return crypto.unpad(plain)
        except ValueError as exc:
            raise SMError("SM: bad padding in the decrypted response") from exc

    # -- commands --------------------------------------------------------------------------------
    def protect(self, apdu: bytes | Apdu) -> bytes:
        cmd = apdu if isinstance(apdu, Apdu) else Apdu.decode(apdu)
        cla = cmd.cla | 0x0C
        header = bytes([cla, cmd.ins, cmd.p1, cmd.p2])
        self._step()  # before the cryptogram: the AES IV is E(KSenc, SSC) of this command
        do87 = b""
        if cmd.data:
            if cmd.ins & 1:
                do87 = tlv.encode(0x85, self._encrypt(cmd.data))
            else:
                do87 = tlv.encode(0x87, b"\x01" + self._encrypt(cmd.data))
        do97 = b""
        extended = cmd.extended or (cmd.le is not None and cmd.le > 256)
        if cmd.le is not None:
            if extended:
                do97 = tlv.encode(0x97, (cmd.le % 65536).to_bytes(2, "big"))
            else:
                do97 = tlv.encode(0x97, bytes([cmd.le % 256]))
        mac = self._mac(crypto.pad(header, self.block) + do87 + do97)
        body = do87 + do97 + tlv.encode(0x8E, mac)
        return Apdu(cla, cmd.ins, cmd.p1, cmd.p2, body, le=65536 if extended else 256,
                    extended=extended or len(body) > 255).encode()  # fmt: skip

    def unprotect(self, rapdu: bytes) -> tuple[bytes, int]:
        """The plain response data and status word; raises ``SMError`` on anything wrong."""
        try:
            if len(rapdu) < 2:
                raise ApduError("short response")
            body, sw = bytes(rapdu[:-2]), int.from_bytes(rapdu[-2:], "big")
        except ApduError as exc:
            raise SMError(f"SM: {exc}") from exc
        self._step()
        if not body:
            # a plain status word: the card did not protect the answer (an error before SM processing,
            # e.g. 6987/6988 SM objects wrong, 6A82 file not found on some cards)
            if sw == 0x9000:
                raise SMError("SM: unprotected 90 00 response")
            if sw in (0x6987, 0x6988):
                raise SMError(f"SM: card reports an SM error {sw:04X}", sw)
            return b"", sw
        try:
            objects = tlv.parse(body)
        except tlv.TlvError as exc:
            raise SMError(f"SM: malformed response ({exc})") from exc
        do87 = do99 = do8e = None
        covered = b""
        for item in objects:
            raw = tlv.encode(item.tag, item.value)
            if item.tag in (0x87, 0x85):
                if do87 is not None:
                    raise SMError("SM: two cryptograms in one response")
                do87 = item
                covered += raw
            elif item.tag == 0x99:
                do99 = item
                covered += raw
            elif item.tag == 0x8E:
                do8e = item
            else:
                raise SMError(f"SM: unexpected object {item.tag:X} in a protected response")
        if do8e is None:
            raise SMError("SM: response without a MAC")
        if len(do8e.value) != 8 or self._mac(covered) != do8e.value:
            raise SMError("SM: response MAC does not match")
        if do99 is not None:
            if len(do99.value) != 2:
                raise SMError("SM: malformed status object")
            inner_sw = int.from_bytes(do99.value, "big")
        else:
            inner_sw = sw
        data = b""
        if do87 is not None:
            value = do87.value
            if do87.tag == 0x87:
                if not value or value[0] != 0x01:
                    raise SMError("SM: unknown padding indicator")
                value = value[1:]
            data = self._decrypt(value)
        return data, inner_sw
