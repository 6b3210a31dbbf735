"""Passive authentication (ICAO 9303 Part 11, 5.1; Part 10, 4.6.2): EF.SOD against the data groups read.

EF.SOD is a CMS SignedData over an LDSSecurityObject (the hash of every data group). ``verify`` checks, in
order: every data group read has a hash in the SOD and it matches; the signed attributes' messageDigest is the
hash of the LDSSecurityObject; the signature over the signed attributes with the document signer (DS)
certificate carried in the SOD (RSA PKCS#1 v1.5, RSA-PSS, ECDSA); and the DS certificate's signature by a
CSCA certificate from ``csca_dir`` whose subject is the DS issuer. The result is one verdict with a Ukrainian
detail — AUTHENTIC, DATA_ALTERED or CANNOT_CHECK — never a silent pass.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from asn1crypto import algos, cms, core, pem, x509
from cryptography import x509 as cx509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from mobile_case.devices.cardreader.base import Verdict
from mobile_case.devices.cardreader.emrtd import tlv

LDS_SECURITY_OBJECT = "2.23.136.1.1.1"
CSCA_MASTER_LIST = "2.23.136.1.1.2"


class DataGroupHash(core.Sequence):
    _fields = [("data_group_number", core.Integer), ("data_group_hash_value", core.OctetString)]


class DataGroupHashValues(core.SequenceOf):
    _child_spec = DataGroupHash


class LdsVersionInfo(core.Sequence):
    _fields = [("lds_version", core.PrintableString), ("unicode_version", core.PrintableString)]


class LdsSecurityObject(core.Sequence):
    _fields = [
        ("version", core.Integer),
        ("hash_algorithm", algos.DigestAlgorithm),
        ("data_group_hash_values", DataGroupHashValues),
        ("lds_version_info", LdsVersionInfo, {"optional": True}),
    ]


class CertificateSet(core.SetOf):
    _child_spec = x509.Certificate


class CscaMasterList(core.Sequence):
    _fields = [("version", core.Integer), ("cert_list", CertificateSet)]


_HASHES = {"sha1": hashes.SHA1, "sha224": hashes.SHA224, "sha256": hashes.SHA256, "sha384": hashes.SHA384,
           "sha512": hashes.SHA512}  # fmt: skip
# BSI TR-03111 ecdsa-plain-signatures (r‖s instead of DER): 0.4.0.127.0.7.1.1.4.1.<n>
_PLAIN_ECDSA = {
    "0.4.0.127.0.7.1.1.4.1.1": "sha1", "0.4.0.127.0.7.1.1.4.1.2": "sha224", "0.4.0.127.0.7.1.1.4.1.3": "sha256",
    "0.4.0.127.0.7.1.1.4.1.4": "sha384", "0.4.0.127.0.7.1.1.4.1.5": "sha512",
}  # fmt: skip


class _Altered(Exception):
    pass


class _Unchecked(Exception):
    pass


@dataclass(frozen=True)
class PaResult:
    verdict: Verdict
    detail: str  # Ukrainian, for the administrator and the IT person
    checked_dgs: tuple[int, ...] = ()
    failed_dgs: tuple[int, ...] = ()
    hash_algorithm: str = ""
    signature_algorithm: str = ""
    ds_subject: str = ""
    csca_subject: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)


def _digest(name: str, data: bytes) -> bytes:
    if name not in _HASHES:
        raise _Unchecked(f"алгоритм гешування {name} не підтримується")
    return hashlib.new(name, data).digest()


def parse_sod(sod: bytes) -> tuple[cms.SignedData, LdsSecurityObject, bytes]:
    """(SignedData, LDSSecurityObject, its DER) from EF.SOD (tag 77 around a ContentInfo). ValueError if bad."""
    try:
        outer, _ = tlv.parse_one(sod)
        if outer.tag != 0x77:
            raise ValueError("EF.SOD: tag 77 expected")
        info = cms.ContentInfo.load(outer.value, strict=True)
        if info["content_type"].native != "signed_data":
            raise ValueError("EF.SOD: not CMS SignedData")
        signed = info["content"]
        encap = signed["encap_content_info"]
        if encap["content_type"].dotted != LDS_SECURITY_OBJECT:
            raise ValueError("EF.SOD: the signed content is not an LDSSecurityObject")
        content = encap["content"]
        raw = content.native
        if not isinstance(raw, bytes):
            raise ValueError("EF.SOD: no encapsulated content")
        lso = LdsSecurityObject.load(raw, strict=True)
        lso.native  # noqa: B018 — parse everything now, so errors surface here
        signed.native  # noqa: B018
        return signed, lso, raw
    except ValueError:
        raise
    except Exception as exc:  # noqa: BLE001 — asn1crypto raises assorted errors on malformed DER
        raise ValueError(f"EF.SOD: malformed ({type(exc).__name__})") from exc


def _signer_cert(signed: cms.SignedData, signer: cms.SignerInfo) -> x509.Certificate:
    sid = signer["sid"]
    for choice in signed["certificates"] or []:
        if choice.name != "certificate":
            continue
        cert = choice.chosen
        if sid.name == "issuer_and_serial_number":
            if (
                cert.issuer == sid.chosen["issuer"]
                and cert.serial_number == sid.chosen["serial_number"].native
            ):
                return cert
        elif cert.key_identifier == sid.chosen.native:
            return cert
    raise _Unchecked("у EF.SOD немає сертифіката підписувача документа (DS)")


def _verify_signature(
    public_key, algo: str, hash_name: str, signature: bytes, data: bytes, pss_params=None
) -> None:  # noqa: ANN001
    hash_cls = _HASHES.get(hash_name)
    if hash_cls is None:
        raise _Unchecked(f"алгоритм гешування підпису {hash_name} не підтримується")
    try:
        if isinstance(public_key, rsa.RSAPublicKey):
            if algo == "rsassa_pss":
                mgf_hash = _HASHES[pss_params["mask_gen_algorithm"]["parameters"]["algorithm"].native]
                pad = padding.PSS(mgf=padding.MGF1(mgf_hash()), salt_length=pss_params["salt_length"].native)
            elif algo == "rsassa_pkcs1v15":
                pad = padding.PKCS1v15()
            else:
                raise _Unchecked(f"алгоритм підпису {algo} не підходить до ключа RSA")
            public_key.verify(signature, data, pad, hash_cls())
        elif isinstance(public_key, ec.EllipticCurvePublicKey):
            if algo == "ecdsa_plain":
                half = len(signature) // 2
                signature = encode_dss_signature(
                    int.from_bytes(signature[:half], "big"), int.from_bytes(signature[half:], "big")
                )
            elif algo != "ecdsa":
                raise _Unchecked(f"алгоритм підпису {algo} не підходить до ключа EC")
            public_key.verify(signature, data, ec.ECDSA(hash_cls()))
        else:
            raise _Unchecked("тип ключа сертифіката не підтримується")
    except InvalidSignature as exc:
        raise _Altered("підпис не збігається") from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise _Altered("підпис пошкоджений") from exc


def _signer_algorithm(signer: cms.SignerInfo) -> tuple[str, str, object]:
    sig_alg = signer["signature_algorithm"]
    dotted = sig_alg["algorithm"].dotted
    digest = signer["digest_algorithm"]["algorithm"].native
    if dotted in _PLAIN_ECDSA:
        return "ecdsa_plain", _PLAIN_ECDSA[dotted], None
    try:
        algo = sig_alg.signature_algo
    except ValueError as exc:
        raise _Unchecked(f"алгоритм підпису {dotted} не підтримується") from exc
    if algo == "rsassa_pss":
        params = sig_alg["parameters"]
        return algo, params["hash_algorithm"]["algorithm"].native, params
    try:
        hash_name = sig_alg.hash_algo
    except ValueError:
        hash_name = digest  # «rsaEncryption»/«ecPublicKey» alone: the digest algorithm says the hash
    return algo, hash_name, None


def load_cscas(csca_dir: Path | None) -> list[x509.Certificate]:
    """CSCA certificates from a folder: PEM/DER certificates and ICAO CSCA master lists (.ml)."""
    out: list[x509.Certificate] = []
    if csca_dir is None or not csca_dir.is_dir():
        return out
    for path in sorted(csca_dir.iterdir()):
        if path.suffix.lower() not in (".pem", ".crt", ".cer", ".der", ".ml"):
            continue
        try:
            data = path.read_bytes()
        except OSError:
            continue
        blobs = [der for _, _, der in pem.unarmor(data, multiple=True)] if pem.detect(data) else [data]
        for der in blobs:
            try:
                if path.suffix.lower() == ".ml":
                    info = cms.ContentInfo.load(der)
                    content = info["content"]["encap_content_info"]["content"].native
                    certs = list(CscaMasterList.load(content)["cert_list"])
                else:
                    certs = [x509.Certificate.load(der)]
                for cert in certs:
                    cert.native  # noqa: B018 — parse it all now: a broken one is skipped here, not later
                    out.append(cert)
            except Exception:  # noqa: BLE001, S112 — a broken file in the folder is skipped, not fatal
                continue
    return out


# the named curves cryptography knows, to recognise a key given with explicit (specified) parameters
_NAMED = {
    "secp224r1": ec.SECP224R1, "secp256r1": ec.SECP256R1, "secp384r1": ec.SECP384R1, "secp521r1": ec.SECP521R1,
    "brainpoolP256r1": ec.BrainpoolP256R1, "brainpoolP384r1": ec.BrainpoolP384R1,
    "brainpoolP512r1": ec.BrainpoolP512R1,
}  # fmt: skip
_ECDSA_CURVES = {
    "secp224r1": "NIST224p", "secp256r1": "NIST256p", "secp384r1": "NIST384p", "secp521r1": "NIST521p",
    "brainpoolP256r1": "BRAINPOOLP256r1", "brainpoolP384r1": "BRAINPOOLP384r1",
    "brainpoolP512r1": "BRAINPOOLP512r1",
}  # fmt: skip


def _named_curve_of(spec: object) -> ec.EllipticCurve | None:
    """The named curve whose p, a, b, G and n are the explicit parameters ``spec`` (SpecifiedECDomain)."""
    from ecdsa import curves as ecdsa_curves  # noqa: PLC0415

    try:
        p = spec["field_id"]["parameters"].native  # type: ignore[index]
        a = int.from_bytes(spec["curve"]["a"].native, "big")  # type: ignore[index]
        b = int.from_bytes(spec["curve"]["b"].native, "big")  # type: ignore[index]
        n = spec["order"].native  # type: ignore[index]
        base = spec["base"].native  # type: ignore[index]
    except (KeyError, TypeError, ValueError):
        return None
    for name, ecdsa_name in _ECDSA_CURVES.items():
        c = next(x for x in ecdsa_curves.curves if x.name == ecdsa_name)
        g = c.generator
        size = (c.curve.p().bit_length() + 7) // 8
        g_bytes = b"\x04" + g.x().to_bytes(size, "big") + g.y().to_bytes(size, "big")
        if (c.curve.p(), c.curve.a() % p, c.curve.b(), c.order) == (p, a % p, b, n) and base == g_bytes:
            return _NAMED[name]()
    return None


def public_key(cert: x509.Certificate):  # noqa: ANN201 — a cryptography public key
    """The certificate's public key; EC keys with explicit curve parameters (common in eMRTD PKIs) are
    mapped to the named curve they are. ``_Unchecked`` when the key cannot be used."""
    try:
        return cx509.load_der_x509_certificate(cert.dump()).public_key()
    except (ValueError, UnsupportedAlgorithm):
        pass
    try:
        info = cert.public_key
        if info["algorithm"]["algorithm"].native != "ec":
            raise _Unchecked("ключ сертифіката має непідтримуваний формат")
        params = info["algorithm"]["parameters"]
        if params.name != "specified":
            raise _Unchecked("крива ключа сертифіката не підтримується")
        curve = _named_curve_of(params.chosen)
        if curve is None:
            raise _Unchecked("крива ключа сертифіката не підтримується")
        return ec.EllipticCurvePublicKey.from_encoded_point(curve, info["public_key"].native)
    except _Unchecked:
        raise
    except Exception as exc:  # noqa: BLE001 — asn1crypto/cryptography errors on a broken key
        raise _Unchecked("ключ сертифіката пошкоджений") from exc


def _cert_signature(cert: x509.Certificate) -> tuple[str, str, object]:
    alg = cert["signature_algorithm"]
    dotted = alg["algorithm"].dotted
    if dotted in _PLAIN_ECDSA:
        return "ecdsa_plain", _PLAIN_ECDSA[dotted], None
    try:
        algo = alg.signature_algo
        if algo == "rsassa_pss":
            return algo, alg["parameters"]["hash_algorithm"]["algorithm"].native, alg["parameters"]
        return algo, alg.hash_algo, None
    except ValueError as exc:
        raise _Unchecked(f"алгоритм підпису сертифіката {dotted} не підтримується") from exc


def _check_chain(ds: x509.Certificate, cscas: list[x509.Certificate]) -> str:
    """Subject of the CSCA that issued the DS certificate; _Unchecked when none matches, _Altered when a
    CSCA of that name did not sign it."""
    candidates = [c for c in cscas if c.subject == ds.issuer]
    if not candidates:
        raise _Unchecked("немає сертифіката CSCA країни-видавця (покладіть його в resources/csca/)")
    algo, hash_name, pss = _cert_signature(ds)
    tbs = ds["tbs_certificate"].dump()
    signature = ds["signature_value"].native
    unusable = 0
    for csca in candidates:
        try:
            _verify_signature(public_key(csca), algo, hash_name, signature, tbs, pss)
            return csca.subject.human_friendly
        except _Unchecked:
            unusable += 1
        except _Altered:
            continue
    if unusable == len(candidates):
        raise _Unchecked("ключ сертифіката CSCA не підтримується")
    raise _Altered("сертифікат DS не підписаний сертифікатом CSCA з тією самою назвою")


def verify(sod: bytes, dgs: dict[int, bytes], csca_dir: Path | None = None,
           cscas: list[x509.Certificate] | None = None) -> PaResult:  # fmt: skip
    """Passive authentication of the data groups ``dgs`` ({number: file bytes}) against EF.SOD."""
    if not sod:
        return PaResult(Verdict.CANNOT_CHECK, "Файл EF.SOD не прочитано — справжність даних не перевірено.")
    try:
        signed, lso, lso_der = parse_sod(sod)
    except ValueError:
        return PaResult(
            Verdict.DATA_ALTERED, "Файл EF.SOD (підписані геші даних) пошкоджений — дані не перевірено."
        )
    hash_name = lso["hash_algorithm"]["algorithm"].native
    expected = {int(x["data_group_number"].native): x["data_group_hash_value"].native
                for x in lso["data_group_hash_values"]}  # fmt: skip
    checked: list[int] = []
    failed: list[int] = []
    notes: list[str] = []
    try:
        for number in sorted(dgs):
            if number not in expected:
                failed.append(number)
                continue
            if _digest(hash_name, dgs[number]) != expected[number]:
                failed.append(number)
            else:
                checked.append(number)
    except _Unchecked as exc:
        return PaResult(
            Verdict.CANNOT_CHECK, f"Справжність даних не перевірено: {exc}.", hash_algorithm=hash_name
        )
    base = dict(checked_dgs=tuple(checked), failed_dgs=tuple(failed), hash_algorithm=hash_name)
    if failed:
        names = ", ".join(f"DG{n}" for n in failed)
        return PaResult(Verdict.DATA_ALTERED, f"Геш групи даних {names} не збігається з підписаним у EF.SOD: "
                        "дані на чипі змінено.", **base)  # fmt: skip
    signers = signed["signer_infos"]
    if len(signers) != 1:
        return PaResult(Verdict.DATA_ALTERED, "EF.SOD має містити рівно один підпис.", **base)
    signer = signers[0]
    ds_subject = csca_subject = ""
    sig_name = ""
    signature_ok = False
    try:
        algo, sig_hash, pss = _signer_algorithm(signer)
        sig_name = f"{algo}-{sig_hash}"
        digest_name = signer["digest_algorithm"]["algorithm"].native
        attrs = signer["signed_attrs"]
        if attrs.native is None or not len(attrs):
            data_to_verify = lso_der
        else:
            digest = next(
                (a["values"][0].native for a in attrs if a["type"].native == "message_digest"), None
            )
            if digest is None:
                raise _Altered("у підписаних атрибутах немає messageDigest")
            if _digest(digest_name, lso_der) != digest:
                raise _Altered("messageDigest не збігається з гешем LDSSecurityObject")
            data_to_verify = b"\x31" + attrs.dump()[1:]
        cert = _signer_cert(signed, signer)
        ds_subject = cert.subject.human_friendly
        ds_key = public_key(cert)
        _verify_signature(ds_key, algo, sig_hash, signer["signature"].native, data_to_verify, pss)
        signature_ok = True
        not_after = cert["tbs_certificate"]["validity"]["not_after"].native
        if not_after < datetime.now(UTC):
            notes.append("строк дії сертифіката DS минув (для документа, виданого раніше, це нормально)")
        csca_subject = _check_chain(cert, cscas if cscas is not None else load_cscas(csca_dir))
    except _Altered as exc:
        return PaResult(Verdict.DATA_ALTERED, f"Підпис даних чипа недійсний: {exc}. Не покладайтеся на ці дані.",
                        signature_algorithm=sig_name, ds_subject=ds_subject, **base)  # fmt: skip
    except _Unchecked as exc:
        groups = ", ".join(f"DG{n}" for n in checked)
        if signature_ok:
            detail = (f"Геші {groups} і підпис документа (DS) збігаються, але ланцюжок до CSCA не перевірено: "
                      f"{exc}.")  # fmt: skip
        else:
            detail = f"Геші {groups} збігаються, але підпис не перевірено: {exc}."
        return PaResult(Verdict.CANNOT_CHECK, detail, signature_algorithm=sig_name, ds_subject=ds_subject,
                        notes=tuple(notes), **base)  # fmt: skip
    groups = ", ".join(f"DG{n}" for n in checked)
    return PaResult(Verdict.AUTHENTIC, f"Геші {groups} збігаються; підпис DS і ланцюжок до CSCA перевірено.",
                    signature_algorithm=sig_name, ds_subject=ds_subject, csca_subject=csca_subject,
                    notes=tuple(notes), **base)  # fmt: skip
