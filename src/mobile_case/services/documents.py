"""Documents (F3, F6, F7): rendered by ``mobile_case.documents``, PDFs kept in the blob store.

The application (Додаток 2) and the act (Додаток 4) are stored — encrypted, content-addressed — and
listed with their request (:meth:`DocumentService.files`); rendering the same content again stores
nothing new. Journals are rendered on demand and returned as bytes (they are reports of the moment).
"""

from __future__ import annotations

from sqlalchemy import select

from mobile_case.domain.roles import Permission
from mobile_case.services.base import BaseService
from mobile_case.services.journals import JournalService
from mobile_case.services.types import JournalFilter, JournalKind, StoredFile
from mobile_case.storage import repo
from mobile_case.storage.models import ActRow, FileRow, RequestRow, UserRow, VisitRow

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _stored(row: FileRow) -> StoredFile:
    return StoredFile(
        row.id, row.sha256, row.name, row.mime, row.size, row.kind, row.entity_kind, row.entity_id
    )


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in text).strip("-") or "document"


class DocumentService(BaseService):
    def __init__(self, ctx) -> None:  # noqa: ANN001
        super().__init__(ctx)
        self._journals = JournalService(ctx)

    # --- stored documents -------------------------------------------------------------------------
    def application_pdf(self, request_id: str) -> StoredFile:
        """Додаток 2 for the request (with the visit's data once the visit has started)."""
        from mobile_case.documents.application import render_application

        user = self._require(Permission.INTAKE)
        with self._store.reader() as s:
            req = repo.request_from_row(self._row(s, RequestRow, request_id, "request"))
            v_row = s.scalars(
                select(VisitRow).where(VisitRow.request_id == request_id).order_by(VisitRow.ord.desc())
            ).first()
            visit = repo.visit_from_row(v_row) if v_row is not None else None
            admin_name = ""
            if v_row is not None and v_row.opened_at is not None:
                from mobile_case.storage.models import OutingRow

                outing = s.get(OutingRow, v_row.outing_id)
                admin = (
                    s.get(UserRow, outing.administrator_id) if outing and outing.administrator_id else None
                )
                admin_name = admin.full_name if admin else ""
        admin_name = admin_name or user.full_name
        pdf = render_application(req, self._profile, visit=visit, administrator_name=admin_name)
        name = f"zayava-{_safe(req.number or req.id[:8])}.pdf"
        return self._keep(user, pdf, name, PDF, "application_pdf", "request", request_id)

    def act_pdf(self, act_id: str) -> StoredFile:
        """Додаток 4 for the act."""
        from mobile_case.documents.act import render_act

        user = self._require(Permission.RUN_VISIT)
        with self._store.reader() as s:
            act = repo.act_from_row(self._row(s, ActRow, act_id, "act"))
        pdf = render_act(act, self._profile)
        name = f"akt-{_safe(act.number)}.pdf"
        return self._keep(user, pdf, name, PDF, "act_pdf", "act", act_id)

    def _keep(self, user, data: bytes, name: str, mime: str, kind: str, entity_kind: str, entity_id: str):  # noqa: ANN001, ANN202
        sha = self._store.blobs.put(data)
        with self._store.writer() as s:
            existing = s.scalars(
                select(FileRow).where(
                    FileRow.entity_kind == entity_kind,
                    FileRow.entity_id == entity_id,
                    FileRow.kind == kind,
                    FileRow.sha256 == sha,
                )
            ).first()
            if existing is not None:
                return _stored(existing)
            row = self._file_row(
                user,
                sha256=sha,
                name=name,
                mime=mime,
                size=len(data),
                kind=kind,
                entity_kind=entity_kind,
                entity_id=entity_id,
            )
            s.add(row)
            self._audit(
                s, user, "file_stored", entity_kind, entity_id, file_kind=kind, file=row.id, sha256=sha
            )
            return _stored(row)

    def files(self, request_id: str) -> list[StoredFile]:
        """The stored PDFs of a request: its applications and the acts drawn up for it, oldest first."""
        self._user()
        with self._store.reader() as s:
            act_ids = list(s.scalars(select(ActRow.id).where(ActRow.request_id == request_id)))
            rows = s.scalars(
                select(FileRow)
                .where(
                    ((FileRow.entity_kind == "request") & (FileRow.entity_id == request_id))
                    | ((FileRow.entity_kind == "act") & FileRow.entity_id.in_(act_ids))
                )
                .order_by(FileRow.created_at, FileRow.id)
            )
            return [_stored(r) for r in rows]

    def read(self, file: StoredFile) -> bytes:
        """The bytes of a stored file (decrypted, hash checked)."""
        self._user()
        return self._store.blobs.read(file.sha256)

    # --- journals ----------------------------------------------------------------------------------
    def _journal_data(self, kind: JournalKind, f: JournalFilter):  # noqa: ANN202
        self._require(Permission.EXPORT)
        kind = JournalKind(kind)
        if kind == JournalKind.SERVICES:
            return self._journals.services(f)
        if kind == JournalKind.HANDOVER:
            return self._journals.handover(f)
        return self._journals.acts(f)

    def _audit_export(self, kind: JournalKind, fmt: str, rows: int) -> None:
        user = self._user()
        self._store.audit.append(
            user.id, "journal_exported", "journal", "", {"kind": str(kind), "format": fmt, "rows": rows}
        )

    def journal_pdf(self, kind: JournalKind, f: JournalFilter) -> bytes:
        from mobile_case.documents import journals

        rows = self._journal_data(kind, f)
        render = {
            JournalKind.SERVICES: journals.render_services_journal,
            JournalKind.HANDOVER: journals.render_handover_journal,
            JournalKind.ACTS: journals.render_acts_journal,
        }[JournalKind(kind)]
        pdf = render(rows, self._profile, f.day_from, f.day_to)
        self._audit_export(kind, "pdf", len(rows))
        return pdf

    def journal_xlsx(self, kind: JournalKind, f: JournalFilter) -> bytes:
        from mobile_case.documents import xlsx

        rows = self._journal_data(kind, f)
        render = {
            JournalKind.SERVICES: xlsx.services_xlsx,
            JournalKind.HANDOVER: xlsx.handover_xlsx,
            JournalKind.ACTS: xlsx.acts_xlsx,
        }[JournalKind(kind)]
        data = render(rows, self._profile, f.day_from, f.day_to)
        self._audit_export(kind, "xlsx", len(rows))
        return data
