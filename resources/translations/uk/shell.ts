<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk_UA" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <location filename="../../../src/mobile_case/app.py" line="+211"/>
        <source>The data folder cannot be written. Check that the program may write to it.</source>
        <translation>Неможливо записати в папку даних. Перевірте, чи програма має право запису до неї.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The program could not open its data store. Nothing was changed. Tell the CNAP&apos;s IT person; the details are in the log file.</source>
        <translation>Програма не змогла відкрити сховище даних. Нічого не змінено. Зверніться до відповідального за ІТ у ЦНАП; подробиці — у файлі журналу.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The program is already running with this data folder (%1). Switch to its window; two copies must not work with the same data.</source>
        <translation>Програма вже працює з цією папкою даних (%1). Перейдіть до її вікна: дві копії не можуть працювати з тими самими даними.</translation>
    </message>
    <message>
        <location line="+103"/>
        <location line="+85"/>
        <source>The program cannot start</source>
        <translation>Програму неможливо запустити</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>You have logged out.</source>
        <translation>Ви вийшли з облікового запису.</translation>
    </message>
</context>
<context>
    <name>CalendarPopup</name>
    <message>
        <location filename="../../../src/mobile_case/ui/widgets/calendar.py" line="+14"/>
        <source>Choose a date</source>
        <translation>Виберіть дату</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Choose</source>
        <translation>Вибрати</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <location filename="../../../src/mobile_case/ui/widgets/dialogs.py" line="+47"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>OK</source>
        <translation>Гаразд</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confirm</source>
        <translation>Підтвердити</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../../src/mobile_case/ui/widgets/fields.py" line="+71"/>
        <source>dd.mm.yyyy</source>
        <translation>дд.мм.рррр</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+1"/>
        <source>Choose from the calendar</source>
        <translation>Вибрати в календарі</translation>
    </message>
</context>
<context>
    <name>Devices</name>
    <message>
        <location filename="../../../src/mobile_case/ui/widgets/chips.py" line="+17"/>
        <source>Card reader</source>
        <translation>Зчитувач</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scanner</source>
        <translation>Сканер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer</source>
        <translation>Принтер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recorder</source>
        <translation>Запис</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network</source>
        <translation>Зв&apos;язок</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ready</source>
        <translation>готовий</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>simulator</source>
        <translation>симулятор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not connected</source>
        <translation>не підключено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fault</source>
        <translation>несправність</translation>
    </message>
</context>
<context>
    <name>DevicesTab</name>
    <message>
        <location filename="../../../src/mobile_case/ui/settings_tabs/devices.py" line="+26"/>
        <source>Device</source>
        <translation>Пристрій</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>Назва</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Стан</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Backend</source>
        <translation>Драйвер</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>Подробиці</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Check the devices again</source>
        <translation>Перевірити пристрої ще раз</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The devices are still being detected…</source>
        <translation>Пристрої ще визначаються…</translation>
    </message>
</context>
<context>
    <name>DocumentPanel</name>
    <message>
        <location filename="../../../src/mobile_case/ui/widgets/printing.py" line="+128"/>
        <source>Print</source>
        <translation>Друкувати</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview</source>
        <translation>Переглянути</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+148"/>
        <source>Save as PDF</source>
        <translation>Зберегти як PDF</translation>
    </message>
    <message>
        <location line="-110"/>
        <source>Printer: {name}</source>
        <translation>Принтер: {name}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No printer: save the document as PDF and print it later.</source>
        <translation>Принтера немає: збережіть документ як PDF і роздрукуйте пізніше.</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+5"/>
        <source>Preparing the document…</source>
        <translation>Готуємо документ…</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Printing…</source>
        <translation>Друкуємо…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Sent to the printer {printer}. Give the printout to be signed.</source>
        <translation>Надіслано на принтер {printer}. Передайте роздруківку на підпис.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Saving…</source>
        <translation>Зберігаємо…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Saved: {path}</source>
        <translation>Збережено: {path}</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <location filename="../../../src/mobile_case/ui/widgets/lineedit.py" line="+78"/>
        <source>This field is required.</source>
        <translation>Це поле обов&apos;язкове.</translation>
    </message>
