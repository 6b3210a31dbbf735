"""A test-only kit: pairs with a station, seals packages and uploads them — built on the shared protocol
module (``mobile_case.sync.protocol``) and httpx, independent of the outbox's transport code, so the
station is checked against the contract itself."""

from __future__ import annotations

import hashlib
import io
import os
import ssl
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from mobile_case.sync import protocol


def server_cert_der(host: str, port: int) -> bytes:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    import socket

    with socket.create_connection((host, port), timeout=10) as sock, ctx.wrap_socket(sock) as tls:
        return tls.getpeercert(binary_form=True)


@dataclass
class SealedFile:
    file_id: str
    kind: str
    path: Path  # the encrypted spool file
    plain: bytes | None
    meta: dict[str, Any]


@dataclass
class Package:
    package_id: str
    key: bytes
    manifest_path: Path
    manifest: dict[str, Any]
    manifest_plain_sha256: str
    files: list[SealedFile]
    upload_urls: dict[str, str] = field(default_factory=dict)


class TestKit:
    __test__ = False  # not a pytest class

    def __init__(self, base_url: str, cert_path: Path | None, spool: Path, name: str = "Кейс №1") -> None:
        self.base_url = base_url.rstrip("/")
        self.cert_path = cert_path
        self.spool = spool
        spool.mkdir(parents=True, exist_ok=True)
        self.kit_id = str(uuid.uuid4())
        self.name = name
        self.key = protocol.new_sign_key()
        self.station: dict[str, Any] | None = None
        verify: Any = False
        if cert_path is not None:
            ctx = ssl.create_default_context(cafile=str(cert_path))
            ctx.check_hostname = False  # the certificate itself is pinned; the name does not matter
            verify = ctx
        self.http = httpx.Client(base_url=self.base_url, verify=verify, timeout=60)

    def close(self) -> None:
        self.http.close()

    # --- pairing -----------------------------------------------------------------------------------
    def pair_request(self, secret: str) -> dict[str, Any]:
        doc = {
            "format": protocol.FORMAT_PAIR_REQUEST,
            "code_id": secret[:4],
            "kit_id": self.kit_id,
            "kit_name": self.name,
            "kit_sign_pub": protocol.b64e(protocol.public_raw(self.key)),
            "app_version": "test",
        }
        doc["proof"] = protocol.pair_proof(secret, doc)
        return doc

    def pair(self, secret: str, seen_cert_sha256: str | None = None) -> httpx.Response:
        resp = self.http.post("/api/v1/pair", json=self.pair_request(secret))
        if resp.status_code == 200:
            body = resp.json()
            if not protocol.check_pair_proof(secret, body):
                raise AssertionError("station proof does not verify")
            if seen_cert_sha256 is not None and body["cert_sha256"] != seen_cert_sha256:
                raise AssertionError("certificate mismatch")
            self.station = body
        return resp

    # --- signed requests ---------------------------------------------------------------------------
    def auth(self, method: str, path: str, body: bytes = b"", **kw: Any) -> str:
        return protocol.auth_header(self.kit_id, self.key, method, path, hashlib.sha256(body).hexdigest(), **kw)

    def request(self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None,
                **auth_kw: Any) -> httpx.Response:
        if path.startswith("https://"):
            parts = urlsplit(path)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
        h = {"Authorization": self.auth(method, path, body, **auth_kw), **(headers or {})}
        return self.http.request(method, path, content=body, headers=h)

    # --- tus ---------------------------------------------------------------------------------------
    def tus_create(self, length: int, meta: dict[str, str]) -> httpx.Response:
        return self.request(
            "POST", "/files/", headers={"Tus-Resumable": "1.0.0", "Upload-Length": str(length),
                                        "Upload-Metadata": protocol.tus_metadata(meta)}
        )

    def tus_head(self, url: str) -> httpx.Response:
        return self.request("HEAD", url, headers={"Tus-Resumable": "1.0.0"})

    def tus_patch(self, url: str, offset: int, chunk: bytes, checksum: str | None = None) -> httpx.Response:
        headers = {
            "Tus-Resumable": "1.0.0",
            "Upload-Offset": str(offset),
            "Content-Type": "application/offset+octet-stream",
            "Upload-Checksum": checksum or protocol.tus_checksum_header(chunk),
        }
        return self.request("PATCH", url, chunk, headers=headers)

    def upload(self, package_id: str, file_id: str, path: Path, chunk: int = 4 * 1024 * 1024) -> str:
        data_len = path.stat().st_size
        resp = self.tus_create(
            data_len, {"package_id": package_id, "file_id": file_id, "enc_sha256": protocol.sha256_file(path)}
        )
        assert resp.status_code == 201, resp.text
        url = resp.headers["location"]
        offset = 0
        with open(path, "rb") as fh:
            while offset < data_len:
                fh.seek(offset)
                piece = fh.read(chunk)
                r = self.tus_patch(url, offset, piece)
                assert r.status_code == 204, r.text
                offset = int(r.headers["upload-offset"])
        return url

    # --- sealing -----------------------------------------------------------------------------------
    def seal(self, files: list[tuple[str, str, bytes]], service_date: str = "2026-12-01",
             journal_number: int = 1) -> Package:
        """``files``: (kind, name, plaintext). Returns a sealed package (spool files encrypted)."""
        assert self.station is not None, "pair first"
        package_id = str(uuid.uuid4())
        key = os.urandom(32)
        aad = package_id.encode()
        folder = self.spool / package_id
        folder.mkdir()
        sealed: list[SealedFile] = []
        metas = []
        for i, (kind, name, plain) in enumerate(files):
            file_id = f"f{i + 1:03d}"
            dst = folder / f"{file_id}.mks"
            res = protocol.encrypt_file(io.BytesIO(plain), dst, key, aad)
            meta = {
                "file_id": file_id, "kind": kind, "name": name,
                "mime": "video/x-matroska" if kind == "recording" else "application/pdf",
                "size": res.size, "sha256": res.sha256, "enc_size": res.enc_size, "enc_sha256": res.enc_sha256,
                "recorded_at": f"{service_date}T10:00:00" if kind == "recording" else None,
            }
            metas.append(meta)
            sealed.append(SealedFile(file_id, kind, dst, plain, meta))
        case = {
            "request": {"number": f"МК-{package_id[:4]}", "service_codes": ["00001"],
                        "subject": {"surname": "Тестовий", "given_name": "Іван"}},
            "request_number": f"МК-{package_id[:4]}",
            "visits": [{"visit": {"id": str(uuid.uuid4()), "opened_at": f"{service_date}T09:00:00",
                                  "closed_at": f"{service_date}T10:30:00", "case_number": "1/2026"},
                        "journal_services_number": journal_number, "payment": {}}],
            "acts": [],
            "journal": {"services": [journal_number], "acts": [],
                        "handover": [{"id": "h-" + self.kit_id[:8], "number": 1, "at": f"{service_date}T08:00:00",
                                      "destination": "Чортків", "direction": "issue"}]},
        }
        manifest = {
            "format": protocol.FORMAT_PACKAGE, "package_id": package_id, "kit_id": self.kit_id,
            "sealed_at": f"{service_date}T11:00:00Z", "case": case, "files": metas, "supersedes": None,
        }
        plain = protocol.canonical(manifest)
        mpath = folder / "manifest.mks"
        protocol.encrypt_file(io.BytesIO(plain), mpath, key, aad)
        return Package(package_id, key, mpath, manifest, hashlib.sha256(plain).hexdigest(), sealed)

    def upload_package(self, pkg: Package, chunk: int = 4 * 1024 * 1024) -> None:
        pkg.upload_urls["manifest"] = self.upload(pkg.package_id, "manifest", pkg.manifest_path, chunk)
        for f in pkg.files:
            pkg.upload_urls[f.file_id] = self.upload(pkg.package_id, f.file_id, f.path, chunk)

    def envelope(self, pkg: Package, **overrides: Any) -> dict[str, Any]:
        assert self.station is not None
        env = protocol.build_envelope(
            package_id=pkg.package_id,
            kit_id=self.kit_id,
            content_key=pkg.key,
            station_box_pub=protocol.b64d(self.station["station_box_pub"]),
            manifest_enc_sha256=protocol.sha256_file(pkg.manifest_path),
            files=[{**f.meta, "upload_url": pkg.upload_urls.get(f.file_id, "")} for f in pkg.files],
            kit_key=self.key,
        )
        if overrides:
            env = {**env, **overrides}
        return env

    def commit(self, pkg: Package, envelope: dict[str, Any] | None = None) -> httpx.Response:
        body = protocol.canonical(envelope or self.envelope(pkg))
        return self.request(
            "POST", f"/api/v1/packages/{pkg.package_id}/commit", body,
            headers={"Idempotency-Key": pkg.package_id, "Content-Type": "application/json"},
        )

    def verify_receipt(self, pkg: Package, receipt: dict[str, Any]) -> None:
        assert self.station is not None
        protocol.verify_receipt(
            receipt, protocol.b64d(self.station["station_sign_pub"]), package_id=pkg.package_id,
            kit_id=self.kit_id, manifest_sha256=pkg.manifest_plain_sha256,
            files={f.file_id: f.meta["sha256"] for f in pkg.files},
        )
