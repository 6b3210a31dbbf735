"""Recorder segments in the archive (issue 5, point 3): each finished segment's SHA-256 in the audit log,
what a crash left archived at the next start, the kit's external recorder files imported."""

from __future__ import annotations

import hashlib
import os

import pytest

from mobile_case.domain.errors import ValidationError


def _segments(app, visit, n=2):
    folder = app.recordings.folder_for(visit.id)
    paths = []
    for i in range(n):
        p = folder / f"{visit.id}-{i + 1:03d}.mkv"
        p.write_bytes(b"\x1aE\xdf\xa3" + os.urandom(3000 + i))
        paths.append(p)
    return paths


def test_each_archived_segment_has_its_sha256_in_the_audit_log(app, visit):
    paths = _segments(app, visit)
    hashes = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}
    stored = app.recordings.archive(visit.id, paths)
    entries = app.store.audit.entries(action="recording_archived")
    assert {e.details["name"]: e.details["sha256"] for e in entries} == hashes
    assert {e.details["file"] for e in entries} == {f.id for f in stored}
    assert all(e.entity_id == visit.id for e in entries)


def test_what_a_crash_left_is_archived_at_the_next_start(app, visit, login):
    paths = _segments(app, visit, n=3)
    assert app.recordings.leftovers() == {visit.id: paths}
    assert app.recordings.archive_leftovers(skip={visit.id}) == 0  # being recorded now: left alone
    login("keeper")
    assert app.recordings.archive_leftovers() == 0  # may not run visits: the next administrator does
    assert all(p.exists() for p in paths)
    login("admin")
    assert app.recordings.archive_leftovers() == 3
    assert app.recordings.leftovers() == {}
    assert [f.name for f in app.recordings.recordings(visit.id)] == [p.name for p in paths]
    assert len(app.store.audit.entries(action="recording_archived")) == 3


def test_external_recorder_files_are_imported_and_the_originals_kept(app, visit, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    original = usb / "MOVI0001.AVI"
    original.write_bytes(os.urandom(4000))
    [stored] = app.recordings.import_external(visit.id, [original])
    assert original.exists()
    assert stored.name.endswith("MOVI0001.AVI") and stored.mime == "video/x-msvideo"
    [entry] = app.store.audit.entries(action="recording_imported")
    assert entry.details["sha256"] == hashlib.sha256(original.read_bytes()).hexdigest()
    assert app.recordings.leftovers() == {}
    with pytest.raises(ValidationError):
        app.recordings.import_external(visit.id, [usb / "missing.avi"])


def test_a_camera_still_left_by_a_crash_is_removed_not_archived(app, visit):
    [segment] = _segments(app, visit, n=1)
    still = segment.with_name(".snapshot-1234.npy")
    still.write_bytes(b"\x93NUMPY")
    assert app.recordings.leftovers() == {visit.id: [segment]}
    assert not still.exists()