</context>
<context>
    <name>GeneralTab</name>
    <message>
        <location filename="../../../src/mobile_case/ui/settings_tabs/general.py" line="+46"/>
        <source>Language and screen lock</source>
        <translation>Мова і блокування екрана</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language of the interface</source>
        <translation>Мова інтерфейсу</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Takes effect after the program is restarted.</source>
        <translation>Діє після перезапуску програми.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lock the screen after inactivity</source>
        <translation>Блокувати екран після бездіяльності</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 min</source>
        <translation>%1 хв</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>never</source>
        <translation>ніколи</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save the settings</source>
        <translation>Зберегти налаштування</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Data protection</source>
        <translation>Захист даних</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Change my PIN</source>
        <translation>Змінити мій PIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Current PIN</source>
        <translation>Поточний PIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New PIN</source>
        <translation>Новий PIN</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Change the PIN</source>
        <translation>Змінити PIN</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The database is encrypted; its key is kept in the system keyring (%1).</source>
        <translation>База даних зашифрована; ключ зберігається у сховищі ключів системи (%1).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The key is kept in a file.</source>
        <translation>Ключ зберігається у файлі.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The database is encrypted with a key given at start-up.</source>
        <translation>База даних зашифрована ключем, наданим під час запуску.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Data folder: %1</source>
        <translation>Папка даних: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The settings could not be saved to the data folder.</source>
        <translation>Не вдалося зберегти налаштування в папці даних.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Settings saved.</source>
        <translation>Налаштування збережено.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Your PIN has been changed.</source>
        <translation>Ваш PIN змінено.</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <location filename="../../../src/mobile_case/ui/main_window.py" line="+131"/>
        <source>Lock</source>
        <translation>Заблокувати</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lock the screen (the work stays open)</source>
        <translation>Заблокувати екран (робота залишиться відкритою)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log out</source>
        <translation>Вийти</translation>
    </message>
</context>
<context>
    <name>HomeColumn</name>
    <message numerus="yes">
        <location filename="../../../src/mobile_case/ui/home.py" line="+248"/>
        <source>Show %n more</source>
        <translation>
            <numerusform>Показати ще %n</numerusform>
            <numerusform>Показати ще %n</numerusform>
            <numerusform>Показати ще %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message numerus="yes">
        <location line="+161"/>
        <source>+ %n more</source>
        <translation>
            <numerusform>+ ще %n</numerusform>
            <numerusform>+ ще %n</numerusform>
            <numerusform>+ ще %n</numerusform>
        </translation>
    </message>
    <message>
        <location line="-102"/>
        <source>Refresh</source>
        <translation>Оновити</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New request</source>
        <translation>Нова заявка</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Today&apos;s visits</source>
        <translation>Візити сьогодні</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+68"/>
        <source>No visits are planned for today.</source>
        <translation>На сьогодні візитів не заплановано.</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>Waiting to be scheduled</source>
        <translation>Очікують планування</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No registered requests are waiting for an outing.</source>
        <translation>Немає зареєстрованих заявок, що очікують виїзду.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deadlines</source>
        <translation>Строки</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No deadlines are due.</source>
        <translation>Найближчих строків немає.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Today: %1</source>
        <translation>Сьогодні: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Finished today</source>
        <translation>Завершені сьогодні</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All of today&apos;s visits are done.</source>
        <translation>Усі візити на сьогодні завершено.</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+21"/>
        <source>(no name)</source>
        <translation>(без імені)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>preferred date: %1</source>
        <translation>бажана дата: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Plan</source>
        <translation>Запланувати</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Hand the documents to the service provider</source>
        <translation>Передати документи суб&apos;єкту надання послуги</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The service term ends</source>
        <translation>Спливає строк надання послуги</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preferred date — no visit planned</source>
        <translation>Бажана дата — візит не заплановано</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>overdue %1</source>
        <translation>прострочено %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>by %1</source>
        <translation>до %1</translation>
    </message>
</context>
<context>
    <name>KitPage</name>
    <message>
        <location filename="../../../src/mobile_case/ui/settings_tabs/devices.py" line="-10"/>
        <source>Kit check and maintenance</source>
        <translation>Перевірка й обслуговування кейса</translation>
    </message>
