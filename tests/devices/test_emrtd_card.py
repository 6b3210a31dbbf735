"""The virtual eMRTD card by itself: byte-exact against the ICAO 9303 Part 11 worked examples (BAC and
secure messaging of Appendix D, PACE ECDH generic mapping of Appendix G.1), its behaviour as a real card
(access control, retry counter, secure-messaging errors, reads), and its data (LDS, SOD, face image)."""

from __future__ import annotations

import hashlib
import io
from dataclasses import replace
from datetime import date

import pytest
from asn1crypto import cms
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from emrtd_card import card as card_module
from emrtd_card import crypto
from emrtd_card.card import EMRTD_AID, CardConfig, EmrtdCard
from emrtd_card.data import Holder, LdsSecurityObject, build_chip, tlv
from emrtd_card.pki import card_pki
from emrtd_card.terminal import CardError, Terminal
from PIL import Image

from mobile_case.domain.validators import validate_td1, validate_unzr

H = bytes.fromhex

# --- ICAO 9303-11 Appendix D (BAC, secure messaging) -------------------------------------------------------

D_HOLDER = Holder(document_number="L898902C", birth_date=date(1969, 8, 6), expiry_date=date(1994, 6, 23))
D_RND_IC = H("4608F91988702212")
D_K_IC = H("0B4F80323EB3191CB04970CB4052790B")
D_EXTERNAL_AUTH = H(
    "008200002872C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A728"
)
D_EXTERNAL_AUTH_RESPONSE = H(
    "46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D74499000"
)
D_EF_COM = H("60145F0104303130365F36063034303030305C026175")


def _fixed_random(monkeypatch: pytest.MonkeyPatch, by_length: dict[int, list[bytes]]) -> None:
    def urandom(n: int) -> bytes:
        return by_length[n].pop(0)

    monkeypatch.setattr(card_module.os, "urandom", urandom)


def _appendix_g_chip(monkeypatch: pytest.MonkeyPatch) -> EmrtdCard:
    """The chip of ICAO 9303-11 Appendix G (PACE generic mapping) with the appendix's nonce and keys."""
    chip = EmrtdCard(CardConfig(files=build_chip(G_HOLDER), pace=(("AES-128", 13),)))
    _fixed_random(monkeypatch, {16: [H("3F00C4D39D153F2B2A214A078D899B22")]})
    chip_keys = [
        0x498FF49756F2DC1587840041839A85982BE7761D14715FB091EFA7BCE9058560,
        0x107CF58696EF6155053340FD633392BA81909DF7B9706F226F32086C7AFF974A,
    ]
    monkeypatch.setattr(crypto, "random_scalar", lambda curve: chip_keys.pop(0))
    return chip


def test_bac_and_secure_messaging_match_appendix_d(monkeypatch: pytest.MonkeyPatch) -> None:
    assert D_HOLDER.mrz_information == "L898902C<369080619406236"
    files = replace(build_chip(D_HOLDER), com=D_EF_COM)
    chip = EmrtdCard(CardConfig(files=files, pace=()))
    _fixed_random(monkeypatch, {8: [D_RND_IC], 16: [D_K_IC]})
    assert chip.process(b"\x00\x84\x00\x00\x08") == D_RND_IC + b"\x90\x00"
    assert chip.process(D_EXTERNAL_AUTH) == D_EXTERNAL_AUTH_RESPONSE
    sm = chip.state.sm
    assert sm is not None
    assert sm.ks_enc == H("979EC13B1CBFE9DCD01AB0FED307EAE5")
    assert sm.ks_mac == H("F1CB1F1FB5ADF208806B89DC579DC1F8")
    assert sm.ssc == 0x887022120C06C226
    # D.4: the application is taken as selected; SELECT EF.COM, READ BINARY 4, READ BINARY 18
    chip.state.df = card_module.APP
    assert chip.process(H("0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800")) == H(
        "990290008E08FA855A5D4C50A8ED9000"
    )
    assert chip.process(H("0CB000000D9701048E08ED6705417E96BA5500")) == H(
        "8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000"
    )
    assert chip.process(H("0CB000040D9701128E082EA28A70F3C7B53500")) == H(
        "871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000"
    )


