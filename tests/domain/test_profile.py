"""Community profiles: the shipped files, and every validation error of profile_from_dict/catalogue_from_dict."""

from __future__ import annotations

import copy
import tomllib
from datetime import date
from decimal import Decimal

import pytest

from mobile_case.domain.errors import ProfileError
from mobile_case.domain.profile import catalogue_from_dict, profile_from_dict
from mobile_case.profiles import communities_dir

O_1_5_PROOF_TITLES = [
    "Посвідчення особи з інвалідністю",
    "Витяг з рішення експертної команди (комісії) з оцінювання повсякденного функціонування особи (після 01.01.2025)",
    "Довідка МСЕК (видана до 01.01.2025)",
    "Пенсійне посвідчення (із зазначенням групи та причини інвалідності)",
    "Виписка з історії хвороби (амбулаторна/стаціонарна) або копія медичної картки",
    "Висновок ЛКК чи сімейного лікаря про обмеження мобільності",
    "Індивідуальна програма реабілітації про потребу в постійному сторонньому догляді та нездатність до самообслуговування",
]


def _raw(name: str) -> dict:
    return tomllib.loads((communities_dir() / name).read_text(encoding="utf-8"))


@pytest.fixture()
def raw_profile() -> dict:
    return copy.deepcopy(_raw("chortkiv.toml"))


@pytest.fixture(scope="module")
def catalogue():
    return catalogue_from_dict(_raw("services.toml"), "communities/services.toml")


def _error(data, catalogue=None) -> ProfileError:
    with pytest.raises(ProfileError) as info:
        profile_from_dict(data, "communities/test.toml", catalogue)
    return info.value


# --- the shipped Chortkiv profile (O 1.5) -------------------------------------------------------


def test_chortkiv_identity(chortkiv):
    assert chortkiv.code == "chortkiv"
    assert chortkiv.community_name == "Чортківська міська територіальна громада"
    assert "Центр надання адміністративних послуг" in chortkiv.cnap_name
    assert "м. Чортків" in chortkiv.cnap_address
    assert "27 березня 2026" in chortkiv.council_decision and "2982" in chortkiv.council_decision
    assert chortkiv.age_threshold == 70


def test_chortkiv_has_exactly_the_o_1_5_categories(chortkiv):
    by_group = {}
    for cat in chortkiv.categories:
        by_group.setdefault(cat.group, []).append(cat.code)
    assert by_group == {
        "age": ["age_70"],
        "disability": ["disability_group_1", "disability_group_2_3_mobility", "war_disability_fallen_family"],
        "health": ["cannot_move_health", "chronic_disease_mobility"],
        "social": ["pregnant", "single_parent"],
    }
    age = chortkiv.age_category()
    assert age.min_age == 70 and not age.needs_proof and age.accepted_proof_codes == ()
    for cat in chortkiv.categories:
        if cat.group != "age":
            assert cat.needs_proof and cat.accepted_proof_codes, cat.code
            assert cat.min_age is None


def test_chortkiv_proof_documents_include_every_o_1_5_document(chortkiv):
    titles = [d.title for d in chortkiv.proof_documents]
    for title in O_1_5_PROOF_TITLES:
        assert title in titles
    # every O 1.5 health document proves the health categories
    health_codes = {d.code for d in chortkiv.proof_documents if d.title in O_1_5_PROOF_TITLES}
    assert set(chortkiv.category("cannot_move_health").accepted_proof_codes) == health_codes
    assert set(chortkiv.category("chronic_disease_mobility").accepted_proof_codes) == health_codes


def test_chortkiv_settlements(chortkiv):
    names = [s.name for s in chortkiv.settlements]
    assert names[0] == "Чортків" and chortkiv.settlements[0].kind == "місто"
    assert set(names) == {
        "Чортків",
        "Біла",
        "Бичківці",
        "Горішня Вигнанка",
        "Пастуше",
        "Переходи",
        "Росохач",
        "Скородинці",
    }
    assert chortkiv.settlement("bila").display_name == "с. Біла"
    assert chortkiv.settlement_by_name("м. Чортків").code == "chortkiv"
    assert chortkiv.settlement_by_name("  горішня вигнанка ").code == "horishnia_vyhnanka"
    assert chortkiv.settlement_by_name("Тернопіль") is None


