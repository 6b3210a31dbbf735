"""The outbox: sends sealed packages to the paired station and keeps their state durable.

State machine (each change is its own committed transaction, so a SIGKILL at any instant loses at
most the chunk on the wire)::

    запечатано ─► надсилається ─► очікує квитанції ─► доставлено
         └────────────┴──────────────────┴──────────► відкладено (з причиною; не повторюється)

* every file goes by tus: the upload URL is stored the moment the station creates it, the offset after
  every chunk the station confirmed; on restart the kit asks the station (HEAD) and resumes there;
* the envelope is built once and stored, so a retried commit is byte-identical (idempotent);
* only a receipt whose signature (the station's pinned key) and hashes verify makes a package
  «доставлено»: then its spool is removed, the case's recordings are removed from the kit at once, and
  its other local files after ``keep_local_days``;
* a failure retrying cannot fix (422 tampered, 409 conflict, a damaged local file, a receipt that does
  not verify) sets the package aside with its reason; the others go on.
"""

from __future__ import annotations

import errno
import json
import logging
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from mobile_case.storage.errors import StoreError
from mobile_case.storage.models import FileRow, OutboxFileRow, OutboxPackageRow, SyncPairingRow
from mobile_case.sync import protocol
from mobile_case.sync.keys import load_kit_key
from mobile_case.sync.sealing import RECORDING_KIND, outbox_root, seal_pending
from mobile_case.sync.settings import SyncSettings, load_settings
from mobile_case.sync.states import ACTIVE_STATES, PackageState, error_message, format_skew, state_title
from mobile_case.sync.transport import StationClient, StationError

log = logging.getLogger(__name__)

MAX_CHECKSUM_RETRIES = 3
STOP_ALL = (
    "unreachable",
    "cert_changed",
    "clock_skew",
    "kit_revoked",
    "kit_unknown",
    "bad_signature",
    "station_disk_full",
)
SET_ASIDE = ("package_tampered", "package_conflict")
QUICK_RETRIES = 5
QUICK_RETRY_CODES = (
    "unreachable",
    "http_500",
    "http_502",
    "http_503",
    "http_504",
    "checksum_mismatch",
    "offset_mismatch",
    "upload_gone",
    "bad_response",
)


@dataclass
class QueueItem:
    package_id: str
    request_id: str
    request_number: str
    state: str
    state_title: str
    bytes_total: int
    bytes_sent: int
    error: str
    reason: str
    sealed_at: datetime
    delivered_at: datetime | None
    has_recording: bool


@dataclass
class SyncReport:
    sealed: int = 0
    delivered: list[str] = field(default_factory=list)
    set_aside: list[str] = field(default_factory=list)
    pending: int = 0
    error_code: str = ""
    error: str = ""
    body_bytes: int = 0  # file bytes put on the wire in this run (resent ones included)
    skipped_recordings: int = 0

    @property
    def ok(self) -> bool:
        return not self.error_code


@dataclass(frozen=True)
class Pairing:
    kit_id: str
    kit_name: str
    station_id: str
    station_name: str
    url: str
    station_sign_pub: bytes
    station_box_pub: bytes
    cert_sha256: str
    paired_at: datetime
    revoked: bool


def load_pairing(store: Any) -> Pairing | None:
    with store.reader() as s:
        row = s.get(SyncPairingRow, 1)
        if row is None:
            return None
        return Pairing(
            row.kit_id,
            row.kit_name,
            row.station_id,
            row.station_name,
            row.url,
            protocol.b64d(row.station_sign_pub),
            protocol.b64d(row.station_box_pub),
            row.cert_sha256,
            row.paired_at,
            bool(row.revoked),
        )


