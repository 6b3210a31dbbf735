"""The station's tus 1.0.0 endpoint, exercised by the independent ``tuspy`` client: core, creation,
checksum (sha1 by tuspy, sha256 by the kit), termination, expiration, limits, resume after a cut."""

from __future__ import annotations

import hashlib
import io
import os
from datetime import timedelta
from pathlib import Path

import pytest
import requests
from sqlalchemy import update
from tusclient import client as tus_client
from tusclient.exceptions import TusCommunicationError, TusUploadFailed

from mobile_case.station.store import now_utc, uploads
from mobile_case.sync import protocol

from .conftest import ServedStation
from .cutproxy import CutProxy
from .kitsim import TestKit


class SigningHook:
    """Signs every request tuspy sends (it calls ``requests.post/head/patch`` directly) with the kit's key,
    pins the station's certificate, counts the PATCH body bytes, and can corrupt one chunk in transit."""

    def __init__(self, kit: TestKit, cert: Path) -> None:
        self.kit, self.cert = kit, str(cert)
        self.patch_bytes = 0
        self.corrupt_next = False
        self.original = requests.Session.send

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        hook = self

        def send(session, prep, **kwargs):  # noqa: ANN001, ANN003, ANN202
            body = prep.body or b""
            if isinstance(body, str):
                body = body.encode()
            if prep.method == "PATCH":
                hook.patch_bytes += len(body)
                if hook.corrupt_next and body:
                    hook.corrupt_next = False
                    body = bytes([body[0] ^ 0xFF]) + body[1:]
                    prep.body = body
            prep.headers["Authorization"] = hook.kit.auth(prep.method, prep.path_url, body)
            kwargs["verify"] = hook.cert
            return hook.original(session, prep, **kwargs)

        monkeypatch.setattr(requests.Session, "send", send)


def _uploader(url: str, data: bytes, chunk: int, meta: dict[str, str] | None = None, upload_url: str | None = None):  # noqa: ANN202
    client = tus_client.TusClient(url + "/files/")
    return client.uploader(
        file_stream=io.BytesIO(data), chunk_size=chunk, metadata=meta or {"file_id": "f001", "package_id": "p"},
        upload_checksum=True, url=upload_url,
    )


def test_options_advertise_tus_1_0_0_and_extensions(served: ServedStation) -> None:
    resp = requests.options(served.url + "/files/", verify=str(served.cert_path))
    assert resp.status_code == 204
    assert resp.headers["Tus-Version"] == "1.0.0"
    assert set(resp.headers["Tus-Extension"].split(",")) == {"creation", "checksum", "termination", "expiration"}
    assert int(resp.headers["Tus-Max-Size"]) == served.station.config.max_upload
    assert set(resp.headers["Tus-Checksum-Algorithm"].split(",")) == {"sha1", "sha256"}


def test_tuspy_uploads_a_file_byte_identical(served: ServedStation, kit: TestKit, monkeypatch) -> None:
    SigningHook(kit, served.cert_path).install(monkeypatch)
    data = os.urandom(3 * 256 * 1024 + 123)
    up = _uploader(served.url, data, 256 * 1024)
    up.upload()
    upload_id = up.url.rsplit("/", 1)[-1]
    stored = served.station.upload_path(upload_id).read_bytes()
    assert hashlib.sha256(stored).digest() == hashlib.sha256(data).digest()
    row = served.station.get_upload(upload_id, kit.kit_id)
    assert row.offset == len(data) and row.completed_at is not None
    head = kit.tus_head(up.url)
    assert head.headers["Upload-Offset"] == str(len(data)) and head.headers["Upload-Length"] == str(len(data))
    assert head.headers["Cache-Control"] == "no-store"


def test_resume_after_a_cut_resends_at_most_one_chunk(served: ServedStation, kit: TestKit, monkeypatch) -> None:
    hook = SigningHook(kit, served.cert_path)
    hook.install(monkeypatch)
    proxy = CutProxy(served.port)
    try:
        via_proxy = f"https://127.0.0.1:{proxy.port}"
        chunk = 512 * 1024
        data = os.urandom(6 * chunk + 1000)
        up = _uploader(via_proxy, data, chunk)
        up.upload(stop_at=2 * chunk)  # two chunks in
        assert up.offset == 2 * chunk
        up.stop_at = len(data)  # upload(stop_at) limits the chunk length too
        proxy.cut_after = chunk // 2  # the next connection dies in the middle of the third chunk's body
        with pytest.raises((TusUploadFailed, TusCommunicationError)):
            up.upload_chunk()
        assert proxy.cuts == 1
        # the station kept only whole, verified chunks: its offset is where the cut chunk began
        resumed = _uploader(via_proxy, data, chunk, upload_url=up.url)
        assert resumed.offset == 2 * chunk
        resumed.upload()
        upload_id = up.url.rsplit("/", 1)[-1]
        assert served.station.upload_path(upload_id).read_bytes() == data
        resent = hook.patch_bytes - len(data)
        assert 0 < resent <= chunk
    finally:
        proxy.close()


def test_checksum_mismatch_is_460_and_nothing_kept(served: ServedStation, kit: TestKit, monkeypatch) -> None:
    hook = SigningHook(kit, served.cert_path)
    hook.install(monkeypatch)
    data = os.urandom(200_000)
    up = _uploader(served.url, data, 100_000)
    up.upload_chunk()
    hook.corrupt_next = True
    with pytest.raises(TusUploadFailed) as failure:
        up.upload_chunk()
    assert failure.value.status_code == 460
    upload_id = up.url.rsplit("/", 1)[-1]
    assert served.station.upload_path(upload_id).stat().st_size == 100_000
    up.upload()  # the same chunk again, uncorrupted
    assert served.station.upload_path(upload_id).read_bytes() == data


