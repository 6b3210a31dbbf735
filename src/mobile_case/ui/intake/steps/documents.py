"""Step 6: the documents checklist of the chosen services — the consultation of O 2.2.

The administrator reads the list out and ticks what the citizen has; documents needed as originals are
flagged. A document shared by several services is listed once. The citizen must have every document
at the time of the visit (G 1.9), otherwise the request is refused (O 2.3) or the visit ends in an act.
"""

from __future__ import annotations

from mobile_case.domain.eligibility import FEE_RECEIPT_CODE, PAID_DURING_VISIT, required_documents
from mobile_case.domain.model import ServiceRequest
from mobile_case.domain.profile import Service, ServiceDocument
from mobile_case.ui.intake.steps.base import Step
from mobile_case.ui.widgets import BigButton, CheckList, Option


class DocumentsStep(Step):
    key = "documents"

    def __init__(self, wizard) -> None:  # noqa: ANN001
        super().__init__(wizard)
        header = self.section(
            self.tr("Documents for the chosen services"),
            self.tr(
                "Read the list to the citizen and tick what they have. Everything must be at hand at the "
                "time of the visit; originals are marked."
            ),
        )
        self.all_button = BigButton(self.tr("Tick all"))
        self.all_button.clicked.connect(self._tick_all)
        header.add_widget(self.all_button)
        self.checklist = CheckList([])
        self.checklist.changed.connect(self._edited)
        self.body.addWidget(self.checklist)
        self.empty_label = self.note(self.tr("Choose the services first: their documents are listed here."))
        self.receipt_label = self.note(
            self.tr(
                "The fee is paid during the visit (fast-pay or POS terminal): the receipt is printed there."
            )
        )
        self.missing_label = self.note("", "error")
        self.body.addStretch(1)
        self._codes: list[str] = []

    def title(self) -> str:
        return self.tr("Documents checklist")

    def short_title(self) -> str:
        return self.tr("Documents")

    def services(self, req: ServiceRequest) -> list[Service]:
        found = [self.profile.service(code) for code in req.service_codes]
        return [s for s in found if s is not None and s.mobile_allowed]

    def documents(self, req: ServiceRequest) -> list[tuple[ServiceDocument, list[str]]]:
        """The documents the citizen must have (``eligibility.required_documents``: with fast-pay or the
        POS terminal no fee receipt), each once, with the titles of the services that need it."""
        services = self.services(req)
        wanted = {d.code for d in required_documents(services, req.payment_method)}
        found: dict[str, tuple[ServiceDocument, list[str]]] = {}
        for service in services:
            for doc in service.documents:
                if doc.code in wanted:
                    entry = found.setdefault(doc.code, (doc, []))
                    entry[1].append(service.title)
        return list(found.values())

    def receipt_printed_at_visit(self, req: ServiceRequest) -> bool:
        return req.payment_method in PAID_DURING_VISIT and any(
            d.code == FEE_RECEIPT_CODE for s in self.services(req) for d in s.documents
        )

    def _options(self, req: ServiceRequest) -> list[Option]:
        options = []
        for doc, services in self.documents(req):
            parts = []
            if doc.original_required:
                parts.append(self.tr("original"))
            if len(req.service_codes) > 1:
                parts.append(self.tr("for: {services}").format(services="; ".join(services)))
            options.append(Option(doc.code, doc.title, " · ".join(parts)))
        return options

    # -- request <-> widgets ----------------------------------------------------------------------
    def _rebuild(self, req: ServiceRequest) -> None:
        options = self._options(req)
        codes = [o.code for o in options]
        if codes != self._codes or any(
            self.checklist.rows[o.code].detail_label.text() != o.detail for o in options
        ):
            self.checklist.set_items(options)
            self._codes = codes
        was = self.loading
        self.loading = True
        try:
            self.checklist.set_checked_codes([c for c in codes if req.documents_present.get(c, False)])
        finally:
            self.loading = was
        self.empty_label.setVisible(not codes)
        self.all_button.setVisible(bool(codes))
        self.receipt_label.setVisible(self.receipt_printed_at_visit(req))
        self._show_missing(req)

    def fill(self, req: ServiceRequest) -> None:
        self._rebuild(req)

    def refresh(self) -> None:
        self._rebuild(self.request)

    def entered(self) -> None:
        self._rebuild(self.request)

    def _show_missing(self, req: ServiceRequest) -> None:
        missing = [c for c in self._codes if not req.documents_present.get(c, False)]
        if missing and self._codes:
            self.missing_label.setText(
                self.tr(
                    "{count} of {total} documents are not ticked. Tell the citizen what is missing: without the "
                    "full package the request is refused (O 2.3)."
                ).format(count=len(missing), total=len(self._codes))
            )
        self.missing_label.setVisible(bool(missing and self._codes))

    def _tick_all(self) -> None:
        self.checklist.set_checked_codes(self._codes)

    def _edited(self) -> None:
        if self.loading:
            return
        checked = set(self.checklist.checked_codes())
        present = dict(self.request.documents_present)
        for code in self._codes:
            present[code] = code in checked
        self.request.documents_present = present
        self._show_missing(self.request)
        self.changed()
