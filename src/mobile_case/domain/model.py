"""The entities of a mobile-workplace case, as plain dataclasses.

Pure Python: no Qt, no database session, no I/O. Storage maps these to tables; the UI edits them;
documents render them. Every entity that is saved or sent carries a stable UUID from the moment it
is created (``new_id()``), never reassigned.

Names follow the Order (O) and the guide (G): a *request* (заявка/заява) is what the citizen asks
for at intake; it becomes an administrative *case* when the application is registered at the
visit. One request has at most one active visit; an *outing* (виїзд) groups the visits of one trip.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum


def new_id() -> str:
    """A new stable identifier (UUID4, canonical text form)."""
    return str(uuid.uuid4())


class Role(StrEnum):
    ADMINISTRATOR = "administrator"  # адміністратор ЦНАП
    HEAD = "head"  # керівник Центру
    KIT_KEEPER = "kit_keeper"  # відповідальний за технічний стан кейсу


class RequestChannel(StrEnum):
    """How the request came in (O 2.1)."""

    IN_PERSON = "in_person"
    PHONE = "phone"
    MESSENGER = "messenger"


class CaseState(StrEnum):
    """The request/case life cycle. Transitions live in ``domain.workflow``."""

    DRAFT = "draft"  # intake in progress, saved as typed
    REGISTERED = "registered"  # request accepted, waiting to be scheduled
    SCHEDULED = "scheduled"  # a visit is planned in an outing
    IN_PROGRESS = "in_progress"  # the visit is open at the citizen's address
    COMPLETED = "completed"  # application registered, case formed
    IMPOSSIBLE = "impossible"  # ended by the act of impossibility (O 2.13)
    CANCELLED = "cancelled"  # withdrawn by the citizen or the CNAP
    REFUSED = "refused"  # refused at intake with an O 2.3 reason


class RefusalReason(StrEnum):
    """Exactly the reasons of O 2.3 for refusing a request."""

    NOT_ELIGIBLE_CATEGORY = "not_eligible_category"
    SERVICE_NOT_ON_MOBILE = "service_not_on_mobile"
    ADDRESS_OUTSIDE_COMMUNITY = "address_outside_community"
    DOCUMENTS_INCOMPLETE = "documents_incomplete"


class ActReason(StrEnum):
    """Exactly the reasons of O 2.13 for the act of impossibility (Додаток 4)."""

    SUBJECT_ABSENT = "subject_absent"
    NO_ORIGINAL_DOCUMENTS = "no_original_documents"  # incl. the fee receipt
    NO_RECORDING_CONSENT = "no_recording_consent"
    INCAPACITY_SIGNS = "incapacity_signs"  # incl. clear signs of intoxication


class ActStage(StrEnum):
    """The stage at which the act is drawn up (Додаток 4)."""

    DOCUMENT_INTAKE = "document_intake"  # прийом документів
    RESULT_RETURN = "result_return"  # повернення документів з результатом


class PaymentMethod(StrEnum):
    """The three payment models of G 1.5, plus services without a fee."""

    PREPAID_RECEIPT = "prepaid_receipt"
    FAST_PAY = "fast_pay"
    POS_TERMINAL = "pos_terminal"
    FREE = "free"


class DeliveryMethod(StrEnum):
    """How the result goes back to the citizen (O 2.15)."""

    POST = "post"
    COURIER = "courier"
    REPEAT_VISIT = "repeat_visit"
    AT_CNAP = "at_cnap"


class CallOutcome(StrEnum):
    """Outcome of the administrator's phone call ahead of the visit (O 2.5)."""

    CONFIRMED = "confirmed"
    RESCHEDULE_REQUESTED = "reschedule_requested"
    NO_ANSWER = "no_answer"
    CANCELLED_BY_SUBJECT = "cancelled_by_subject"
    WRONG_NUMBER = "wrong_number"


class OutingModel(StrEnum):
    """The two service models of the guide."""

    AT_ADDRESS = "at_address"  # at the citizen's home / hospital / institution
    FIXED_POINT = "fixed_point"  # a fixed service point on a schedule, several citizens


class IdentityDocumentType(StrEnum):
    ID_CARD = "id_card"  # паспорт у формі ID-картки
    PASSPORT_BOOKLET = "passport_booklet"  # паспорт-книжечка
    FOREIGN_PASSPORT = "foreign_passport"  # закордонний паспорт
    OTHER = "other"


class IdentificationSource(StrEnum):
    CHIP = "chip"  # read from the ID card's chip
    MANUAL = "manual"  # typed from the document