# --- ICAO 9303-11 Appendix G.1 (PACE, ECDH generic mapping, brainpoolP256r1, AES-128, MRZ) ---------------

G_HOLDER = Holder(document_number="T22000129", birth_date=date(1964, 8, 12), expiry_date=date(2010, 10, 31))
G_OID_MSE = "0022C1A40F800A04007F00070202040202830101"
G_PK_MAP_IFD = "047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D"  # noqa: E501
G_PK_MAP_IC = "04824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F5730D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54"  # noqa: E501
G_PK_DH_IFD = "042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462"  # noqa: E501
G_PK_DH_IC = "049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094"  # noqa: E501
G_TRANSCRIPT = [
    (G_OID_MSE, "9000"),
    ("10860000027C0000", "7C12801095A3A016522EE98D01E76CB6B98B42C39000"),
    ("10860000457C438141" + G_PK_MAP_IFD + "00", "7C438241" + G_PK_MAP_IC + "9000"),
    ("10860000457C438341" + G_PK_DH_IFD + "00", "7C438441" + G_PK_DH_IC + "9000"),
    ("008600000C7C0A8508C2B0BD78D94BA86600", "7C0A86083ABB9674BCE93C089000"),
]


def test_pace_generic_mapping_matches_appendix_g1(monkeypatch: pytest.MonkeyPatch) -> None:
    assert hashlib.sha1(G_HOLDER.mrz_information.encode()).digest() == H(
        "7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD"
    )
    chip = _appendix_g_chip(monkeypatch)
    for command, response in G_TRANSCRIPT:
        assert chip.process(H(command)).hex().upper() == response, command
    sm = chip.state.sm
    assert sm is not None and sm.ssc == 0
    assert sm.ks_enc == H("F5F0E35C0D7161EE6724EE513A0D9A7F")
    assert sm.ks_mac == H("FE251C7858B356B24514B3BD5F4297D1")
    assert chip.authentications == ["PACE-MRZ"]


def test_pace_with_a_wrong_token_is_refused_and_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    chip = _appendix_g_chip(monkeypatch)
    for command, response in G_TRANSCRIPT[:-1]:
        assert chip.process(H(command)).hex().upper() == response
    assert chip.process(H("008600000C7C0A8508C2B0BD78D94BA86700")) == H("63C2")
    assert chip.state.sm is None and chip.retries == 2


# --- behaviour ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def files():
    return build_chip()


@pytest.mark.parametrize(
    ("cipher", "parameter_id"),
    [("AES-128", 13), ("AES-192", 16), ("AES-256", 17), ("3DES", 13), ("AES-128", 12), ("AES-256", 15)],
)
def test_pace_with_the_can_opens_every_file(files, cipher: str, parameter_id: int) -> None:
    chip = EmrtdCard(CardConfig(files=files, pace=((cipher, parameter_id),)))
    terminal = Terminal(chip.process)
    terminal.pace(files.holder.can, cipher=cipher, parameter_id=parameter_id)
    terminal.select_application()
    assert terminal.read_file(0x0101) == files.dgs[1]
    assert terminal.read_file(0x010B) == files.dgs[11]
    assert terminal.read_file(0x011D) == files.sod
    assert chip.authentications == ["PACE-CAN"]


def test_card_access_announces_the_configured_pace_options(files) -> None:
    chip = EmrtdCard(CardConfig(files=files, pace=(("AES-128", 13), ("3DES", 12))))
    data = Terminal(chip.process).plain(b"\x00\xb0\x9c\x00\x00")
    assert data.startswith(b"\x31")
    assert H("060A04007F0007020204020202010202010D") in data
    assert H("060A04007F0007020204020102010202010C") in data


def test_data_groups_are_closed_before_access_control(files) -> None:
    chip = EmrtdCard(CardConfig(files=files))
    terminal = Terminal(chip.process)
    terminal.select_application()
    terminal.plain(b"\x00\xa4\x02\x0c\x02\x01\x01")
    with pytest.raises(CardError) as info:
        terminal.plain(b"\x00\xb0\x00\x00\x04")
    assert info.value.sw == 0x6982


