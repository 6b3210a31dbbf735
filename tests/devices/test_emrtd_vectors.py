"""Byte-exact tests against the ICAO 9303 Part 11 worked examples.

BAC: Appendix D (MRZ information ``L898902C<369080619406236``): key seed, Kenc/Kmac, EXTERNAL AUTHENTICATE,
session keys, SSC, the protected SELECT / READ BINARY of EF.COM and their responses.
PACE: Appendix G.1 (ECDH generic mapping, brainpoolP256r1, AES-128, MRZ password T22000129/640812/101031):
K, Kπ, nonce, mapped generator, ephemeral keys, shared secret, session keys and both tokens, and the APDUs.
Values typed in from the standard's worked examples (cross-checked with the public test suites that quote them).
"""

from __future__ import annotations

import pytest
from ecdsa import ellipticcurve

from mobile_case.devices.cardreader.emrtd import bac, crypto, pace
from mobile_case.devices.cardreader.emrtd.apdu import StatusError
from mobile_case.devices.cardreader.emrtd.sm import SecureMessaging, SMError

H = bytes.fromhex


class ScriptedCard:
    """A transport that expects exactly the given commands and answers the given responses."""

    def __init__(self, script: list[tuple[str, str]]) -> None:
        self.script = [(H(c), H(r)) for c, r in script]
        self.sent: list[bytes] = []

    def transmit(self, apdu: bytes) -> bytes:
        index = len(self.sent)
        self.sent.append(apdu)
        expected, response = self.script[index]
        assert apdu.hex().upper() == expected.hex().upper(), f"command {index}"
        return response

    @property
    def finished(self) -> bool:
        return len(self.sent) == len(self.script)


# ------------------------------------------------------------------------------------------ BAC (App. D)
MRZ_INFO = "L898902C<369080619406236"
RND_IC = "4608F91988702212"
RND_IFD = "781723860C06C226"
K_IFD = "0B795240CB7049B01C19B33E32804F0B"
EXT_AUTH = "72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A7"
EXT_AUTH_RESP = "46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449"


def test_bac_key_derivation() -> None:
    assert bac.key_seed(MRZ_INFO) == H("239AB9CB282DAF66231DC5A4DF6BFBAE")
    k_enc, k_mac = bac.derive_bac_keys(MRZ_INFO)
    assert k_enc == H("AB94FDECF2674FDFB9B391F85D7F76F2")
    assert k_mac == H("7962D9ECE03D1ACD4C76089DCE131543")


def test_bac_mutual_authentication_and_session_keys() -> None:
    card = ScriptedCard(
        [("0084000008", RND_IC + "9000"), ("0082000028" + EXT_AUTH + "28", EXT_AUTH_RESP + "9000")]
    )
    sm = bac.bac(card, MRZ_INFO, rnd_ifd=H(RND_IFD), k_ifd=H(K_IFD))
    assert card.finished
    assert sm.ks_enc == H("979EC13B1CBFE9DCD01AB0FED307EAE5")
    assert sm.ks_mac == H("F1CB1F1FB5ADF208806B89DC579DC1F8")
    assert sm.ssc == 0x887022120C06C226


def _app_d_session() -> SecureMessaging:
    return SecureMessaging(
        H("979EC13B1CBFE9DCD01AB0FED307EAE5"), H("F1CB1F1FB5ADF208806B89DC579DC1F8"), 0x887022120C06C226,
        crypto.DES3,
    )  # fmt: skip


def test_bac_secure_messaging_select_and_read_ef_com() -> None:
    sm = _app_d_session()
    assert sm.protect(H("00A4020C02011E")) == H("0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800")
    assert sm.unprotect(H("990290008E08FA855A5D4C50A8ED9000")) == (b"", 0x9000)
    assert sm.protect(H("00B0000004")) == H("0CB000000D9701048E08ED6705417E96BA5500")
    assert sm.unprotect(H("8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000")) == (
        H("60145F01"),
        0x9000,
    )
    assert sm.protect(H("00B0000412")) == H("0CB000040D9701128E082EA28A70F3C7B53500")
    data, sw = sm.unprotect(
        H("871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000")
    )
    assert data == H("04303130365F36063034303030305C026175") and sw == 0x9000
    assert sm.ssc == 0x887022120C06C22C


