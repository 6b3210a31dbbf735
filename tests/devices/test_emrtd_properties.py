"""Property-based tests: the parsers and the secure-messaging unwrap take ANY byte string and either return
a result or raise their own clear error (a ValueError subclass) — never another exception, never a hang."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mobile_case.devices.cardreader.base import Verdict
from mobile_case.devices.cardreader.emrtd import crypto, lds, pace, passive_auth, session, tlv
from mobile_case.devices.cardreader.emrtd.apdu import Apdu, ApduError
from mobile_case.devices.cardreader.emrtd.sm import SecureMessaging, SMError

FAST = settings(max_examples=200, deadline=2000, suppress_health_check=[HealthCheck.too_slow])

# byte strings that look like TLV often enough to reach deep code paths
_tags = st.sampled_from([0x30, 0x31, 0x02, 0x04, 0x06, 0x5F, 0x61, 0x75, 0x7F, 0x6B, 0x6C, 0x60, 0x77, 0x87,
                         0x99, 0x8E, 0xA0, 0x5C, 0x1F, 0x80, 0x81, 0x82, 0x83, 0x84, 0x00, 0xFF])  # fmt: skip


@st.composite
def tlvish(draw: st.DrawFn, depth: int = 0) -> bytes:
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        tag = bytes([draw(_tags)])
        if tag[0] & 0x1F == 0x1F:
            tag += bytes([draw(st.integers(0, 255))])
        if depth < 3 and draw(st.booleans()):
            value = draw(tlvish(depth + 1))
        else:
            value = draw(st.binary(max_size=40))
        length = len(value) + draw(st.sampled_from([0, 0, 0, 1, -1, 200]))
        length = max(length, 0)
        enc = tlv.encode_length(length) if draw(st.booleans()) else bytes([0x84]) + length.to_bytes(4, "big")
        parts.append(tag + enc + value)
    return b"".join(parts)


blobs = st.one_of(st.binary(max_size=300), tlvish())


@FAST
@given(blobs)
def test_tlv_parse_total(data: bytes) -> None:
    try:
        items = tlv.parse(data)
    except tlv.TlvError:
        return
    for item in items:
        assert isinstance(item.value, bytes)


@FAST
@given(blobs)
def test_lds_parsers_total(data: bytes) -> None:
    for parser in (
        lds.parse_com,
        lds.parse_dg1,
        lds.parse_dg2,
        lds.parse_dg7,
        lds.parse_dg11,
        lds.parse_dg12,
        lds.file_length,
    ):
        try:
            parser(data)
        except lds.LdsError:
            pass


@FAST
@given(st.binary(max_size=120))
def test_lds_parsers_total_inside_the_right_tag(value: bytes) -> None:
    for tag, parser in ((0x60, lds.parse_com), (0x61, lds.parse_dg1), (0x75, lds.parse_dg2),
                        (0x67, lds.parse_dg7), (0x6B, lds.parse_dg11), (0x6C, lds.parse_dg12)):  # fmt: skip
        try:
            parser(tlv.encode(tag, value))
        except lds.LdsError:
            pass


@FAST
@given(blobs)
def test_card_access_parser_total(data: bytes) -> None:
    try:
        pace.parse_card_access(data)
    except pace.PaceError:
        pass
    try:
        pace.parse_card_access(tlv.encode(0x31, data))
    except pace.PaceError:
        pass


@FAST
@given(blobs)
def test_passive_auth_never_raises_and_never_passes_garbage(data: bytes) -> None:
    for sod in (data, tlv.encode(0x77, data)):
        result = passive_auth.verify(sod, {1: b"x"}, None)
        assert result.verdict is not Verdict.AUTHENTIC
        assert result.detail


@FAST
@given(st.binary(max_size=300))
def test_apdu_decode_total(data: bytes) -> None:
    try:
        apdu = Apdu.decode(data)
    except ApduError:
        return
    assert Apdu.decode(apdu.encode()) == apdu or apdu.extended


@FAST
@given(
    st.one_of(st.binary(max_size=300), tlvish().map(lambda b: b + b"\x90\x00")),
    st.sampled_from(["3DES", "AES"]),
)
def test_sm_unprotect_total(data: bytes, cipher: str) -> None:
    key = bytes(range(16))
    sm = SecureMessaging(key, key[::-1], 7, cipher)
    try:
        plain, sw = sm.unprotect(data)
    except SMError:
        return
    # without a valid MAC only a bare error status word may come through
    assert plain == b"" and sw != 0x9000


@FAST
@given(st.binary(min_size=0, max_size=64), st.binary(max_size=200))
def test_capabilities_parsers_total(atr: bytes, info: bytes) -> None:
    assert session.extended_length_from_atr(atr) >= 0
    assert session.extended_length_from_info(info) >= 0


@FAST
@given(st.binary(max_size=64), st.sampled_from(["3DES", "AES"]), st.integers(0, 2**64 - 1))
def test_sm_round_trip_is_rejected_when_any_bit_flips(data: bytes, cipher: str, ssc: int) -> None:
    """A response protected by the card side (here: our own protect run as the card) unwraps; flipping any
    byte before the status word makes it an SMError."""
    key_enc, key_mac = bytes(range(16)), bytes(range(16, 32))
    terminal = SecureMessaging(key_enc, key_mac, ssc, cipher)
    card = SecureMessaging(key_enc, key_mac, ssc + 1, cipher)
    block = terminal.block
    body = b""
    if data:
        enc = card._encrypt(data)  # noqa: SLF001 — the card side of the same session
        body += tlv.encode(0x87, b"\x01" + enc)
    body += tlv.encode(0x99, b"\x90\x00")
    mac = card._mac(body)  # noqa: SLF001
    response = body + tlv.encode(0x8E, mac) + b"\x90\x00"
    assert block in (8, 16)
    assert terminal.unprotect(response) == (data, 0x9000)
    for i in range(0, len(response) - 2, max(1, len(response) // 7)):
        broken = bytearray(response)
        broken[i] ^= 0x01
        fresh = SecureMessaging(key_enc, key_mac, ssc, cipher)
        with pytest.raises(SMError):
            fresh.unprotect(bytes(broken))


def test_kdf_key_lengths() -> None:
    assert len(crypto.kdf(b"k", 1, crypto.AES, 256)) == 32
    assert len(crypto.kdf(b"k", 1, crypto.AES, 192)) == 24


# -- the whole read: whatever the card answers, a result or a CardReaderError ---------------------------------
_FAULT_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_FAULT_SETTINGS
@given(st.lists(st.binary(max_size=80), min_size=1, max_size=30))
def test_read_with_random_answers_is_a_clear_error(answers: list[bytes]) -> None:
    from mobile_case.devices.cardreader.base import CardAccess, CardReaderError

    replies = iter(answers)

    class Garbage:
        def transmit(self, apdu: bytes) -> bytes:
            return next(replies, b"\x6f\x00")

    with pytest.raises(CardReaderError):
        session.read_emrtd(Garbage(), CardAccess.from_can("123456"), csca_dir=None, deadline=5)


@_FAULT_SETTINGS
@given(st.integers(1, 14), st.integers(0, 10_000), st.integers(1, 255), st.booleans())
def test_read_with_one_damaged_answer_is_an_error_or_a_flagged_result(
    at: int, position: int, xor: int, cut: bool
) -> None:
    """One response of a genuine card damaged (a byte changed or the response cut short): the read either
    fails with a CardReaderError or — when the damage falls where it changes nothing that is checked
    (e.g. a plain EF.ATR/INFO byte) — returns a result whose data still authenticate."""
    import sys
    import warnings
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from emrtd_card.card import EmrtdCard

    from mobile_case.devices.cardreader.base import CardAccess, CardReaderError

    warnings.simplefilter("ignore")
    card = EmrtdCard()
    count = 0

    class Damaged:
        def transmit(self, apdu: bytes) -> bytes:
            nonlocal count
            count += 1
            response = card.process(apdu)
            if count != at:
                return response
            if cut:
                return response[: position % max(1, len(response))]
            i = position % len(response)
            return response[:i] + bytes([response[i] ^ xor]) + response[i + 1 :]

    try:
        chip = session.read_emrtd(
            Damaged(), CardAccess.from_can(card.files.holder.can), atr=card.atr, deadline=10
        )
    except CardReaderError:
        return
    assert chip.files["DG1"] == card.files.dgs[1] and chip.files["DG2"] == card.files.dgs[2]
