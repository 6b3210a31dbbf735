"""A minimal in-test station for the kit's unit tests (the e2e tests run the real ``mobile-case
station``): HTTPS with a self-signed certificate, pairing, signed-request checks, tus 1.0 (creation,
HEAD, PATCH with sha256 checksum, DELETE) and the commit that decrypts and verifies the package and
answers with a signed receipt. Faults can be injected per test."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import ssl
import tempfile
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from mobile_case.sync import protocol as p


def self_signed(tmp: Path, name: str = "station") -> tuple[Path, Path, bytes]:
    key = ec.generate_private_key(ec.SECP256R1())
    subj = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subj)
        .issuer_name(subj)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cp, kp = tmp / f"{name}.crt", tmp / f"{name}.key"
    cp.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    kp.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cp, kp, cert.public_bytes(serialization.Encoding.DER)


class MiniStation:
    def __init__(self, tmp: Path | None = None) -> None:
        self.tmp = Path(tmp or tempfile.mkdtemp())
        self.tmp.mkdir(parents=True, exist_ok=True)
        self.cert, self.key, der = self_signed(self.tmp)
        self.cert_sha256 = hashlib.sha256(der).hexdigest()
        self.sign = p.new_sign_key()
        self.box = p.new_box_key()
        self.station_id = "st-" + uuid.uuid4().hex[:8]
        self.secret = p.new_pair_secret()
        self.kits: dict[str, bytes] = {}
        self.revoked: set[str] = set()
        self.uploads: dict[str, dict] = {}
        self.packages: dict[
            str, dict
        ] = {}  # package id -> {"envelope", "receipt", "files": {file_id: plain}}
        self.nonces: set[str] = set()
        self.time_offset = 0.0
        self.faults: dict[str, object] = {}
        self.log: list[tuple[str, str, int]] = []
        self.patch_bytes = 0
        self.lock = threading.Lock()
        station = self

        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):  # quiet
                pass

            def _send(self, code, body=None, headers=None):
                data = b"" if body is None else json.dumps(body).encode()
                self.send_response(code)
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                if body is not None:
                    self.send_header("Content-Type", "application/json")
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)
                station.log.append((self.command, self.path, code))

            def _err(self, code, err, **extra):
                self._send(code, {"error": err, "detail": err, **extra})

            def _auth(self, body_sha):
                try:
                    a = p.parse_auth_header(self.headers.get("Authorization"))
                except p.ProtocolError:
                    self._err(401, "kit_unknown")
                    return None
                if a.kit_id not in station.kits:
                    self._err(401, "kit_unknown")
                    return None
                if a.kit_id in station.revoked:
                    self._err(403, "kit_revoked")
                    return None
                now = time.time() + station.time_offset
                try:
                    p.verify_auth(a, station.kits[a.kit_id], self.command, self.path, body_sha, now=now)
                except p.ProtocolError as exc:
                    if exc.code == "clock_skew":
                        self._err(401, "clock_skew", server_time=now)
                    else:
                        self._err(401, "bad_signature")
                    return None
                if a.nonce in station.nonces:
                    self._err(401, "replay")
                    return None
                station.nonces.add(a.nonce)
                return a.kit_id

            def _body(self):
                n = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(n) if n else b""

            def do_GET(self):
                if self.path == "/api/v1/health":
                    return self._send(
                        200, {"status": "ok", "station_id": station.station_id, "time": p.utc_now_iso()}
                    )
                self._err(404, "not_found")

            def do_POST(self):
                fault = station.faults.pop("post_status", None)
                body = self._body()
                if fault:
                    return self._err(fault, "injected")
                if self.path == "/api/v1/pair":
                    req = json.loads(body)
                    if req.get("code_id") != station.secret[:4] or not p.check_pair_proof(
                        station.secret, req
                    ):
                        return self._err(403, "pair_code_invalid")
                    station.kits[req["kit_id"]] = p.b64d(req["kit_sign_pub"])
                    ans = {
                        "format": p.FORMAT_PAIR_RESPONSE,
                        "station_id": station.station_id,
                        "station_name": "ЦНАП тест",
                        "station_sign_pub": p.b64e(p.public_raw(station.sign)),
                        "station_box_pub": p.b64e(p.public_raw(station.box)),
                        "cert_sha256": station.faults.pop("pair_cert", station.cert_sha256),
                    }
                    ans["proof"] = p.pair_proof(station.secret, ans)
                    return self._send(200, ans)
                kit = self._auth(hashlib.sha256(body).hexdigest())
                if kit is None:
                    return
                if self.path == "/files/":
                    uid = uuid.uuid4().hex
                    md = p.parse_tus_metadata(self.headers.get("Upload-Metadata"))
                    station.uploads[uid] = {
                        "length": int(self.headers["Upload-Length"]),
                        "data": bytearray(),
                        "meta": md,
                        "kit": kit,
                    }
                    return self._send(201, None, {"Location": f"/files/{uid}", "Tus-Resumable": "1.0.0"})
                if self.path.startswith("/api/v1/packages/") and self.path.endswith("/commit"):
                    return self._commit(kit, body)
                self._err(404, "not_found")

            def _commit(self, kit, body):
                env = json.loads(body)
                pid = env["package_id"]
                if pid in station.packages:
                    if station.packages[pid]["envelope"] == env:
                        return self._send(200, station.packages[pid]["receipt"])
                    return self._err(409, "package_conflict")
                try:
                    p.verify_envelope(env, station.kits[kit])
                    k = p.unwrap_key(env["wrapped_key"], station.box, pid)
                except p.ProtocolError:
                    return self._err(422, "package_tampered")
                plains = {}
                for f in env["files"]:
                    uid = f["upload_url"].rsplit("/", 1)[-1]
                    up = station.uploads.get(uid)
                    if up is None or len(up["data"]) != up["length"]:
                        return self._err(409, "upload_incomplete")
                    data = bytes(up["data"])
                    if hashlib.sha256(data).hexdigest() != f["enc_sha256"]:
                        return self._err(422, "package_tampered")
                    try:
                        plains[f["file_id"]] = p.decrypt_bytes(data, k, pid.encode())
                    except p.ProtocolError:
                        return self._err(422, "package_tampered")
                manifest = json.loads(plains["manifest"])
                for f in manifest["files"]:
                    if hashlib.sha256(plains[f["file_id"]]).hexdigest() != f["sha256"]:
                        return self._err(422, "package_tampered")
                manifest_sha = hashlib.sha256(plains["manifest"]).hexdigest()
                files = [{"file_id": f["file_id"], "sha256": f["sha256"]} for f in manifest["files"]]
                key = station.faults.pop("receipt_key", station.sign)
                rc = p.build_receipt(
                    package_id=pid,
                    kit_id=kit,
                    station_id=station.station_id,
                    manifest_sha256=manifest_sha,
                    files=files,
                    station_key=key,
                )
                station.packages[pid] = {
                    "envelope": env,
                    "receipt": rc,
                    "files": plains,
                    "manifest": manifest,
                }
                if station.faults.pop("commit_status", None):  # stored, but the reply is lost
                    return self._err(503, "injected")
                self._send(200, rc)

            def do_HEAD(self):
                if self._auth(hashlib.sha256(b"").hexdigest()) is None:
                    return
                up = station.uploads.get(self.path.rsplit("/", 1)[-1])
                if up is None:
                    return self._send(404)
                self._send(
                    200,
                    None,
                    {
                        "Upload-Offset": str(len(up["data"])),
                        "Upload-Length": str(up["length"]),
                        "Tus-Resumable": "1.0.0",
                        "Cache-Control": "no-store",
                    },
                )

            def do_DELETE(self):
                if self._auth(hashlib.sha256(b"").hexdigest()) is None:
                    return
                station.uploads.pop(self.path.rsplit("/", 1)[-1], None)
                self._send(204)

            def do_PATCH(self):
                n = int(self.headers.get("Content-Length") or 0)
                cut = station.faults.get("cut_patch_after")
                if cut is not None and n > cut:
                    station.faults.pop("cut_patch_after")
                    part = self.rfile.read(cut)
                    up = station.uploads.get(self.path.rsplit("/", 1)[-1])
                    # like a real tus server: keep what arrived (tus lets a server store a partial chunk)
                    if up is not None and station.faults.pop("keep_partial", True):
                        up["data"] += part
                    station.patch_bytes += len(part)
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                body = self.rfile.read(n)
                station.patch_bytes += len(body)
                if self._auth(hashlib.sha256(body).hexdigest()) is None:
                    return
                up = station.uploads.get(self.path.rsplit("/", 1)[-1])
                if up is None:
                    return self._send(404)
                algo, _, val = (self.headers.get("Upload-Checksum") or "").partition(" ")
                if algo != "sha256" or base64.b64decode(val) != hashlib.sha256(body).digest():
                    return self._err(460, "checksum_mismatch")
                if int(self.headers["Upload-Offset"]) != len(up["data"]):
                    return self._err(409, "offset_mismatch")
                up["data"] += body
                self._send(204, None, {"Upload-Offset": str(len(up["data"])), "Tus-Resumable": "1.0.0"})

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(self.cert, self.key)
        self.httpd.socket = ctx.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def code(self) -> str:
        return f"MK1-127.0.0.1:{self.port}-{self.cert_sha256[:16]}-{self.secret}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


__all__ = ["MiniStation", "self_signed", "io"]
