"""``mobile-case sync pair|now|status`` as a real program against the in-test station."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from mobile_case.storage.store import open_store

from .kitdata import make_cases


def run(*args, env=None):
    e = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "mobile_case", *args], capture_output=True, text=True, env=e, timeout=120
    )


def test_pair_now_status(tmp_path, station, monkeypatch):
    data = tmp_path / "kit"
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    st = open_store(data)  # the key goes to the owner-only file, as the program will find it
    make_cases(st, 3)
    st.close()
    r = run("sync", "status", "--data-dir", str(data))
    assert r.returncode == 0 and "не сполучено" in r.stdout
    r = run("sync", "now", "--data-dir", str(data))
    assert r.returncode == 1 and "не сполучено" in r.stderr
    r = run("sync", "pair", station.code, "--name", "Кейс-7", "--data-dir", str(data))
    assert r.returncode == 0, r.stderr
    assert "сполучено" in r.stdout and "у файлі" in r.stdout
    r = run("sync", "now", "--json", "--data-dir", str(data))
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["sealed"] == 3 and len(out["delivered"]) == 3 and out["pending"] == 0
    r = run("sync", "status", "--json", "--data-dir", str(data))
    st = json.loads(r.stdout)
    assert st["paired"] and st["counts"] == {"delivered": 3}
    assert len(station.packages) == 3


def test_bad_code_is_a_clear_message(tmp_path, station, monkeypatch):
    data = tmp_path / "kit"
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    open_store(data).close()
    r = run("sync", "pair", "MK1-127.0.0.1:1-0000000000000000-ABCDEFGHJK", "--data-dir", str(data))
    assert r.returncode == 1 and "Станцію ЦНАП за вказаною адресою не знайдено" in r.stderr


def test_reseal_a_set_aside_package_after_the_cause_is_removed(tmp_path, station, monkeypatch):
    """A damaged spool copy sets its package aside; «sync reseal ID» seals the case again as a package
    that supersedes it, and the next run delivers it — the case is not lost."""
    from sqlalchemy import select

    from mobile_case.storage.models import OutboxFileRow
    from mobile_case.sync.sealing import outbox_root, seal_pending

    data = tmp_path / "kit"
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    st = open_store(data)
    make_cases(st, 2)
    st.close()
    assert run("sync", "pair", station.code, "--data-dir", str(data)).returncode == 0
    st = open_store(data)
    try:
        seal_pending(st)
        with st.reader() as s:
            f = s.scalars(select(OutboxFileRow).where(OutboxFileRow.file_id != "manifest")).first()
        (outbox_root(st) / f.spool).write_bytes(b"short")
        bad = f.package_id
    finally:
        st.close()
    out = json.loads(run("sync", "now", "--json", "--data-dir", str(data)).stdout)
    assert out["set_aside"] == [bad] and len(out["delivered"]) == 1
    r = run("sync", "reseal", "no-such-package", "--data-dir", str(data))
    assert r.returncode == 1 and "немає" in r.stderr
    delivered = out["delivered"][0]
    r = run("sync", "reseal", delivered, "--data-dir", str(data))
    assert r.returncode == 1 and "лише відкладений" in r.stderr
    r = run("sync", "reseal", bad, "--data-dir", str(data))
    assert r.returncode == 0, r.stderr
    assert f"замінює {bad}" in r.stdout
    out = json.loads(run("sync", "now", "--json", "--data-dir", str(data)).stdout)
    assert len(out["delivered"]) == 1 and out["pending"] == 0
    new = station.packages[out["delivered"][0]]["manifest"]
    assert new["supersedes"] == bad and len(station.packages) == 2
    r = run("sync", "reseal", bad, "--data-dir", str(data))
    assert r.returncode == 1 and "новішим пакетом" in r.stderr