def test_chortkiv_kit_and_staff(chortkiv):
    codes = {k.code for k in chortkiv.kit_items}
    assert {
        "laptop",
        "printer",
        "scanner",
        "id_card_reader",
        "modem_router",
        "wifi_camera",
        "video_recorder",
        "power_bank",
        "mouse",
        "paper",
    } <= codes
    assert chortkiv.kit_item("laptop").title.startswith("Ноутбук-трансформер")
    assert len(chortkiv.staff) >= 3
    assert chortkiv.holidays == ()  # martial law: public holidays are working days


def test_membership_documents(chortkiv):
    codes = [d.code for d in chortkiv.membership_documents]
    assert codes == [
        "passport_registration_stamp",
        "id_card_registration_extract",
        "community_register_extract",
        "idp_certificate",
    ]
    assert chortkiv.proof_document("idp_certificate").title.startswith("Довідка про взяття на облік")


def test_catalogue(catalogue, chortkiv):
    assert len(catalogue) >= 25
    assert [s.code for s in chortkiv.services] == [s.code for s in catalogue]
    non_mobile = {s.code for s in catalogue if not s.mobile_allowed}
    assert non_mobile == {"id_card", "foreign_passport", "id_card_first_at_14"}
    assert all(s.mobile_note for s in catalogue if not s.mobile_allowed)
    assert {s.code for s in chortkiv.mobile_services()} == {s.code for s in catalogue} - non_mobile
    reg = chortkiv.service("residence_registration")
    assert reg.fee == Decimal("49.92") and not reg.is_free
    assert reg.document("fee_receipt").original_required
    assert chortkiv.service("housing_subsidy").fee is None and chortkiv.service("housing_subsidy").is_free
    assert chortkiv.service("property_ownership_registration").term_kind == "working"
    for group in (
        "Реєстрація місця проживання",
        "Соціальний захист",
        "Речові права на нерухоме майно",
        "Земельні відносини",
        "Паспортні документи",
        "Реєстрація актів цивільного стану",
        "Підприємництво",
    ):
        assert any(s.group == group for s in catalogue), group
    for s in catalogue:
        assert s.documents and s.provider and s.title and s.term_days >= 1, s.code


def test_illintsi(illintsi):
    assert illintsi.age_threshold == 80
    assert [c.code for c in illintsi.categories] == ["age_80", "disability_group_1", "cannot_move_health"]
    assert "hospital_certificate" in illintsi.category("cannot_move_health").accepted_proof_codes
    assert illintsi.settlements[0].name == "Іллінці"
    assert illintsi.mobile_services()


# --- validation: each error names the field and the problem in Ukrainian ------------------------


