<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk_UA" sourcelanguage="en">
    <context>
        <name>App</name>
        <message>
            <location filename="../../../src/mobile_case/app.py" line="+157" />
            <source>The data folder cannot be written. Check that the program may write to it.</source>
            <translation>Неможливо записати в папку даних. Перевірте, чи програма має право запису до неї.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The program could not open its data store. Nothing was changed. Tell the CNAP's IT person; the details are in the log file.</source>
            <translation>Програма не змогла відкрити сховище даних. Нічого не змінено. Зверніться до відповідального за ІТ у ЦНАП; подробиці — у файлі журналу.</translation>
        </message>
        <message>
            <location line="+88" />
            <source>The program cannot start</source>
            <translation>Програму неможливо запустити</translation>
        </message>
        <message>
            <location line="+30" />
            <source>You have logged out.</source>
            <translation>Ви вийшли з облікового запису.</translation>
        </message>
    </context>
    <context>
        <name>ConfirmDialog</name>
        <message>
            <location filename="../../../src/mobile_case/ui/widgets/dialogs.py" line="+47" />
            <source>Cancel</source>
            <translation>Скасувати</translation>
        </message>
        <message>
            <location line="+3" />
            <source>OK</source>
            <translation>Гаразд</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Confirm</source>
            <translation>Підтвердити</translation>
        </message>
    </context>
    <context>
        <name>DateField</name>
        <message>
            <location filename="../../../src/mobile_case/ui/widgets/fields.py" line="+287" />
            <source>dd.mm.yyyy</source>
            <translation>дд.мм.рррр</translation>
        </message>
        <message>
            <location line="+12" />
            <location line="+1" />
            <source>Choose from the calendar</source>
            <translation>Вибрати в календарі</translation>
        </message>
    </context>
    <context>
        <name>Devices</name>
        <message>
            <location filename="../../../src/mobile_case/ui/widgets/chips.py" line="+17" />
            <source>Card reader</source>
            <translation>Зчитувач</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Scanner</source>
            <translation>Сканер</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Printer</source>
            <translation>Принтер</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Recorder</source>
            <translation>Запис</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Network</source>
            <translation>Зв'язок</translation>
        </message>
        <message>
            <location line="+7" />
            <source>ready</source>
            <translation>готовий</translation>
        </message>
        <message>
            <location line="+1" />
            <source>simulator</source>
            <translation>симулятор</translation>
        </message>
        <message>
            <location line="+1" />
            <source>not connected</source>
            <translation>не підключено</translation>
        </message>
        <message>
            <location line="+1" />
            <source>fault</source>
            <translation>несправність</translation>
        </message>
    </context>
    <context>
        <name>Fields</name>
        <message>
            <location filename="../../../src/mobile_case/ui/widgets/fields.py" line="-203" />
            <source>This field is required.</source>
            <translation>Це поле обов'язкове.</translation>
        </message>
    </context>
    <context>
        <name>Header</name>
        <message>
            <location filename="../../../src/mobile_case/ui/main_window.py" line="+126" />
            <source>Lock</source>
            <translation>Заблокувати</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Lock the screen (the work stays open)</source>
            <translation>Заблокувати екран (робота залишиться відкритою)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Log out</source>
            <translation>Вийти</translation>
        </message>
    </context>
    <context>
        <name>LockOverlay</name>
        <message>
            <location filename="../../../src/mobile_case/ui/login.py" line="+138" />
            <source>The screen is locked</source>
            <translation>Екран заблоковано</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Enter your PIN to continue. Your work is kept open.</source>
            <translation>Введіть свій PIN, щоб продовжити. Ваша робота збережена й відкрита.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Unlock</source>
            <translation>Розблокувати</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Log out (another user)</source>
            <translation>Вийти (інший користувач)</translation>
        </message>
        <message>
            <location line="+45" />
            <source>Enter the PIN.</source>
            <translation>Введіть PIN.</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Wrong PIN. Try again.</source>
            <translation>Неправильний PIN. Спробуйте ще раз.</translation>
        </message>
    </context>
    <context>
        <name>LoginWindow</name>
        <message>
            <location line="+21" />
            <source>Mobile case — login</source>
            <translation>Мобільний кейс — вхід</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Mobile case of the CNAP</source>
            <translation>Мобільний кейс ЦНАП</translation>
        </message>
        <message>
            <location line="+28" />
            <source>Opening the protected data store…</source>
            <translation>Відкриваємо захищене сховище даних…</translation>
        </message>
        <message>
            <location line="+13" />
            <location line="+18" />
            <source>Log in</source>
            <translation>Увійти</translation>
        </message>
        <message>
            <location line="-15" />
            <location line="+45" />
            <source>Login</source>
            <translation>Логін</translation>
        </message>
        <message>
            <location line="-45" />
            <source>e.g. ivanenko</source>
            <translation>наприклад, ivanenko</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Type your login, then your PIN on the keypad. After 5 wrong PINs the account is locked for 5 minutes.</source>
            <translation>Введіть логін, потім PIN на цифровій клавіатурі. Після 5 неправильних спроб обліковий запис блокується на 5 хвилин.</translation>
        </message>
        <message>
            <location line="+19" />
            <source>First start: create the account of the head of the CNAP</source>
            <translation>Перший запуск: створіть обліковий запис керівника Центру</translation>
        </message>
        <message>
            <location line="+6" />
            <source>There are no users yet. The head of the CNAP creates their own account here, then adds the administrators in Settings → People.</source>
            <translation>Користувачів ще немає. Керівник Центру створює тут свій обліковий запис, а потім додає адміністраторів у розділі «Налаштування → Люди».</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Full name</source>
            <translation>Прізвище, ім'я, по батькові</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Surname Name Patronymic</source>
            <translation>Прізвище Ім'я По батькові</translation>
        </message>
        <message>
            <location line="+4" />
            <source>PIN (digits)</source>
            <translation>PIN (цифри)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Repeat the PIN</source>
            <translation>Повторіть PIN</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Create the account and log in</source>
            <translation>Створити обліковий запис і увійти</translation>
        </message>
        <message>
            <location line="+64" />
            <source>Enter your login.</source>
            <translation>Введіть логін.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Enter the PIN on the keypad.</source>
            <translation>Введіть PIN на цифровій клавіатурі.</translation>
        </message>
        <message>
            <location line="+28" />
            <source>The PIN may contain digits only.</source>
            <translation>PIN може містити лише цифри.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The PIN must have at least 4 digits.</source>
            <translation>PIN має містити щонайменше 4 цифри.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The two PINs differ.</source>
            <translation>PIN-коди не збігаються.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Check the fields marked in red.</source>
            <translation>Перевірте поля, позначені червоним.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../../src/mobile_case/ui/main_window.py" line="+42" />
            <source>Mobile case — CNAP</source>
            <translation>Мобільний кейс — ЦНАП</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Mobile
