"""The outbox against the in-test station: pairing, sealing, delivery exactly once, resume, refusals."""

from __future__ import annotations

import hashlib
import json

import pytest
from sqlalchemy import select

from mobile_case.storage.models import FileRow, OutboxFileRow, OutboxPackageRow
from mobile_case.sync import outbox as ob
from mobile_case.sync import protocol as p
from mobile_case.sync.pairing import PairingError, pair
from mobile_case.sync.sealing import outbox_root, seal_pending
from mobile_case.sync.settings import SyncSettings, save_settings
from mobile_case.sync.states import PackageState

from .kitdata import make_cases


def paired(store, station):
    return pair(store, code=station.code, kit_name="Кейс 1")


def test_pairing_stores_station_and_pin(store, station):
    res = paired(store, station)
    pr = ob.load_pairing(store)
    assert pr.kit_id == res.kit_id and pr.station_id == station.station_id
    assert pr.cert_sha256 == station.cert_sha256
    assert station.kits[res.kit_id] == p.b64d(p.b64e(station.kits[res.kit_id]))


def test_pairing_refuses_wrong_code_and_wrong_certificate(store, station):
    wrong = station.code[:-10] + ("Z" * 10 if station.secret != "Z" * 10 else "Y" * 10)
    with pytest.raises(PairingError) as e:
        pair(store, code=wrong)
    assert e.value.code == "pair_code_invalid"
    bad_cert = station.code.replace(station.cert_sha256[:16], "0" * 16)
    with pytest.raises(PairingError) as e:
        pair(store, code=bad_cert)
    assert e.value.code == "cert_mismatch"
    station.faults["pair_cert"] = "ab" * 32  # the station names another certificate: a MITM
    with pytest.raises(PairingError) as e:
        pair(store, host="127.0.0.1", port=station.port, secret=station.secret)
    assert e.value.code == "cert_mismatch"
    assert ob.load_pairing(store) is None


def _manifest_files(station, pid):
    return station.packages[pid]["manifest"]["files"]


def test_cases_are_sealed_sent_and_delivered_once(store, station):
    paired(store, station)
    ids = make_cases(store, 5, recordings={2: 3 * 1024 * 1024 + 17})
    rep = ob.Outbox(store).run()
    assert rep.ok, rep.error
    assert rep.sealed == 5 and len(rep.delivered) == 5
    assert len(station.packages) == 5
    # hash-identical: every plaintext at the station equals the kit's stored blob
    with store.reader() as s:
        pkgs = {r.request_id: r for r in s.scalars(select(OutboxPackageRow))}
    assert set(pkgs) == set(ids)
    for pkg in pkgs.values():
        assert pkg.state == PackageState.DELIVERED
        st = station.packages[pkg.id]
        assert st["manifest"]["case"]["request"]["id"] == pkg.request_id
        for f in st["manifest"]["files"]:
            assert hashlib.sha256(st["files"][f["file_id"]]).hexdigest() == f["sha256"]
        assert not (outbox_root(store) / pkg.id).exists()  # spool removed after the receipt
    # the recording left the kit at once; the PDFs stay
    with store.reader() as s:
        kinds = [r.kind for r in s.scalars(select(FileRow))]
    assert "recording" not in kinds and kinds.count("application_pdf") == 5
    # a second run sends nothing
    before = len(station.log)
    rep2 = ob.Outbox(store).run()
    assert rep2.ok and rep2.delivered == [] and rep2.sealed == 0
    assert len(station.log) == before


def test_cut_upload_resumes_from_station_offset(store, station):
    paired(store, station)
    save_settings(store, SyncSettings(chunk_bytes=1024 * 1024))
    make_cases(store, 1, recordings={0: 5 * 1024 * 1024})
    station.faults["cut_patch_after"] = 300_000
    rep = ob.Outbox(store).run()
    # the attempt after the cut starts at once, from the offset the station reports (HEAD)
    assert rep.ok and len(rep.delivered) == 1
    assert any(m == "HEAD" for m, _p, _c in station.log)
    total = sum(f.enc_size for f in _enc_files(store))
    assert station.patch_bytes - total <= 1024 * 1024  # re-sent ≤ one chunk


def test_cut_without_progress_waits_for_the_next_run(store, station):
    paired(store, station)
    make_cases(store, 1)
    station.close()  # nothing moves: no quick retry, the run ends with the station unreachable
    rep = ob.Outbox(store).run()
    assert rep.error_code == "unreachable" and rep.pending == 1
    with store.reader() as s:
        pkg = s.scalars(select(OutboxPackageRow)).one()
        assert pkg.state == PackageState.SENDING and "недоступна" in pkg.last_error


