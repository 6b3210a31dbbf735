"""ID-card chip reads kept with the case (issue 3, O 2.10): data, photo, verdict, time, reader.

The moment a chip read succeeds the UI hands the :class:`CardReadResult` to :meth:`CardReadService.save`:

* the data (every field of the result but the photo) become a JSON document and the photo (DG2, JPEG or
  JPEG 2000 as the chip gave it) a file of its own — both encrypted in the blob store, linked by two
  ``FileRow`` (kinds ``card_read`` and ``card_photo``) to the visit or the request they belong to;
* for a visit, ``Identification.card_read_id`` (and the document number, type and source) is set in the
  same database transaction, so the visit knows its read after a restart;
* one audit entry names the read, the verdict and the reader kind — never a name or a number.

Everything is written at once or not at all: the blobs go first (content-addressed: an interrupted save
leaves at most an unreferenced blob, removed again here), then one transaction adds the rows, sets the
visit and writes the audit entry.

:meth:`get` rebuilds the result (with its photo) from the store, :meth:`fill_subject` copies the chip's
identity data (Ukrainian names from DG11) into the request's subject during a visit, and
:meth:`save_registered_address` keeps the registered address typed from the registration extract (the
chip does not give it with the CAN/MRZ, see docs/chip.md) in ``ServiceRequest.registered_address``.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import logging
import typing
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, literal_column, select

from mobile_case.devices.cardreader.base import CardReadResult, Verdict
from mobile_case.domain.errors import NotFound, PermissionDenied, ValidationError
from mobile_case.domain.model import (
    Address,
    CaseState,
    IdentificationSource,
    IdentityDocumentType,
    ServiceRequest,
    User,
    new_id,
)
from mobile_case.domain.roles import Permission, has_permission
from mobile_case.services.base import BaseService
from mobile_case.storage import codec, repo
from mobile_case.storage.models import FileRow, RequestRow, VisitRow

log = logging.getLogger("mobile_case.services.cardreads")

CARD_READ_KIND = "card_read"
CARD_PHOTO_KIND = "card_photo"
ENTITY_KINDS = ("visit", "request")
FORMAT = 1  # version of the stored JSON document
_ROWID = literal_column("files.rowid")  # the order rows were added in (ties of created_at)

# a request's subject may be filled from the chip while the case is taken or visited
_FILLABLE_STATES = frozenset(
    {CaseState.DRAFT, CaseState.REGISTERED, CaseState.SCHEDULED, CaseState.IN_PROGRESS}
)


@dataclass(frozen=True)
class StoredCardRead:
    """A chip read as kept with the case."""

    id: str  # the id of the ``card_read`` file: Identification.card_read_id
    entity_kind: str  # "visit" | "request"
    entity_id: str
    result: CardReadResult  # with ``photo_jpeg`` (the stored photo bytes; b"" if the chip gave none)
    photo_file_id: str
    saved_at: datetime
    saved_by: str

    @property
    def verdict(self) -> Verdict:
        return self.result.verdict


def _photo_mime(data: bytes) -> str:
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    if data.startswith(b"\x00\x00\x00\x0cjP  ") or data.startswith(b"\xff\x4f\xff\x51"):
        return "image/jp2"
    return "application/octet-stream"


_B64 = "$base64"  # how bytes inside the JSON document are written: {"$base64": "..."}


def _plain(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray)):
        return {_B64: base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return codec.to_plain(value)


def _load(tp: Any, data: Any) -> Any:
    if tp is bytes:
        return base64.b64decode(data[_B64]) if isinstance(data, dict) and _B64 in data else b""
    if typing.get_origin(tp) is dict and isinstance(data, dict):
        ktp, vtp = typing.get_args(tp) or (Any, Any)
        return {codec.from_plain(ktp, k): _load(vtp, v) for k, v in data.items()}
    return codec.from_plain(tp, data)


def result_to_json(result: CardReadResult) -> str:
    """The read as a JSON document: every field (bytes in base64: the raw files as read, so the passive
    authentication can be run again) but the displayable photo, which is stored as its own file."""
    plain: dict[str, Any] = {"format": FORMAT}
    for f in dataclasses.fields(result):
        if f.name == "photo_jpeg":
            continue
        plain[f.name] = _plain(getattr(result, f.name))
    return json.dumps(plain, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def result_from_json(text: str, photo: bytes, cls: type[CardReadResult] = CardReadResult) -> CardReadResult:
    """Rebuild the read (unknown keys ignored; a field added since keeps its default)."""
    data = json.loads(text)
    hints = typing.get_type_hints(cls)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if not f.init:
            continue
        if f.name == "photo_jpeg":
            kwargs[f.name] = photo
        elif f.name in data:
            kwargs[f.name] = _load(hints[f.name], data[f.name])
    return cls(**kwargs)


def _checked(name: str, value: Any, birth_date: Any) -> Any:
    """A number from the chip only when it is a valid one ("" otherwise: never a broken РНОКПП/УНЗР)."""
    from mobile_case.domain import validators

    try:
        if name == "rnokpp" and value:
            return validators.validate_rnokpp(value, "subject.rnokpp")
        if name == "unzr" and value:
            return validators.validate_unzr(value, birth_date, "subject.unzr")
    except ValidationError:
        log.warning("card read: the chip's %s is not valid and is not copied", name)
        return ""
    return value


class CardReadService(BaseService):
    """Saves chip reads with the case and gives them back. Role checks as the visit and the intake."""

    @classmethod
    def for_services(cls, services: Any) -> CardReadService:
        """The service on an ``AppServices`` (its store, profile, session and clock)."""
        existing = getattr(services, "card_reads", None)
        if isinstance(existing, CardReadService):
            return existing
        from mobile_case.services.base import ServiceContext

        ctx = ServiceContext(
            profile=services.profile, store=services.store, session=services.session, clock=services.clock
        )
        return cls(ctx)

    # --- who may --------------------------------------------------------------------------------
    def _require_for(self, entity_kind: str) -> User:
        if entity_kind == "visit":
            return self._require(Permission.RUN_VISIT)
        if entity_kind == "request":
            return self._require(Permission.INTAKE)
        raise ValidationError("entity_kind", "Зчитування картки зберігається лише з візитом або заявкою.")

    def _require_reader(self) -> User:
        """Reading a stored read back: whoever takes requests or runs visits (the head too)."""
        user = self._user()
        if not (
            has_permission(user.role, Permission.RUN_VISIT) or has_permission(user.role, Permission.INTAKE)
        ):
            self._require(Permission.RUN_VISIT)  # audits the refusal and raises
        return user

    # --- save -----------------------------------------------------------------------------------
    def save(self, entity_kind: str, entity_id: str, result: CardReadResult) -> StoredCardRead:
        """Keep ``result`` with the visit or request; for a visit also set its identification."""
        user = self._require_for(entity_kind)
        if not isinstance(result, CardReadResult):
            raise ValidationError("result", "Немає даних зчитування картки для збереження.")
        with self._store.reader() as s:
            self._check_entity(s, entity_kind, entity_id)
        document = result_to_json(result).encode("utf-8")
        photo = bytes(result.photo_jpeg or b"")
        new_blobs: list[str] = []
        data_sha = self._put(document, new_blobs)
        photo_sha = self._put(photo, new_blobs)
        now = self._now()
        read_id, photo_id = new_id(), new_id()
        try:
            with self._store.writer() as s:
                if entity_kind == "visit":
                    self._link_visit(s, entity_id, read_id, result)
                s.add(
                    self._file_row(
                        user,
                        id=read_id,
                        sha256=data_sha,
                        name=f"card-read-{read_id}.json",
                        mime="application/json",
                        size=len(document),
                        kind=CARD_READ_KIND,
                        entity_kind=entity_kind,
                        entity_id=entity_id,
                        created_at=now,
                    )
                )
                s.add(
                    self._file_row(
                        user,
                        id=photo_id,
                        sha256=photo_sha,
                        name=f"card-photo-{read_id}",
                        mime=_photo_mime(photo),
                        size=len(photo),
                        kind=CARD_PHOTO_KIND,
                        entity_kind=CARD_READ_KIND,
                        entity_id=read_id,
                        created_at=now,
                    )
                )
                self._audit(
                    s,
                    user,
                    "card_read_saved",
                    entity_kind,
                    entity_id,
                    read=read_id,
                    verdict=result.verdict.value,
                    backend=result.backend,
                    simulated=bool(result.simulated),
                )
        except Exception:
            for sha in new_blobs:  # nothing partial: the blobs this save wrote go again
                self._drop_blob_if_unused(sha)
            raise
        log.info("card read %s saved with %s %s", read_id, entity_kind, entity_id)
        return StoredCardRead(read_id, entity_kind, entity_id, result, photo_id, now, user.id)

    def _put(self, data: bytes, new_blobs: list[str]) -> str:
        from mobile_case.storage.blobs import sha256_hex

        sha = sha256_hex(data)
        existed = self._store.blobs.exists(sha)
        self._store.blobs.put(data)
        if not existed:
            new_blobs.append(sha)
        return sha

    def _drop_blob_if_unused(self, sha: str) -> None:
        try:
            with self._store.reader() as s:
                used = s.scalar(select(func.count()).select_from(FileRow).where(FileRow.sha256 == sha))
            if not used:
                self._store.blobs.delete(sha)
        except Exception:  # pragma: no cover - best effort after a failed save
            log.exception("could not remove the blob of a failed card read save")

    @staticmethod
    def _check_entity(s: Any, entity_kind: str, entity_id: str) -> None:
        if entity_kind == "visit":
            BaseService._row(s, VisitRow, entity_id, "visit")
        elif entity_kind == "request":
            BaseService._row(s, RequestRow, entity_id, "request")

    def _link_visit(self, s: Any, visit_id: str, read_id: str, result: CardReadResult) -> None:
        row = self._row(s, VisitRow, visit_id, "visit")
        state = CaseState(self._row(s, RequestRow, row.request_id, "request").state)
        if state is not CaseState.IN_PROGRESS:
            raise ValidationError(
                "state", "Візит не відкрито: зчитування картки зберігається лише під час візиту."
            )
        visit = repo.visit_from_row(row)
        ident = visit.identification
        ident.card_read_id = read_id
        ident.source = IdentificationSource.CHIP
        passport = str(getattr(result, "document_code", "") or "").startswith("P")  # TD3: passport abroad
        ident.document_type = (
            IdentityDocumentType.FOREIGN_PASSPORT if passport else IdentityDocumentType.ID_CARD
        )
        ident.document_number = result.document_number
        repo.visit_to_row(visit, row)

    # --- read back ------------------------------------------------------------------------------
    def get(self, read_id: str) -> StoredCardRead:
        """The stored read with its photo (hash-checked on decryption)."""
        self._require_reader()
        with self._store.reader() as s:
            row = self._row(s, FileRow, read_id, "card_read")
            if row.kind != CARD_READ_KIND:
                raise NotFound("card_read", read_id)
            photo_row = s.scalars(
                select(FileRow).where(
                    FileRow.kind == CARD_PHOTO_KIND,
                    FileRow.entity_kind == CARD_READ_KIND,
                    FileRow.entity_id == read_id,
                )
            ).first()
            meta = (row.sha256, row.entity_kind, row.entity_id, row.created_at, row.created_by or "")
            photo_meta = (photo_row.id, photo_row.sha256) if photo_row is not None else ("", "")
        data_sha, entity_kind, entity_id, saved_at, saved_by = meta
        document = self._store.blobs.read(data_sha).decode("utf-8")
        photo = self._store.blobs.read(photo_meta[1]) if photo_meta[1] else b""
        result = result_from_json(document, photo)
        return StoredCardRead(read_id, entity_kind, entity_id, result, photo_meta[0], saved_at, saved_by)

    def for_entity(self, entity_kind: str, entity_id: str) -> list[str]:
        """Ids of the reads kept with a visit or request, the oldest first."""
        self._require_reader()
        with self._store.reader() as s:
            rows = s.scalars(
                select(FileRow.id)
                .where(
                    FileRow.kind == CARD_READ_KIND,
                    FileRow.entity_kind == entity_kind,
                    FileRow.entity_id == entity_id,
                )
                .order_by(FileRow.created_at, _ROWID)
            )
            return list(rows)

    def latest(self, entity_kind: str, entity_id: str) -> StoredCardRead | None:
        ids = self.for_entity(entity_kind, entity_id)
        return self.get(ids[-1]) if ids else None

    def for_visit(self, visit_id: str) -> StoredCardRead | None:
        """The read the visit's identification refers to (None when it has none)."""
        self._require_reader()
        with self._store.reader() as s:
            visit = repo.visit_from_row(self._row(s, VisitRow, visit_id, "visit"))
        read_id = visit.identification.card_read_id
        return self.get(read_id) if read_id else None

    # --- the subject from the chip ----------------------------------------------------------------
    def fill_subject(self, request_id: str, read_id: str) -> ServiceRequest:
        """Copy the chip's identity data into the request's subject (names in Ukrainian from DG11, date
        of birth, УНЗР; the РНОКПП when the chip has one). Phone and e-mail stay. Audited by field
        names only."""
        user = self._require(Permission.RUN_VISIT)
        stored = self.get(read_id)
        if stored.verdict is Verdict.DATA_ALTERED:
            raise ValidationError(
                "card_read",
                "Дані чипа змінено або пошкоджено — їх не можна переносити в заяву. "
                "Звірте особу за документом і залиште дані заяви або виправте їх у ЦНАП.",
            )
        person = stored.result.to_person()
        with self._store.writer() as s:
            row = self._row(s, RequestRow, request_id, "request")
            req = repo.request_from_row(row)
            if req.state not in _FILLABLE_STATES:
                raise ValidationError(
                    "state", "Дані суб'єкта звернення цієї заявки вже не змінюються (її закрито)."
                )
            if stored.entity_kind == "visit":
                visit_row = self._row(s, VisitRow, stored.entity_id, "visit")
                if visit_row.request_id != request_id:
                    raise PermissionDenied("card read of another request")
            elif stored.entity_id != request_id:
                raise PermissionDenied("card read of another request")
            subject = req.subject
            changed: list[str] = []
            for name in ("surname", "given_name", "patronymic", "birth_date", "rnokpp", "unzr"):
                value = _checked(name, getattr(person, name), person.birth_date)
                if value in ("", None) or getattr(subject, name) == value:
                    continue
                setattr(subject, name, value)
                changed.append(name)
            if changed:
                repo.request_to_row(req, row)
            self._audit(
                s, user, "subject_filled_from_card", "request", request_id, read=read_id, fields=changed
            )
        return req

    # --- the registered address typed from the extract --------------------------------------------
    def save_registered_address(self, request_id: str, address: Address | None) -> ServiceRequest:
        """Keep the subject's registered address, typed from the registration extract (the chip does not
        give it with the CAN/MRZ), in ``ServiceRequest.registered_address``; None clears it. Whoever takes
        requests or runs visits may, while the case is open. Audited without the address itself."""
        user = self._require_reader()
        if address is not None:
            address = _clean_address(address)
        with self._store.writer() as s:
            row = self._row(s, RequestRow, request_id, "request")
            req = repo.request_from_row(row)
            if req.state not in _FILLABLE_STATES:
                raise ValidationError(
                    "state", "Дані суб'єкта звернення цієї заявки вже не змінюються (її закрито)."
                )
            req.registered_address = address
            repo.request_to_row(req, row)
            self._audit(
                s, user, "registered_address_saved", "request", request_id, cleared=address is None
            )
        return req

    def registered_address(self, request_id: str) -> Address | None:
        """The registered address typed for the request (None when none was typed)."""
        self._require_reader()
        with self._store.reader() as s:
            req = repo.request_from_row(self._row(s, RequestRow, request_id, "request"))
        return req.registered_address


def _clean_address(address: Address) -> Address:
    """The typed address with single spaces; a settlement and a street or house are required."""
    fields = {
        f.name: " ".join(str(getattr(address, f.name) or "").split())
        for f in dataclasses.fields(Address)
        if f.name != "place_kind"
    }
    cleaned = dataclasses.replace(address, **fields)
    if not (cleaned.settlement_name or cleaned.settlement_code):
        raise ValidationError(
            "registered_address.settlement_name", "Вкажіть населений пункт з витягу про місце проживання."
        )
    if not (cleaned.street or cleaned.house):
        raise ValidationError(
            "registered_address.street", "Вкажіть вулицю і будинок з витягу про місце проживання."
        )
    return cleaned
