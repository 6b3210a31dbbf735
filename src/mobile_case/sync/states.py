"""Package states and the Ukrainian texts of the sync queue and its errors."""

from __future__ import annotations

from enum import StrEnum


class PackageState(StrEnum):
    SEALED = "sealed"
    SENDING = "sending"
    AWAITING_RECEIPT = "awaiting_receipt"
    DELIVERED = "delivered"
    SET_ASIDE = "set_aside"


STATE_TITLES = {
    PackageState.SEALED: "запечатано",
    PackageState.SENDING: "надсилається",
    PackageState.AWAITING_RECEIPT: "очікує квитанції",
    PackageState.DELIVERED: "доставлено",
    PackageState.SET_ASIDE: "відкладено",
}

ACTIVE_STATES = (PackageState.SEALED, PackageState.SENDING, PackageState.AWAITING_RECEIPT)

# Why a package was set aside (never retried automatically) — the reason shown next to it.
SET_ASIDE_REASONS = {
    "package_tampered": "Станція відхилила пакет: підпис або контрольні суми не збіглися. "
    "Пакет відкладено; зверніться до ІТ-фахівця ЦНАП.",
    "package_conflict": "Станція вже має інший пакет з тим самим номером. Пакет відкладено; "
    "зверніться до ІТ-фахівця ЦНАП.",
    "local_blob_corrupt": "Файл справи у сховищі кейса пошкоджено — пакет не можна сформувати. "
    "Відновіть дані з резервної копії; інші пакети надсилаються далі.",
    "local_spool_corrupt": "Зашифрована копія пакета на диску кейса пошкоджена. Пакет відкладено; "
    "інші пакети надсилаються далі.",
    "receipt_invalid": "Квитанція станції не пройшла перевірку підпису або контрольних сум. "
    "Пакет відкладено; зверніться до ІТ-фахівця ЦНАП.",
}

# Errors of one attempt (the package stays in the queue and is retried).
ERROR_MESSAGES = {
    "unreachable": "Станція ЦНАП недоступна. Дані збережено в кейсі; синхронізація повториться, "
    "щойно з'явиться зв'язок.",
    "cert_changed": "Сертифікат станції ЦНАП змінився — з'єднання зупинено з міркувань безпеки. "
    "Якщо станцію переналаштовували, повторіть сполучення в налаштуваннях; інакше зверніться до ІТ-фахівця.",
    "clock_skew": "Годинник кейса розходиться з часом станції на {skew}. Виправте дату й час на кейсі "
    "та повторіть синхронізацію.",
    "station_disk_full": "На станції ЦНАП закінчилося місце на диску. Повідомте ІТ-фахівця ЦНАП; "
    "пакети залишаються в кейсі.",
    "local_disk_full": "На диску кейса бракує місця для підготовки пакета. Звільніть місце "
    "(або синхронізуйте вже запечатані пакети) і повторіть.",
    "kit_revoked": "Кейс відкликано на станції ЦНАП. Синхронізацію зупинено; зверніться до "
    "керівника ЦНАП для повторного сполучення.",
    "kit_unknown": "Станція ЦНАП не знає цього кейса. Повторіть сполучення в налаштуваннях.",
    "bad_signature": "Станція ЦНАП не прийняла підпис кейса (ключ кейса змінився або втрачений). "
    "Повторіть сполучення в налаштуваннях.",
    "not_paired": "Кейс ще не сполучено зі станцією ЦНАП. Сполучіть його в налаштуваннях (Синхронізація).",
    "waiting_wifi": "Запис візиту чекає на Wi-Fi або мережу ЦНАП (мобільні дані для записів вимкнено).",
    "server_error": "Станція ЦНАП тимчасово не відповідає належним чином. Синхронізація повториться.",
    "upload_incomplete": "Станція отримала не всі файли пакета — надсилання буде продовжено.",
    "receipt_missing": "Квитанцію станції не отримано — пакет буде підтверджено повторно.",
}


def state_title(state: str) -> str:
    try:
        return STATE_TITLES[PackageState(state)]
    except ValueError:
        return state


def error_message(code: str, **kw: object) -> str:
    text = ERROR_MESSAGES.get(code) or SET_ASIDE_REASONS.get(code) or ERROR_MESSAGES["server_error"]
    try:
        return text.format(**kw)
    except (KeyError, IndexError):
        return text


def format_skew(seconds: float) -> str:
    h, m = divmod(round(abs(seconds) / 60), 60)
    if h:
        return f"{h} год {m} хв"
    return f"{max(m, 1)} хв"
