<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk_UA" sourcelanguage="en">
    <context>
        <name>OfficeWindow</name>
        <message>
            <location filename="../../../src/mobile_case/ui/office/window.py" line="+185" />
            <source>CNAP office — Mobile case station</source>
            <translation>Офіс ЦНАП — станція «Мобільного кейсу»</translation>
        </message>
        <message>
            <location line="+17" />
            <source>CNAP office</source>
            <translation>Офіс ЦНАП</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Station: %1</source>
            <translation>Станція: %1</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Login</source>
            <translation>Логін</translation>
        </message>
        <message>
            <location line="+3" />
            <source>PIN</source>
            <translation>PIN</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Log in</source>
            <translation>Увійти</translation>
        </message>
        <message>
            <location line="+23" />
            <source>Refresh</source>
            <translation>Оновити</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Log out</source>
            <translation>Вийти</translation>
        </message>
        <message>
            <location line="+14" />
            <location line="+22" />
            <location line="+18" />
            <location line="+16" />
            <source>Kit</source>
            <translation>Кейс</translation>
        </message>
        <message>
            <location line="-56" />
            <source>State</source>
            <translation>Стан</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Packages</source>
            <translation>Пакетів</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Paired</source>
            <translation>З'єднано</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Last contact</source>
            <translation>Останній зв'язок</translation>
        </message>
        <message>
            <location line="+3" />
            <source>New pairing code</source>
            <translation>Новий код з'єднання</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+265" />
            <source>Revoke the kit</source>
            <translation>Відкликати кейс</translation>
        </message>
        <message>
            <location line="-257" />
            <source>Kits</source>
            <translation>Кейси</translation>
        </message>
        <message>
            <location line="+7" />
            <source>All kits</source>
            <translation>Усі кейси</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Received</source>
            <translation>Отримано</translation>
        </message>
        <message>
            <location line="+0" />
            <location line="+18" />
            <source>Request</source>
            <translation>Звернення</translation>
        </message>
        <message>
            <location line="-18" />
            <location line="+34" />
            <source>Service date</source>
            <translation>Дата послуги</translation>
        </message>
        <message>
            <location line="-33" />
            <source>Applicant</source>
            <translation>Заявник</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Files</source>
            <translation>Файлів</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Arrived cases</source>
            <translation>Отримані справи</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Services journal (Annex 3)</source>
            <translation>Журнал надання послуг (Додаток 3)</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Acts journal</source>
            <translation>Журнал актів</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Kit hand-over journal (Annex 1)</source>
            <translation>Журнал видачі кейсу (Додаток 1)</translation>
        </message>
        <message>
            <location line="+5" />
            <source>No.</source>
            <translation>№</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Date</source>
            <translation>Дата</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Details</source>
            <translation>Подробиці</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Merged journals</source>
            <translation>Зведені журнали</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Restricted archive: every opening is logged with who, when and why. Recordings are destroyed three months after the service date.</source>
            <translation>Архів з обмеженим доступом: кожне відкриття записується в журнал (хто, коли і чому). Записи знищуються через три місяці після дати послуги.</translation>
        </message>
        <message>
            <location line="+4" />
            <location line="+8" />
            <source>Recording</source>
            <translation>Запис</translation>
        </message>
        <message>
            <location line="-7" />
            <source>Size, MB</source>
            <translation>Розмір, МБ</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Kept until</source>
            <translation>Зберігається до</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Open recording</source>
            <translation>Відкрити запис</translation>
        </message>
        <message>
            <location line="+4" />
            <source>When</source>
            <translation>Коли</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Who</source>
            <translation>Хто</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Reason</source>
            <translation>Причина</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Access log</source>
            <translation>Журнал доступу</translation>
        </message>
        <message>
            <location line="+33" />
            <source>Enter the login and the PIN.</source>
            <translation>Введіть логін і PIN.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Logging in…</source>
            <translation>Вхід…</translation>
        </message>
        <message>
            <location line="+14" />
            <source>head of the Centre</source>
            <translation>керівник Центру</translation>
        </message>
        <message>
            <location line="+0" />
            <source>administrator</source>
            <translation>адміністратор</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Recordings archive</source>
            <translation>Архів записів</translation>
        </message>
        <message>
            <location line="+48" />
            <source>active</source>
            <translation>активний</translation>
        </message>
        <message>
            <location line="+0" />
            <source>revoked</source>
            <translation>відкликаний</translation>
        </message>
        <message>
            <location line="+60" />
            <source>Decrypting the recording…</source>
            <translation>Розшифровую запис…</translation>
        </message>
        <message>
            <location line="+30" />
            <source>Pairing code (15 min, single use): %1
or type: address %2, port %3, secret %4</source>
            <translation>Код з'єднання (15 хв, одноразовий): %1
або введіть: адреса %2, порт %3, секрет %4</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Choose the kit to revoke in the list.</source>
            <translation>Виберіть у списку кейс, який треба відкликати.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The station will refuse this kit from now on. Continue?</source>
            <translation>Відтепер станція не прийматиме нічого від цього кейсу. Продовжити?</translation>
        </message>
    </context>
    <context>
        <name>PlayerPanel</name>
        <message>
            <location line="-375" />
            <source>Play / pause</source>
            <translation>Відтворити / пауза</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Close the recording</source>
            <translation>Закрити запис</translation>
        </message>
    </context>
    <context>
        <name>ReasonDialog</name>
        <message>
            <location line="-50" />
            <source>Open recording</source>
            <translation>Відкрити запис</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Recordings are opened only for a reason. Write why you open this recording (a complaint, a check, a request from a body): it is logged with your name and the time.</source>
            <translation>Записи відкривають лише з причини. Напишіть, чому ви відкриваєте цей запис (скарга, перевірка, запит органу): причину буде внесено до журналу доступу разом із вашим іменем і часом.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Reason, e.g. a complaint of 02.12.2026</source>
            <translation>Причина, наприклад: скарга від 02.12.2026</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Cancel</source>
            <translation>Скасувати</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Open</source>
            <translation>Відкрити</translation>
        </message>
    </context>
</TS>