def test_a_bad_mac_is_refused_and_ends_the_session(files) -> None:
    chip = EmrtdCard(CardConfig(files=files))
    terminal = Terminal(chip.process)
    terminal.pace(files.holder.can)
    apdu = bytearray(terminal.protect(0xA4, 0x04, 0x0C, EMRTD_AID))
    apdu[-3] ^= 0x01  # last MAC byte
    assert chip.process(bytes(apdu)) == H("6988")
    assert chip.state.sm is None
    assert chip.process(terminal.protect(0xA4, 0x04, 0x0C, EMRTD_AID)) == H("6882")


def test_retry_counter_suspends_then_blocks(files) -> None:
    chip = EmrtdCard(CardConfig(files=files))
    answers = []
    for _ in range(4):
        with pytest.raises(CardError) as info:
            Terminal(chip.process).pace("000000")
        answers.append(info.value.sw)
    assert answers == [0x63C2, 0x63C1, 0x6983, 0x6983]
    with pytest.raises(CardError) as info:
        Terminal(chip.process).pace(files.holder.can)
    assert info.value.sw == 0x6983


def test_a_right_password_resets_the_retry_counter(files) -> None:
    chip = EmrtdCard(CardConfig(files=files))
    with pytest.raises(CardError):
        Terminal(chip.process).pace("000000")
    Terminal(chip.process).pace(files.holder.can)
    assert chip.retries == 3


def test_bac_only_card_has_no_pace_and_opens_with_the_mrz(files) -> None:
    chip = EmrtdCard(CardConfig(files=files, pace=()))
    terminal = Terminal(chip.process)
    assert chip.process(b"\x00\xb0\x9c\x00\x00")[-2:] == H("6A82")
    assert chip.process(H(G_OID_MSE))[-2:] == H("6D00")
    terminal.select_application()
    terminal.bac(files.holder.mrz_information)
    assert terminal.read_file(0x0102) == files.dgs[2]
    wrong = Terminal(chip.process)
    with pytest.raises(CardError) as info:
        wrong.bac("000000000" + "0" + "5204179" + "3003161")
    assert info.value.sw == 0x6300


def test_extended_length_reads_the_photo_in_one_command(files) -> None:
    chip = EmrtdCard(CardConfig(files=files))
    terminal = Terminal(chip.process)
    terminal.pace(files.holder.can)
    terminal.select_application()
    before = chip.commands
    assert terminal.read_file(0x0102, chunk=0xFFFF) == files.dgs[2]
    assert chip.commands - before == 3  # SELECT, the 4-byte head, the rest


def test_short_reads_fit_a_short_response(files) -> None:
    chip = EmrtdCard(CardConfig(files=files, extended_length=False))
    terminal = Terminal(chip.process)
    terminal.pace(files.holder.can)
    terminal.select_application()
    response = chip.process(terminal.protect(0xA4, 0x02, 0x0C, b"\x01\x02"))
    terminal.unprotect(response)
    response = chip.process(terminal.protect(0xB0, 0, 0, le=0xDF))
    assert len(response) <= 258
    assert len(terminal.unprotect(response)[0]) == 0xDF
    assert chip.process(b"\x00\xb0\x00\x00\x00\x01\x00")[-2:] == H("6700")  # extended APDU refused
    ext = Terminal(EmrtdCard(CardConfig(files=files)).process)
    assert ext.plain(b"\x00\xb0\x81\x00\x00")[:2] == H("4703")  # EF.ATR/INFO, SFI 1


def test_a_bank_card_has_no_emrtd_application() -> None:
    chip = EmrtdCard(CardConfig(bank_card=True))
    assert chip.process(b"\x00\xa4\x04\x0c\x07" + EMRTD_AID) == H("6A82")
    assert chip.process(b"\x00\xa4\x04\x00\x0e2PAY.SYS.DDF01\x00")[-2:] == H("9000")


# --- data ----------------------------------------------------------------------------------------------------


