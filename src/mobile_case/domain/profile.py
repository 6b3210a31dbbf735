"""The community profile (F1): everything a council's decision fixes, as validated data.

A profile is read from TOML files (``mobile_case.profiles`` does the file I/O); this module only turns
already-parsed mappings into frozen dataclasses and checks them. Every problem raises
``ProfileError(source, field, problem)`` where ``field`` is a dotted path such as
``categories[3].accepted_proof_codes`` and ``problem`` is a Ukrainian sentence.

Two kinds of input:

* the shared service catalogue (``services.toml``): ``catalogue_from_dict(data, source)``;
* a community file (``chortkiv.toml``): ``profile_from_dict(data, source, catalogue=...)``. The community
  chooses services from the catalogue with ``[service_selection] include = "all" | [codes]`` and
  ``exclude = [codes]``; it may also define its own services inline as ``[[services]]`` tables. The
  profile keeps every service the CNAP offers, including those not served on the mobile workplace
  (biometric documents, O 1.6) so that a request for them is refused with the right reason;
  ``mobile_services()`` is the list shown at intake.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from mobile_case.domain.errors import ProfileError

CATEGORY_GROUPS: tuple[str, ...] = ("age", "disability", "health", "social")
SETTLEMENT_KINDS: tuple[str, ...] = ("місто", "село", "селище")
TERM_KINDS: tuple[str, ...] = ("calendar", "working")
AGE_THRESHOLD_RANGE: tuple[int, int] = (50, 100)
SCHEMA_VERSION = 1

_CODE_RE = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")


@dataclass(frozen=True)
class ProofDocument:
    """A document that proves a category (O 1.5) or membership of the community."""

    code: str
    title: str


@dataclass(frozen=True)
class Category:
    """An eligible category of O 1.5."""

    code: str
    title: str
    group: str  # age | disability | health | social
    min_age: int | None  # set for the age category
    needs_proof: bool  # health/disability/social proof
    accepted_proof_codes: tuple[str, ...]
    reason_text: str = ""  # «самостійно не пересувається з причини …» suggestion for Додаток 2


@dataclass(frozen=True)
class Settlement:
    code: str
    name: str
    kind: str  # місто | село | селище

    @property
    def display_name(self) -> str:
        """«м. Чортків», «с. Біла», «с-ще Заводське»."""
        prefix = {"місто": "м.", "село": "с.", "селище": "с-ще"}.get(self.kind, "")
        return f"{prefix} {self.name}".strip()


@dataclass(frozen=True)
class ServiceDocument:
    code: str
    title: str
    original_required: bool


@dataclass(frozen=True)
class Service:
    code: str
    title: str
    provider: str
    group: str
    documents: tuple[ServiceDocument, ...]
    fee: Decimal | None  # None = free (безоплатно)
    fee_note: str
    term_days: int
    term_note: str
    mobile_allowed: bool  # False for biometric docs (O 1.6)
    term_kind: str = "calendar"  # calendar | working: how term_days are counted
    mobile_note: str = ""  # why the service is not on the mobile workplace

    @property
    def is_free(self) -> bool:
        return self.fee is None or self.fee == 0

    def document(self, code: str) -> ServiceDocument | None:
        for doc in self.documents:
            if doc.code == code:
                return doc
        return None


@dataclass(frozen=True)
class KitItem:
    code: str
    title: str


@dataclass(frozen=True)
class StaffMember:
    full_name: str
    position: str


@dataclass(frozen=True)
class CommunityProfile:
    code: str
    community_name: str
    cnap_name: str
    cnap_address: str
    cnap_phone: str
    council_decision: str
    age_threshold: int
    categories: tuple[Category, ...]
    proof_documents: tuple[ProofDocument, ...]
    settlements: tuple[Settlement, ...]
    services: tuple[Service, ...]
    kit_items: tuple[KitItem, ...]
    staff: tuple[StaffMember, ...]
    holidays: tuple[date, ...]  # extra non-working days for the working calendar
    working_weekends: tuple[date, ...] = ()  # Saturdays/Sundays declared working days
    membership_documents: tuple[ProofDocument, ...] = ()  # how membership of the community is shown
    region: str = ""  # область, район — for addresses in documents
    cnap_email: str = ""
    council_name: str = ""  # «Чортківська міська рада»
    source: str = ""  # the file it was loaded from (for messages)

    def category(self, code: str) -> Category | None:
        return _find(self.categories, code)

    def service(self, code: str) -> Service | None:
        return _find(self.services, code)

    def settlement(self, code: str) -> Settlement | None:
        return _find(self.settlements, code)

    def proof_document(self, code: str) -> ProofDocument | None:
        return _find(self.proof_documents, code) or _find(self.membership_documents, code)

    def kit_item(self, code: str) -> KitItem | None:
        return _find(self.kit_items, code)

    def mobile_services(self) -> tuple[Service, ...]:
        return tuple(s for s in self.services if s.mobile_allowed)

    def age_category(self) -> Category | None:
        """The category granted by age alone (O 1.5 «Вікові категорії»), if the profile has one."""
        for cat in self.categories:
            if cat.min_age is not None:
                return cat
        return None

    def settlement_by_name(self, name: str) -> Settlement | None:
        """Case-insensitive lookup by name, ignoring a leading «м.», «с.», «смт»."""
        wanted = _bare_settlement_name(name)
        for s in self.settlements:
            if _bare_settlement_name(s.name) == wanted:
                return s
        return None


def _bare_settlement_name(name: str) -> str:
    text = name.strip().casefold().replace("’", "'").replace("ʼ", "'")
    for prefix in ("м.", "с.", "смт.", "смт", "с-ще", "селище", "село", "місто"):
        if text.startswith(prefix + " ") or (prefix.endswith(".") and text.startswith(prefix)):
            text = text[len(prefix) :].strip()
            break
    return text


def _find(items: Iterable[Any], code: str) -> Any:
    for item in items:
        if item.code == code:
            return item
    return None


# --------------------------------------------------------------------------------------------------
# Parsing and validation
# --------------------------------------------------------------------------------------------------


class _Reader:
    """Typed access to a mapping with dotted field paths for error messages."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, field: str, problem: str) -> ProfileError:
        return ProfileError(self.source, field, problem)

    def table(self, data: Any, field: str) -> Mapping[str, Any]:
        if not isinstance(data, Mapping):
            raise self.fail(field, f"очікується таблиця (розділ) TOML, а знайдено {_kind(data)}.")
        return data

    def get(self, data: Mapping[str, Any], key: str, path: str, *, required: bool = True) -> Any:
        if key not in data:
            if required:
                raise self.fail(_join(path, key), "обов'язкове поле відсутнє.")
            return None
        return data[key]

    def string(
        self,
        data: Mapping[str, Any],
        key: str,
        path: str,
        *,
        required: bool = True,
        allow_empty: bool = False,
    ) -> str:
        value = self.get(data, key, path, required=required)
        if value is None:
            return ""
        field = _join(path, key)
        if not isinstance(value, str):
            raise self.fail(field, f"очікується текст (рядок у лапках), а знайдено {_kind(value)}.")
        value = value.strip()
        if not value and not allow_empty and required:
            raise self.fail(field, "поле не може бути порожнім.")
        return value

    def code(self, data: Mapping[str, Any], key: str, path: str) -> str:
        value = self.string(data, key, path)
        if not _CODE_RE.match(value):
            raise self.fail(
                _join(path, key),
                f"код «{value}» має складатися з малих латинських літер, цифр, «_» або «-» "
                "і починатися з літери чи цифри.",
            )
        return value

    def boolean(self, data: Mapping[str, Any], key: str, path: str, *, default: bool | None = None) -> bool:
        value = self.get(data, key, path, required=default is None)
        if value is None:
            assert default is not None
            return default
        if not isinstance(value, bool):
            raise self.fail(_join(path, key), f"очікується true або false, а знайдено {_kind(value)}.")
        return value

    def integer(
        self,
        data: Mapping[str, Any],
        key: str,
        path: str,
        *,
        required: bool = True,
        low: int | None = None,
        high: int | None = None,
    ) -> int | None:
        value = self.get(data, key, path, required=required)
        if value is None:
            return None
        field = _join(path, key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(field, f"очікується ціле число, а знайдено {_kind(value)}.")
        if (low is not None and value < low) or (high is not None and value > high):
            raise self.fail(field, f"значення {value} поза допустимими межами {low}–{high}.")
        return value

    def array(self, data: Mapping[str, Any], key: str, path: str, *, required: bool = True) -> list[Any]:
        value = self.get(data, key, path, required=required)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(_join(path, key), f"очікується список […], а знайдено {_kind(value)}.")
        return value

    def string_list(
        self, data: Mapping[str, Any], key: str, path: str, *, required: bool = True
    ) -> list[str]:
        items = self.array(data, key, path, required=required)
        result: list[str] = []
        for i, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                raise self.fail(
                    f"{_join(path, key)}[{i}]", f"очікується непорожній текст, а знайдено {_kind(item)}."
                )
            result.append(item.strip())
        return result

    def dates(self, data: Mapping[str, Any], key: str, path: str) -> tuple[date, ...]:
        items = self.array(data, key, path, required=False)
        result: list[date] = []
        for i, item in enumerate(items):
            field = f"{_join(path, key)}[{i}]"
            if isinstance(item, str):
                try:
                    item = date.fromisoformat(item.strip())
                except ValueError:
                    raise self.fail(field, f"«{item}» не є датою у форматі РРРР-ММ-ДД.") from None
            elif not isinstance(item, date) or hasattr(item, "hour"):
                raise self.fail(field, f"очікується дата у форматі РРРР-ММ-ДД, а знайдено {_kind(item)}.")
            if item in result:
                raise self.fail(field, f"дата {item.isoformat()} повторюється.")
            result.append(item)
        return tuple(sorted(result))

    def tables(self, data: Mapping[str, Any], key: str, path: str, *, required: bool = True) -> list[Mapping]:
        items = self.array(data, key, path, required=required)
        for i, item in enumerate(items):
            if not isinstance(item, Mapping):
                raise self.fail(
                    f"{_join(path, key)}[{i}]", f"очікується таблиця [[{key}]], а знайдено {_kind(item)}."
                )
        if required and not items:
            raise self.fail(_join(path, key), "список не може бути порожнім.")
        return items

    def unique(self, items: Sequence[Any], key: str, what: str) -> None:
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.code in seen:
                raise self.fail(
                    f"{key}[{i}].code",
                    f"код {what} «{item.code}» повторюється (уже використаний у {key}[{seen[item.code]}]).",
                )
            seen[item.code] = i

    def unknown_keys(self, data: Mapping[str, Any], allowed: Iterable[str], path: str) -> None:
        allowed_set = set(allowed)
        for key in data:
            if key not in allowed_set:
                raise self.fail(
                    _join(path, key),
                    "невідоме поле (можливо, помилка в назві). Допустимі поля: "
                    + ", ".join(sorted(allowed_set))
                    + ".",
                )


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "логічне значення"
    if isinstance(value, int):
        return f"ціле число {value}"
    if isinstance(value, float):
        return f"дробове число {value}"
    if isinstance(value, str):
        return f"текст «{value}»"
    if isinstance(value, list):
        return "список"
    if isinstance(value, Mapping):
        return "таблицю"
    if isinstance(value, date):
        return f"дату {value.isoformat()}"
    return type(value).__name__


_SERVICE_KEYS = (
    "code",
    "title",
    "provider",
    "group",
    "documents",
    "fee",
    "fee_note",
    "term_days",
    "term_kind",
    "term_note",
    "mobile_allowed",
    "mobile_note",
)


def _parse_fee(r: _Reader, data: Mapping[str, Any], path: str) -> Decimal | None:
    value = r.get(data, "fee", path)
    field = _join(path, "fee")
    if isinstance(value, str):
        text = value.strip().replace(",", ".")
        if text.casefold() in ("free", "безоплатно", "0"):
            return None
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise r.fail(
                field, f'«{value}» не є сумою у гривнях (наприклад "30.00" або "безоплатно").'
            ) from None
    elif isinstance(value, bool):
        raise r.fail(field, 'очікується сума у гривнях у лапках ("30.00") або "безоплатно".')
    elif isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        raise r.fail(
            field,
            f'суму {value} записано дробовим числом; запишіть її текстом у лапках ("{value:.2f}"), '
            "щоб уникнути похибок округлення.",
        )
    else:
        raise r.fail(field, f'очікується сума у гривнях або "безоплатно", а знайдено {_kind(value)}.')
    if amount < 0:
        raise r.fail(field, "сума збору не може бути від'ємною.")
    if amount == 0:
        return None
    return amount.quantize(Decimal("0.01"))


def _parse_service(r: _Reader, data: Any, path: str) -> Service:
    data = r.table(data, path)
    r.unknown_keys(data, _SERVICE_KEYS, path)
    docs: list[ServiceDocument] = []
    for j, d in enumerate(r.tables(data, "documents", path, required=True)):
        dpath = f"{path}.documents[{j}]"
        r.unknown_keys(d, ("code", "title", "original_required"), dpath)
        docs.append(
            ServiceDocument(
                code=r.code(d, "code", dpath),
                title=r.string(d, "title", dpath),
                original_required=r.boolean(d, "original_required", dpath, default=True),
            )
        )
    seen: dict[str, int] = {}
    for j, d in enumerate(docs):
        if d.code in seen:
            raise r.fail(
                f"{path}.documents[{j}].code",
                f"код документа «{d.code}» повторюється в цій послузі (уже є в documents[{seen[d.code]}]).",
            )
        seen[d.code] = j
    term_kind = r.string(data, "term_kind", path, required=False) or "calendar"
    if term_kind not in TERM_KINDS:
        raise r.fail(
            _join(path, "term_kind"),
            f"«{term_kind}» — невідомий спосіб рахувати строк; допустимо: calendar (календарні дні) "
            "або working (робочі дні).",
        )
    mobile_allowed = r.boolean(data, "mobile_allowed", path)
    mobile_note = r.string(data, "mobile_note", path, required=False)
    return Service(
        code=r.code(data, "code", path),
        title=r.string(data, "title", path),
        provider=r.string(data, "provider", path),
        group=r.string(data, "group", path),
        documents=tuple(docs),
        fee=_parse_fee(r, data, path),
        fee_note=r.string(data, "fee_note", path, required=False),
        term_days=r.integer(data, "term_days", path, low=0, high=365) or 0,
        term_note=r.string(data, "term_note", path, required=False),
        mobile_allowed=mobile_allowed,
        term_kind=term_kind,
        mobile_note=mobile_note,
    )


def catalogue_from_dict(data: Mapping[str, Any], source: str) -> tuple[Service, ...]:
    """Parse and check the shared service catalogue (``services.toml``)."""
    r = _Reader(source)
    data = r.table(data, "")
    r.unknown_keys(data, ("schema_version", "services"), "")
    _check_schema(r, data)
    services = tuple(
        _parse_service(r, s, f"services[{i}]") for i, s in enumerate(r.tables(data, "services", ""))
    )
    r.unique(services, "services", "послуги")
    return services


def _check_schema(r: _Reader, data: Mapping[str, Any]) -> None:
    version = r.integer(data, "schema_version", "", required=False, low=1, high=1000)
    if version is not None and version > SCHEMA_VERSION:
        raise r.fail(
            "schema_version",
            f"файл має версію формату {version}, а програма знає лише версію {SCHEMA_VERSION}; оновіть програму.",
        )


_PROFILE_KEYS = (
    "schema_version",
    "code",
    "community_name",
    "council_name",
    "region",
    "cnap_name",
    "cnap_address",
    "cnap_phone",
    "cnap_email",
    "council_decision",
    "age_threshold",
    "holidays",
    "working_weekends",
    "proof_documents",
    "membership_documents",
    "categories",
    "settlements",
    "service_selection",
    "services",
    "kit_items",
    "staff",
)


def profile_from_dict(
    data: Mapping[str, Any], source: str, catalogue: Sequence[Service] | None = None
) -> CommunityProfile:
    """Build and check a community profile. Raises ``ProfileError(source, field, problem)``.

    ``catalogue`` is the shared service catalogue; the profile picks services from it through
    ``[service_selection]`` and may add its own ``[[services]]``.
    """
    r = _Reader(source)
    data = r.table(data, "")
    r.unknown_keys(data, _PROFILE_KEYS, "")
    _check_schema(r, data)

    code = r.code(data, "code", "")
    age_threshold = r.integer(data, "age_threshold", "")
    assert age_threshold is not None
    low, high = AGE_THRESHOLD_RANGE
    if not low <= age_threshold <= high:
        raise r.fail(
            "age_threshold",
            f"віковий поріг {age_threshold} років поза допустимими межами {low}–{high} років.",
        )

    proof_documents = tuple(
        _parse_proof(r, d, f"proof_documents[{i}]")
        for i, d in enumerate(r.tables(data, "proof_documents", ""))
    )
    r.unique(proof_documents, "proof_documents", "документа")
    membership_documents = tuple(
        _parse_proof(r, d, f"membership_documents[{i}]")
        for i, d in enumerate(r.tables(data, "membership_documents", "", required=False))
    )
    r.unique(membership_documents, "membership_documents", "документа")
    proof_codes = {d.code for d in proof_documents}
    for i, d in enumerate(membership_documents):
        if d.code in proof_codes:
            raise r.fail(
                f"membership_documents[{i}].code",
                f"код «{d.code}» уже використано в proof_documents; коди документів мають бути різними.",
            )

    categories = tuple(
        _parse_category(r, c, f"categories[{i}]", proof_codes, age_threshold)
        for i, c in enumerate(r.tables(data, "categories", ""))
    )
    r.unique(categories, "categories", "категорії")
    age_cats = [i for i, c in enumerate(categories) if c.min_age is not None]
    if len(age_cats) > 1:
        raise r.fail(f"categories[{age_cats[1]}].min_age", "вікова категорія може бути лише одна.")

    settlements = tuple(
        _parse_settlement(r, s, f"settlements[{i}]") for i, s in enumerate(r.tables(data, "settlements", ""))
    )
    r.unique(settlements, "settlements", "населеного пункту")
    names: dict[str, int] = {}
    for i, s in enumerate(settlements):
        key = f"{s.kind}:{s.name.casefold()}"
        if key in names:
            raise r.fail(
                f"settlements[{i}].name",
                f"населений пункт «{s.name}» повторюється (уже є в settlements[{names[key]}]).",
            )
        names[key] = i

    services = _select_services(r, data, catalogue)

    kit_items = tuple(
        _parse_kit(r, k, f"kit_items[{i}]") for i, k in enumerate(r.tables(data, "kit_items", ""))
    )
    r.unique(kit_items, "kit_items", "предмета")
    staff = tuple(
        _parse_staff(r, s, f"staff[{i}]") for i, s in enumerate(r.tables(data, "staff", "", required=False))
    )

    holidays = r.dates(data, "holidays", "")
    working_weekends = r.dates(data, "working_weekends", "")
    for i, d in enumerate(working_weekends):
        if d.weekday() < 5:
            raise r.fail(
                f"working_weekends[{i}]",
                f"{d.isoformat()} — це будній день; у working_weekends вносять лише суботи чи неділі, "
                "оголошені робочими.",
            )
        if d in holidays:
            raise r.fail(
                f"working_weekends[{i}]", f"дата {d.isoformat()} одночасно є і вихідним, і робочим днем."
            )

    return CommunityProfile(
        code=code,
        community_name=r.string(data, "community_name", ""),
        cnap_name=r.string(data, "cnap_name", ""),
        cnap_address=r.string(data, "cnap_address", ""),
        cnap_phone=r.string(data, "cnap_phone", "", required=False),
        council_decision=r.string(data, "council_decision", ""),
        age_threshold=age_threshold,
        categories=categories,
        proof_documents=proof_documents,
        settlements=settlements,
        services=services,
        kit_items=kit_items,
        staff=staff,
        holidays=holidays,
        working_weekends=working_weekends,
        membership_documents=membership_documents,
        region=r.string(data, "region", "", required=False),
        cnap_email=r.string(data, "cnap_email", "", required=False),
        council_name=r.string(data, "council_name", "", required=False),
        source=source,
    )


def _parse_proof(r: _Reader, data: Mapping[str, Any], path: str) -> ProofDocument:
    r.unknown_keys(data, ("code", "title"), path)
    return ProofDocument(code=r.code(data, "code", path), title=r.string(data, "title", path))


def _parse_category(
    r: _Reader, data: Mapping[str, Any], path: str, proof_codes: set[str], age_threshold: int
) -> Category:
    r.unknown_keys(
        data,
        ("code", "title", "group", "min_age", "needs_proof", "accepted_proof_codes", "reason_text"),
        path,
    )
    group = r.string(data, "group", path)
    if group not in CATEGORY_GROUPS:
        raise r.fail(
            _join(path, "group"),
            f"«{group}» — невідома група категорій; допустимо: age (вікові), disability (особи з інвалідністю), "
            "health (стан здоров'я), social (соціальні).",
        )
    min_age = r.integer(
        data, "min_age", path, required=False, low=AGE_THRESHOLD_RANGE[0], high=AGE_THRESHOLD_RANGE[1]
    )
    if group == "age":
        if min_age is None:
            min_age = age_threshold
        elif min_age != age_threshold:
            raise r.fail(
                _join(path, "min_age"),
                f"вік {min_age} не збігається з віковим порогом громади age_threshold = {age_threshold}.",
            )
    elif min_age is not None:
        raise r.fail(
            _join(path, "min_age"), 'мінімальний вік задають лише для вікової категорії (group = "age").'
        )
    needs_proof = r.boolean(data, "needs_proof", path, default=group != "age")
    accepted = r.string_list(data, "accepted_proof_codes", path, required=False)
    for j, c in enumerate(accepted):
        if c not in proof_codes:
            raise r.fail(
                f"{path}.accepted_proof_codes[{j}]",
                f"невідомий код документа «{c}»; його немає серед proof_documents цього профілю.",
            )
    if len(set(accepted)) != len(accepted):
        raise r.fail(_join(path, "accepted_proof_codes"), "коди документів у списку повторюються.")
    if needs_proof and not accepted:
        raise r.fail(
            _join(path, "accepted_proof_codes"),
            "категорія потребує підтвердження (needs_proof = true), але не вказано жодного документа, "
            "яким його можна підтвердити.",
        )
    return Category(
        code=r.code(data, "code", path),
        title=r.string(data, "title", path),
        group=group,
        min_age=min_age,
        needs_proof=needs_proof,
        accepted_proof_codes=tuple(accepted),
        reason_text=r.string(data, "reason_text", path, required=False),
    )


def _parse_settlement(r: _Reader, data: Mapping[str, Any], path: str) -> Settlement:
    r.unknown_keys(data, ("code", "name", "kind"), path)
    kind = r.string(data, "kind", path)
    if kind not in SETTLEMENT_KINDS:
        raise r.fail(
            _join(path, "kind"),
            f"«{kind}» — невідомий тип населеного пункту; допустимо: місто, село, селище.",
        )
    return Settlement(code=r.code(data, "code", path), name=r.string(data, "name", path), kind=kind)


def _parse_kit(r: _Reader, data: Mapping[str, Any], path: str) -> KitItem:
    r.unknown_keys(data, ("code", "title"), path)
    return KitItem(code=r.code(data, "code", path), title=r.string(data, "title", path))


def _parse_staff(r: _Reader, data: Mapping[str, Any], path: str) -> StaffMember:
    r.unknown_keys(data, ("full_name", "position"), path)
    return StaffMember(full_name=r.string(data, "full_name", path), position=r.string(data, "position", path))


def _select_services(
    r: _Reader, data: Mapping[str, Any], catalogue: Sequence[Service] | None
) -> tuple[Service, ...]:
    catalogue = tuple(catalogue or ())
    by_code = {s.code: s for s in catalogue}
    own = tuple(
        _parse_service(r, s, f"services[{i}]")
        for i, s in enumerate(r.tables(data, "services", "", required=False))
    )
    r.unique(own, "services", "послуги")
    for i, s in enumerate(own):
        if s.code in by_code:
            raise r.fail(
                f"services[{i}].code",
                f"послуга «{s.code}» уже є в спільному каталозі; власну послугу громади назвіть іншим кодом.",
            )

    selection_raw = r.get(data, "service_selection", "", required=False)
    if selection_raw is None:
        selection: Mapping[str, Any] = {"include": "all"} if catalogue else {"include": []}
    else:
        selection = r.table(selection_raw, "service_selection")
    r.unknown_keys(selection, ("include", "exclude"), "service_selection")
    include = selection.get("include", "all")
    chosen: list[Service]
    if include == "all":
        if not catalogue:
            raise r.fail(
                "service_selection.include",
                'обрано всі послуги каталогу ("all"), але спільний каталог послуг (services.toml) не завантажено.',
            )
        chosen = list(catalogue)
    elif isinstance(include, list):
        chosen = []
        codes = r.string_list(selection, "include", "service_selection")
        for j, c in enumerate(codes):
            if c not in by_code:
                raise r.fail(
                    f"service_selection.include[{j}]",
                    f"послуги з кодом «{c}» немає в спільному каталозі послуг.",
                )
            if by_code[c] in chosen:
                raise r.fail(f"service_selection.include[{j}]", f"послуга «{c}» вказана двічі.")
            chosen.append(by_code[c])
    else:
        raise r.fail(
            "service_selection.include",
            f'очікується "all" або список кодів послуг, а знайдено {_kind(include)}.',
        )
    exclude = r.string_list(selection, "exclude", "service_selection", required=False)
    for j, c in enumerate(exclude):
        if c not in by_code:
            raise r.fail(
                f"service_selection.exclude[{j}]", f"послуги з кодом «{c}» немає в спільному каталозі послуг."
            )
    chosen = [s for s in chosen if s.code not in set(exclude)]
    result = tuple(chosen) + own
    if not any(s.mobile_allowed for s in result):
        raise r.fail(
            "service_selection",
            "у профілі немає жодної послуги, яку можна надати на віддаленому робочому місці (mobile_allowed = true).",
        )
    return result
