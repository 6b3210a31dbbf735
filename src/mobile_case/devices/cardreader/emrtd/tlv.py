"""BER-TLV as ICAO 9303 / ISO 7816-4 use it (tags of 1-3 bytes, definite lengths of up to 4 bytes).

Every malformed input raises ``TlvError`` (a ``ValueError``), never another exception.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class TlvError(ValueError):
    """The bytes are not well-formed BER-TLV."""


@dataclass(frozen=True)
class Tlv:
    tag: int
    value: bytes
    constructed: bool
    children: list[Tlv] = field(default_factory=list)

    def find(self, tag: int) -> Tlv | None:
        return find(self.children, tag)


def _read_tag(data: bytes, pos: int) -> tuple[int, bool, int]:
    if pos >= len(data):
        raise TlvError("TLV: tag missing")
    first = data[pos]
    constructed = bool(first & 0x20)
    tag = first
    pos += 1
    if first & 0x1F == 0x1F:
        for _ in range(3):
            if pos >= len(data):
                raise TlvError("TLV: truncated multi-byte tag")
            b = data[pos]
            tag = (tag << 8) | b
            pos += 1
            if not b & 0x80:
                break
        else:
            raise TlvError("TLV: tag longer than 4 bytes")
    return tag, constructed, pos


def _read_length(data: bytes, pos: int) -> tuple[int, int]:
    if pos >= len(data):
        raise TlvError("TLV: length missing")
    first = data[pos]
    pos += 1
    if first < 0x80:
        return first, pos
    count = first & 0x7F
    if count == 0:
        raise TlvError("TLV: indefinite length is not allowed")
    if count > 4:
        raise TlvError("TLV: length field longer than 4 bytes")
    if pos + count > len(data):
        raise TlvError("TLV: truncated length")
    return int.from_bytes(data[pos : pos + count], "big"), pos + count


def header(data: bytes) -> tuple[int, int, int]:
    """(tag, header length, value length) of the TLV at the start of ``data`` (the value may be absent)."""
    tag, _, pos = _read_tag(bytes(data), 0)
    length, pos = _read_length(bytes(data), pos)
    return tag, pos, length


def parse_one(data: bytes, offset: int = 0, *, depth: int = 0) -> tuple[Tlv, int]:
    """One TLV at ``offset``; returns it and the offset after it. Constructed values are parsed too."""
    if depth > 16:
        raise TlvError("TLV: nested too deeply")
    tag, constructed, pos = _read_tag(data, offset)
    length, pos = _read_length(data, pos)
    end = pos + length
    if end > len(data):
        raise TlvError(f"TLV: value of tag {tag:X} truncated ({len(data) - pos} of {length} bytes)")
    value = bytes(data[pos:end])
    children = parse(value, depth=depth + 1) if constructed else []
    return Tlv(tag, value, constructed, children), end


def parse(data: bytes, *, depth: int = 0) -> list[Tlv]:
    """All TLVs in ``data`` (which must be covered exactly; 00/FF padding between objects is skipped)."""
    out: list[Tlv] = []
    pos = 0
    data = bytes(data)
    while pos < len(data):
        if data[pos] in (0x00, 0xFF) and depth > 0:
            pos += 1
            continue
        item, pos = parse_one(data, pos, depth=depth)
        out.append(item)
    return out


def find(items: list[Tlv], tag: int) -> Tlv | None:
    for item in items:
        if item.tag == tag:
            return item
    return None


def find_all(items: list[Tlv], tag: int) -> list[Tlv]:
    return [item for item in items if item.tag == tag]


def encode_length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(raw)]) + raw


def encode_tag(tag: int) -> bytes:
    return tag.to_bytes(max(1, (tag.bit_length() + 7) // 8), "big")


def encode(tag: int, value: bytes) -> bytes:
    return encode_tag(tag) + encode_length(len(value)) + bytes(value)
