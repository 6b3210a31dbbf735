"""LDS parsers (emrtd.lds) on hand-made data groups: TD1 with the УНЗР, TD3 passport MRZ (ICAO 9303 Part 4
specimen), bad check digits, DG11 names with apostrophes and patronymics, BCD and ASCII dates, DG2 with JPEG
and JPEG 2000, EF.COM, and the session's chunk sizes."""

from __future__ import annotations

from datetime import date

import pytest

from mobile_case.devices.cardreader.emrtd import crypto, lds, session
from mobile_case.devices.cardreader.emrtd.tlv import encode
from mobile_case.devices.cardreader.mrz import compose_td1

TODAY = date(2026, 12, 6)


def _dg1(text: str) -> bytes:
    return encode(0x61, encode(0x5F1F, text.encode("ascii")))


def test_td1_with_unzr() -> None:
    lines = compose_td1(document_number="004817265", birth_date=date(1952, 4, 17), sex="F",
                        expiry_date=date(2030, 3, 16), surname="DEMIANENKO", given_names="HANNA",
                        optional1="1952041702711")  # fmt: skip
    dg1 = lds.parse_dg1(_dg1("".join(lines)), today=TODAY)
    assert dg1.kind == "TD1" and dg1.lines == lines and not dg1.problems
    assert dg1.unzr == "19520417-02711"
    assert dg1.mrz.document_number == "004817265" and dg1.mrz.birth_date == date(1952, 4, 17)
    assert (dg1.mrz.surname, dg1.mrz.given_names) == ("DEMIANENKO", "HANNA")


def test_td1_with_a_wrong_unzr_check_digit_reports_it() -> None:
    lines = compose_td1(document_number="004817265", birth_date=date(1952, 4, 17), sex="F",
                        expiry_date=date(2030, 3, 16), surname="DEMIANENKO", given_names="HANNA",
                        optional1="1952041702712")  # fmt: skip
    dg1 = lds.parse_dg1(_dg1("".join(lines)), today=TODAY)
    assert dg1.unzr == "" and any("УНЗР" in p for p in dg1.problems)


def test_td1_with_a_bad_check_digit_is_parsed_with_the_problem() -> None:
    lines = list(compose_td1(document_number="004817265", birth_date=date(1952, 4, 17), sex="F",
                             expiry_date=date(2030, 3, 16), surname="DEMIANENKO", given_names="HANNA"))  # fmt: skip
    lines[0] = lines[0][:14] + str((int(lines[0][14]) + 1) % 10) + lines[0][15:]
    dg1 = lds.parse_dg1(_dg1("".join(lines)), today=TODAY)
    assert dg1.problems and dg1.mrz.document_number == "004817265"


