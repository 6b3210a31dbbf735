"""Passive authentication (emrtd.passive_auth) on SODs built here with every signature scheme the reader
accepts: ECDSA (DER and BSI plain r‖s), RSA PKCS#1 v1.5, RSA-PSS; hashes SHA-1…SHA-512; signed attributes
present or absent; signer by issuer+serial or by key identifier; a CSCA key with explicit curve parameters;
CSCA master lists. And what must not pass: wrong hash, wrong messageDigest, wrong signature, a DS that the
CSCA of that name did not sign."""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import cache
from pathlib import Path

import pytest
from asn1crypto import algos, cms, core, keys
from asn1crypto import x509 as ax509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.x509.oid import NameOID

from mobile_case.devices.cardreader.base import Verdict
from mobile_case.devices.cardreader.emrtd import tlv
from mobile_case.devices.cardreader.emrtd.passive_auth import (
    CscaMasterList,
    LdsSecurityObject,
    load_cscas,
    public_key,
    verify,
)

DGS = {1: b"\x61\x03\x5f\x1f\x00", 2: b"\x75\x02\x00\x00", 11: bytes.fromhex("6B055F0E02D090")}
_HASH = {"sha1": hashes.SHA1, "sha224": hashes.SHA224, "sha256": hashes.SHA256, "sha384": hashes.SHA384,
         "sha512": hashes.SHA512}  # fmt: skip


def _name(cn: str) -> x509.Name:
    return x509.Name(
        [x509.NameAttribute(NameOID.COUNTRY_NAME, "UA"), x509.NameAttribute(NameOID.COMMON_NAME, cn)]
    )


def _cert(
    subject: str, issuer: str, key, signer, hash_cls=hashes.SHA256, pss: bool = False
) -> x509.Certificate:  # noqa: ANN001
    now = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    builder = (x509.CertificateBuilder().subject_name(_name(subject)).issuer_name(_name(issuer))
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now).not_valid_after(now + dt.timedelta(days=3650 * 3))
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False))  # fmt: skip
    if pss:
        return builder.sign(
            signer, hash_cls(), rsa_padding=padding.PSS(padding.MGF1(hash_cls()), hash_cls.digest_size)
        )
    return builder.sign(signer, hash_cls())


@cache
def _keys() -> dict[str, object]:
    return {
        "csca_ec": ec.generate_private_key(ec.BrainpoolP256R1()),
        "ds_ec": ec.generate_private_key(ec.SECP384R1()),
        "csca_rsa": rsa.generate_private_key(65537, 2048),
        "ds_rsa": rsa.generate_private_key(65537, 2048),
    }


def _der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.DER)