</context>
<context>
    <name>LockOverlay</name>
    <message>
        <location filename="../../../src/mobile_case/ui/login.py" line="+207"/>
        <source>The screen is locked</source>
        <translation>Екран заблоковано</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enter your PIN to continue. Your work is kept open.</source>
        <translation>Введіть свій PIN, щоб продовжити. Ваша робота збережена й відкрита.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Unlock</source>
        <translation>Розблокувати</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Log out (another user)</source>
        <translation>Вийти (інший користувач)</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Enter the PIN.</source>
        <translation>Введіть PIN.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Wrong PIN. Try again.</source>
        <translation>Неправильний PIN. Спробуйте ще раз.</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <location line="+26"/>
        <source>Mobile case — login</source>
        <translation>Мобільний кейс — вхід</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Mobile case of the CNAP</source>
        <translation>Мобільний кейс ЦНАП</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Opening the protected data store…</source>
        <translation>Відкриваємо захищене сховище даних…</translation>
    </message>
    <message>
        <location line="-28"/>
        <location line="+20"/>
        <source>Log in</source>
        <translation>Увійти</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+60"/>
        <source>Login</source>
        <translation>Логін</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>e.g. ivanenko</source>
        <translation>наприклад, ivanenko</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Type your login, then your PIN on the keypad. After 5 wrong PINs the account is locked for 5 minutes.</source>
        <translation>Введіть логін, потім PIN на цифровій клавіатурі. Після 5 неправильних спроб обліковий запис блокується на 5 хвилин.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>First start: create the account of the head of the CNAP</source>
        <translation>Перший запуск: створіть обліковий запис керівника Центру</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>There are no users yet. The head of the CNAP creates their own account here, then adds the administrators in Settings → People.</source>
        <translation>Користувачів ще немає. Керівник Центру створює тут свій обліковий запис, а потім додає адміністраторів у розділі «Налаштування → Люди».</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Full name</source>
        <translation>Прізвище, ім&apos;я, по батькові</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Surname Name Patronymic</source>
        <translation>Прізвище Ім&apos;я По батькові</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>PIN (digits)</source>
        <translation>PIN (цифри)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Repeat the PIN</source>
        <translation>Повторіть PIN</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Create the account and log in</source>
        <translation>Створити обліковий запис і увійти</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>Enter your login.</source>
        <translation>Введіть логін.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter the PIN on the keypad.</source>
        <translation>Введіть PIN на цифровій клавіатурі.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>One moment: the data store is still opening; you will be logged in.</source>
        <translation>Зачекайте: сховище даних ще відкривається — вхід відбудеться автоматично.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The two PINs differ.</source>
        <translation>PIN-коди не збігаються.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Check the fields marked in red.</source>
        <translation>Перевірте поля, позначені червоним.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../../src/mobile_case/ui/main_window.py" line="+61"/>
        <source>Mobile case — CNAP</source>
        <translation>Мобільний кейс — ЦНАП</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Mobile
case</source>
        <translation>Мобільний
кейс</translation>
    </message>
    <message>
        <location line="+162"/>
        <source>This screen is not available in this version.</source>
        <translation>Цей екран недоступний у цій версії.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You do not have the rights to open this screen.</source>
        <translation>У вас немає прав відкривати цей екран.</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Working…</source>
        <translation>Виконується…</translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <location filename="../../../src/mobile_case/ui/widgets/banner.py" line="+35"/>
        <location line="+1"/>
        <source>Close</source>
        <translation>Закрити</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <location filename="../../../src/mobile_case/ui/pages.py" line="+67"/>
        <source>Home</source>
        <translation>Головна</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New request</source>
        <translation>Нова заявка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outings</source>
        <translation>Виїзди</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visit</source>
        <translation>Візит</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Journals</source>
        <translation>Журнали</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>Налаштування</translation>
    </message>
</context>
<context>
    <name>PeopleTab</name>
    <message>
        <location filename="../../../src/mobile_case/ui/settings_tabs/people.py" line="+194"/>
        <source>Full name</source>
        <translation>Прізвище, ім&apos;я, по батькові</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Login</source>
        <translation>Логін</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Position</source>
        <translation>Посада</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Стан</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add a user</source>
        <translation>Додати користувача</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit</source>
        <translation>Змінити</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set PIN</source>
        <translation>Встановити PIN</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+53"/>
        <location line="+60"/>
        <source>Deactivate</source>
        <translation>Деактивувати</translation>
    </message>
    <message>
        <location line="-88"/>
        <source>active</source>
        <translation>активний</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>deactivated</source>
        <translation>деактивований</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Activate</source>
        <translation>Активувати</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>User added: %1</source>
        <translation>Користувача додано: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Changes saved.</source>
        <translation>Зміни збережено.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The new PIN is set.</source>
        <translation>Новий PIN встановлено.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Deactivate the user?</source>
        <translation>Деактивувати користувача?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 will no longer be able to log in. Their records stay in the journals.</source>
        <translation>%1 більше не зможе входити в програму. Записи користувача залишаться в журналах.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>User deactivated.</source>
        <translation>Користувача деактивовано.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>User activated.</source>
        <translation>Користувача активовано.</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location line="-184"/>
        <location line="+4"/>
        <source>Set a new PIN</source>
        <translation>Встановити новий PIN</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New PIN (digits)</source>
        <translation>Новий PIN (цифри)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Repeat the PIN</source>
        <translation>Повторіть PIN</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set the PIN</source>
        <translation>Встановити PIN</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The two PINs differ.</source>
        <translation>PIN-коди не збігаються.</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../../../src/mobile_case/ui/widgets/keypad.py" line="+33"/>
        <location line="+1"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>OK</source>
        <translation>Гаразд</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+1"/>
        <source>Delete the last digit</source>
        <translation>Стерти останню цифру</translation>
    </message>
