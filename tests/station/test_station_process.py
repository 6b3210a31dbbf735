"""``mobile-case station`` as a real process on a free loopback port: paired through the CLI's code, killed
(SIGKILL) in the middle of a chunk's body and restarted — the upload resumes from the durable offset."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest

from mobile_case.sync import protocol

from .conftest import StationProcess
from .kitsim import TestKit, server_cert_der

CHUNK = 1024 * 1024


@pytest.mark.slow
def test_station_killed_mid_upload_and_restarted(station_process: StationProcess, tmp_path: Path) -> None:
    station_process.start()
    out = subprocess.run(
        [sys.executable, "-m", "mobile_case", "station", "pair", "--data-dir", str(station_process.data_dir),
         "--host", "127.0.0.1", "--port", str(station_process.port)],
        capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"},
    )
    full = next(line.strip() for line in out.stdout.splitlines() if line.strip().startswith("MK1-"))
    code = protocol.parse_pair_code(full)
    seen = protocol.cert_sha256_der(server_cert_der(code.host, code.port))
    assert seen.startswith(code.cert_prefix)
    kit = TestKit(f"https://{code.host}:{code.port}", station_process.cert_path, tmp_path / "kit")
    try:
        assert kit.pair(code.secret, seen).status_code == 200
        recording = os.urandom(12 * CHUNK + 555)
        pkg = kit.seal([("recording", "visit.mkv", recording)])
        pkg.upload_urls["manifest"] = kit.upload(pkg.package_id, "manifest", pkg.manifest_path)
        enc = pkg.files[0].path.read_bytes()
        created = kit.tus_create(len(enc), {"package_id": pkg.package_id, "file_id": "f001",
                                            "enc_sha256": hashlib.sha256(enc).hexdigest()})
        url = created.headers["location"]
        pkg.upload_urls["f001"] = url
        offset = 0
        sent = 0
        for _ in range(5):
            r = kit.tus_patch(url, offset, enc[offset : offset + CHUNK])
            assert r.status_code == 204
            sent += CHUNK
            offset = int(r.headers["upload-offset"])

        # the sixth chunk: half of its body goes out, then the station is killed
        chunk = enc[offset : offset + CHUNK]
        halfway = threading.Event()
        resume = threading.Event()

        def body():  # noqa: ANN202
            yield chunk[: CHUNK // 2]
            halfway.set()
            resume.wait(30)
            yield chunk[CHUNK // 2 :]

        headers = {"Tus-Resumable": "1.0.0", "Upload-Offset": str(offset),
                   "Content-Type": "application/offset+octet-stream", "Content-Length": str(len(chunk)),
                   "Upload-Checksum": protocol.tus_checksum_header(chunk),
                   "Authorization": kit.auth("PATCH", url, chunk)}
        failure: list[BaseException] = []

        def cut_request() -> None:
            try:
                kit.http.patch(url, content=body(), headers=headers)
            except (httpx.HTTPError, OSError) as exc:
                failure.append(exc)

        worker = threading.Thread(target=cut_request)
        worker.start()
        assert halfway.wait(30)
        sent += CHUNK // 2
        station_process.stop(signal.SIGKILL)
        resume.set()
        worker.join(30)
        assert failure, "the request should have failed with the station gone"

        station_process.start()
        head = kit.tus_head(url)
        assert head.status_code == 200
        durable = int(head.headers["upload-offset"])
        assert durable == offset  # whole, verified chunks only
        while durable < len(enc):
            piece = enc[durable : durable + CHUNK]
            r = kit.tus_patch(url, durable, piece)
            assert r.status_code == 204, r.text
            sent += len(piece)
            durable = int(r.headers["upload-offset"])
        assert sent - len(enc) <= CHUNK  # re-sent bytes: at most the one cut chunk
        done = kit.commit(pkg)
        assert done.status_code == 200, done.text
        kit.verify_receipt(pkg, done.json())
        log = (station_process.data_dir / "logs" / "station.log").read_text("utf-8")
        assert f"package {pkg.package_id} from kit {kit.kit_id} stored" in log
        assert "Тестовий" not in log  # ids only, never personal data
    finally:
        kit.close()