def build_sod(dgs: dict[int, bytes], scheme: str = "ecdsa", hash_name: str = "sha256", *, attrs: bool = True,
              by_key_id: bool = False, lie_digest: bool = False, pss: bool = False) -> tuple[bytes, bytes]:  # fmt: skip
    """(EF.SOD, CSCA certificate DER) for a DS of ``scheme`` ("ecdsa", "ecdsa_plain", "rsa", "rsa_pss")."""
    k = _keys()
    if scheme.startswith("ecdsa"):
        csca_key, ds_key = k["csca_ec"], k["ds_ec"]
    else:
        csca_key, ds_key = k["csca_rsa"], k["ds_rsa"]
    csca = _cert("CSCA UA TEST", "CSCA UA TEST", csca_key, csca_key)
    ds = _cert("DS UA TEST", "CSCA UA TEST", ds_key, csca_key, pss=pss and not scheme.startswith("ecdsa"))
    lso = LdsSecurityObject({
        "version": 0, "hash_algorithm": {"algorithm": hash_name},
        "data_group_hash_values": [{"data_group_number": n, "data_group_hash_value": hashlib.new(hash_name, v).digest()}
                                   for n, v in sorted(dgs.items())],
    }).dump()  # fmt: skip
    digest = hashlib.new(hash_name, lso).digest()
    if lie_digest:
        digest = bytes(len(digest))
    signed_attrs = cms.CMSAttributes([
        {"type": "content_type", "values": ["2.23.136.1.1.1"]},
        {"type": "message_digest", "values": [digest]},
    ])  # fmt: skip
    to_sign = signed_attrs.dump() if attrs else lso
    h = _HASH[hash_name]()
    if scheme == "ecdsa":
        signature = ds_key.sign(to_sign, ec.ECDSA(h))
        sig_alg = {"algorithm": f"{hash_name}_ecdsa"}
    elif scheme == "ecdsa_plain":
        r, s = decode_dss_signature(ds_key.sign(to_sign, ec.ECDSA(h)))
        signature = r.to_bytes(48, "big") + s.to_bytes(48, "big")
        sig_alg = {
            "algorithm": "0.4.0.127.0.7.1.1.4.1."
            + str(["sha1", "sha224", "sha256", "sha384", "sha512"].index(hash_name) + 1)
        }
    elif scheme == "rsa":
        signature = ds_key.sign(to_sign, padding.PKCS1v15(), h)
        sig_alg = {"algorithm": f"{hash_name}_rsa"}
    else:
        signature = ds_key.sign(to_sign, padding.PSS(padding.MGF1(h), 32), h)
        sig_alg = {"algorithm": "rsassa_pss", "parameters": algos.RSASSAPSSParams({
            "hash_algorithm": {"algorithm": hash_name},
            "mask_gen_algorithm": {"algorithm": "mgf1", "parameters": {"algorithm": hash_name}},
            "salt_length": 32})}  # fmt: skip
    ds_a = ax509.Certificate.load(_der(ds))
    sid = (cms.SignerIdentifier({"subject_key_identifier": ds_a.key_identifier}) if by_key_id else
           cms.SignerIdentifier({"issuer_and_serial_number": {"issuer": ds_a.issuer, "serial_number": ds_a.serial_number}}))  # fmt: skip
    signer = {"version": "v3" if by_key_id else "v1", "sid": sid, "digest_algorithm": {"algorithm": hash_name},
              "signature_algorithm": sig_alg, "signature": signature}  # fmt: skip
    if attrs:
        signer["signed_attrs"] = signed_attrs
    signed = cms.SignedData({
        "version": "v3", "digest_algorithms": [{"algorithm": hash_name}],
        "encap_content_info": {"content_type": "2.23.136.1.1.1", "content": core.ParsableOctetString(lso)},
        "certificates": [ds_a], "signer_infos": [cms.SignerInfo(signer)],
    })  # fmt: skip
    info = cms.ContentInfo({"content_type": "signed_data", "content": signed}).dump()
    return tlv.encode(0x77, info), _der(csca)


def _folder(tmp_path: Path, *ders: bytes) -> Path:
    folder = tmp_path / "csca"
    folder.mkdir(exist_ok=True)
    for i, der in enumerate(ders):
        (folder / f"c{i}.der").write_bytes(der)
    return folder


@pytest.mark.parametrize("scheme", ["ecdsa", "ecdsa_plain", "rsa", "rsa_pss"])
@pytest.mark.parametrize("hash_name", ["sha1", "sha224", "sha256", "sha384", "sha512"])
def test_every_scheme_and_hash_is_authentic(scheme: str, hash_name: str, tmp_path: Path) -> None:
    sod, csca = build_sod(DGS, scheme, hash_name)
    result = verify(sod, DGS, _folder(tmp_path, csca))
    assert result.verdict is Verdict.AUTHENTIC, result.detail
    assert result.checked_dgs == (1, 2, 11) and result.hash_algorithm == hash_name


def test_pss_signed_ds_certificate_and_key_id_signer_without_signed_attributes(tmp_path: Path) -> None:
    sod, csca = build_sod(DGS, "rsa_pss", attrs=False, by_key_id=True, pss=True)
    assert verify(sod, DGS, _folder(tmp_path, csca)).verdict is Verdict.AUTHENTIC


def test_a_group_not_in_the_sod_or_with_another_hash_is_altered(tmp_path: Path) -> None:
    sod, csca = build_sod(DGS)
    folder = _folder(tmp_path, csca)
    changed = {**DGS, 11: DGS[11][:-1] + b"\x91"}
    result = verify(sod, changed, folder)
    assert result.verdict is Verdict.DATA_ALTERED and result.failed_dgs == (11,) and "DG11" in result.detail
    assert verify(sod, {**DGS, 12: b"\x6c\x00"}, folder).verdict is Verdict.DATA_ALTERED


