"""The test PKI of the virtual card: a CSCA (country signing CA) and a document signer it issued.

Test keys only, made at run time with ``cryptography`` (ECDSA P-256; a few milliseconds) and cached per
process. ``write_csca(folder)`` puts the CSCA certificate where the reader looks for trusted CSCAs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


@dataclass(frozen=True)
class CardPki:
    csca_key: ec.EllipticCurvePrivateKey
    csca_cert: x509.Certificate
    ds_key: ec.EllipticCurvePrivateKey
    ds_cert: x509.Certificate

    @property
    def csca_der(self) -> bytes:
        return self.csca_cert.public_bytes(serialization.Encoding.DER)

    @property
    def ds_der(self) -> bytes:
        return self.ds_cert.public_bytes(serialization.Encoding.DER)

    def write_csca(self, folder: Path, name: str = "test-csca-ukr") -> Path:
        """The CSCA certificate as PEM in ``folder`` (created); returns the folder."""
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.pem").write_bytes(self.csca_cert.public_bytes(serialization.Encoding.PEM))
        return folder


def _name(common_name: str, serial: str | None = None) -> x509.Name:
    parts = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "UA"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Mobile case test PKI"),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ]
    if serial:
        parts.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, serial))
    return x509.Name(parts)


def _make(csca_cn: str, ds_cn: str) -> CardPki:
    now = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    csca_key = ec.generate_private_key(ec.SECP256R1())
    csca_name = _name(csca_cn)
    csca_cert = (
        x509.CertificateBuilder()
        .subject_name(csca_name)
        .issuer_name(csca_name)
        .public_key(csca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=365 * 30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(csca_key.public_key()), critical=False)
        .sign(csca_key, hashes.SHA256())
    )
    ds_key = ec.generate_private_key(ec.SECP256R1())
    ds_cert = (
        x509.CertificateBuilder()
        .subject_name(_name(ds_cn, "DS-0001"))
        .issuer_name(csca_name)
        .public_key(ds_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=365 * 20))
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(csca_key.public_key()), critical=False
        )
        .sign(csca_key, hashes.SHA256())
    )
    return CardPki(csca_key, csca_cert, ds_key, ds_cert)


@cache
def card_pki() -> CardPki:
    """The process-wide test CSCA and document signer."""
    return _make("CSCA Ukraine TEST", "Document Signer TEST")


@cache
def foreign_pki() -> CardPki:
    """Another CSCA with its own document signer: a chain that does not lead to ``card_pki()``'s CSCA."""
    return _make("CSCA Elsewhere TEST", "Document Signer Elsewhere TEST")
