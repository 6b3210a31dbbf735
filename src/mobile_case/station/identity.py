"""The station's keys, made on first start in its data folder (private keys owner-only, 0600).

- ``sign.key``    Ed25519: signs receipts, retention proofs (pairing proofs are HMACs with the code);
- ``box.key``     X25519: packages' content keys are wrapped to it;
- ``archive.key`` 32 random bytes: the recordings archive is encrypted at rest with it;
- ``tls.key``/``tls.crt`` a self-signed ECDSA P-256 certificate, SAN = the hosts given with ``--host`` plus
  ``localhost`` and ``127.0.0.1``. Kits pin it by the SHA-256 of its DER form.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.x509.oid import NameOID

KEYS_DIR = "keys"
CERT_YEARS = 10


def _write_private(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    os.chmod(path, 0o600)


def _raw(key: Ed25519PrivateKey | X25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def _pub(key: Ed25519PrivateKey | X25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


@dataclass
class StationIdentity:
    station_id: str
    name: str
    sign_key: Ed25519PrivateKey
    box_key: X25519PrivateKey
    archive_key: bytes
    cert_path: Path
    key_path: Path
    cert_der: bytes

    @property
    def sign_pub(self) -> bytes:
        return _pub(self.sign_key)

    @property
    def box_pub(self) -> bytes:
        return _pub(self.box_key)

    @property
    def cert_sha256(self) -> str:
        return hashlib.sha256(self.cert_der).hexdigest()


def _make_certificate(key_path: Path, cert_path: Path, hosts: list[str], station_id: str) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    names: list[x509.GeneralName] = []
    seen: set[str] = set()
    for host in [*hosts, "localhost", "127.0.0.1", socket.gethostname()]:
        if not host or host in seen or host in ("0.0.0.0", "::"):
            continue
        seen.add(host)
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            names.append(x509.DNSName(host))
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "Mobile case CNAP station"),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, station_id),
        ]
    )
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365 * CERT_YEARS))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    _write_private(
        key_path,
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ),
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def load_or_create(data_dir: Path, hosts: list[str] | None = None, name: str | None = None) -> StationIdentity:
    """The station's identity from ``data_dir/keys``; made there on first start."""
    keys = Path(data_dir) / KEYS_DIR
    keys.mkdir(parents=True, exist_ok=True)
    os.chmod(keys, 0o700)
    info_path = keys / "station.json"
    if info_path.exists():
        info = json.loads(info_path.read_text("utf-8"))
    else:
        info = {"station_id": str(uuid.uuid4()), "name": name or "Станція ЦНАП"}
        info_path.write_text(json.dumps(info, ensure_ascii=False), "utf-8")
    sign_path, box_path, archive_path = keys / "sign.key", keys / "box.key", keys / "archive.key"
    if not sign_path.exists():
        _write_private(sign_path, _raw(Ed25519PrivateKey.generate()))
    if not box_path.exists():
        _write_private(box_path, _raw(X25519PrivateKey.generate()))
    if not archive_path.exists():
        _write_private(archive_path, os.urandom(32))
    key_path, cert_path = keys / "tls.key", keys / "tls.crt"
    if not key_path.exists() or not cert_path.exists():
        _make_certificate(key_path, cert_path, list(hosts or []), info["station_id"])
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    return StationIdentity(
        station_id=info["station_id"],
        name=info["name"],
        sign_key=Ed25519PrivateKey.from_private_bytes(sign_path.read_bytes()),
        box_key=X25519PrivateKey.from_private_bytes(box_path.read_bytes()),
        archive_key=archive_path.read_bytes(),
        cert_path=cert_path,
        key_path=key_path,
        cert_der=cert.public_bytes(serialization.Encoding.DER),
    )
