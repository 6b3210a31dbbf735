"""Step 5: the payment of the administrative fee (F10, G 1.5).

The method (receipt paid in advance, internet-banking «fast-pay», the kit's POS terminal, or free), the
amount pre-filled from the fees of the request's services, and the receipt number — required for a paid
service (O 2.13 names a missing fee receipt as a reason for the act).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QWidget

from mobile_case.domain import texts
from mobile_case.domain.eligibility import FEE_RECEIPT_CODE
from mobile_case.domain.errors import ValidationError
from mobile_case.domain.model import VISIT_STEPS, ActReason, PaymentMethod, Visit, VisitStep
from mobile_case.ui import theme
from mobile_case.ui.visit.data import VisitBundle, fee_total, request_services
from mobile_case.ui.visit.steps.base import StepWidget, VisitHost
from mobile_case.ui.widgets.banner import MessageBanner
from mobile_case.ui.widgets.choices import ChoiceList, Option
from mobile_case.ui.widgets.fields import LabeledLineEdit
from mobile_case.ui.widgets.layout import Card


def parse_amount(text: str) -> Decimal:
    """«49,92», «49.92», «1 147» → Decimal with two decimals; raises ValidationError."""
    raw = text.replace("\u00a0", "").replace(" ", "").replace("грн", "").replace(",", ".").strip()
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = Decimal("-1")
    if not value.is_finite() or value < 0 or value > Decimal("1000000"):
        raise ValidationError(
            "amount",
            QCoreApplication.translate("PaymentStep", "Enter the amount in hryvnias, e.g. 49,92."),
        )
    return value.quantize(Decimal("0.01"))


def amount_text(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


class PaymentStep(StepWidget):
    def __init__(self, host: VisitHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        fees = Card()
        fees_title = QLabel(self.tr("Administrative fee by the service catalogue"))
        theme.set_role(fees_title, "section")
        fees.body.addWidget(fees_title)
        self.fees_grid = QGridLayout()
        self.fees_grid.setColumnStretch(0, 1)
        fees.body.addLayout(self.fees_grid)
        self._fee_labels: list[QLabel] = []
        self.body.addWidget(fees)

        method = Card()
        method_title = QLabel(self.tr("How the fee is paid"))
        theme.set_role(method_title, "section")
        method.body.addWidget(method_title)
        self.methods = ChoiceList(
            [Option(m.value, title) for m, title in texts.choices(PaymentMethod)], columns=2
        )
        self.methods.changed.connect(self._on_method)
        method.body.addWidget(self.methods)
        self.body.addWidget(method)

        details = Card()
        self.amount = LabeledLineEdit(self.tr("Amount, UAH"), validator=parse_amount, field_name="amount")
        self.amount.changed.connect(self.user_changed)
        self.amount.changed.connect(lambda _t: self.blocker_changed.emit())
        row = QHBoxLayout()
        row.setSpacing(theme.SPACING)
        row.addWidget(self.amount, 1)
        self.receipt = LabeledLineEdit(
            self.tr("Receipt (payment document) number"),
            required=True,
            field_name="receipt_number",
            max_length=64,
        )
        self.receipt.edit.setMinimumWidth(320)
        self.receipt.changed.connect(self.user_changed)
        self.receipt.changed.connect(lambda _t: self.blocker_changed.emit())
        row.addWidget(self.receipt, 2)
        details.body.addLayout(row)
        self.details_card = details
        self.body.addWidget(details)
        self.free_banner = MessageBanner(closable=False)
        self.body.addWidget(self.free_banner)
        self.body.addStretch(1)
        self._paid_at: datetime | None = None
        self._total = Decimal("0")
        self._needs_receipt = False

    def title(self) -> str:
        return self.tr("Payment")

    def fill(self, bundle: VisitBundle) -> None:
        profile = self.host.profile
        for label in self._fee_labels:
            self.fees_grid.removeWidget(label)
            label.deleteLater()
        self._fee_labels = []
        row = 0
        for service in request_services(bundle.request, profile):
            name = QLabel(service.title)
            name.setWordWrap(True)
            fee = QLabel(texts.format_money(service.fee))
            if service.fee_note:
                fee.setToolTip(service.fee_note)
            self.fees_grid.addWidget(name, row, 0)
            self.fees_grid.addWidget(fee, row, 1)
            self._fee_labels += [name, fee]
            row += 1
        self._total = fee_total(bundle.request, profile)
        self._needs_receipt = any(
            d.code == FEE_RECEIPT_CODE
            for sv in request_services(bundle.request, profile)
            for d in sv.documents
        )
        total_name = QLabel(self.tr("Total"))
        total_value = QLabel(texts.format_money(self._total))
        for label in (total_name, total_value):
            label.setStyleSheet("font-weight: 700;")
        self.fees_grid.addWidget(total_name, row, 0)
        self.fees_grid.addWidget(total_value, row, 1)
        self._fee_labels += [total_name, total_value]

        payment = bundle.visit.payment
        method = payment.method
        amount = payment.amount
        # Until the visit reaches this step nothing was entered here: start from the request's payment
        # method and the catalogue's fee. From then on what was saved is shown as it was.
        before = VISIT_STEPS.index(bundle.visit.current_step) < VISIT_STEPS.index(VisitStep.PAYMENT)
        if before and self._total > 0 and not payment.receipt_number:
            method = bundle.request.payment_method
            if method is PaymentMethod.FREE:
                method = PaymentMethod.PREPAID_RECEIPT
            amount = self._total
        self.methods.set_selected_code(method.value)
        self.amount.setText(amount_text(amount))
        self.receipt.setText(payment.receipt_number)
        self._paid_at = payment.paid_at
        self._update_method()

    def method(self) -> PaymentMethod:
        code = self.methods.selected_code()
        return PaymentMethod(code) if code else PaymentMethod.FREE

    def apply(self, visit: Visit) -> None:
        payment = visit.payment
        payment.method = self.method()
        if payment.method is PaymentMethod.FREE:
            payment.amount = Decimal("0")
            payment.receipt_number = ""
            payment.paid_at = None
            return
        try:
            payment.amount = parse_amount(self.amount.text())
        except ValidationError:
            pass
        payment.receipt_number = self.receipt.text().strip()
        if payment.receipt_number and self._paid_at is None:
            self._paid_at = datetime.now().replace(microsecond=0)
        payment.paid_at = self._paid_at if payment.receipt_number else None
        if payment.receipt_number and self._needs_receipt:
            # The receipt exists now (paid in advance and shown, or paid here by fast-pay / POS).
            visit.documents_checked[FEE_RECEIPT_CODE] = True

    def blocker(self) -> str:
        if self.method() is PaymentMethod.FREE:
            return ""
        if not self.amount.is_valid():
            return self.tr("Correct the amount.")
        try:
            if parse_amount(self.amount.text()) <= 0:
                return self.tr("Enter the amount paid.")
        except ValidationError:
            return self.tr("Correct the amount.")
        if not self.receipt.text().strip():
            return self.tr("Enter the receipt number: it is required for a paid service.")
        return ""

    def suggested_act_reason(self) -> ActReason | None:
        return ActReason.NO_ORIGINAL_DOCUMENTS

    def _on_method(self) -> None:
        if not self.methods.selected_code():
            return
        self._update_method()
        self.user_changed()
        self.blocker_changed.emit()

    def _update_method(self) -> None:
        free = self.method() is PaymentMethod.FREE
        self.details_card.setVisible(not free)
        if free and self._total > 0:
            self.free_banner.show_warning(
                self.tr(
                    "By the catalogue the fee is {amount}. Choose «free» only when the subject is exempt "
                    "from the fee by law."
                ).format(amount=texts.format_money(self._total))
            )
        else:
            self.free_banner.clear()