def _enc_files(store):
    with store.reader() as s:
        return list(s.scalars(select(OutboxFileRow)))


def test_tampered_package_is_set_aside_and_others_go_on(store, station):
    paired(store, station)
    make_cases(store, 3)
    seal_pending(store)
    with store.reader() as s:
        first = s.scalars(select(OutboxPackageRow).order_by(OutboxPackageRow.sealed_at)).first()
    # corrupt the wrapped key of one package: the station cannot unwrap it → 422
    with store.writer() as s:
        row = s.get(OutboxPackageRow, first.id)
        w = json.loads(row.wrapped_key)
        w["ct"] = p.b64e(b"\0" * 48)
        row.wrapped_key = json.dumps(w)
    rep = ob.Outbox(store).run()
    assert rep.set_aside == [first.id]
    assert len(rep.delivered) == 2
    items = {i.package_id: i for i in ob.queue(store)}
    assert items[first.id].state_title == "відкладено"
    assert "відхилила" in items[first.id].error


def test_corrupt_local_spool_is_set_aside(store, station):
    paired(store, station)
    make_cases(store, 2)
    seal_pending(store)
    with store.reader() as s:
        f = s.scalars(select(OutboxFileRow).where(OutboxFileRow.file_id != "manifest")).first()
    (outbox_root(store) / f.spool).write_bytes(b"short")
    rep = ob.Outbox(store).run()
    assert rep.set_aside == [f.package_id] and len(rep.delivered) == 1


def test_invalid_receipt_is_not_delivery(store, station):
    paired(store, station)
    make_cases(store, 1)
    station.faults["receipt_key"] = p.new_sign_key()
    rep = ob.Outbox(store).run()
    assert rep.delivered == [] and len(rep.set_aside) == 1
    with store.reader() as s:
        assert s.scalars(select(OutboxPackageRow)).one().state == PackageState.SET_ASIDE


def test_lost_commit_reply_retried_gives_same_receipt(store, station):
    paired(store, station)
    make_cases(store, 1)
    seal_pending(store)
    ob.Outbox(store).run(seal=False, only=["nothing"])  # no-op run: nothing selected
    # upload everything, then lose the commit's reply (the station stored the package)
    station.faults["commit_status"] = 503
    outbox = ob.Outbox(store)
    with store.reader() as s:
        pid = s.scalars(select(OutboxPackageRow.id)).one()
    client = outbox._default_client(
        ob.load_pairing(store),
        ob.load_settings(store),
        ob.load_kit_key(store.data_dir, ob.load_pairing(store).kit_id),
    )
    try:
        with pytest.raises(ob.StationError) as e:
            outbox._send(client, ob.load_pairing(store), ob.load_settings(store), pid)
    finally:
        client.close()
    assert e.value.code == "http_503"
    with store.reader() as s:
        assert s.get(OutboxPackageRow, pid).state == PackageState.AWAITING_RECEIPT
    rep = ob.Outbox(store).run()
    assert rep.delivered == [pid] and len(station.packages) == 1
    commits = [c for m, path, c in station.log if m == "POST" and path.endswith("/commit")]
    assert commits == [503, 200]  # the same envelope again: the same receipt, nothing stored twice


def test_clock_skew_revoked_and_certificate_changed(store, station):
    paired(store, station)
    make_cases(store, 1)
    station.time_offset = 3600 * 2
    rep = ob.Outbox(store).run()
    assert rep.error_code == "clock_skew" and "2 год" in rep.error
    station.time_offset = 0
    with store.writer() as s:
        from mobile_case.storage.models import SyncPairingRow

        s.get(SyncPairingRow, 1).cert_sha256 = "00" * 32
    rep = ob.Outbox(store).run()
    assert rep.error_code == "cert_changed" and "Сертифікат" in rep.error
    assert station.uploads == {}  # nothing was sent to the wrong certificate
    with store.writer() as s:
        s.get(SyncPairingRow, 1).cert_sha256 = station.cert_sha256
    station.revoked.add(ob.load_pairing(store).kit_id)
    rep = ob.Outbox(store).run()
    assert rep.error_code == "kit_revoked" and "відкликано" in rep.error
    assert ob.load_pairing(store).revoked


def test_recordings_wait_for_wifi_unless_allowed(store, station):
    paired(store, station)
    make_cases(store, 2, recordings={0: 100_000})
    rep = ob.Outbox(store).run(medium="cellular")
    assert len(rep.delivered) == 1 and rep.skipped_recordings == 1
    waiting = [i for i in ob.queue(store) if i.state != "delivered"]
    assert "Wi-Fi" in waiting[0].error
    save_settings(store, SyncSettings(recordings_over_mobile=True))
    rep = ob.Outbox(store).run(medium="cellular")
    assert len(rep.delivered) == 1