</context>
<context>
    <name>ProfileTab</name>
    <message>
        <location filename="../../../src/mobile_case/ui/settings_tabs/community.py" line="+39"/>
        <source>General</source>
        <translation>Загальні</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Categories (%1)</source>
        <translation>Категорії (%1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Settlements (%1)</source>
        <translation>Населені пункти (%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Services (%1)</source>
        <translation>Послуги (%1)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Community</source>
        <translation>Громада</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CNAP</source>
        <translation>ЦНАП</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CNAP address</source>
        <translation>Адреса ЦНАП</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CNAP phone</source>
        <translation>Телефон ЦНАП</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Council decision</source>
        <translation>Рішення ради</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age threshold</source>
        <translation>Віковий поріг</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 years and older</source>
        <translation>%1 років і старші</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Services</source>
        <translation>Послуги</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 in the catalogue, %2 on the mobile workplace</source>
        <translation>%1 у переліку, з них %2 — на віддаленому робочому місці</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kit</source>
        <translation>Комплект кейсу</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Staff of the mobile workplace</source>
        <translation>Працівники віддаленого робочого місця</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Identity document (age %1+)</source>
        <translation>Документ, що посвідчує особу (вік від %1 років)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No proof needed</source>
        <translation>Підтвердження не потрібне</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Category</source>
        <translation>Категорія</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Group</source>
        <translation>Група</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Documents that prove it</source>
        <translation>Документи, що підтверджують</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Settlement</source>
        <translation>Населений пункт</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>yes</source>
        <translation>так</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>ні</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Service</source>
        <translation>Послуга</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Provider</source>
        <translation>Суб&apos;єкт надання</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fee</source>
        <translation>Плата</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Term</source>
        <translation>Строк</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mobile workplace</source>
        <translation>На виїзді</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../../src/mobile_case/ui/main_window.py" line="-380"/>
        <source>CNAP administrator</source>
        <translation>Адміністратор ЦНАП</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Head of the CNAP</source>
        <translation>Керівник Центру</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kit keeper</source>
        <translation>Відповідальний за кейс</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../../src/mobile_case/ui/settings_tabs/community.py" line="-108"/>
        <source>free</source>
        <translation>безоплатно</translation>
    </message>
    <message>
        <location filename="../../../src/mobile_case/ui/settings_tabs/devices.py" line="+44"/>
        <source>simulator</source>
        <translation>симулятор</translation>
    </message>
    <message>
        <location filename="../../../src/mobile_case/ui/settings.py" line="+49"/>
        <source>Community</source>
        <translation>Громада</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>People</source>
        <translation>Люди</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Devices</source>
        <translation>Пристрої</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>General</source>
        <translation>Загальні</translation>
    </message>
</context>
<context>
    <name>SettlementPicker</name>
    <message>
        <location filename="../../../src/mobile_case/ui/widgets/fields.py" line="+216"/>
        <source>Start typing the name…</source>
        <translation>Почніть вводити назву…</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <location filename="../../../src/mobile_case/ui/tasks.py" line="+45"/>
        <source>Something went wrong. The data already saved is safe. Try again; if it repeats, tell the CNAP&apos;s IT person (the details are in the log).</source>
        <translation>Щось пішло не так. Уже збережені дані в безпеці. Спробуйте ще раз; якщо помилка повториться, зверніться до відповідального за ІТ у ЦНАП (подробиці — у журналі).</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../../../src/mobile_case/ui/settings_tabs/people.py" line="-125"/>
        <source>New user</source>
        <translation>Новий користувач</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit user</source>
        <translation>Зміна користувача</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Full name</source>
        <translation>Прізвище, ім&apos;я, по батькові</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login</source>
        <translation>Логін</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Position</source>
        <translation>Посада</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>PIN (digits)</source>
        <translation>PIN (цифри)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Repeat the PIN</source>
        <translation>Повторіть PIN</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save</source>
        <translation>Зберегти</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The two PINs differ.</source>
        <translation>PIN-коди не збігаються.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Check the fields marked in red.</source>
        <translation>Перевірте поля, позначені червоним.</translation>
    </message>
</context>
</TS>