def test_bac_wrong_key_is_a_status_error() -> None:
    card = ScriptedCard([("0084000008", RND_IC + "9000"), ("0082000028" + EXT_AUTH + "28", "6300")])
    with pytest.raises(StatusError) as err:
        bac.bac(card, MRZ_INFO, rnd_ifd=H(RND_IFD), k_ifd=H(K_IFD))
    assert err.value.sw == 0x6300


def test_bac_forged_answer_is_rejected() -> None:
    forged = EXT_AUTH_RESP[:-2] + ("48" if EXT_AUTH_RESP[-2:] != "48" else "47")
    card = ScriptedCard([("0084000008", RND_IC + "9000"), ("0082000028" + EXT_AUTH + "28", forged + "9000")])
    with pytest.raises(bac.BacError):
        bac.bac(card, MRZ_INFO, rnd_ifd=H(RND_IFD), k_ifd=H(K_IFD))


@pytest.mark.parametrize(
    "response",
    [
        "990290008E08FA855A5D4C50A8EC9000",  # MAC changed in its last bit
        "990290018E08FA855A5D4C50A8ED9000",  # status object changed under the MAC
        "99029000" + "9000",  # MAC missing
        "9000",  # plain 90 00 to a protected command
        "990290008E08FA855A5D4C50A8",  # truncated
        "6987",  # SM objects wrong
    ],
)
def test_sm_rejects_a_bad_response(response: str) -> None:
    sm = _app_d_session()
    sm.protect(H("00A4020C02011E"))
    with pytest.raises(SMError):
        sm.unprotect(H(response))


# ------------------------------------------------------------------------------------------ PACE (App. G.1)
K_MRZ = "7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD"
K_PI = "89DED1B26624EC1E634C1989302849DD"
NONCE_Z = "95A3A016522EE98D01E76CB6B98B42C3"
NONCE_S = "3F00C4D39D153F2B2A214A078D899B22"
SK_MAP_IFD = 0x7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99
PK_MAP_IFD = (
    "047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E"
    "544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D"
)
PK_MAP_IC = (
    "04824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F57"
    "30D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54"
)
H_POINT = (
    "0460332EF2450B5D247EF6D3868397D398852ED6E8CAF6FFEEF6BF85CA57057FD5"
    "0840CA7415BAF3E43BD414D35AA4608B93A2CAF3A4E3EA4E82C9C13D03EB7181"
)
G_HAT = (
    "048CED63C91426D4F0EB1435E7CB1D74A46723A0AF21C89634F65A9AE87A9265E2"
    "8C879506743F8611AC33645C5B985C80B5F09A0B83407C1B6A4D857AE76FE522"
)
SK_DH_IFD = 0xA73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595
PK_DH_IFD = (
    "042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C"
    "3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462"
)
PK_DH_IC = (
    "049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB"
    "7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094"
)
SHARED = "28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925"
KS_ENC = "F5F0E35C0D7161EE6724EE513A0D9A7F"
KS_MAC = "FE251C7858B356B24514B3BD5F4297D1"
T_IFD = "C2B0BD78D94BA866"
T_IC = "3ABB9674BCE93C08"
# EF.CardAccess of App. G.1: one PACEInfo, id-PACE-ECDH-GM-AES-CBC-CMAC-128, version 2, parameter id 13
CARD_ACCESS = "31143012060A04007F0007020204020202010202010D"
MRZ_G = "T22000129364081251010318"


def _info() -> pace.PaceInfo:
    infos = pace.parse_card_access(H(CARD_ACCESS))
    assert len(infos) == 1
    return infos[0]