@pytest.mark.parametrize(
    ("mutate", "field", "words"),
    [
        (lambda d: d.pop("community_name"), "community_name", "обов'язкове поле відсутнє"),
        (lambda d: d.update(age_threshold="70"), "age_threshold", "очікується ціле число"),
        (lambda d: d.update(age_threshold=30), "age_threshold", "поза допустимими межами"),
        (lambda d: d.update(age_threshold=130), "age_threshold", "поза допустимими межами"),
        (lambda d: d.update(age_threshold=True), "age_threshold", "очікується ціле число"),
        (lambda d: d.update(code="Чортків"), "code", "малих латинських літер"),
        (lambda d: d.update(cnap_name=""), "cnap_name", "не може бути порожнім"),
        (lambda d: d.update(cnap_name=5), "cnap_name", "очікується текст"),
        (lambda d: d.update(colour="red"), "colour", "невідоме поле"),
        (
            lambda d: d["categories"][3]["accepted_proof_codes"].append("passport"),
            "categories[3].accepted_proof_codes[6]",
            "невідомий код документа «passport»",
        ),
        (
            lambda d: d["categories"][2].update(code="disability_group_1"),
            "categories[2].code",
            "повторюється",
        ),
        (lambda d: d["categories"][1].update(group="veterans"), "categories[1].group", "невідома група"),
        (lambda d: d["categories"][0].update(min_age=65), "categories[0].min_age", "не збігається"),
        (lambda d: d["categories"][1].update(min_age=70), "categories[1].min_age", "лише для вікової"),
        (
            lambda d: d["categories"][1].update(accepted_proof_codes=[]),
            "categories[1].accepted_proof_codes",
            "не вказано жодного документа",
        ),
        (
            lambda d: d["categories"][1].update(needs_proof="так"),
            "categories[1].needs_proof",
            "true або false",
        ),
        (lambda d: d["categories"][1].pop("title"), "categories[1].title", "обов'язкове поле"),
        (
            lambda d: d["categories"].append(dict(d["categories"][0], code="age_other")),
            "categories[8].min_age",
            "вікова категорія може бути лише одна",
        ),
        (lambda d: d.update(categories=[]), "categories", "не може бути порожнім"),
        (lambda d: d.update(categories="age"), "categories", "очікується список"),
        (lambda d: d["categories"].__setitem__(0, "age"), "categories[0]", "очікується таблиця"),
        (
            lambda d: d["proof_documents"][1].update(code="disability_certificate"),
            "proof_documents[1].code",
            "повторюється",
        ),
        (
            lambda d: d["membership_documents"][0].update(code="lkk_conclusion"),
            "membership_documents[0].code",
            "уже використано",
        ),
        (lambda d: d["settlements"][2].update(kind="хутір"), "settlements[2].kind", "невідомий тип"),
        (lambda d: d["settlements"][2].update(code="bila"), "settlements[2].code", "повторюється"),
        (lambda d: d["settlements"][2].update(name="Біла"), "settlements[2].name", "повторюється"),
        (lambda d: d["kit_items"][0].update(code="printer"), "kit_items[1].code", "повторюється"),
        (lambda d: d["staff"][0].pop("position"), "staff[0].position", "обов'язкове поле"),
        (lambda d: d.update(holidays=["2026-13-01"]), "holidays[0]", "не є датою"),
        (lambda d: d.update(holidays=[20260101]), "holidays[0]", "очікується дата"),
        (lambda d: d.update(holidays=[date(2027, 1, 1), date(2027, 1, 1)]), "holidays[1]", "повторюється"),
        (lambda d: d.update(working_weekends=[date(2026, 11, 23)]), "working_weekends[0]", "будній день"),
        (
            lambda d: d.update(holidays=[date(2026, 11, 28)], working_weekends=[date(2026, 11, 28)]),
            "working_weekends[0]",
            "одночасно",
        ),
        (
            lambda d: d.update(service_selection={"include": ["passport_magic"]}),
            "service_selection.include[0]",
            "немає в спільному каталозі",
        ),
        (
            lambda d: d.update(service_selection={"include": "some"}),
            "service_selection.include",
            'очікується "all"',
        ),
        (
            lambda d: d.update(service_selection={"include": ["id_card", "id_card"]}),
            "service_selection.include[1]",
            "вказана двічі",
        ),
        (
            lambda d: d.update(service_selection={"include": ["id_card"]}),
            "service_selection",
            "жодної послуги",
        ),
        (
            lambda d: d.update(service_selection={"exclude": ["nope"]}),
            "service_selection.exclude[0]",
            "немає в спільному каталозі",
        ),
        (lambda d: d.update(schema_version=7), "schema_version", "оновіть програму"),
    ],
)
def test_profile_errors(raw_profile, catalogue, mutate, field, words):
    mutate(raw_profile)
    err = _error(raw_profile, catalogue)
    assert err.field == field
    assert words in err.problem
    assert err.source == "communities/test.toml"
    assert "communities/test.toml" in err.user_message and field in err.user_message
    assert "communities/test.toml" in str(err)