def test_td3_specimen() -> None:
    # ICAO 9303 Part 4 specimen passport of Utopia
    text = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<L898902C36UTO7408122F1204159ZE184226B<<<<<10"
    dg1 = lds.parse_dg1(_dg1(text), today=TODAY)
    assert dg1.kind == "TD3" and not dg1.problems
    assert (dg1.mrz.surname, dg1.mrz.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert dg1.mrz.document_number == "L898902C3" and dg1.mrz.birth_date == date(1974, 8, 12)
    assert dg1.unzr == ""


@pytest.mark.parametrize("text", ["ABC", "x" * 90, "P<UTO" + "<" * 83])
def test_bad_mrz_is_an_lds_error(text: str) -> None:
    with pytest.raises(lds.LdsError):
        lds.parse_dg1(_dg1(text), today=TODAY)


@pytest.mark.parametrize(
    ("full", "expected"),
    [
        ("ДЕМ'ЯНЕНКО<<ГАННА<МАР'ЯНІВНА", ("ДЕМ'ЯНЕНКО", "ГАННА", "МАР'ЯНІВНА")),
        ("Дем'яненко<<Ганна Мар'янівна", ("Дем'яненко", "Ганна", "Мар'янівна")),
        ("ШЕВЧЕНКО<<ТАРАС<ГРИГОРОВИЧ", ("ШЕВЧЕНКО", "ТАРАС", "ГРИГОРОВИЧ")),
        ("КОВАЛЬ-ЗАЇКА<<АННА<МАРІЯ<ІЛЛІВНА", ("КОВАЛЬ-ЗАЇКА", "АННА МАРІЯ", "ІЛЛІВНА")),
        ("SMITH<<JOHN<PAUL", ("SMITH", "JOHN PAUL", "")),
        ("ОДНОІМЕННИЙ", ("ОДНОІМЕННИЙ", "", "")),
    ],
)
def test_dg11_full_name(full: str, expected: tuple[str, str, str]) -> None:
    assert lds.split_full_name(full) == expected


def test_dg11_fields_and_dates() -> None:
    data = encode(0x6B, encode(0x5C, b"\x5f\x0e\x5f\x2b\x5f\x11\x5f\x42\x5f\x10")
                  + encode(0x5F0E, "ДЕМ'ЯНЕНКО<<ГАННА<МАР'ЯНІВНА".encode())
                  + encode(0x5F10, b"1910008642")
                  + encode(0x5F2B, bytes.fromhex("19520417"))  # BCD
                  + encode(0x5F11, "М. ЧОРТКІВ<ТЕРНОПІЛЬСЬКА ОБЛ.".encode())
                  + encode(0x5F42, "ВУЛ. ШЕВЧЕНКА, 1<ЧОРТКІВ".encode())
                  + encode(0xA0, encode(0x02, b"\x01") + encode(0x5F0F, "ДЕМЯНЕНКО<<ГАННА".encode())))  # fmt: skip
    dg11 = lds.parse_dg11(data)
    assert (dg11.surname, dg11.given_name, dg11.patronymic) == ("ДЕМ'ЯНЕНКО", "ГАННА", "МАР'ЯНІВНА")
    assert dg11.birth_date == date(1952, 4, 17) and dg11.personal_number == "1910008642"
    assert (
        dg11.place_of_birth == "М. ЧОРТКІВ, ТЕРНОПІЛЬСЬКА ОБЛ."
        and dg11.address == "ВУЛ. ШЕВЧЕНКА, 1, ЧОРТКІВ"
    )
    assert dg11.other_names == ("ДЕМЯНЕНКО<<ГАННА",)
    with pytest.raises(lds.LdsError):
        lds.parse_dg11(encode(0x6B, encode(0x5F2B, b"19521317")))
    with pytest.raises(lds.LdsError):
        lds.parse_dg11(encode(0x6B, encode(0x5F0E, b"\xff\xfe")))


def test_dg12() -> None:
    dg12 = lds.parse_dg12(encode(0x6C, encode(0x5F19, b"6117") + encode(0x5F26, b"20200316")))
    assert dg12.issuing_authority == "6117" and dg12.issue_date == date(2020, 3, 16)


def _dg2(image: bytes) -> bytes:
    header = b"FAC\x00" + b"010\x00"
    facial = bytearray()
    facial += (20 + 12 + len(image)).to_bytes(4, "big") + b"\x00\x00" + bytes(14)
    facial += bytes([1, 0]) + (300).to_bytes(2, "big") + (400).to_bytes(2, "big") + bytes(6)
    record = header + (14 + len(facial) + len(image)).to_bytes(4, "big") + b"\x00\x01" + bytes(facial) + image
    bit = encode(0x7F60, encode(0xA1, b"\x80\x02\x01\x01") + encode(0x5F2E, record))
    return encode(0x75, encode(0x7F61, encode(0x02, b"\x01") + bit))


def test_dg2_finds_jpeg2000_and_jpeg() -> None:
    jp2 = bytes.fromhex("0000000C6A5020200D0A870A") + b"rest"
    dg2 = lds.parse_dg2(_dg2(jp2))
    assert dg2.image == jp2 and dg2.mime == "image/jp2" and (dg2.width, dg2.height) == (300, 400)
    assert lds.parse_dg2(_dg2(b"\xff\xd8\xff\xe0jpeg")).mime == "image/jpeg"
    with pytest.raises(lds.LdsError):
        lds.parse_dg2(_dg2(b"GIF89a"))
    with pytest.raises(lds.LdsError):
        lds.parse_dg2(_dg2(jp2)[:-3])


def test_com_lists_groups() -> None:
    com = lds.parse_com(bytes.fromhex("60145F0104303130365F36063034303030305C026175"))  # ICAO App. D EF.COM
    assert com.lds_version == "0106" and com.unicode_version == "040000" and com.data_groups == (1, 2)


@pytest.mark.parametrize(
    ("cipher", "max_response", "expected"),
    [
        (crypto.DES3, 256, 0xE7),
        (crypto.AES, 256, 0xDF),
        (crypto.AES, 0xFFFF, 0xFFDF),
        (crypto.DES3, 0x1000, 0xFE7),
    ],
)
def test_chunk_sizes_fill_the_response(cipher: str, max_response: int, expected: int) -> None:
    size = session.chunk_size(cipher, max_response)
    assert size == expected
    block = 8 if cipher == crypto.DES3 else 16
    padded = (size // block + 1) * block
    header = 4 if max_response <= 256 else 5
    assert header + padded + 4 + 10 <= max(max_response, 256)
    assert header + padded + block + 4 + 10 > max(max_response, 256)  # one more block would not fit


def test_extended_length_from_atr_and_info() -> None:
    # historical bytes 80 73 C0 21 C0: card capabilities with «extended Lc/Le» (byte 3 bit 7)
    assert session.extended_length_from_atr(bytes.fromhex("3B8580018073C021C0")) == 65536
    assert session.extended_length_from_atr(bytes.fromhex("3B8080018080")) == 0
    info = encode(0x47, b"\x00\x00\x41") + encode(
        0x7F66, encode(0x02, b"\x04\x00") + encode(0x02, b"\x10\x00")
    )
    assert session.extended_length_from_info(info) == 0x1000
    assert session.extended_length_from_info(encode(0x47, b"\x00\x00\x40")) == 65536
    assert session.extended_length_from_info(encode(0x47, b"\x00\x00\x01")) == 0
