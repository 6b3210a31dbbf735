"""Step 7: the fee and how it is paid (G 1.5), the preferred date and time window of the visit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import QHBoxLayout, QLabel

from mobile_case.domain import texts, validators
from mobile_case.domain.model import PaymentMethod, ServiceRequest
from mobile_case.ui import theme
from mobile_case.ui.intake.steps.base import Step, field_problem
from mobile_case.ui.intake.timefield import TimeCombo
from mobile_case.ui.widgets import Card, ChoiceList, DateField, LabeledTextEdit, Option

PAID_METHODS = (PaymentMethod.PREPAID_RECEIPT, PaymentMethod.FAST_PAY, PaymentMethod.POS_TERMINAL)


class ScheduleStep(Step):
    key = "schedule"

    def __init__(self, wizard) -> None:  # noqa: ANN001
        super().__init__(wizard)
        self.section(
            self.tr("The fee and how it is paid"),
            self.tr("The visit itself is free; only the administrative fee set by law is paid (O 1.7)."),
        )
        self.fee_card = Card(margins=12)
        self.fee_lines = QLabel()
        self.fee_lines.setWordWrap(True)
        self.fee_card.body.addWidget(self.fee_lines)
        self.total_label = QLabel()
        theme.set_role(self.total_label, "section")
        self.fee_card.body.addWidget(self.total_label)
        self.body.addWidget(self.fee_card)
        self.payment = ChoiceList([Option(m.value, texts.PAYMENT_METHOD_TITLES[m]) for m in PAID_METHODS])
        self.payment.changed.connect(self._edited)
        self.body.addWidget(self.payment)
        self.payment_hint = self.note("")

        self.section(
            self.tr("When is the visit convenient?"),
            self.tr(
                "Agree the date and the time window; the travel time is planned with the outing (O 2.5)."
            ),
        )
        row = QHBoxLayout()
        row.setSpacing(16)
        self.day = DateField(
            self.tr("Preferred date"),
            validator=lambda s: validators.parse_visit_date(s, date.today()),
            field_name="preferred_date",
        )
        self.day.edit.setMinimumWidth(160)
        row.addWidget(self.day, 2)
        self.start = TimeCombo(self.tr("From"), self.tr("any time"))
        self.end = TimeCombo(self.tr("To"), self.tr("any time"))
        row.addWidget(self.start, 1)
        row.addWidget(self.end, 1)
        self.body.addLayout(row)
        self.window_error = self.note("", "error")
        self.window_error.setVisible(False)
        self.notes = LabeledTextEdit(
            self.tr("Notes for the visit"),
            placeholder=self.tr("anything the administrator should know"),
            lines=3,
        )
        self.body.addWidget(self.notes)
        self.body.addStretch(1)
        self.day.changed.connect(self._edited)
        self.start.combo.currentIndexChanged.connect(self._edited)
        self.end.combo.currentIndexChanged.connect(self._edited)
        self.notes.changed.connect(self._edited)

    def title(self) -> str:
        return self.tr("Payment and time of the visit")

    def short_title(self) -> str:
        return self.tr("Payment, time")

    # -- fees -------------------------------------------------------------------------------------
    def total_fee(self, req: ServiceRequest) -> Decimal:
        total = Decimal("0")
        for code in req.service_codes:
            service = self.profile.service(code)
            if service is not None and service.fee:
                total += service.fee
        return total

    def _show_fees(self, req: ServiceRequest) -> None:
        lines = []
        for code in req.service_codes:
            service = self.profile.service(code)
            if service is not None:
                lines.append(f"• {service.title} — {texts.format_money(service.fee)}")
        self.fee_lines.setText("\n".join(lines) or self.tr("No service chosen yet."))
        total = self.total_fee(req)
        free = total == 0
        if free:
            self.total_label.setText(self.tr("Total: free of charge"))
        else:
            self.total_label.setText(self.tr("Total: {amount}").format(amount=texts.format_money(total)))
        self.payment.setVisible(not free)
        hints = {
            PaymentMethod.PREPAID_RECEIPT: self.tr(
                "The citizen (or relatives) pays in advance and shows the receipt at the visit."
            ),
            PaymentMethod.FAST_PAY: self.tr(
                "Paid with any bank card during the visit; the administrator prints the receipt."
            ),
            PaymentMethod.POS_TERMINAL: self.tr(
                "Paid by card through the kit's POS terminal during the visit."
            ),
        }
        if free:
            self.payment_hint.setText(self.tr("The chosen services are free: nothing to pay."))
        else:
            method = req.payment_method
            self.payment_hint.setText(
                hints.get(method, self.tr("Agree with the citizen how the fee will be paid (G 1.5)."))
            )

    # -- request <-> widgets ----------------------------------------------------------------------
    def fill(self, req: ServiceRequest) -> None:
        self.payment.set_selected_code(req.payment_method.value if req.payment_method in PAID_METHODS else "")
        self.day.set_date(req.preferred_date)
        self.start.set_value(req.window_start)
        self.end.set_value(req.window_end)
        self.notes.setText(req.notes)
        self._show_fees(req)
        self._check_window()

    def refresh(self) -> None:
        self._sync_payment()
        self._show_fees(self.request)

    def entered(self) -> None:
        self.refresh()

    def _sync_payment(self) -> bool:
        """Free services are paid «безоплатно»; paid ones need one of the three methods. True if changed."""
        req = self.request
        free = self.total_fee(req) == 0
        if free and req.payment_method != PaymentMethod.FREE:
            req.payment_method = PaymentMethod.FREE
            return True
        if not free and req.payment_method == PaymentMethod.FREE:
            code = self.payment.selected_code()
            if code:
                req.payment_method = PaymentMethod(code)
                return True
        return False

    def _check_window(self) -> bool:
        start, end = self.start.value(), self.end.value()
        bad = start is not None and end is not None and start >= end
        self.window_error.setText(self.tr("The end of the time window must be later than its start."))
        self.window_error.setVisible(bad)
        return not bad

    def _edited(self, *_args: object) -> None:
        if self.loading:
            return
        req = self.request
        code = self.payment.selected_code()
        if self.total_fee(req) == 0:
            req.payment_method = PaymentMethod.FREE
        elif code:
            req.payment_method = PaymentMethod(code)
        req.preferred_date = self.day.date()
        ok = self._check_window()
        req.window_start = self.start.value()
        req.window_end = self.end.value() if ok else None
        req.notes = self.notes.text().strip()
        self._show_fees(req)
        self.changed()

    def problems(self) -> list[tuple[str, str]]:
        found = [field_problem(self.day)]
        result = [p for p in found if p]
        if not self._check_window():
            result.append((self.tr("Time window"), self.window_error.text()))
        req = self.request
        if self.total_fee(req) > 0 and req.payment_method == PaymentMethod.FREE:
            result.append(
                (
                    self.tr("Payment"),
                    self.tr("The services have a fee: choose how it will be paid."),
                )
            )
        return result
