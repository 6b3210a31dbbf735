"""Symmetric primitives of ICAO 9303 Part 11 (9.7 key derivation, 9.8 secure messaging) on ``cryptography``."""

from __future__ import annotations

import hashlib

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives import cmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

DES3 = "3DES"
AES = "AES"

_ENC, _MAC, _PI = 1, 2, 3


def kdf(seed: bytes, counter: int, cipher: str, key_bits: int = 128) -> bytes:
    """KDF(K, c) of Part 11, 9.7.1: a hash of seed ‖ counter (32-bit big endian)."""
    data = seed + counter.to_bytes(4, "big")
    if cipher == DES3:
        digest = hashlib.sha1(data).digest()
        return adjust_parity(digest[:16])
    if key_bits == 128:
        return hashlib.sha1(data).digest()[:16]
    if key_bits == 192:
        return hashlib.sha256(data).digest()[:24]
    if key_bits == 256:
        return hashlib.sha256(data).digest()
    raise ValueError(f"unsupported key length {key_bits}")


def kdf_enc(seed: bytes, cipher: str = DES3, key_bits: int = 128) -> bytes:
    return kdf(seed, _ENC, cipher, key_bits)


def kdf_mac(seed: bytes, cipher: str = DES3, key_bits: int = 128) -> bytes:
    return kdf(seed, _MAC, cipher, key_bits)


def kdf_pi(password: bytes, cipher: str, key_bits: int) -> bytes:
    return kdf(password, _PI, cipher, key_bits)


def adjust_parity(key: bytes) -> bytes:
    """DES keys have odd parity in the low bit of each byte."""
    out = bytearray()
    for b in key:
        b &= 0xFE
        out.append(b | (bin(b).count("1") + 1) % 2)
    return bytes(out)


def pad(data: bytes, block: int) -> bytes:
    """ISO/IEC 9797-1 padding method 2."""
    data = bytes(data) + b"\x80"
    return data + b"\x00" * (-len(data) % block)


def unpad(data: bytes) -> bytes:
    stripped = data.rstrip(b"\x00")
    if not stripped or stripped[-1] != 0x80:
        raise ValueError("bad ISO 9797-1 padding")
    return stripped[:-1]


def _des3_key(key: bytes) -> bytes:
    return key + key[:8] if len(key) == 16 else key


def des3_cbc_enc(key: bytes, data: bytes, iv: bytes = bytes(8)) -> bytes:
    enc = Cipher(TripleDES(_des3_key(key)), modes.CBC(iv)).encryptor()
    return enc.update(data) + enc.finalize()


def des3_cbc_dec(key: bytes, data: bytes, iv: bytes = bytes(8)) -> bytes:
    dec = Cipher(TripleDES(_des3_key(key)), modes.CBC(iv)).decryptor()
    return dec.update(data) + dec.finalize()


def des_ecb_enc(key8: bytes, block: bytes) -> bytes:
    enc = Cipher(TripleDES(key8 * 3), modes.ECB()).encryptor()
    return enc.update(block) + enc.finalize()


def des_ecb_dec(key8: bytes, block: bytes) -> bytes:
    dec = Cipher(TripleDES(key8 * 3), modes.ECB()).decryptor()
    return dec.update(block) + dec.finalize()


def retail_mac(key: bytes, data: bytes) -> bytes:
    """ISO/IEC 9797-1 MAC algorithm 3 with DES (the «retail MAC»); ``data`` must already be padded."""
    if len(data) % 8:
        raise ValueError("retail MAC input must be a multiple of 8 bytes")
    ka, kb = key[:8], key[8:16]
    h = bytes(8)
    for i in range(0, len(data), 8):
        block = bytes(x ^ y for x, y in zip(h, data[i : i + 8], strict=True))
        h = des_ecb_enc(ka, block)
    return des_ecb_enc(ka, des_ecb_dec(kb, h))


def aes_cmac(key: bytes, data: bytes) -> bytes:
    c = cmac.CMAC(algorithms.AES(key))
    c.update(data)
    return c.finalize()


def aes_cbc_enc(key: bytes, data: bytes, iv: bytes = bytes(16)) -> bytes:
    enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return enc.update(data) + enc.finalize()


def aes_cbc_dec(key: bytes, data: bytes, iv: bytes = bytes(16)) -> bytes:
    dec = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return dec.update(data) + dec.finalize()


def aes_ecb_enc(key: bytes, block: bytes) -> bytes:
    enc = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    return enc.update(block) + enc.finalize()