def test_sha256_checksum_from_the_kit(served: ServedStation, kit: TestKit) -> None:
    created = kit.tus_create(10, {"file_id": "x"})
    url = created.headers["location"]
    bad = kit.tus_patch(url, 0, b"0123456789", checksum=protocol.tus_checksum_header(b"other"))
    assert bad.status_code == 460 and bad.json()["error"] == "checksum_mismatch"
    assert kit.tus_patch(url, 0, b"0123456789").status_code == 204
    wrong_algo = kit.tus_create(1, {})
    r = kit.tus_patch(wrong_algo.headers["location"], 0, b"x", checksum="md5 " + "A" * 24)
    assert r.status_code == 400


def test_offset_mismatch_is_409(served: ServedStation, kit: TestKit) -> None:
    url = kit.tus_create(10, {}).headers["location"]
    r = kit.tus_patch(url, 5, b"01234")
    assert r.status_code == 409 and r.headers["Upload-Offset"] == "0"


def test_termination_removes_the_upload(served: ServedStation, kit: TestKit) -> None:
    url = kit.tus_create(10, {}).headers["location"]
    assert kit.tus_patch(url, 0, b"01234").status_code == 204
    upload_id = url.rsplit("/", 1)[-1]
    assert kit.request("DELETE", url, headers={"Tus-Resumable": "1.0.0"}).status_code == 204
    assert not served.station.upload_path(upload_id).exists()
    assert kit.tus_head(url).status_code == 404


def test_expiration_header_and_cleanup(served: ServedStation, kit: TestKit) -> None:
    created = kit.tus_create(10, {})
    assert "GMT" in created.headers["Upload-Expires"]
    url = created.headers["location"]
    assert kit.tus_patch(url, 0, b"01234").status_code == 204
    upload_id = url.rsplit("/", 1)[-1]
    with served.station.engine.begin() as conn:
        conn.execute(update(uploads).where(uploads.c.upload_id == upload_id).values(expires_at=now_utc() - timedelta(seconds=1)))
    assert kit.tus_head(url).status_code == 410
    assert served.station.expire_uploads() == 1
    assert not served.station.upload_path(upload_id).exists()
    assert kit.tus_head(url).status_code == 404


def test_limits_max_size_and_disk_full(served: ServedStation, kit: TestKit) -> None:
    too_big = kit.tus_create(served.station.config.max_upload + 1, {})
    assert too_big.status_code == 413
    served.station.config.disk_reserve = 10**18  # no disk has that much free: the station refuses to start it
    full = kit.tus_create(1000, {})
    assert full.status_code == 507 and full.json()["error"] == "station_disk_full"


def test_a_chunk_past_the_length_is_refused(served: ServedStation, kit: TestKit) -> None:
    url = kit.tus_create(4, {}).headers["location"]
    assert kit.tus_patch(url, 0, b"012345").status_code == 413
    assert kit.tus_head(url).headers["Upload-Offset"] == "0"


def test_another_kit_cannot_touch_an_upload(served: ServedStation, kit: TestKit, tmp_path: Path) -> None:
    url = kit.tus_create(4, {}).headers["location"]
    other = served.kit(tmp_path, "Кейс №2")
    try:
        assert other.tus_head(url).status_code == 404
        assert other.tus_patch(url, 0, b"0123").status_code == 404
    finally:
        other.close()


def test_offsets_are_durable_across_a_restart(served: ServedStation, kit: TestKit, tmp_path: Path) -> None:
    """Bytes on disk past the durable offset (a crash between write and the database update) are cut by the
    next PATCH (under the upload's lock — a HEAD never touches the file a PATCH may be writing)."""
    url = kit.tus_create(10, {}).headers["location"]
    assert kit.tus_patch(url, 0, b"01234").status_code == 204
    upload_id = url.rsplit("/", 1)[-1]
    with open(served.station.upload_path(upload_id), "ab") as fh:
        fh.write(b"junk")
    assert kit.tus_head(url).headers["Upload-Offset"] == "5"
    assert kit.tus_patch(url, 5, b"56789").status_code == 204  # the junk is cut before the chunk is written
    assert served.station.upload_path(upload_id).read_bytes() == b"0123456789"


def test_a_head_during_a_slow_patch_leaves_the_chunk_intact(served: ServedStation, kit: TestKit) -> None:
    """A kit that gave up waiting asks HEAD while its previous PATCH is still being written: the answer is
    the durable offset, and the chunk in flight is not damaged."""
    import threading

    chunk = os.urandom(600_000)
    url = kit.tus_create(len(chunk), {}).headers["location"]
    halfway, go_on = threading.Event(), threading.Event()

    def body():  # noqa: ANN202
        yield chunk[:300_000]
        halfway.set()
        go_on.wait(10)
        yield chunk[300_000:]

    headers = {"Tus-Resumable": "1.0.0", "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream",
               "Content-Length": str(len(chunk)), "Upload-Checksum": protocol.tus_checksum_header(chunk),
               "Authorization": kit.auth("PATCH", url, chunk)}
    result: list[int] = []
    worker = threading.Thread(target=lambda: result.append(kit.http.patch(url, content=body(), headers=headers).status_code))
    worker.start()
    assert halfway.wait(10)
    import time

    time.sleep(0.3)  # the first half is on the station's disk by now
    assert kit.tus_head(url).headers["Upload-Offset"] == "0"
    go_on.set()
    worker.join(20)
    assert result == [204]
    assert served.station.upload_path(url.rsplit("/", 1)[-1]).read_bytes() == chunk