def queue(store: Any, *, include_delivered: int = 20) -> list[QueueItem]:
    """The packages for the home screen: every active or set-aside one, plus the latest delivered."""
    from mobile_case.storage.models import RequestRow

    with store.reader() as s:
        active = [s_.value for s_ in ACTIVE_STATES] + [PackageState.SET_ASIDE.value]
        rows = list(
            s.execute(
                select(OutboxPackageRow, RequestRow.number)
                .outerjoin(RequestRow, RequestRow.id == OutboxPackageRow.request_id)
                .where(OutboxPackageRow.state.in_(active))
                .order_by(OutboxPackageRow.sealed_at)
            )
        )
        done = list(
            s.execute(
                select(OutboxPackageRow, RequestRow.number)
                .outerjoin(RequestRow, RequestRow.id == OutboxPackageRow.request_id)
                .where(OutboxPackageRow.state == PackageState.DELIVERED.value)
                .order_by(OutboxPackageRow.delivered_at.desc())
                .limit(include_delivered)
            )
        )
    out = []
    for row, number in rows + done:
        error = row.last_error
        if row.state == PackageState.SET_ASIDE.value and row.reason:
            error = error_message(row.reason)
        out.append(
            QueueItem(
                row.id,
                row.request_id,
                number or "",
                row.state,
                state_title(row.state),
                row.bytes_total,
                row.bytes_sent,
                error,
                row.reason,
                row.sealed_at,
                row.delivered_at,
                row.has_recording,
            )
        )
    return out


def counts(store: Any) -> dict[str, int]:
    with store.reader() as s:
        rows = s.execute(select(OutboxPackageRow.state, func.count()).group_by(OutboxPackageRow.state)).all()
    return {state: n for state, n in rows}


def recordings_allowed(medium: str, metered: bool | None, settings: SyncSettings) -> bool:
    """Recordings go over the office network (Ethernet) or Wi-Fi; over a mobile modem only when the head
    allowed it. An unknown medium that is not reported as metered counts as allowed (the OS reports
    modems as cellular or metered)."""
    if settings.recordings_over_mobile:
        return True
    if medium == "cellular" or metered is True:
        return False
    return True


