"""Visit recordings: a private folder, encrypted archive, the plain files gone, only the head opens them,
every opening audited, destroyed after three months (O 2.9)."""

from __future__ import annotations

import os
import stat
import sys
from datetime import date

import pytest

from mobile_case.domain.deadlines import add_months, keep_until
from mobile_case.domain.errors import PermissionDenied, ValidationError


def _record(app, visit, n=2):
    folder = app.recordings.folder_for(visit.id)
    segments = []
    for i in range(n):
        p = folder / f"{visit.id}-{i:03d}.mkv"
        p.write_bytes(b"\x1aE\xdf\xa3" + os.urandom(5000 + i))
        segments.append(p)
    return folder, segments


def test_archive_encrypts_links_and_deletes_the_plain_segments(app, visit, login, tmp_path):
    folder, segments = _record(app, visit)
    if sys.platform != "win32":
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    plain = [p.read_bytes() for p in segments]
    stored = app.recordings.archive(visit.id, segments)
    assert [f.name for f in stored] == [p.name for p in segments]
    assert all(f.mime == "video/x-matroska" and f.kind == "recording" for f in stored)
    assert not folder.exists()  # plain files and their folder are gone
    for f, data in zip(stored, plain, strict=True):
        raw = app.store.blobs.path(f.sha256).read_bytes()
        assert data[100:200] not in raw
    assert app.recordings.recordings(visit.id) == stored
    assert len(app.store.audit.entries(action="recording_archived")) == 2

    # the administrator may see that recordings exist, not open them
    with pytest.raises(PermissionDenied) as exc:
        app.recordings.export(stored[0].id, tmp_path / "x.mkv")
    assert "2.9" in exc.value.user_message

    head = login("head")
    out = app.recordings.export(stored[1].id, tmp_path / "seen.mkv")
    assert out.read_bytes() == plain[1]
    [opened] = app.store.audit.entries(action="recording_opened")
    assert opened.actor_id == head.id and opened.entity_id == visit.id


def test_only_segments_of_the_visit_folder_are_archived(app, visit, tmp_path):
    elsewhere = tmp_path / "elsewhere.mkv"
    elsewhere.write_bytes(b"x")
    with pytest.raises(ValidationError):
        app.recordings.archive(visit.id, [elsewhere])
    assert elsewhere.exists()


def test_the_kit_keeper_has_no_access(app, visit, login):
    login("keeper")
    with pytest.raises(PermissionDenied):
        app.recordings.folder_for(visit.id)
    with pytest.raises(PermissionDenied):
        app.recordings.recordings(visit.id)


def test_recordings_are_destroyed_after_three_months(app, visit, login, clock):
    _, segments = _record(app, visit, n=1)
    [stored] = app.recordings.archive(visit.id, segments)
    assert keep_until(date(2026, 3, 4)) == date(2026, 6, 4)
    assert app.recordings.purge_expired(date(2026, 6, 4)) == 0
    assert app.store.blobs.exists(stored.sha256)
    assert app.recordings.purge_expired(date(2026, 6, 5)) == 1
    assert not app.store.blobs.exists(stored.sha256)
    login("head")
    assert app.recordings.recordings(visit.id) == []
    [entry] = app.store.audit.entries(action="recording_destroyed")
    assert entry.details == {"file": stored.id}


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2024, 11, 29), 3, date(2025, 2, 28)),
    ],
)
def test_add_months(start, months, end):
    assert add_months(start, months) == end
