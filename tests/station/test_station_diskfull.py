"""Disk full at the station, for real: the station process runs in a private mount namespace with its
uploads folder on an 8 MB tmpfs (``unshare -rm``; skipped where unprivileged namespaces are not allowed)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from mobile_case.station.core import Station

from .conftest import free_port, make_config, pinned_context
from .kitsim import TestKit

MB = 1024 * 1024


def _namespaces_work(tmp: Path) -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = tmp / "probe"
    probe.mkdir()
    done = subprocess.run(["unshare", "-rm", "sh", "-c", f"mount -t tmpfs -o size=1m tmpfs {probe}"],
                          capture_output=True)
    return done.returncode == 0


@pytest.mark.slow
def test_disk_full_mid_chunk_is_507_and_nothing_is_kept(tmp_path: Path) -> None:
    if not _namespaces_work(tmp_path):
        pytest.skip("unprivileged user+mount namespaces (unshare -rm) are not allowed here: no private tmpfs")
    data = tmp_path / "station"
    station = Station(make_config(data))  # keys, database and folders made beforehand, on the real disk
    port = free_port()
    code = station.new_pair_code("127.0.0.1", port)
    cert = station.identity.cert_path
    station.close()
    script = (
        f"mount -t tmpfs -o size=8m tmpfs {data / 'uploads'} && exec {sys.executable} -m mobile_case station "
        f"--data-dir {data} --host 127.0.0.1 --port {port} --reserve-mb 0"
    )
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    proc = subprocess.Popen(["unshare", "-rm", "sh", "-c", script], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    kit = TestKit(f"https://127.0.0.1:{port}", cert, tmp_path / "kit")
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(kit.base_url + "/api/v1/health", verify=pinned_context(cert), timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "the station did not start"
            time.sleep(0.2)
        assert kit.pair(code.secret).status_code == 200
        too_big = kit.tus_create(20 * MB, {})
        assert too_big.status_code == 507 and too_big.json()["error"] == "station_disk_full"
        a = kit.tus_create(6 * MB, {}).headers["location"]
        b = kit.tus_create(6 * MB, {}).headers["location"]  # fits when created: nothing written yet
        data_a = os.urandom(6 * MB)
        assert kit.tus_patch(a, 0, data_a[: 4 * MB]).status_code == 204
        assert kit.tus_patch(a, 4 * MB, data_a[4 * MB :]).status_code == 204
        data_b = os.urandom(4 * MB)
        full = kit.tus_patch(b, 0, data_b)  # ENOSPC in the middle of the chunk
        assert full.status_code == 507 and full.json()["error"] == "station_disk_full"
        assert kit.tus_head(b).headers["upload-offset"] == "0"
        # the head frees space (here: the kit abandons upload a); the same chunk then goes through
        assert kit.request("DELETE", a, headers={"Tus-Resumable": "1.0.0"}).status_code == 204
        assert kit.tus_patch(b, 0, data_b).status_code == 204
        assert kit.tus_head(b).headers["upload-offset"] == str(4 * MB)
    finally:
        kit.close()
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