class Outbox:
    """One sync run at a time per data folder (the scheduler and ``sync now`` share it)."""

    def __init__(
        self,
        store: Any,
        *,
        client_factory: Callable[[Pairing, SyncSettings, Any], StationClient] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self._clock = clock
        self._client_factory = client_factory or self._default_client
        self.cancelled = False
        self.on_progress: Callable[[str, int, int], None] | None = None  # package id, sent, total

    def _default_client(self, pairing: Pairing, settings: SyncSettings, key: Any) -> StationClient:
        return StationClient(
            pairing.url,
            pairing.cert_sha256,
            kit_id=pairing.kit_id,
            kit_key=key,
            rate_limit_bps=settings.rate_limit_bps,
            clock=self._clock,
        )

    # ---------------------------------------------------------------------------------- durable
    def _update(self, package_id: str, **values: Any) -> None:
        with self.store.writer() as s:
            row = s.get(OutboxPackageRow, package_id)
            for k, v in values.items():
                setattr(row, k, v)

    def _update_file(self, file_pk: int, **values: Any) -> None:
        with self.store.writer() as s:
            row = s.get(OutboxFileRow, file_pk)
            for k, v in values.items():
                setattr(row, k, v)
            if "offset" in values:
                pkg = s.get(OutboxPackageRow, row.package_id)
                pkg.bytes_sent = (
                    s.scalar(
                        select(func.coalesce(func.sum(OutboxFileRow.offset), 0)).where(
                            OutboxFileRow.package_id == row.package_id
                        )
                    )
                    or 0
                )

    # ------------------------------------------------------------------------------------- run
    def run(
        self,
        *,
        medium: str = "unknown",
        metered: bool | None = None,
        seal: bool = True,
        only: list[str] | None = None,
    ) -> SyncReport:
        report = SyncReport()
        pairing = load_pairing(self.store)
        if pairing is None:
            report.error_code, report.error = "not_paired", error_message("not_paired")
            return report
        if pairing.revoked:
            report.error_code, report.error = "kit_revoked", error_message("kit_revoked")
            return report
        settings = load_settings(self.store)
        if seal:
            try:
                report.sealed = len(seal_pending(self.store))
            except OSError as exc:
                if exc.errno == errno.ENOSPC:
                    report.error_code, report.error = "local_disk_full", error_message("local_disk_full")
                    return report
                raise
        with self.store.reader() as s:
            q = select(OutboxPackageRow.id, OutboxPackageRow.has_recording).where(
                OutboxPackageRow.state.in_([st.value for st in ACTIVE_STATES])
            )
            if only:
                q = q.where(OutboxPackageRow.id.in_(only))
            todo = list(s.execute(q.order_by(OutboxPackageRow.has_recording, OutboxPackageRow.sealed_at)))
        report.pending = len(todo)
        if not todo:
            return report
        try:
            key = load_kit_key(self.store.data_dir, pairing.kit_id)
        except StoreError as exc:  # the keyring entry or the key file is gone: only pairing again helps
            report.error_code, report.error = "kit_key_missing", exc.user_message
            return report
        allow_rec = recordings_allowed(medium, metered, settings)
        client = self._client_factory(pairing, settings, key)
        try:
            for package_id, has_recording in todo:
                if self.cancelled:
                    break
                if has_recording and not allow_rec:
                    self._update(package_id, last_error=error_message("waiting_wifi"))
                    report.skipped_recordings += 1
                    continue
                try:
                    self._send_retrying(client, pairing, settings, package_id)
                    report.delivered.append(package_id)
                except StationError as exc:
                    code, msg = self._classify(exc)
                    if code in SET_ASIDE or code in ("receipt_invalid", "local_spool_corrupt"):
                        self._set_aside(client, package_id, code)
                        report.set_aside.append(package_id)
                        continue
                    self._update(package_id, last_error=msg)
                    if code in STOP_ALL:
                        report.error_code, report.error = code, msg
                        if code == "kit_revoked":
                            with self.store.writer() as s:
                                s.get(SyncPairingRow, 1).revoked = True
                        break
                    report.error_code, report.error = code, msg  # this package only; go on
        finally:
            report.body_bytes = client.counters.body_bytes
            client.close()
        report.pending = len(todo) - len(report.delivered) - len(report.set_aside)
        return report

    def _sent(self, package_id: str) -> int:
        with self.store.reader() as s:
            return s.get(OutboxPackageRow, package_id).bytes_sent

    def _send_retrying(
        self, client: StationClient, pairing: Pairing, settings: SyncSettings, package_id: str
    ) -> None:
        """A link that drops now and then: while an attempt moved the station's offset forward, the next
        one starts at once (from that offset) instead of waiting for the scheduler's backoff."""
        for attempt in range(QUICK_RETRIES + 1):
            before = self._sent(package_id)
            try:
                self._send(client, pairing, settings, package_id)
                return
            except StationError as exc:
                progressed = self._sent(package_id) > before
                if (
                    attempt >= QUICK_RETRIES
                    or exc.code not in QUICK_RETRY_CODES
                    or not progressed
                    or self.cancelled
                ):
                    raise
                time.sleep(0.2 * (attempt + 1))

    def _classify(self, exc: StationError) -> tuple[str, str]:
        code = exc.code
        if code == "clock_skew":
            server = exc.body.get("server_time")
            skew = 0.0
            try:
                if isinstance(server, (int, float)):
                    skew = self._clock() - float(server)
                elif isinstance(server, str):
                    skew = self._clock() - datetime.fromisoformat(server.replace("Z", "+00:00")).timestamp()
            except ValueError:
                pass
            return code, error_message("clock_skew", skew=format_skew(skew))
        if code.startswith("http_5") or code in (
            "bad_response",
            "checksum_mismatch",
            "upload_gone",
            "offset_mismatch",
        ):
            return code, error_message("server_error")
        if code in ("replay",):
            return code, error_message("server_error")
        return code, error_message(code)

    def _set_aside(self, client: StationClient, package_id: str, reason: str) -> None:
        with self.store.reader() as s:
            urls = [
                u
                for u in s.scalars(
                    select(OutboxFileRow.upload_url).where(OutboxFileRow.package_id == package_id)
                )
                if u
            ]
        for url in urls:  # tus termination: the station need not keep the parts of a refused package
            try:
                client.tus_delete(url)
            except StationError:
                break
        self._update(package_id, state=PackageState.SET_ASIDE.value, reason=reason, last_error="")
        log.warning("package %s set aside: %s", package_id, reason)

    # ----------------------------------------------------------------------------- one package
    def _send(self, client: StationClient, pairing: Pairing, settings: SyncSettings, package_id: str) -> None:
        with self.store.reader() as s:
            pkg = s.get(OutboxPackageRow, package_id)
            state = pkg.state
            files = list(
                s.scalars(
                    select(OutboxFileRow)
                    .where(OutboxFileRow.package_id == package_id)
                    .order_by(OutboxFileRow.id)
                )
            )
            s.expunge_all()
        self._update(package_id, attempts=pkg.attempts + 1)
        root = outbox_root(self.store)
        if state != PackageState.AWAITING_RECEIPT.value or not pkg.envelope:
            if state == PackageState.SEALED.value:
                self._update(package_id, state=PackageState.SENDING.value)
            for f in files:
                self._upload_file(client, settings, root, pkg, f)
            self._update(package_id, state=PackageState.AWAITING_RECEIPT.value)
        envelope = self._envelope(pairing, package_id)
        resp = client.request(
            "POST",
            f"/api/v1/packages/{package_id}/commit",
            json_body=envelope,
            headers={"Idempotency-Key": package_id},
        )
        if resp.status_code == 409:
            err = client.error_of(resp)
            if err.code == "upload_incomplete":
                # the station lacks a file: forget the envelope, check every offset again next time
                self._update(
                    package_id,
                    state=PackageState.SENDING.value,
                    envelope="",
                    last_error=error_message("upload_incomplete"),
                )
                raise StationError("upload_incomplete", err.detail, 409)
            raise err
        if resp.status_code != 200:
            raise client.error_of(resp)
        try:
            receipt = resp.json()
            protocol.verify_receipt(
                receipt,
                pairing.station_sign_pub,
                package_id=package_id,
                kit_id=pairing.kit_id,
                manifest_sha256=pkg.manifest_sha256,
                files={f.file_id: f.sha256 for f in files if f.file_id != protocol.MANIFEST_FILE_ID},
            )
        except (ValueError, protocol.ProtocolError) as exc:
            raise StationError("receipt_invalid", str(exc), resp.status_code) from exc
        self._delivered(package_id, receipt, files)

    def _upload_file(
        self, client: StationClient, settings: SyncSettings, root: Path, pkg: Any, f: OutboxFileRow
    ) -> None:
        path = root / f.spool
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            size = -1
        if size != f.enc_size:
            raise StationError("local_spool_corrupt", "spool file missing or resized")
        url, offset = f.upload_url, f.offset
        if url:
            remote = client.tus_offset(url)
            if remote is None:  # expired or removed at the station: start this file again
                url, offset = "", 0
                self._update_file(f.id, upload_url="", offset=0)
            else:
                offset = remote
                if offset != f.offset:
                    self._update_file(f.id, offset=offset)
        if not url:
            url = client.tus_create(
                f.enc_size,
                {"package_id": pkg.id, "file_id": f.file_id, "enc_sha256": f.enc_sha256},
            )
            offset = 0
            self._update_file(f.id, upload_url=url, offset=0)
        checksum_failures = 0
        with open(path, "rb") as fh:
            while offset < f.enc_size:
                if self.cancelled:
                    raise StationError("unreachable", "cancelled")
                fh.seek(offset)
                chunk = fh.read(min(settings.chunk_bytes, f.enc_size - offset))
                try:
                    new = client.tus_patch(url, offset, chunk)
                except StationError as exc:
                    if exc.code == "offset_mismatch":
                        remote = client.tus_offset(url)
                        if remote is None:
                            raise StationError("upload_gone", "upload vanished") from exc
                        offset = remote
                        self._update_file(f.id, offset=offset)
                        continue
                    if exc.code == "checksum_mismatch" and checksum_failures < MAX_CHECKSUM_RETRIES:
                        checksum_failures += 1
                        continue
                    if exc.code == "upload_gone":
                        self._update_file(f.id, upload_url="", offset=0)
                    raise
                if new <= offset or new > f.enc_size:
                    raise StationError("bad_response", "offset did not advance")
                offset = new
                self._update_file(f.id, offset=offset)
                if self.on_progress:
                    self.on_progress(pkg.id, offset, f.enc_size)

    def _envelope(self, pairing: Pairing, package_id: str) -> dict:
        with self.store.reader() as s:
            pkg = s.get(OutboxPackageRow, package_id)
            if pkg.envelope:
                return json.loads(pkg.envelope)
            files = list(
                s.scalars(
                    select(OutboxFileRow)
                    .where(OutboxFileRow.package_id == package_id)
                    .order_by(OutboxFileRow.id)
                )
            )
            wrapped = json.loads(pkg.wrapped_key)
            manifest = next(f for f in files if f.file_id == protocol.MANIFEST_FILE_ID)
            env = {
                "format": protocol.FORMAT_ENVELOPE,
                "package_id": package_id,
                "kit_id": pairing.kit_id,
                "created_at": protocol.utc_now_iso(),
                "wrapped_key": wrapped,
                "manifest_enc_sha256": manifest.enc_sha256,
                "files": [
                    {
                        "file_id": f.file_id,
                        "enc_sha256": f.enc_sha256,
                        "enc_size": f.enc_size,
                        "upload_url": f.upload_url,
                    }
                    for f in files
                ],
            }
        env = protocol.sign_doc(env, load_kit_key(self.store.data_dir, pairing.kit_id))
        self._update(package_id, envelope=json.dumps(env, ensure_ascii=False))
        return env

    def _delivered(self, package_id: str, receipt: dict, files: list[OutboxFileRow]) -> None:
        now = self.store.clock()
        rec_ids = [f.source_file_id for f in files if f.kind == RECORDING_KIND and f.source_file_id]
        removed_shas: list[str] = []
        with self.store.writer() as s:
            pkg = s.get(OutboxPackageRow, package_id)
            pkg.state = PackageState.DELIVERED.value
            pkg.receipt = json.dumps(receipt, ensure_ascii=False)
            pkg.delivered_at = now
            pkg.last_error = ""
            pkg.bytes_sent = pkg.bytes_total
            for fid in rec_ids:
                row = s.get(FileRow, fid)
                if row is None:
                    continue
                sha = row.sha256
                s.delete(row)
                s.flush()
                if not s.scalar(select(func.count()).select_from(FileRow).where(FileRow.sha256 == sha)):
                    removed_shas.append(sha)
                self.store.audit.append(
                    "",
                    "recording_removed_after_receipt",
                    "visit",
                    row.entity_id,
                    {"file": fid, "package": package_id},
                    session=s,
                )
            self.store.audit.append(
                "", "package_delivered", "request", pkg.request_id, {"package": package_id}, session=s
            )
        for sha in removed_shas:
            self.store.blobs.delete(sha)
        shutil.rmtree(outbox_root(self.store) / package_id, ignore_errors=True)
        log.info("package %s delivered", package_id)


def purge_local_copies(store: Any, settings: SyncSettings | None = None) -> int:
    """Remove the local files of cases delivered more than ``keep_local_days`` ago (their receipt is
    kept). The database rows of the case stay (journals are numbered); only the stored PDFs, scans and
    card reads go. Returns the number of packages purged."""
    settings = settings or load_settings(store)
    limit = store.clock() - timedelta(days=settings.keep_local_days)
    purged = 0
    with store.writer() as s:
        pkgs = list(
            s.scalars(
                select(OutboxPackageRow).where(
                    OutboxPackageRow.state == PackageState.DELIVERED.value,
                    OutboxPackageRow.local_purged_at.is_(None),
                    OutboxPackageRow.delivered_at <= limit,
                )
            )
        )
        shas: list[str] = []
        for pkg in pkgs:
            src = list(
                s.scalars(select(OutboxFileRow.source_file_id).where(OutboxFileRow.package_id == pkg.id))
            )
            for fid in src:
                row = s.get(FileRow, fid) if fid else None
                if row is None:
                    continue
                shas.append(row.sha256)
                s.delete(row)
            s.flush()
            pkg.local_purged_at = store.clock()
            store.audit.append(
                "", "local_copies_removed", "request", pkg.request_id, {"package": pkg.id}, session=s
            )
            purged += 1
        s.flush()
        gone = [
            sha
            for sha in set(shas)
            if not s.scalar(select(func.count()).select_from(FileRow).where(FileRow.sha256 == sha))
        ]
    for sha in gone:
        store.blobs.delete(sha)
    return purged
