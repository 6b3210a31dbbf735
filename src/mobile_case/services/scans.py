"""Scans of the documents shown at a visit (issue 5): pages kept as they are taken, one PDF per document.

* :meth:`ScanService.add_pages` encrypts each page into the blob store and records it at once — a
  crash (or a scanner unplugged on the next page) loses nothing already captured. Pages belong to the
  visit and to the checklist item (service document code) they prove.
* The pages of an item can be re-ordered, turned by quarter turns, replaced (re-scanned) and deleted
  while the visit is open; the page order and turn are kept in the page's stored name
  (``<code>.p<order>.r<quarter turns>[.demo].<ext>``), so no extra table is needed.
* :meth:`save_document` makes one A4 PDF of the item's pages (``devices.scanner.pdf``) and stores it
  (kind ``scan_pdf``, linked to the visit, named after the code): the checklist item's file. Saving
  again replaces it; :meth:`documents` gives the current file of every item.
* Each page's quality (sharpness, coverage, cut edges) is measured when it is added and can be asked
  for again (:meth:`quality`): the UI flags a blurred or cut page before the document is saved.

All of it requires ``RUN_VISIT`` and an open visit (IN_PROGRESS); every change is audited (ids only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select

from mobile_case.devices.scanner.base import ScannedPage
from mobile_case.domain.errors import NotFound, ValidationError
from mobile_case.domain.model import CaseState
from mobile_case.domain.roles import Permission
from mobile_case.services.base import BaseService
from mobile_case.services.types import StoredFile
from mobile_case.storage.models import FileRow, RequestRow, VisitRow

PAGE_KIND = "scan_page"
PDF_KIND = "scan_pdf"
PDF_MIME = "application/pdf"
_EXT = {"image/jpeg": "jpg", "image/png": "png"}
_NAME = re.compile(
    r"^(?P<code>[a-z0-9_]+)\.p(?P<order>\d+)\.r(?P<turns>[0-3])(?P<demo>\.demo)?\.(?P<ext>jpg|png)$"
)
_CODE = re.compile(r"^[a-z0-9_]{1,64}$")


@dataclass(frozen=True)
class ScanPage:
    """A page of a document being scanned (its image is in the blob store under ``sha256``)."""

    id: str
    visit_id: str
    code: str  # the service document (checklist item) it belongs to
    order: int  # 1-based position in the document
    quarter_turns: int  # clockwise quarter turns to apply when shown / put in the PDF
    sha256: str
    mime: str
    size: int
    simulated: bool = False


def _page_name(code: str, order: int, turns: int, simulated: bool, mime: str) -> str:
    return f"{code}.p{order:03d}.r{turns % 4}{'.demo' if simulated else ''}.{_EXT.get(mime, 'jpg')}"


def _page(row: FileRow) -> ScanPage:
    m = _NAME.match(row.name)
    if m is None:  # not written by this service
        raise ValidationError("page", "Сторінку скану пошкоджено.", f"bad scan page name in file {row.id}")
    return ScanPage(
        row.id,
        row.entity_id,
        m["code"],
        int(m["order"]),
        int(m["turns"]),
        row.sha256,
        row.mime,
        row.size,
        m["demo"] is not None,
    )


def _stored(row: FileRow) -> StoredFile:
    return StoredFile(
        row.id, row.sha256, row.name, row.mime, row.size, row.kind, row.entity_kind, row.entity_id
    )


class ScanService(BaseService):
    # --- checks ------------------------------------------------------------------------------------
    def _open_visit(self, s, visit_id: str) -> None:  # noqa: ANN001
        row = self._row(s, VisitRow, visit_id, "visit")
        state = CaseState(self._row(s, RequestRow, row.request_id, "request").state)
        if state != CaseState.IN_PROGRESS:
            raise ValidationError(
                "state",
                "Скани документів додають і змінюють лише під час візиту: візит уже закрито.",
                f"visit {visit_id} is not in progress",
            )

    @staticmethod
    def _check_code(code: str) -> None:
        if not _CODE.match(code or ""):
            raise ValidationError("code", "Невідомий документ переліку.", "bad document code")

    def _rows(self, s, visit_id: str, code: str | None = None) -> list[FileRow]:  # noqa: ANN001
        rows = s.scalars(
            select(FileRow).where(
                FileRow.kind == PAGE_KIND, FileRow.entity_kind == "visit", FileRow.entity_id == visit_id
            )
        ).all()
        out = [r for r in rows if _NAME.match(r.name) and (code is None or _page(r).code == code)]
        return sorted(out, key=lambda r: (_page(r).order, r.created_at, r.id))

    def _renumber(self, rows: list[FileRow]) -> None:
        for order, row in enumerate(rows, 1):
            page = _page(row)
            row.name = _page_name(page.code, order, page.quarter_turns, page.simulated, row.mime)

    # --- pages -------------------------------------------------------------------------------------
    def add_pages(
        self, visit_id: str, code: str, pages: list[ScannedPage], *, replace_page_id: str = ""
    ) -> list[ScanPage]:
        """Store ``pages`` (encrypted) at the end of the item's pages — or in place of
        ``replace_page_id`` (a re-scan). Each page is committed before the next is stored."""
        user = self._require(Permission.RUN_VISIT)
        self._check_code(code)
        with self._store.reader() as s:
            self._open_visit(s, visit_id)
        added: list[ScanPage] = []
        for index, page in enumerate(pages):
            if page.mime not in _EXT:
                raise ValidationError("page", "Сторінку має бути збережено як JPEG або PNG.", "bad page mime")
            sha = self._store.blobs.put(page.data)
            with self._store.writer() as s:
                rows = self._rows(s, visit_id, code)
                replaced = None
                if replace_page_id and index == 0:
                    replaced = next((r for r in rows if r.id == replace_page_id), None)
                    if replaced is None:
                        raise NotFound("scan page", replace_page_id)
                    position = rows.index(replaced)
                    rows.remove(replaced)
                    s.delete(replaced)
                    s.flush()
                elif replace_page_id and added:  # a re-scan giving several pages: after the first
                    position = next(i for i, r in enumerate(rows) if r.id == added[-1].id) + 1
                else:
                    position = len(rows)
                row = self._file_row(
                    user,
                    sha256=sha,
                    name=_page_name(code, position + 1, 0, page.simulated, page.mime),
                    mime=page.mime,
                    size=len(page.data),
                    kind=PAGE_KIND,
                    entity_kind="visit",
                    entity_id=visit_id,
                )
                rows.insert(position, row)
                s.add(row)
                self._renumber(rows)
                self._audit(
                    s, user, "scan_page_added", "visit", visit_id, code=code, file=row.id,
                    replaced=replaced.id if replaced is not None else "",
                )  # fmt: skip
                added.append(_page(row))
            if replaced is not None:
                self._forget_blob(replaced.sha256)
        return added

    def pages(self, visit_id: str, code: str | None = None) -> list[ScanPage]:
        """The pages of one checklist item (or of every item), in document order."""
        self._user()
        with self._store.reader() as s:
            return [_page(r) for r in self._rows(s, visit_id, code)]

    def image(self, page: ScanPage) -> bytes:
        """The page's encoded image as stored (the turn is applied by whoever shows it)."""
        self._user()
        return self._store.blobs.read(page.sha256)

    def rotate(self, page_id: str, quarter_turns: int = 1) -> ScanPage:
        """Turn a page clockwise by ``quarter_turns`` × 90° (kept with the page; the image is not re-encoded)."""
        user = self._require(Permission.RUN_VISIT)
        with self._store.writer() as s:
            row = self._row(s, FileRow, page_id, "scan page")
            self._open_visit(s, row.entity_id)
            page = _page(row)
            row.name = _page_name(
                page.code, page.order, page.quarter_turns + quarter_turns, page.simulated, row.mime
            )
            self._audit(s, user, "scan_page_rotated", "visit", row.entity_id, file=row.id)
            return _page(row)

    def reorder(self, visit_id: str, code: str, page_ids: list[str]) -> list[ScanPage]:
        """Put the item's pages in the order of ``page_ids`` (every page of the item, each once)."""
        user = self._require(Permission.RUN_VISIT)
        with self._store.writer() as s:
            self._open_visit(s, visit_id)
            rows = self._rows(s, visit_id, code)
            by_id = {r.id: r for r in rows}
            if sorted(page_ids) != sorted(by_id):
                raise ValidationError(
                    "pages",
                    "Перелік сторінок змінився. Оновіть екран і спробуйте ще раз.",
                    "reorder mismatch",
                )
            ordered = [by_id[i] for i in page_ids]
            self._renumber(ordered)
            self._audit(s, user, "scan_pages_reordered", "visit", visit_id, code=code)
            return [_page(r) for r in ordered]

    def delete(self, page_id: str) -> None:
        user = self._require(Permission.RUN_VISIT)
        with self._store.writer() as s:
            row = self._row(s, FileRow, page_id, "scan page")
            if row.kind != PAGE_KIND:
                raise NotFound("scan page", page_id)
            self._open_visit(s, row.entity_id)
            visit_id, code, sha = row.entity_id, _page(row).code, row.sha256
            s.delete(row)
            s.flush()
            self._renumber(self._rows(s, visit_id, code))
            self._audit(s, user, "scan_page_deleted", "visit", visit_id, code=code, file=page_id)
        self._forget_blob(sha)

    def _forget_blob(self, sha: str) -> None:
        """Delete a blob no file row refers to any more (pages are content-addressed, may be shared)."""
        with self._store.reader() as s:
            used = s.scalars(select(FileRow.id).where(FileRow.sha256 == sha)).first()
        if used is None:
            self._store.blobs.delete(sha)

    def quality(self, page: ScanPage, dpi_hint: int = 200):  # noqa: ANN201
        """The page's measured quality (``devices.scanner.quality.PageQuality``)."""
        from PIL import Image  # noqa: PLC0415

        from mobile_case.devices.scanner import quality  # noqa: PLC0415
        from mobile_case.devices.scanner.imaging import dpi_of, to_pil  # noqa: PLC0415

        image: Image.Image = to_pil(self.image(page))
        import numpy as np  # noqa: PLC0415

        return quality.assess(np.asarray(image.convert("L")), dpi_of(image, dpi_hint))

    # --- the document ------------------------------------------------------------------------------
    def save_document(self, visit_id: str, code: str, title: str = "") -> StoredFile:
        """One A4 PDF of the item's pages, stored encrypted and linked to the visit as the item's file
        (replacing an earlier one). Raises ValidationError when the item has no pages."""
        from mobile_case.devices.scanner import worker  # noqa: PLC0415

        user = self._require(Permission.RUN_VISIT)
        self._check_code(code)
        with self._store.reader() as s:
            self._open_visit(s, visit_id)
            pages = [_page(r) for r in self._rows(s, visit_id, code)]
        if not pages:
            raise ValidationError(
                "pages", "Немає жодної сторінки: спочатку відскануйте документ.", "no pages"
            )
        # the PDF is made in the scan child process (whole-page work here would stall the GUI thread)
        pdf = worker.document_pdf(
            [(self._store.blobs.read(page.sha256), page.quarter_turns) for page in pages], title=title or code
        )
        sha = self._store.blobs.put(pdf)
        old_shas: list[str] = []
        with self._store.writer() as s:
            self._open_visit(s, visit_id)
            for old in self._pdf_rows(s, visit_id, code):
                old_shas.append(old.sha256)
                s.delete(old)
            row = self._file_row(
                user,
                sha256=sha,
                name=f"{code}.pdf",
                mime=PDF_MIME,
                size=len(pdf),
                kind=PDF_KIND,
                entity_kind="visit",
                entity_id=visit_id,
            )
            s.add(row)
            self._audit(
                s,
                user,
                "scan_document_saved",
                "visit",
                visit_id,
                code=code,
                file=row.id,
                pages=len(pages),
                sha256=sha,
            )
            stored = _stored(row)
        for old_sha in old_shas:
            if old_sha != sha:
                self._forget_blob(old_sha)
        return stored

    @staticmethod
    def _pdf_rows(s, visit_id: str, code: str) -> list[FileRow]:  # noqa: ANN001
        return list(
            s.scalars(
                select(FileRow).where(
                    FileRow.kind == PDF_KIND,
                    FileRow.entity_kind == "visit",
                    FileRow.entity_id == visit_id,
                    FileRow.name == f"{code}.pdf",
                )
            )
        )

    def documents(self, visit_id: str) -> dict[str, StoredFile]:
        """The saved PDF of each checklist item of the visit: code -> file."""
        self._user()
        with self._store.reader() as s:
            rows = s.scalars(
                select(FileRow)
                .where(
                    FileRow.kind == PDF_KIND, FileRow.entity_kind == "visit", FileRow.entity_id == visit_id
                )
                .order_by(FileRow.created_at)
            )
            return {r.name.removesuffix(".pdf"): _stored(r) for r in rows}

    def read(self, file: StoredFile) -> bytes:
        """The bytes of a saved document (decrypted, hash checked)."""
        self._user()
        if file.kind not in (PDF_KIND, PAGE_KIND):
            raise NotFound("scan", file.id)
        return self._store.blobs.read(file.sha256)