class VisitStep(StrEnum):
    """The sequential steps of the visit screen (F5), in order."""

    CONSENT = "consent"
    IDENTIFICATION = "identification"
    CATEGORY_PROOF = "category_proof"
    DOCUMENTS = "documents"
    PAYMENT = "payment"
    APPLICATION = "application"
    DELIVERY = "delivery"


VISIT_STEPS: tuple[VisitStep, ...] = tuple(VisitStep)


class HandoverDirection(StrEnum):
    ISSUE = "issue"  # видача кейсу адміністратору перед виїздом
    RETURN = "return"  # повернення кейсу після виїзду


@dataclass
class Person:
    """A natural person: the subject (суб'єкт звернення) or a representative."""

    surname: str = ""
    given_name: str = ""
    patronymic: str = ""
    birth_date: date | None = None
    rnokpp: str = ""  # РНОКПП (10 digits) — may be absent (religious refusal)
    unzr: str = ""  # УНЗР YYYYMMDD-NNNNC
    phone: str = ""  # E.164 once validated
    email: str = ""

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.surname, self.given_name, self.patronymic) if p)

    @property
    def short_name(self) -> str:
        """Прізвище та ініціали, as signed on Ukrainian forms: «Шевченко Т. Г.»."""
        initials = " ".join(f"{p[0]}." for p in (self.given_name, self.patronymic) if p)
        return f"{self.surname} {initials}".strip()


@dataclass
class Representative:
    """A representative who made the request for the subject (O 2.1)."""

    person: Person = field(default_factory=Person)
    relation: str = ""  # e.g. донька, соціальний працівник
    authority_document: str = ""  # довіреність / рішення про опіку, No and date


@dataclass
class Address:
    """The address of the visit, with the settlement from the community's list."""

    settlement_code: str = ""  # code from the community profile; "" = not chosen
    settlement_name: str = ""  # free text when outside the community's list
    street: str = ""
    house: str = ""
    building: str = ""  # корпус
    apartment: str = ""
    postal_code: str = ""
    door_code: str = ""  # код вхідних дверей / домофону
    access_notes: str = ""  # поверх, ліфт, собака, як пройти
    place_kind: str = "home"  # home | hospital | social_institution | fixed_point


@dataclass
class Consents:
    """The three consent marks of the application (Додаток 2, ПРИМІТКИ)."""

    no_third_party_transfer: bool = False  # ст. 11 ЗУ «Про інформацію»
    personal_data_processing: bool = False  # ст. 11 ЗУ «Про захист персональних даних»
    recording: bool = False  # відео та аудіо фіксація
    publication: bool = False  # consent to appear in publications (F14), optional


@dataclass
class ServiceRequest:
    """A citizen's request for services on the mobile workplace (F3)."""

    id: str = field(default_factory=new_id)
    number: str = ""  # human number, e.g. «МК-2026-0042», given on registration
    state: CaseState = CaseState.DRAFT
    created_at: datetime | None = None
    created_by: str = ""  # user id
    channel: RequestChannel = RequestChannel.IN_PERSON
    subject: Person = field(default_factory=Person)
    representative: Representative | None = None
    address: Address = field(default_factory=Address)
    category_code: str = ""  # from the community profile
    category_reason: str = ""  # «самостійно не пересувається з причини …» (Додаток 2)
    proof_document_codes: list[str] = field(default_factory=list)
    proof_note: str = ""  # No and date of the proof document
    is_idp: bool = False  # ВПО (membership by IDP certificate)
    membership_proof: str = ""  # registration stamp / extract / IDP certificate
    # The subject's registered address (місце реєстрації) as typed from the registration extract or
    # stamp — the ID card's chip does not give it with the CAN/MRZ (docs/chip.md). None = not typed
    # (then the visit address above is the only one known).
    registered_address: Address | None = None
    service_codes: list[str] = field(default_factory=list)
    documents_present: dict[str, bool] = field(default_factory=dict)  # doc code -> has it
    payment_method: PaymentMethod = PaymentMethod.FREE
    preferred_date: date | None = None
    window_start: time | None = None
    window_end: time | None = None
    consents: Consents = field(default_factory=Consents)
    refusal_reasons: list[RefusalReason] = field(default_factory=list)
    decision_explanation: str = ""  # the eligibility decision, in Ukrainian
    notes: str = ""


@dataclass
class Escort:
    """Someone who accompanies the administrator (O 2.6) — named, never logs in."""

    full_name: str = ""
    role: str = ""  # водій, інспектор, представник УСЗН …