def _tlv_value(data: bytes, tag: bytes, last: bool = False) -> bytes:
    """The value of the first (``last``: the last) occurrence of ``tag`` — enough for these fixed layouts."""
    i = (data.rindex(tag) if last else data.index(tag)) + len(tag)
    n = data[i]
    if n == 0x81:
        return data[i + 2 : i + 2 + data[i + 1]]
    if n == 0x82:
        return data[i + 3 : i + 3 + int.from_bytes(data[i + 1 : i + 3], "big")]
    return data[i + 1 : i + 1 + n]


def test_mrz_is_a_valid_ukrainian_td1_with_the_unzr(files) -> None:
    lines = files.holder.mrz
    assert [len(x) for x in lines] == [30, 30, 30]
    validate_td1(list(lines))
    assert lines[0][15:28] == files.holder.unzr.replace("-", "")
    assert validate_unzr(files.holder.unzr, files.holder.birth_date) == "19520417-02711"
    assert _tlv_value(files.dgs[1], b"\x5f\x1f").decode() == "".join(lines)


def test_dg11_and_dg12_hold_cyrillic_utf8_and_the_issuing_office(files) -> None:
    name = _tlv_value(files.dgs[11], b"\x5f\x0e", last=True).decode("utf-8")
    assert name == "Дем'яненко<<Ганна<Мар'янівна"
    assert _tlv_value(files.dgs[12], b"\x5f\x19", last=True) == b"6117"
    assert _tlv_value(files.dgs[12], b"\x5f\x26", last=True) == b"20200316"


def test_dg2_holds_a_jpeg2000_face_of_about_15_kb(files) -> None:
    assert 12_000 <= len(files.face) <= 16_500
    assert files.face[:12] == H("0000000C6A5020200D0A870A")  # JP2 signature box
    record = _tlv_value(files.dgs[2], b"\x5f\x2e")
    assert record[:8] == b"FAC\x00010\x00"
    assert record.endswith(files.face)
    image = Image.open(io.BytesIO(files.face))
    assert image.size == (300, 400)
    image.load()


def test_sod_signs_the_hashes_of_every_data_group(files) -> None:
    info = cms.ContentInfo.load(files.sod[4:])
    signed = info["content"]
    lso = LdsSecurityObject.load(signed["encap_content_info"]["content"].native)
    hashes_by_dg = {
        h["data_group_number"].native: h["data_group_hash_value"].native
        for h in lso["data_group_hash_values"]
    }
    assert hashes_by_dg == {n: hashlib.sha256(d).digest() for n, d in files.dgs.items()}
    signer = signed["signer_infos"][0]
    pki = card_pki()
    pki.ds_cert.public_key().verify(
        signer["signature"].native,
        b"\x31" + signer["signed_attrs"].dump(force=True)[1:],
        ec.ECDSA(hashes.SHA256()),
    )
    pki.csca_cert.public_key().verify(
        pki.ds_cert.signature, pki.ds_cert.tbs_certificate_bytes, ec.ECDSA(hashes.SHA256())
    )
    assert signed["certificates"][0].dump() == pki.ds_der


def test_tampered_and_badly_signed_chips(files) -> None:
    tampered = build_chip(tamper_dg=11)
    lso = LdsSecurityObject.load(
        cms.ContentInfo.load(tampered.sod[4:])["content"]["encap_content_info"]["content"].native
    )
    signed_hash = lso["data_group_hash_values"][2]["data_group_hash_value"].native
    assert signed_hash == hashlib.sha256(files.dgs[11]).digest() != hashlib.sha256(tampered.dgs[11]).digest()
    assert "Бучач".encode() in tampered.dgs[11]
    broken = build_chip(bad_signature=True)
    signer = cms.ContentInfo.load(broken.sod[4:])["content"]["signer_infos"][0]
    with pytest.raises(InvalidSignature):
        card_pki().ds_cert.public_key().verify(
            signer["signature"].native,
            b"\x31" + signer["signed_attrs"].dump(force=True)[1:],
            ec.ECDSA(hashes.SHA256()),
        )


def test_tlv_lengths() -> None:
    assert tlv(0x5F1F, b"x" * 90)[:3] == H("5F1F5A")
    assert tlv(0x75, b"x" * 200)[:3] == H("7581C8")
    assert tlv(0x75, b"x" * 15000)[:4] == H("75823A98")