def test_local_copies_purged_after_days(store, station):
    paired(store, station)
    make_cases(store, 1)
    ob.Outbox(store).run()
    assert ob.purge_local_copies(store, SyncSettings(keep_local_days=30)) == 0
    from datetime import timedelta

    later = store.clock() + timedelta(days=31)
    store.clock = lambda: later
    assert ob.purge_local_copies(store, SyncSettings(keep_local_days=30)) == 1
    with store.reader() as s:
        assert list(s.scalars(select(FileRow))) == []


def test_station_disk_full_and_unknown_kit_messages(store, station):
    paired(store, station)
    make_cases(store, 1)
    station.faults["post_status"] = 507
    rep = ob.Outbox(store).run()
    assert rep.error_code == "station_disk_full" and "місце" in rep.error
    station.kits.clear()  # the station forgot this kit (e.g. a new station database)
    rep = ob.Outbox(store).run()
    assert rep.error_code == "kit_unknown" and "Повторіть сполучення" in rep.error
    with store.reader() as s:
        assert s.scalars(select(OutboxPackageRow)).one().state != PackageState.SET_ASIDE


def test_kit_disk_full_while_sealing(store, station, monkeypatch):
    import errno

    from mobile_case.sync import protocol as proto

    paired(store, station)
    make_cases(store, 1)

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(proto, "encrypt_file", full)
    rep = ob.Outbox(store).run()
    assert rep.error_code == "local_disk_full" and "бракує місця" in rep.error
    assert ob.counts(store) == {}
    assert not any(outbox_root(store).iterdir())  # no half-written package left behind
    monkeypatch.undo()
    assert len(ob.Outbox(store).run().delivered) == 1


def test_kit_key_in_the_os_keyring(store, station, monkeypatch):
    import keyring
    from keyring.backend import KeyringBackend

    class Memory(KeyringBackend):
        priority = 1
        data: dict = {}

        def get_password(self, service, username):
            return self.data.get((service, username))

        def set_password(self, service, username, password):
            self.data[(service, username)] = password

        def delete_password(self, service, username):
            self.data.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(Memory())
    try:
        res = paired(store, station)
        assert res.key_location == "keyring"
        assert ("mobile-case-sync", f"kit-key:{res.kit_id}") in Memory.data
        assert not list(store.data_dir.glob("sync-kit-*.key"))
        make_cases(store, 1)
        assert len(ob.Outbox(store).run().delivered) == 1
    finally:
        keyring.set_keyring(previous)


def test_pairing_anew_reseals_undelivered_packages(store, station, tmp_path):
    from .mini_station import MiniStation

    paired(store, station)
    make_cases(store, 2)
    seal_pending(store)
    other = MiniStation(tmp_path / "other")
    try:
        pair(store, code=other.code)
        rep = ob.Outbox(store).run()
        assert len(rep.delivered) == 2 and len(other.packages) == 2 and station.packages == {}
    finally:
        other.close()


def test_orphan_spool_of_an_interrupted_sealing_is_removed(store, station):
    import os
    import time as _t

    paired(store, station)
    orphan = outbox_root(store) / "0000-orphan"
    orphan.mkdir(parents=True)
    (orphan / "f001.mks").write_bytes(b"x")
    old = _t.time() - 7200
    os.utime(orphan, (old, old))
    seal_pending(store)
    assert not orphan.exists()


def test_replayed_package_with_another_envelope_is_refused_and_set_aside(store, station):
    paired(store, station)
    make_cases(store, 2)
    rep = ob.Outbox(store).run()
    assert len(rep.delivered) == 2
    pr = ob.load_pairing(store)
    key = ob.load_kit_key(store.data_dir, pr.kit_id)
    with store.writer() as s:  # the same package id sent again with another (validly signed) envelope
        row = s.scalars(select(OutboxPackageRow)).first()
        env = json.loads(row.envelope)
        env["created_at"] = "2026-01-01T00:00:00Z"
        row.envelope = json.dumps(p.sign_doc(env, key))
        row.state = PackageState.AWAITING_RECEIPT.value
        pid = row.id
    rep = ob.Outbox(store).run()
    assert rep.set_aside == [pid]
    item = next(i for i in ob.queue(store) if i.package_id == pid)
    assert "інший пакет з тим самим номером" in item.error
    assert len(station.packages) == 2