@dataclass
class Outing:
    """One trip of the kit: a date, a model and one or more visits (F4)."""

    id: str = field(default_factory=new_id)
    date: date | None = None
    model: OutingModel = OutingModel.AT_ADDRESS
    settlement_code: str = ""  # destination (Додаток 1, col. 4)
    administrator_id: str = ""
    escorts: list[Escort] = field(default_factory=list)
    vehicle: str = ""
    departure: time | None = None
    travel_minutes: int = 0
    notes: str = ""


@dataclass
class Identification:
    """The identification step of the visit (O 2.10)."""

    document_type: IdentityDocumentType = IdentityDocumentType.ID_CARD
    document_number: str = ""
    source: IdentificationSource = IdentificationSource.MANUAL
    verified: bool = False  # the administrator confirmed the person matches
    card_read_id: str = ""  # id of a stored chip read result (issue 3), if any


@dataclass
class Payment:
    """The fee payment record (F10, G 1.5)."""

    method: PaymentMethod = PaymentMethod.FREE
    amount: Decimal = Decimal("0")
    receipt_number: str = ""
    paid_at: datetime | None = None


@dataclass
class Visit:
    """The visit to one citizen inside an outing (F5). Each step is saved as entered."""

    id: str = field(default_factory=new_id)
    outing_id: str = ""
    request_id: str = ""
    planned_start: time | None = None
    planned_end: time | None = None
    order: int = 0  # order within the outing
    call_outcome: CallOutcome | None = None
    call_at: datetime | None = None
    call_note: str = ""
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    current_step: VisitStep = VisitStep.CONSENT
    recording_consent: bool | None = None  # None = not asked yet
    present_persons: str = ""  # who was told of the recording
    identification: Identification = field(default_factory=Identification)
    category_confirmed: bool = False
    category_documents_seen: list[str] = field(default_factory=list)
    documents_checked: dict[str, bool] = field(default_factory=dict)
    missing_documents_warned: bool = False  # O 2.12 warning given
    payment: Payment = field(default_factory=Payment)
    application_registered_at: datetime | None = None
    case_number: str = ""  # registration number of the administrative case
    application_printed: bool = False
    delivery_method: DeliveryMethod | None = None
    delivery_note: str = ""


@dataclass
class Act:
    """The act of impossibility of providing the service (O 2.13, Додаток 4)."""

    id: str = field(default_factory=new_id)
    number: str = ""
    request_id: str = ""
    visit_id: str = ""
    service_titles: str = ""
    stage: ActStage = ActStage.DOCUMENT_INTAKE
    subject_name: str = ""
    address_text: str = ""
    reason: ActReason = ActReason.SUBJECT_ABSENT
    details: str = ""
    drawn_at: datetime | None = None
    administrator_id: str = ""
    administrator_name: str = ""
    subject_acknowledged: bool = False  # «З актом ознайомлений» signed
    acknowledgement_note: str = ""  # e.g. «від підпису відмовився»


@dataclass
class HandoverEntry:
    """One line of the kit hand-over journal (Додаток 1)."""

    id: str = field(default_factory=new_id)
    number: int = 0  # № з/п, sequential per journal
    outing_id: str = ""
    direction: HandoverDirection = HandoverDirection.ISSUE
    at: datetime | None = None  # date and time of the hand-over (cols. 2–3)
    destination: str = ""  # settlement name (col. 4)
    kit_items_checked: list[str] = field(default_factory=list)  # kit item codes (col. 5)
    kit_notes: str = ""  # missing/damaged items
    given_by_name: str = ""  # col. 6
    received_by_name: str = ""  # col. 8


@dataclass
class ServiceJournalEntry:
    """One line of the journal of services rendered on the mobile workplace (Додаток 3)."""

    number: int = 0
    on: date | None = None
    request_id: str = ""
    subject_name: str = ""
    subject_birth_date: date | None = None
    address_text: str = ""
    settlement_name: str = ""
    category_title: str = ""
    service_titles: str = ""
    case_number: str = ""
    administrator_name: str = ""
    outcome: str = ""  # CaseState value
    outcome_text: str = ""  # Ukrainian
    notes: str = ""


@dataclass
class User:
    """A person who logs in (F15)."""

    id: str = field(default_factory=new_id)
    login: str = ""
    full_name: str = ""
    position: str = ""
    role: Role = Role.ADMINISTRATOR
    active: bool = True
