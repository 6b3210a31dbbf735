"""Sample data for the document tests: a small community profile, a request with a long address and an
apostrophe in the name, its visit, an act, and journal rows in any number."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from mobile_case.domain.model import (
    Act,
    ActReason,
    ActStage,
    Address,
    Consents,
    HandoverDirection,
    HandoverEntry,
    Person,
    Representative,
    RequestChannel,
    ServiceJournalEntry,
    ServiceRequest,
    Visit,
)
from mobile_case.domain.profile import (
    Category,
    CommunityProfile,
    KitItem,
    ProofDocument,
    Service,
    ServiceDocument,
    Settlement,
    StaffMember,
)

LONG_STREET = "вулиця Героїв Чорнобиля та ліквідаторів наслідків аварії на Чорнобильській АЕС"


def sample_profile() -> CommunityProfile:
    passport = ServiceDocument("passport", "Паспорт громадянина України або ID-картка", True)
    return CommunityProfile(
        code="test",
        community_name="Чортківська міська територіальна громада",
        cnap_name="Відділ «Центр надання адміністративних послуг» Чортківської міської ради",
        cnap_address="вул. Шевченка, 23, м. Чортків, Тернопільська обл., 48500",
        cnap_phone="+380355221234",
        council_decision="рішення Чортківської міської ради від 27 березня 2026 року № 2982",
        age_threshold=70,
        categories=(
            Category("age70", "Особи, які досягли 70-річного віку", "age", 70, False, ()),
            Category(
                "disability1",
                "Особи з інвалідністю I групи",
                "disability",
                None,
                True,
                ("disability_cert",),
                reason_text="інвалідності I групи, пересувається лише з допомогою сторонніх осіб",
            ),
        ),
        proof_documents=(ProofDocument("disability_cert", "Посвідчення особи з інвалідністю"),),
        settlements=(
            Settlement("chortkiv", "Чортків", "місто"),
            Settlement("bila", "Біла", "село"),
        ),
        services=(
            Service(
                "residence",
                "Декларування (реєстрація) місця проживання (перебування) особи",
                "Чортківська міська рада",
                "registration",
                (
                    passport,
                    ServiceDocument("receipt", "Квитанція про сплату адміністративного збору", True),
                    ServiceDocument(
                        "housing_consent", "Згода власника житла (для неповнолітніх — батьків)", False
                    ),
                ),
                Decimal("30"),
                "",
                1,
                "в день звернення",
                True,
            ),
            Service(
                "subsidy",
                "Призначення житлової субсидії",
                "УСЗН Чортківської міської ради",
                "social",
                (passport, ServiceDocument("income", "Декларація про доходи та майно", True)),
                None,
                "",
                10,
                "",
                True,
            ),
            Service(
                "idcard",
                "Оформлення паспорта у формі ID-картки",
                "ДМС",
                "passport",
                (),
                Decimal("345"),
                "",
                20,
                "",
                False,
            ),
        ),
        kit_items=(
            KitItem("laptop", "Ноутбук"),
            KitItem("printer", "Портативний принтер"),
            KitItem("scanner", "Сканер"),
            KitItem("reader", "Зчитувач ID-карток"),
            KitItem("modem", "Мобільний модем"),
            KitItem("camera", "Міні WiFi-відеокамера"),
        ),
        staff=(StaffMember("Іваненко Оксана Петрівна", "адміністратор"),),
        holidays=(),
        region="Тернопільська обл., Чортківський р-н",
        council_name="Чортківська міська рада",
    )


def sample_request() -> ServiceRequest:
    return ServiceRequest(
        number="МК-2026-0042",
        created_at=datetime(2026, 3, 2, 9, 30),
        channel=RequestChannel.PHONE,
        subject=Person(
            surname="Коваль",
            given_name="Мар'яна",
            patronymic="Іванівна",
            birth_date=date(1941, 5, 12),
            phone="+380671234567",
        ),
        representative=Representative(
            person=Person(
                surname="Коваль", given_name="Ольга", patronymic="Степанівна", phone="+380501112233"
            ),
            relation="донька",
        ),
        address=Address(
            settlement_code="chortkiv",
            street=LONG_STREET,
            house="117-А",
            building="2",
            apartment="48",
            postal_code="48501",
            door_code="48К1234",
        ),
        category_code="disability1",
        proof_document_codes=["disability_cert"],
        proof_note="серія ААБ № 123456 від 01.02.2020",
        service_codes=["residence", "subsidy"],
        documents_present={"passport": True, "receipt": False, "income": True},
        preferred_date=date(2026, 3, 5),
        window_start=time(10, 0),
        window_end=time(11, 30),
        consents=Consents(no_third_party_transfer=True, personal_data_processing=True, recording=False),
    )


def sample_visit(req: ServiceRequest) -> Visit:
    return Visit(
        request_id=req.id,
        recording_consent=True,
        application_registered_at=datetime(2026, 3, 5, 10, 40),
        case_number="ЦНАП-2026/000731",
        documents_checked={"receipt": True},
    )


def sample_act() -> Act:
    return Act(
        number="А-2026-0007",
        service_titles="Декларування (реєстрація) місця проживання (перебування) особи",
        stage=ActStage.DOCUMENT_INTAKE,
        subject_name="Кравчук Мар'ян Олексійович",
        address_text=f"Тернопільська обл., Чортківський р-н, м. Чортків, {LONG_STREET}, буд. 117-А, кв. 48",
        reason=ActReason.SUBJECT_ABSENT,
        details="Двері ніхто не відчинив, телефон не відповідає (дзвінки о 10:05 та 10:20).",
        drawn_at=datetime(2026, 3, 5, 10, 25),
        administrator_name="Іваненко Оксана Петрівна",
        subject_acknowledged=False,
        acknowledgement_note="Суб'єкт звернення відсутній; акт складено у присутності водія.",
    )


def make_handover(n: int) -> list[HandoverEntry]:
    rows = []
    for i in range(1, n + 1):
        rows.append(
            HandoverEntry(
                number=i,
                direction=HandoverDirection.ISSUE if i % 2 else HandoverDirection.RETURN,
                at=datetime(2026, 3, 1 + (i // 2) % 28, 8 + i % 9, (7 * i) % 60),
                destination="с. Біла" if i % 3 else "м. Чортків",
                kit_items_checked=["laptop", "printer", "scanner", "reader"] + (["modem"] if i % 4 else []),
                kit_notes="картридж майже порожній" if i % 5 == 0 else "",
                given_by_name="Петренко Марія Іванівна" if i % 2 else "Іваненко Оксана Петрівна",
                received_by_name="Іваненко Оксана Петрівна" if i % 2 else "Петренко Марія Іванівна",
            )
        )
    return rows


def make_services(n: int) -> list[ServiceJournalEntry]:
    rows = []
    for i in range(1, n + 1):
        rows.append(
            ServiceJournalEntry(
                number=i,
                on=date(2026, 3, 1 + i % 28),
                subject_name="Коваль Мар'яна Іванівна" if i % 2 else f"Шевчук Григорій Петрович {i}",
                subject_birth_date=date(1941, 5, 12),
                address_text=f"м. Чортків, {LONG_STREET}, буд. {i}, кв. {i * 3}"
                if i % 3 == 0
                else f"с. Біла, вул. Садова, {i}",
                settlement_name="м. Чортків" if i % 3 == 0 else "с. Біла",
                category_title="Особи з інвалідністю I групи"
                if i % 2
                else "Особи, які досягли 70-річного віку",
                service_titles="Декларування (реєстрація) місця проживання (перебування) особи",
                case_number=f"ЦНАП-2026/{i:06d}",
                administrator_name="Іваненко О. П.",
                outcome="completed" if i % 7 else "impossible",
                outcome_text="Документи прийнято" if i % 7 else "Складено акт",
                notes="повторний виїзд" if i % 11 == 0 else "",
            )
        )
    return rows


def make_acts(n: int) -> list[Act]:
    reasons = list(ActReason)
    return [
        Act(
            number=f"А-2026-{i:04d}",
            service_titles="Призначення житлової субсидії",
            stage=ActStage.DOCUMENT_INTAKE if i % 2 else ActStage.RESULT_RETURN,
            subject_name=f"Кравчук Мар'ян Олексійович {i}",
            address_text=f"с. Біла, вул. Садова, {i}",
            reason=reasons[i % len(reasons)],
            details="",
            drawn_at=datetime(2026, 3, 1 + i % 28, 11, i % 60),
            administrator_name="Іваненко Оксана Петрівна",
        )
        for i in range(1, n + 1)
    ]