def test_a_later_correction_is_a_new_package_that_supersedes(store, station):
    from datetime import timedelta

    from mobile_case.domain.model import Act, ActReason, ActStage, new_id
    from mobile_case.storage import repo
    from mobile_case.storage.models import FileRow as FR

    paired(store, station)
    (rid,) = make_cases(store, 1)
    first = ob.Outbox(store).run()
    assert len(first.delivered) == 1
    old_pid = first.delivered[0]
    assert station.packages[old_pid]["manifest"]["supersedes"] is None
    # nothing changed: nothing new
    assert seal_pending(store) == []
    # later: the result could not be handed over — an act at the return of the result, with its PDF
    later = store.clock() + timedelta(seconds=5)
    act = Act(
        number="R1/2026",
        request_id=rid,
        reason=ActReason.NO_RECORDING_CONSENT,
        stage=ActStage.RESULT_RETURN,
        drawn_at=later,
        subject_name="Тестенко О. П.",
    )
    sha = store.blobs.put(b"%PDF-1.4 act")
    with store.writer() as s:
        s.add(repo.act_to_row(act))
        s.flush()
        s.add(
            FR(
                id=new_id(),
                sha256=sha,
                name="akt.pdf",
                mime="application/pdf",
                size=12,
                kind="act_pdf",
                entity_kind="act",
                entity_id=act.id,
                created_at=later,
                created_by=None,
            )
        )
    store.clock = lambda: later + timedelta(seconds=1)
    sealed = seal_pending(store)
    assert len(sealed) == 1 and sealed[0].request_id == rid
    assert seal_pending(store) == []  # sealed once, not at every scan
    rep = ob.Outbox(store).run()
    assert rep.delivered == [sealed[0].package_id]
    new = station.packages[sealed[0].package_id]["manifest"]
    assert new["supersedes"] == old_pid
    assert [a["act"]["number"] for a in new["case"]["acts"]] == ["R1/2026"]
    assert any(f["kind"] == "act_pdf" for f in new["files"])


def test_card_read_goes_in_the_manifest_without_its_bytes(store, station):
    from mobile_case.domain.model import new_id
    from mobile_case.services.cardreads import _B64
    from mobile_case.storage.models import FileRow as FR

    paired(store, station)
    (rid,) = make_cases(store, 1)
    doc = {
        "format": 1,
        "verdict": "valid",
        "document_number": "000123456",
        "raw_files": {"DG2": {_B64: "QUJD" * 1000}},
        "photo_original": {_B64: "QUJD"},
    }
    sha = store.blobs.put(json.dumps(doc).encode())
    with store.writer() as s:
        s.add(
            FR(
                id=new_id(),
                sha256=sha,
                name="card-read",
                mime="application/json",
                size=1,
                kind="card_read",
                entity_kind="request",
                entity_id=rid,
                created_at=store.clock(),
                created_by=None,
            )
        )
    rep = ob.Outbox(store).run()
    pkg = station.packages[rep.delivered[0]]
    (card,) = pkg["manifest"]["case"]["card_read"]
    assert (
        card["verdict"] == "valid" and card["raw_files"] == {"DG2": None} and card["photo_original"] is None
    )
    kinds = {f["kind"] for f in pkg["manifest"]["files"]}
    assert "card_read" in kinds  # the whole read, bytes and all, as an encrypted file


def test_manifest_carries_the_case_journals_consents_payment(store, station):
    paired(store, station)
    ids = make_cases(store, 10)
    rep = ob.Outbox(store).run()
    assert len(rep.delivered) == 10
    manifests = {m["case"]["request"]["id"]: m for m in (p_["manifest"] for p_ in station.packages.values())}
    done, act_case = manifests[ids[0]], manifests[ids[9]]  # every tenth case is ended by an act
    assert done["format"] == "mobile-case/package/1" and done["sealed_at"].endswith("Z")
    visit = done["case"]["visits"][0]
    assert visit["consents"]["recording"] is True and "application" in visit["consents"]
    assert "method" in visit["payment"] and "verified" in visit["identification"]
    assert done["case"]["journal"]["services"] == [visit["journal_services_number"]]
    assert done["case"]["state"] == "completed" and act_case["case"]["state"] == "impossible"
    assert act_case["case"]["journal"]["acts"] == ["T9/2026"]
    for f in done["files"]:
        assert set(f) >= {"file_id", "kind", "name", "mime", "size", "sha256", "enc_size", "enc_sha256"}


def test_lost_kit_key_says_to_pair_again(store, station):
    res = paired(store, station)
    make_cases(store, 1)
    (store.data_dir / f"sync-kit-{res.kit_id}.key").unlink()
    rep = ob.Outbox(store).run()
    assert rep.error_code == "kit_key_missing" and "Повторіть сполучення" in rep.error
