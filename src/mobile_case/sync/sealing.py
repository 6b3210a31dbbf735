"""Sealing: a completed (or act-ended) case becomes an immutable, encrypted, signed package.

For each case in state «виконано» or «неможливо» that has no package yet, :func:`seal_pending` writes:

* ``<data dir>/outbox/<package_id>/<file_id>.mks`` — each of the case's stored files (application and act
  PDFs, scans, the card-read result and photo, the visit recordings) decrypted from the blob store and
  re-encrypted as an MKSTREAM1 stream under a fresh per-package content key (streamed: a 50 MB recording
  never sits in memory, and no plaintext copy touches the disk);
* ``manifest.mks`` — the manifest (case, journal lines, consents, card read, payment, the file list with
  plaintext and ciphertext SHA-256), encrypted with the same key;
* an ``outbox_packages`` row with the content key wrapped to the station's X25519 key (the key itself is
  never stored) and the ``outbox_files`` rows — in one transaction, after the spool files are on disk.

A stored file that no longer matches its hash makes the package «відкладено» with that reason at once:
it never blocks the other packages.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from mobile_case.domain.model import CaseState
from mobile_case.storage import codec, repo
from mobile_case.storage.errors import BlobError
from mobile_case.storage.models import (
    ActRow,
    FileRow,
    HandoverRow,
    OutboxFileRow,
    OutboxPackageRow,
    RequestRow,
    SyncPairingRow,
    VisitRow,
)
from mobile_case.sync import protocol
from mobile_case.sync.states import PackageState

log = logging.getLogger(__name__)

OUTBOX_DIR = "outbox"
SEALED_CASE_STATES = (CaseState.COMPLETED.value, CaseState.IMPOSSIBLE.value)
RECORDING_KIND = "recording"
CARD_READ_BYTES_KEY = "$base64"  # how services/cardreads.py writes bytes inside a read: {"$base64": "…"}


@dataclass(frozen=True)
class SealResult:
    package_id: str
    request_id: str
    files: int
    bytes_total: int
    state: str


class _BlobReader(io.RawIOBase):
    """A read-only stream of a blob's plaintext (chunked blobs decrypted one chunk at a time)."""

    def __init__(self, blobs: Any, sha256: str) -> None:
        self._fh = open(blobs.path(sha256), "rb")  # noqa: SIM115 - closed in close()
        head = self._fh.read(4)
        self._fh.seek(0)
        if head == b"MCB2":
            self._it: Iterator[bytes] = blobs._chunks(sha256, self._fh)
        else:
            self._fh.close()
            self._it = iter([blobs.read(sha256)])
        self._buf = b""

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        while n < 0 or len(self._buf) < n:
            try:
                self._buf += next(self._it)
            except StopIteration:
                break
        if n < 0:
            out, self._buf = self._buf, b""
        else:
            out, self._buf = self._buf[:n], self._buf[n:]
        return out

    def close(self) -> None:
        self._fh.close()
        super().close()