def test_profile_without_catalogue_cannot_select_all(raw_profile):
    err = _error(raw_profile, None)
    assert err.field == "service_selection.include"
    assert "services.toml" in err.problem


def test_profile_with_own_services_and_no_catalogue(raw_profile, catalogue):
    raw_profile.pop("service_selection")
    own = _raw("services.toml")["services"][0]
    raw_profile["services"] = [dict(own, code="local_help")]
    profile = profile_from_dict(raw_profile, "x.toml", None)
    assert [s.code for s in profile.services] == ["local_help"]
    # an own service may not reuse a catalogue code
    raw_profile["services"] = [own]
    raw_profile["service_selection"] = {"include": "all"}
    err = _error(raw_profile, catalogue)
    assert err.field == "services[0].code" and "уже є в спільному каталозі" in err.problem


def test_age_category_min_age_defaults_to_threshold(raw_profile, catalogue):
    raw_profile["age_threshold"] = 75
    raw_profile["categories"][0].pop("min_age", None)
    profile = profile_from_dict(raw_profile, "x.toml", catalogue)
    assert profile.age_category().min_age == 75


@pytest.mark.parametrize(
    ("mutate", "field", "words"),
    [
        (lambda d: d["services"][0].update(fee=49.92), "services[0].fee", "дробовим числом"),
        (lambda d: d["services"][0].update(fee="сорок"), "services[0].fee", "не є сумою"),
        (lambda d: d["services"][0].update(fee="-5"), "services[0].fee", "від'ємною"),
        (lambda d: d["services"][0].update(fee=True), "services[0].fee", "очікується сума"),
        (lambda d: d["services"][0].update(fee=[1]), "services[0].fee", "очікується сума"),
        (lambda d: d["services"][0].pop("fee"), "services[0].fee", "обов'язкове поле"),
        (lambda d: d["services"][0].update(term_days=-1), "services[0].term_days", "поза допустимими межами"),
        (lambda d: d["services"][0].update(term_days="10"), "services[0].term_days", "ціле число"),
        (lambda d: d["services"][0].update(term_kind="weeks"), "services[0].term_kind", "невідомий спосіб"),
        (lambda d: d["services"][0].pop("mobile_allowed"), "services[0].mobile_allowed", "обов'язкове поле"),
        (lambda d: d["services"][0].update(documents=[]), "services[0].documents", "не може бути порожнім"),
        (
            lambda d: d["services"][0]["documents"][1].update(code="identity_document"),
            "services[0].documents[1].code",
            "повторюється",
        ),
        (
            lambda d: d["services"][0]["documents"][0].update(original_required="так"),
            "services[0].documents[0].original_required",
            "true або false",
        ),
        (
            lambda d: d["services"][3].update(code="residence_registration"),
            "services[3].code",
            "повторюється",
        ),
        (lambda d: d["services"][2].update(extra=1), "services[2].extra", "невідоме поле"),
        (lambda d: d.update(services=[]), "services", "не може бути порожнім"),
    ],
)
def test_catalogue_errors(mutate, field, words):
    data = _raw("services.toml")
    mutate(data)
    with pytest.raises(ProfileError) as info:
        catalogue_from_dict(data, "communities/services.toml")
    assert info.value.field == field
    assert words in info.value.problem


@pytest.mark.parametrize(
    ("fee", "expected"),
    [
        ("безоплатно", None),
        ("free", None),
        ("0", None),
        (0, None),
        ("30", Decimal("30.00")),
        (85, Decimal("85.00")),
        ("49,92", Decimal("49.92")),
    ],
)
def test_fee_forms(fee, expected):
    data = _raw("services.toml")
    data["services"][0]["fee"] = fee
    services = catalogue_from_dict(data, "s.toml")
    assert services[0].fee == expected