def test_pace_card_access_parsed() -> None:
    info = _info()
    assert info.oid == "0.4.0.127.0.7.2.2.4.2.2"
    assert (info.version, info.parameter_id, info.mapping, info.cipher, info.key_bits) == (
        2, 13, "ECDH-GM", crypto.AES, 128,
    )  # fmt: skip
    assert info.domain is not None and info.domain.name == "BRAINPOOLP256r1"
    assert pace.choose([info]) is info


def test_pace_password_and_nonce() -> None:
    pi = pace.password_bytes(pace.PASSWORD_MRZ, MRZ_G)
    assert pi == H(K_MRZ)
    assert crypto.kdf_pi(pi, crypto.AES, 128) == H(K_PI)
    assert crypto.aes_cbc_dec(H(K_PI), H(NONCE_Z)) == H(NONCE_S)


def test_pace_generic_mapping_and_key_agreement() -> None:
    domain = _info().domain
    assert domain is not None
    assert pace.encode_point(domain.generator * SK_MAP_IFD, 32) == H(PK_MAP_IFD)
    pk_map_ic = pace.decode_point(domain, H(PK_MAP_IC))
    assert pace.encode_point(pk_map_ic * SK_MAP_IFD, 32) == H(H_POINT)
    g_hat = pace.map_generator(domain, int(NONCE_S, 16), SK_MAP_IFD, pk_map_ic)
    assert pace.encode_point(g_hat, 32) == H(G_HAT)
    assert pace.encode_point(g_hat * SK_DH_IFD, 32) == H(PK_DH_IFD)
    shared = pace.decode_point(domain, H(PK_DH_IC)) * SK_DH_IFD
    assert shared.x().to_bytes(32, "big") == H(SHARED)
    assert crypto.kdf_enc(H(SHARED), crypto.AES, 128) == H(KS_ENC)
    assert crypto.kdf_mac(H(SHARED), crypto.AES, 128) == H(KS_MAC)
    assert pace.auth_token(_info(), H(KS_MAC), H(PK_DH_IC)) == H(T_IFD)
    assert pace.auth_token(_info(), H(KS_MAC), H(PK_DH_IFD)) == H(T_IC)


def _transcript(final: str = "7C0A8608" + T_IC + "9000") -> ScriptedCard:
    return ScriptedCard(
        [
            ("0022C1A40F800A04007F00070202040202830101", "9000"),
            ("10860000027C0000", "7C128010" + NONCE_Z + "9000"),
            ("10860000457C438141" + PK_MAP_IFD + "00", "7C438241" + PK_MAP_IC + "9000"),
            ("10860000457C438341" + PK_DH_IFD + "00", "7C438441" + PK_DH_IC + "9000"),
            ("008600000C7C0A8508" + T_IFD + "00", final),
        ]
    )


def _keys():  # noqa: ANN202
    keys = iter([SK_MAP_IFD, SK_DH_IFD])
    return lambda domain: next(keys)


def test_pace_full_exchange_byte_exact() -> None:
    card = _transcript()
    outcome = pace.pace(card, MRZ_G, pace.PASSWORD_MRZ, _info(), key_source=_keys())
    assert card.finished
    assert outcome.sm.ks_enc == H(KS_ENC) and outcome.sm.ks_mac == H(KS_MAC)
    assert outcome.sm.ssc == 0 and outcome.sm.cipher == crypto.AES


def test_pace_wrong_chip_token_is_rejected() -> None:
    card = _transcript("7C0A8608" + "00" * 8 + "9000")
    with pytest.raises(pace.PaceError):
        pace.pace(card, MRZ_G, pace.PASSWORD_MRZ, _info(), key_source=_keys())


def test_pace_wrong_password_reports_the_counter() -> None:
    card = _transcript("63C2")
    with pytest.raises(StatusError) as err:
        pace.pace(card, MRZ_G, pace.PASSWORD_MRZ, _info(), key_source=_keys())
    assert err.value.sw == 0x63C2