def _without_bytes(value: Any) -> Any:
    """The chip read for the manifest: its data and verdict, without the bytes it keeps in base64 (raw
    files, photo, signature) — those travel in the encrypted ``card_read`` file itself."""
    if isinstance(value, dict):
        if CARD_READ_BYTES_KEY in value:
            return None
        return {k: _without_bytes(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_bytes(v) for v in value]
    return value


def _utc_iso(moment: Any) -> str:
    """The store's times are the kit's local wall clock (naive): UTC ISO 8601 with ``Z`` on the wire."""
    if not isinstance(moment, datetime):
        return str(moment)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def outbox_root(store: Any) -> Path:
    return Path(store.data_dir) / OUTBOX_DIR


def pending_cases(store: Any, limit: int = 1000) -> list[str]:
    """Requests completed or ended by an act that have no package yet (oldest first)."""
    with store.reader() as s:
        sealed = select(OutboxPackageRow.request_id)
        rows = s.scalars(
            select(RequestRow.id)
            .where(RequestRow.state.in_(SEALED_CASE_STATES), RequestRow.id.not_in(sealed))
            .order_by(RequestRow.created_at)
            .limit(limit)
        )
        return list(rows)


def _case_document(s: Any, req_row: RequestRow) -> tuple[dict[str, Any], list[FileRow]]:
    req = repo.request_from_row(req_row)
    visits = list(s.scalars(select(VisitRow).where(VisitRow.request_id == req_row.id).order_by(VisitRow.ord)))
    acts = list(s.scalars(select(ActRow).where(ActRow.request_id == req_row.id).order_by(ActRow.drawn_at)))
    outing_ids = sorted({v.outing_id for v in visits})
    handover = (
        list(
            s.scalars(
                select(HandoverRow).where(HandoverRow.outing_id.in_(outing_ids)).order_by(HandoverRow.number)
            )
        )
        if outing_ids
        else []
    )
    entity_ids = [req_row.id] + [v.id for v in visits] + [a.id for a in acts]
    files = list(
        s.scalars(
            select(FileRow).where(FileRow.entity_id.in_(entity_ids)).order_by(FileRow.created_at, FileRow.id)
        )
    )
    visit_docs = []
    for v in visits:
        visit = repo.visit_from_row(v)
        visit_docs.append(
            {
                "visit": codec.to_plain(visit),
                "journal_services_number": v.journal_number,
                "consents": {
                    "recording": visit.recording_consent,
                    "application": codec.to_plain(req.consents),
                },
                "payment": codec.to_plain(visit.payment),
                "identification": codec.to_plain(visit.identification),
            }
        )
    doc = {
        "request": codec.to_plain(req),
        "request_number": req_row.number,
        "state": req_row.state,
        "visits": visit_docs,
        "acts": [
            {"act": codec.to_plain(repo.act_from_row(a)), "journal_acts_number": a.number} for a in acts
        ],
        "journal": {
            "services": [v.journal_number for v in visits if v.journal_number is not None],
            "acts": [a.number for a in acts],
            "handover": [codec.to_plain(repo.handover_from_row(h)) for h in handover],
        },
        "card_read": [],
    }
    return doc, files


def _latest_package(s: Any, request_id: str) -> OutboxPackageRow | None:
    return s.scalar(
        select(OutboxPackageRow)
        .where(OutboxPackageRow.request_id == request_id)
        .order_by(OutboxPackageRow.sealed_at.desc(), OutboxPackageRow.id)
        .limit(1)
    )


def seal_case(store: Any, request_id: str, *, supersedes: str | None = None, now: Any = None) -> SealResult:
    """Seal one case into a package (see the module doc). Idempotent per case: a case that already has
    a package is not sealed again — unless ``supersedes`` names its latest package: a correction (an act
    drawn or a document kept after the sealing) becomes a new package that supersedes it."""
    sealed_at = (now or store.clock)()  # before reading: a change after this is a later correction
    with store.reader() as s:
        pairing = s.get(SyncPairingRow, 1)
        if pairing is None:
            raise RuntimeError("not paired")
        existing = _latest_package(s, request_id)
        if existing is not None and (supersedes is None or existing.id != supersedes):
            return SealResult(existing.id, request_id, 0, existing.bytes_total, existing.state)
        req_row = s.get(RequestRow, request_id)
        if req_row is None or req_row.state not in SEALED_CASE_STATES:
            raise ValueError("case is not completed")
        case_doc, file_rows = _case_document(s, req_row)
        records, case_files = _case_parts(s, [request_id])[request_id]
        packaged = _packaged_files(s, [request_id])[request_id]
        kit_id, box_pub = pairing.kit_id, protocol.b64d(pairing.station_box_pub)
        case_state = req_row.state
    package_id = str(uuid.uuid4())
    aad = package_id.encode("utf-8")
    key = os.urandom(32)
    spool = outbox_root(store) / package_id
    spool.mkdir(parents=True, exist_ok=True)
    files_meta: list[dict[str, Any]] = []
    out_rows: list[OutboxFileRow] = []
    set_aside = ""
    try:
        for i, fr in enumerate(file_rows):
            file_id = f"f{i + 1:03d}"
            dst = spool / f"{file_id}.mks"
            try:
                if fr.kind == "card_read":
                    raw = store.blobs.read(fr.sha256)
                    try:
                        case_doc["card_read"].append(_without_bytes(json.loads(raw.decode("utf-8"))))
                    except (UnicodeDecodeError, ValueError):
                        pass
                reader = _BlobReader(store.blobs, fr.sha256)
                try:
                    res = protocol.encrypt_file(reader, dst, key, aad)  # type: ignore[arg-type]
                finally:
                    reader.close()
            except (BlobError, FileNotFoundError) as exc:
                log.warning(
                    "package %s: stored file %s unreadable: %s", package_id, fr.id, type(exc).__name__
                )
                set_aside = "local_blob_corrupt"
                break
            if res.sha256 != fr.sha256:
                set_aside = "local_blob_corrupt"
                break
            files_meta.append(
                {
                    "file_id": file_id,
                    "kind": fr.kind,
                    "name": fr.name,
                    "mime": fr.mime,
                    "size": res.size,
                    "sha256": res.sha256,
                    "enc_size": res.enc_size,
                    "enc_sha256": res.enc_sha256,
                    "recorded_at": _utc_iso(fr.created_at) if fr.kind == RECORDING_KIND else None,
                }
            )
            out_rows.append(
                OutboxFileRow(
                    package_id=package_id,
                    file_id=file_id,
                    kind=fr.kind,
                    source_file_id=fr.id,
                    spool=f"{package_id}/{file_id}.mks",
                    size=res.size,
                    sha256=res.sha256,
                    enc_size=res.enc_size,
                    enc_sha256=res.enc_sha256,
                    upload_url="",
                    offset=0,
                )
            )
        manifest = {
            "format": protocol.FORMAT_PACKAGE,
            "package_id": package_id,
            "kit_id": kit_id,
            "sealed_at": _utc_iso(sealed_at),
            "case": case_doc,
            "files": files_meta,
            "supersedes": supersedes,
        }
        plain = protocol.canonical(manifest)
        res = protocol.encrypt_file(io.BytesIO(plain), spool / "manifest.mks", key, aad)
        out_rows.insert(
            0,
            OutboxFileRow(
                package_id=package_id,
                file_id=protocol.MANIFEST_FILE_ID,
                kind="manifest",
                source_file_id=None,
                spool=f"{package_id}/manifest.mks",
                size=res.size,
                sha256=res.sha256,
                enc_size=res.enc_size,
                enc_sha256=res.enc_sha256,
                upload_url="",
                offset=0,
            ),
        )
    except OSError:
        shutil.rmtree(spool, ignore_errors=True)
        raise
    # the hash of what this package carries (a set-aside package carries no files: they stay "new")
    fingerprint = _digest(
        records, case_files, packaged | {r.source_file_id for r in out_rows if r.source_file_id}
    )
    wrapped = protocol.wrap_key(key, box_pub, package_id)
    del key
    state = PackageState.SET_ASIDE if set_aside else PackageState.SEALED
    if set_aside:
        shutil.rmtree(spool, ignore_errors=True)
        out_rows = []
    total = sum(r.enc_size for r in out_rows)
    with store.writer() as s:
        latest = _latest_package(s, request_id)
        if (latest.id if latest is not None else None) != supersedes:
            shutil.rmtree(spool, ignore_errors=True)  # sealed meanwhile by another process
            raise RuntimeError("case sealed concurrently")
        s.add(
            OutboxPackageRow(
                id=package_id,
                request_id=request_id,
                case_state=case_state,
                state=state.value,
                reason=set_aside,
                last_error="",
                sealed_at=sealed_at,
                bytes_total=total,
                bytes_sent=0,
                attempts=0,
                has_recording=any(r.kind == RECORDING_KIND for r in out_rows),
                manifest_sha256=res.sha256 if not set_aside else "",
                wrapped_key=json.dumps(wrapped),
                envelope="",
                receipt="",
            )
        )
        s.flush()
        for r in out_rows:
            s.add(r)
        _save_fingerprint(s, request_id, fingerprint)
        store.audit.append("", "package_sealed", "request", request_id, {"package": package_id}, session=s)
    log.info("package %s sealed for request %s (%d files)", package_id, request_id, len(out_rows))
    return SealResult(package_id, request_id, len(out_rows), total, state.value)


class ResealError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def reseal_set_aside(store: Any, package_id: str) -> SealResult:
    """Seal the case of a set-aside package again, as a new package that supersedes it (after the IT
    person removed the cause: a damaged spool copy, a stored file restored from the backup). The set-aside
    package stays in the queue as it was. Raises ResealError with a Ukrainian message."""
    with store.reader() as s:
        row = s.get(OutboxPackageRow, package_id)
        if row is None:
            raise ResealError(f"Пакета {package_id} у черзі кейса немає (див. «mobile-case sync status»).")
        if row.state != PackageState.SET_ASIDE.value:
            raise ResealError("Запечатати наново можна лише відкладений пакет; цей пакет не відкладено.")
        latest = _latest_package(s, row.request_id)
        if latest is not None and latest.id != package_id:
            raise ResealError("Цю справу вже запечатано новішим пакетом; його й буде надіслано.")
        request_id = row.request_id
    try:
        return seal_case(store, request_id, supersedes=package_id)
    except ValueError as exc:
        raise ResealError("Справа цього пакета більше не завершена — запечатати її не можна.") from exc
    except RuntimeError as exc:
        raise ResealError("Справу саме запечатує інший процес; спробуйте ще раз за хвилину.") from exc


def reset_undelivered(store: Any) -> int:
    """Forget the packages not delivered yet (after pairing anew: they were sealed for another station
    key and signed by another kit key); their cases are sealed again for the new pairing. Delivered
    packages and their receipts stay. Returns how many were dropped."""
    with store.writer() as s:
        rows = list(
            s.scalars(select(OutboxPackageRow).where(OutboxPackageRow.state != PackageState.DELIVERED.value))
        )
        for row in rows:
            for f in s.scalars(select(OutboxFileRow).where(OutboxFileRow.package_id == row.id)):
                s.delete(f)
            s.delete(row)
            # a dropped correction of a delivered case is sealed again (its kept hash no longer matches);
            # a case with no package left is sealed again as new anyway
            _save_fingerprint(s, row.request_id, "")
    for row in rows:
        shutil.rmtree(outbox_root(store) / row.id, ignore_errors=True)
    return len(rows)


def _remove_orphan_spools(store: Any, older_than: float = 3600.0) -> None:
    """Spool folders without a package row: a sealing cut short (power loss, SIGKILL)."""
    import time

    root = outbox_root(store)
    if not root.is_dir():
        return
    with store.reader() as s:
        known = set(s.scalars(select(OutboxPackageRow.id)))
    for folder in root.iterdir():
        try:
            if (
                folder.is_dir()
                and folder.name not in known
                and time.time() - folder.stat().st_mtime > older_than
            ):
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


FINGERPRINT_PREFIX = "fp:"  # sync_settings row per sealed case: the content hash of its latest package
_IN_CHUNK = 500  # ids per IN (…) query


def _chunks(ids: list[str]) -> Iterator[list[str]]:
    for i in range(0, len(ids), _IN_CHUNK):
        yield ids[i : i + _IN_CHUNK]


def _case_parts(s: Any, request_ids: list[str]) -> dict[str, tuple[list[Any], list[tuple[str, str]]]]:
    """Per case: its records (request, visits, acts — ids, numbers, fields) and its stored files (id,
    SHA-256). Four queries per 500 cases, whatever their number of visits and files."""
    rows: dict[str, tuple[list[Any], list[tuple[str, str]]]] = {rid: ([], []) for rid in request_ids}
    owner: dict[str, str] = {}
    for ids in _chunks(request_ids):
        for r in s.execute(
            select(RequestRow.id, RequestRow.state, RequestRow.number, RequestRow.data).where(
                RequestRow.id.in_(ids)
            )
        ):
            rows[r[0]][0].append(("request", r[1], r[2], r[3]))
            owner[r[0]] = r[0]
        for v in s.execute(
            select(
                VisitRow.request_id, VisitRow.id, VisitRow.journal_number, VisitRow.case_number, VisitRow.data
            )
            .where(VisitRow.request_id.in_(ids))
            .order_by(VisitRow.ord, VisitRow.id)
        ):
            rows[v[0]][0].append(("visit", v[1], v[2], v[3], v[4]))
            owner[v[1]] = v[0]
        for a in s.execute(
            select(ActRow.request_id, ActRow.id, ActRow.number, ActRow.data)
            .where(ActRow.request_id.in_(ids))
            .order_by(ActRow.drawn_at, ActRow.id)
        ):
            rows[a[0]][0].append(("act", a[1], a[2], a[3]))
            owner[a[1]] = a[0]
    for ids in _chunks(list(owner)):
        for f in s.execute(
            select(FileRow.entity_id, FileRow.id, FileRow.sha256)
            .where(FileRow.entity_id.in_(ids))
            .order_by(FileRow.created_at, FileRow.id)
        ):
            rows[owner[f[0]]][1].append((f[1], f[2]))
    return rows


def _packaged_files(s: Any, request_ids: list[str]) -> dict[str, set[str]]:
    """Per case: the stored files already carried by one of its packages."""
    out: dict[str, set[str]] = {rid: set() for rid in request_ids}
    for ids in _chunks(request_ids):
        for rid, fid in s.execute(
            select(OutboxPackageRow.request_id, OutboxFileRow.source_file_id)
            .join(OutboxFileRow, OutboxFileRow.package_id == OutboxPackageRow.id)
            .where(OutboxPackageRow.request_id.in_(ids), OutboxFileRow.source_file_id.is_not(None))
        ):
            out[rid].add(fid)
    return out


def _digest(records: list[Any], files: list[tuple[str, str]], packaged: set[str]) -> str:
    """The records in full, and only the files no package carries yet: the kit removing a delivered
    recording (or, after some days, the other local copies) is not a change of the case."""
    fresh = [f for f in files if f[0] not in packaged]
    doc = json.dumps([records, fresh], default=str, ensure_ascii=False)
    return hashlib.sha256(doc.encode("utf-8")).hexdigest()


def case_fingerprints(s: Any, request_ids: list[str]) -> dict[str, str]:
    """The content hash of each case: any change to a sealed case — a field corrected, an act drawn at
    the return of the result, a recording archived late — changes it."""
    parts = _case_parts(s, request_ids)
    packaged = _packaged_files(s, request_ids)
    return {rid: _digest(rec, files, packaged[rid]) for rid, (rec, files) in parts.items()}


def _save_fingerprint(s: Any, request_id: str, value: str) -> None:
    from mobile_case.storage.models import SyncSettingRow

    name = FINGERPRINT_PREFIX + request_id
    row = s.get(SyncSettingRow, name)
    if row is None:
        s.add(SyncSettingRow(name=name, value=json.dumps(value)))
    else:
        row.value = json.dumps(value)


def pending_corrections(store: Any) -> list[tuple[str, str]]:
    """Cases changed after their latest package was sealed: any field of the request or a visit
    corrected, an act drawn or a document kept later (e.g. the act at the return of the result). Each
    sealing keeps the case's content hash (:func:`case_fingerprints`); a case whose hash differs now
    gets a new package that supersedes the latest. Returns (request id, latest package id) pairs.
    A package sealed before hashes were kept gets its hash now, as the baseline."""
    from mobile_case.storage.models import SyncSettingRow

    with store.reader() as s:
        latest: dict[str, str] = {}
        for rid, pid in s.execute(
            select(OutboxPackageRow.request_id, OutboxPackageRow.id).order_by(
                OutboxPackageRow.sealed_at, OutboxPackageRow.id
            )
        ):
            latest[rid] = pid  # the newest wins
        if not latest:
            return []
        kept = {
            name[len(FINGERPRINT_PREFIX) :]: json.loads(value)
            for name, value in s.execute(
                select(SyncSettingRow.name, SyncSettingRow.value).where(
                    SyncSettingRow.name.like(FINGERPRINT_PREFIX + "%")
                )
            )
        }
        now = case_fingerprints(s, sorted(latest))
    baseline = [rid for rid in latest if rid not in kept]
    if baseline:
        with store.writer() as s:
            for rid in baseline:
                _save_fingerprint(s, rid, now[rid])
    return [(rid, latest[rid]) for rid in sorted(latest) if rid in kept and kept[rid] != now[rid]]


def seal_pending(store: Any, limit: int = 1000, *, corrections: bool = True) -> list[SealResult]:
    """Seal every completed-but-unsealed case (called at start, after each completion, before a sync),
    then (``corrections``) every correction of a case already sealed (a new package with
    ``supersedes``)."""
    _remove_orphan_spools(store)
    out = []
    for rid in pending_cases(store, limit):
        try:
            out.append(seal_case(store, rid))
        except RuntimeError:
            continue
    if not corrections:
        return out
    for rid, previous in pending_corrections(store):
        try:
            out.append(seal_case(store, rid, supersedes=previous))
        except (RuntimeError, ValueError):
            continue
    return out