case</source>
            <translation>Мобільний
кейс</translation>
        </message>
        <message>
            <location line="+136" />
            <source>This screen is not available in this version.</source>
            <translation>Цей екран недоступний у цій версії.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>You do not have the rights to open this screen.</source>
            <translation>У вас немає прав відкривати цей екран.</translation>
        </message>
        <message>
            <location line="+53" />
            <source>Working…</source>
            <translation>Виконується…</translation>
        </message>
    </context>
    <context>
        <name>MessageBanner</name>
        <message>
            <location filename="../../../src/mobile_case/ui/widgets/banner.py" line="+35" />
            <location line="+1" />
            <source>Close</source>
            <translation>Закрити</translation>
        </message>
    </context>
    <context>
        <name>Navigation</name>
        <message>
            <location filename="../../../src/mobile_case/ui/pages.py" line="+63" />
            <source>Home</source>
            <translation>Головна</translation>
        </message>
        <message>
            <location line="+1" />
            <source>New request</source>
            <translation>Нова заявка</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Outings</source>
            <translation>Виїзди</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Visit</source>
            <translation>Візит</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Journals</source>
            <translation>Журнали</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Settings</source>
            <translation>Налаштування</translation>
        </message>
    </context>
    <context>
        <name>PinPad</name>
        <message>
            <location filename="../../../src/mobile_case/ui/widgets/keypad.py" line="+33" />
            <location line="+1" />
            <source>PIN</source>
            <translation>PIN</translation>
        </message>
        <message>
            <location line="+9" />
            <source>OK</source>
            <translation>Гаразд</translation>
        </message>
        <message>
            <location line="+9" />
            <location line="+1" />
            <source>Delete the last digit</source>
            <translation>Стерти останню цифру</translation>
        </message>
    </context>
    <context>
        <name>Roles</name>
        <message>
            <location filename="../../../src/mobile_case/ui/main_window.py" line="-325" />
            <source>CNAP administrator</source>
            <translation>Адміністратор ЦНАП</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Head of the CNAP</source>
            <translation>Керівник Центру</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Kit keeper</source>
            <translation>Відповідальний за кейс</translation>
        </message>
    </context>
    <context>
        <name>SettlementPicker</name>
        <message>
            <location filename="../../../src/mobile_case/ui/widgets/fields.py" line="+410" />
            <source>Start typing the name…</source>
            <translation>Почніть вводити назву…</translation>
        </message>
    </context>
    <context>
        <name>Tasks</name>
        <message>
            <location filename="../../../src/mobile_case/ui/tasks.py" line="+48" />
            <source>Something went wrong. The data already saved is safe. Try again; if it repeats, tell the CNAP's IT person (the details are in the log).</source>
            <translation>Щось пішло не так. Уже збережені дані в безпеці. Спробуйте ще раз; якщо помилка повториться, зверніться до відповідального за ІТ у ЦНАП (подробиці — у журналі).</translation>
        </message>
    </context>
    <context>
        <name>_CalendarPopup</name>
        <message>
            <location filename="../../../src/mobile_case/ui/widgets/fields.py" line="-268" />
            <source>Choose a date</source>
            <translation>Виберіть дату</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Choose</source>
            <translation>Вибрати</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Cancel</source>
            <translation>Скасувати</translation>
        </message>
    </context>
</TS>