def test_pace_rejects_a_point_off_the_curve() -> None:
    domain = _info().domain
    assert domain is not None
    bad = H(PK_MAP_IC)[:-1] + bytes([H(PK_MAP_IC)[-1] ^ 1])
    with pytest.raises(pace.PaceError):
        pace.decode_point(domain, bad)
    assert ellipticcurve.INFINITY is not None


@pytest.mark.parametrize("pid", [12, 13, 15, 16, 17, 18])
def test_pace_standard_curves_round_trip(pid: int) -> None:
    """Both sides of a generic mapping on every curve the reader supports agree on G~ and the secret."""
    domain = pace.curve_for_parameter_id(pid)
    assert domain is not None
    s, sk_pcd, sk_ic = 0x1234567, 0xABCDEF123, 0x987654321
    g1 = pace.map_generator(domain, s, sk_pcd, domain.generator * sk_ic)
    g2 = pace.map_generator(domain, s, sk_ic, domain.generator * sk_pcd)
    assert pace.encode_point(g1, domain.size) == pace.encode_point(g2, domain.size)
    assert domain.curve.contains_point(g1.x(), g1.y())


def test_aes_secure_messaging_after_pace_g1() -> None:
    """SELECT of the eMRTD application protected with the App. G.1 session keys (SSC 0 → 1): the AES IV is
    E(KSenc, SSC) of the command's own SSC. Cross-check value from a public PACE test suite (computed from
    the App. G.1 keys; the standard itself stops at the tokens)."""
    sm = SecureMessaging(H(KS_ENC), H(KS_MAC), 0, crypto.AES)
    assert sm.protect(H("00A4040C07A0000002471001")) == H(
        "0CA4040C1D871101752F676B09FAC86A87D632749A49C7CC8E08C18BA1FCE707BD9F00"
    )
    assert sm.unprotect(H("990290008E08BEA7B381C494A0799000")) == (b"", 0x9000)
    assert sm.ssc == 2


def test_card_access_with_explicit_domain_parameters() -> None:
    """A PACEInfo with a proprietary parameter id (32) and its PACEDomainParameterInfo carrying the curve as
    explicit ECParameters (here brainpoolP256r1's): the reader builds the same group."""
    from asn1crypto import core, keys

    bp = pace.curve_for_parameter_id(13)
    assert bp is not None
    size = bp.size
    g = bp.generator
    spec = keys.SpecifiedECDomain({
        "version": "ecdpVer1",
        "field_id": {"field_type": "prime_field", "parameters": bp.curve.p()},
        "curve": {"a": bp.curve.a().to_bytes(size, "big"), "b": bp.curve.b().to_bytes(size, "big")},
        "base": b"\x04" + g.x().to_bytes(size, "big") + g.y().to_bytes(size, "big"),
        "order": bp.order,
        "cofactor": 1,
    })  # fmt: skip
    oid = core.ObjectIdentifier
    info_der = tlv_seq(
        oid("0.4.0.127.0.7.2.2.4.2.2").dump() + core.Integer(2).dump() + core.Integer(32).dump()
    )
    domain_der = tlv_seq(
        oid("0.4.0.127.0.7.2.2.4.2").dump()  # id-PACE-ECDH-GM: the domain parameter info's protocol
        + tlv_seq(oid("1.2.840.10045.2.1").dump() + spec.dump())  # AlgorithmIdentifier {ecPublicKey, params}
        + core.Integer(32).dump()
    )
    from mobile_case.devices.cardreader.emrtd.tlv import encode

    card_access = encode(0x31, info_der + domain_der)
    (parsed,) = pace.parse_card_access(card_access)
    assert parsed.parameter_id == 32 and parsed.supported and parsed.domain is not None
    assert parsed.domain.curve.p() == bp.curve.p() and parsed.domain.order == bp.order
    assert pace.encode_point(parsed.domain.generator * 12345, size) == pace.encode_point(g * 12345, size)


def tlv_seq(content: bytes) -> bytes:
    from mobile_case.devices.cardreader.emrtd.tlv import encode

    return encode(0x30, content)