def test_wrong_message_digest_is_altered(tmp_path: Path) -> None:
    sod, csca = build_sod(DGS, lie_digest=True)
    result = verify(sod, DGS, _folder(tmp_path, csca))
    assert result.verdict is Verdict.DATA_ALTERED and "messageDigest" in result.detail


def test_ds_not_signed_by_the_csca_of_that_name_is_altered(tmp_path: Path) -> None:
    sod, _ = build_sod(DGS)
    impostor_key = ec.generate_private_key(ec.SECP256R1())
    impostor = _der(_cert("CSCA UA TEST", "CSCA UA TEST", impostor_key, impostor_key))
    result = verify(sod, DGS, _folder(tmp_path, impostor))
    assert result.verdict is Verdict.DATA_ALTERED and "CSCA" in result.detail


def test_no_sod_cannot_check_and_garbage_sod_is_altered() -> None:
    assert verify(b"", DGS, None).verdict is Verdict.CANNOT_CHECK
    assert verify(b"\x77\x03\x30\x01\x00", DGS, None).verdict is Verdict.DATA_ALTERED


def _explicit(cert_der: bytes) -> bytes:
    """The same certificate with its EC key's curve given by explicit parameters instead of its name."""
    cert = ax509.Certificate.load(cert_der)
    spki = cert["tbs_certificate"]["subject_public_key_info"]
    p = 0xA9FB57DBA1EEA9BC3E660A909D838D726E3BF623D52620282013481D1F6E5377
    spec = keys.SpecifiedECDomain({
        "version": "ecdpVer1",
        "field_id": {"field_type": "prime_field", "parameters": p},
        "curve": {"a": bytes.fromhex("7D5A0975FC2C3057EEF67530417AFFE7FB8055C126DC5C6CE94A4B44F330B5D9"),
                  "b": bytes.fromhex("26DC5C6CE94A4B44F330B5D9BBD77CBF958416295CF7E1CE6BCCDC18FF8C07B6")},
        "base": bytes.fromhex("048BD2AEB9CB7E57CB2C4B482FFC81B7AFB9DE27E1E3BD23C23A4453BD9ACE3262"
                              "547EF835C3DAC4FD97F8461A14611DC9C27745132DED8E545C1D54C72F046997"),
        "order": 0xA9FB57DBA1EEA9BC3E660A909D838D718C397AA3B561A6F7901E0E82974856A7,
        "cofactor": 1,
    })  # fmt: skip
    new_spki = keys.PublicKeyInfo({
        "algorithm": {"algorithm": "ec", "parameters": keys.ECDomainParameters("specified", spec)},
        "public_key": spki["public_key"],
    })  # fmt: skip
    cert["tbs_certificate"]["subject_public_key_info"] = new_spki
    return cert.dump(force=True)


def test_csca_with_explicit_curve_parameters(tmp_path: Path) -> None:
    sod, csca = build_sod(DGS)  # CSCA key on brainpoolP256r1
    explicit = _explicit(csca)
    key = public_key(ax509.Certificate.load(explicit))
    assert isinstance(key, ec.EllipticCurvePublicKey) and key.curve.name == "brainpoolP256r1"
    assert verify(sod, DGS, _folder(tmp_path, explicit)).verdict is Verdict.AUTHENTIC


def test_csca_master_list_and_pem_files_are_loaded(tmp_path: Path) -> None:
    sod, csca = build_sod(DGS)
    folder = tmp_path / "ml"
    folder.mkdir()
    ml = CscaMasterList({"version": 0, "cert_list": [ax509.Certificate.load(csca)]}).dump()
    info = cms.ContentInfo({"content_type": "signed_data", "content": cms.SignedData({
        "version": "v3", "digest_algorithms": [],
        "encap_content_info": {"content_type": "2.23.136.1.1.2", "content": core.ParsableOctetString(ml)},
        "signer_infos": []})})  # fmt: skip
    (folder / "list.ml").write_bytes(info.dump())
    (folder / "broken.pem").write_text("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
    (folder / "notes.txt").write_text("ignored")
    assert len(load_cscas(folder)) == 1
    assert verify(sod, DGS, folder).verdict is Verdict.AUTHENTIC
