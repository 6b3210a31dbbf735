<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk_UA" sourcelanguage="en">
<context>
    <name>ActForm</name>
    <message>
        <location filename="../../../src/mobile_case/ui/visit/act.py" line="+84"/>
        <source>Act of impossibility of providing the administrative service (Annex 4)</source>
        <translation>Акт щодо неможливості надання адміністративної послуги (Додаток 4)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Administrative service</source>
        <translation>Адміністративна послуга</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subject</source>
        <translation>Суб&apos;єкт звернення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Адреса</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date and time of the act</source>
        <translation>Дата і час складання акта</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drawn up by</source>
        <translation>Акт склав</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reason the service is not provided (point 2.13 of the Order)</source>
        <translation>Причина ненадання адміністративної послуги (п. 2.13 Порядку)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Stage</source>
        <translation>Етап</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Details</source>
        <translation>Подробиці</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What exactly happened: which documents are missing, what was seen…</source>
        <translation>Що саме сталося: яких документів немає, що було помічено…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Acknowledgement of the subject</source>
        <translation>Ознайомлення суб&apos;єкта звернення</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The subject has read the act and signed it</source>
        <translation>Суб&apos;єкт звернення ознайомився з актом і підписав його</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The subject refused to sign («від підпису відмовився»)</source>
        <translation>Суб&apos;єкт звернення від підпису відмовився</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The subject is absent: acknowledgement is not possible</source>
        <translation>Суб&apos;єкт звернення відсутній: ознайомити з актом неможливо</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Back to the visit</source>
        <translation>Назад до візиту</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Draw up the act</source>
        <translation>Скласти акт</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Print the act</source>
        <translation>Друкувати акт</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Act No. {number} is drawn up</source>
        <translation>Акт № {number} складено</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stage: {stage}</source>
        <translation>Етап: {stage}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Date and time: {when}</source>
        <translation>Дата і час: {when}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The subject has read the act.</source>
        <translation>Суб&apos;єкт звернення з актом ознайомлений.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Acknowledgement: {note}</source>
        <translation>Відмітка про ознайомлення: {note}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the act, sign it and give the subject a copy.</source>
        <translation>Роздрукуйте акт, підпишіть його та вручіть примірник суб&apos;єкту звернення.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Choose the reason of point 2.13.</source>
        <translation>Оберіть причину згідно з п. 2.13 Порядку.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose the stage.</source>
        <translation>Оберіть етап.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mark whether the subject acknowledged the act.</source>
        <translation>Позначте, чи ознайомився суб&apos;єкт звернення з актом.</translation>
    </message>
</context>
<context>
    <name>ApplicationStep</name>
    <message>
        <location filename="../../../src/mobile_case/ui/visit/steps/application.py" line="+50"/>
        <source>Register the application</source>
        <translation>Зареєструвати заяву</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The application (Annex 2) for signature</source>
        <translation>Заява (Додаток 2) на підпис</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Print the application</source>
        <translation>Друкувати заяву</translation>
    </message>
    <message>
        <location filename="../../../src/mobile_case/ui/visit/page.py" line="+84"/>
        <location filename="../../../src/mobile_case/ui/visit/steps/application.py" line="+15"/>
        <source>Application</source>
        <translation>Заява</translation>
    </message>
    <message>
        <location filename="../../../src/mobile_case/ui/visit/steps/application.py" line="+7"/>
        <source>Subject: {name}</source>
        <translation>Суб&apos;єкт звернення: {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Services: {titles}</source>
        <translation>Послуги: {titles}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Request No.: {number}</source>
        <translation>Заявка № {number}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The package is incomplete ({n} missing). The subject has been warned that a refusal is likely (point 2.12).</source>
        <translation>Пакет документів неповний (бракує: {n}). Суб&apos;єкта звернення попереджено про ймовірність відмови (п. 2.12 Порядку).</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Case registered:
No. {number}, {when}</source>
        <translation>Справу зареєстровано:
№ {number}, {when}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hand the documents to the service provider no later than {date} (next working day).</source>
        <translation>Передайте документи суб&apos;єкту надання послуги не пізніше ніж {date} (наступного робочого дня).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The application is not registered yet.</source>
        <translation>Заяву ще не зареєстровано.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>✔ The application has been printed (or saved) for signature.</source>
        <translation>✔ Заяву роздруковано (або збережено) для підпису.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Register the application.</source>
        <translation>Зареєструйте заяву.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print the application for the subject&apos;s signature (or save it as PDF).</source>
        <translation>Роздрукуйте заяву для підпису суб&apos;єкта звернення (або збережіть її як PDF).</translation>
    </message>
</context>
<context>
    <name>CategoryStep</name>
    <message>
        <location filename="../../../src/mobile_case/ui/visit/steps/category.py" line="+44"/>
        <location line="+91"/>
        <source>Proof documents: tick the originals you have seen</source>
        <translation>Документи, що підтверджують категорію: позначте оригінали, які ви бачили</translation>
    </message>
    <message>
        <location line="-79"/>
        <source>This category is proved by the identity document (age); no separate proof is needed.</source>
        <translation>Цю категорію підтверджує документ, що посвідчує особу (вік); окремий документ не потрібен.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The subject belongs to the category: confirmed by the originals</source>
        <translation>Суб&apos;єкт звернення належить до категорії: підтверджено оригіналами документів</translation>
    </message>
    <message>
        <location filename="../../../src/mobile_case/ui/visit/page.py" line="-3"/>
        <location filename="../../../src/mobile_case/ui/visit/steps/category.py" line="+10"/>
        <source>Category</source>
        <translation>Категорія</translation>
    </message>
    <message>
        <location filename="../../../src/mobile_case/ui/visit/steps/category.py" line="+8"/>
        <source>The request has no category of point 1.5</source>
        <translation>У заявці не зазначено категорію згідно з п. 1.5</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Age from the identity document: {age} (born {date})</source>
        <translation>Вік за документом, що посвідчує особу: {age} (дата народження {date})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The date of birth is not in the request.</source>
        <translation>У заявці немає дати народження.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The subject is younger than {n}: the age category does not apply.</source>
        <translation>Суб&apos;єкту звернення менше {n} років: вікова категорія не застосовується.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>internally displaced person&apos;s certificate</source>
        <translation>довідка про взяття на облік внутрішньо переміщеної особи</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Membership of the community: {proof}</source>
        <translation>Належність до громади: {proof}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>named in the request</source>
        <translation>зазначено в заявці</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>In the request: {note}</source>
        <translation>У заявці: {note}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Proof of the category</source>
        <translation>Підтвердження категорії</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Tick the proof document whose original you have seen.</source>
        <translation>Позначте документ, оригінал якого ви бачили.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Confirm that the subject belongs to the category.</source>
        <translation>Підтвердіть належність суб&apos;єкта звернення до категорії.</translation>
    </message>
</context>
<context>
    <name>ConsentStep</name>
    <message>
        <location filename="../../../src/mobile_case/ui/visit/steps/consent.py" line="+31"/>
        <source>Tell the subject and everyone present that the visit is recorded on video and audio (point 2.9 of the Order). The subject confirms the consent with a signature in the application (Annex 2).</source>
        <translation>Повідомте суб&apos;єкта звернення та всіх присутніх, що під час візиту проводиться відео- та аудіофіксація (п. 2.9 Порядку). Суб&apos;єкт звернення засвідчує згоду підписом у заяві (Додаток 2).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The subject consents to the recording in writing</source>
        <translation>Суб&apos;єкт звернення надав письмову згоду на відео- та аудіофіксацію</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The subject does not consent to the recording</source>
        <translation>Суб&apos;єкт звернення не надав згоди на відео- та аудіофіксацію</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Draw up the act: no consent to recording</source>
        <translation>Скласти акт: немає згоди на фіксацію</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Who is present and was told of the recording</source>
        <translation>Хто присутній і повідомлений про фіксацію</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Names and roles, separated by semicolons</source>
        <translation>ПІБ і роль, через крапку з комою</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The subject, the representative, the escort (driver, inspector), others in the room.</source>
        <translation>Суб&apos;єкт звернення, представник, супровід (водій, інспектор), інші присутні.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Fill in from the request and the outing</source>
        <translation>Заповнити із заявки та виїзду</translation>
    </message>
    <message>
        <location filename="../../../src/mobile_case/ui/visit/page.py" line="-2"/>
        <location filename="../../../src/mobile_case/ui/visit/steps/consent.py" line="+10"/>
        <source>Consent</source>
        <translation>Згода</translation>
    </message>
    <message>
        <location filename="../../../src/mobile_case/ui/visit/steps/consent.py" line="+20"/>
        <source>Mark whether the subject consents to the recording.</source>
        <translation>Позначте, чи надав суб&apos;єкт звернення згоду на фіксацію.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Without consent to the recording only the act of impossibility can be drawn up.</source>
        <translation>Без згоди на фіксацію можна лише скласти акт про неможливість надання послуги.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>List who is present and was told of the recording.</source>
        <translation>Вкажіть, хто присутній і повідомлений про фіксацію.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Without the subject&apos;s written consent to the video and audio recording the service is not provided (point 2.13 of the Order). Draw up the act of impossibility.</source>
        <translation>Без письмової згоди суб&apos;єкта звернення на відео- та аудіофіксацію послуга не надається (п. 2.13 Порядку). Складіть акт про неможливість надання послуги.</translation>
    </message>
</context>
<context>
    <name>DeliveryStep</name>
    <message>
        <location filename="../../../src/mobile_case/ui/visit/steps/delivery.py" line="+31"/>
        <source>How does the subject want to receive the result?</source>
        <translation>Як суб&apos;єкт звернення бажає отримати результат?</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+59"/>
        <source>Address or note</source>
        <translation>Адреса або примітка</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>Finish the visit</source>
        <translation>Завершити візит</translation>
    </message>
    <message>
        <location filename="../../../src/mobile_case/ui/visit/page.py" line="+6"/>
        <location filename="../../../src/mobile_case/ui/visit/steps/delivery.py" line="+7"/>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <location filename="../../../src/mobile_case/ui/visit/steps/delivery.py" line="+20"/>
        <source>Choose how the result is delivered.</source>
        <translation>Оберіть спосіб отримання результату.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the delivery address.</source>
        <translation>Вкажіть адресу доставки.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Postal address</source>
        <translation>Поштова адреса</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivery address</source>
        <translation>Адреса доставки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agreed date and time of the repeat visit</source>
        <translation>Погоджені дата й час повторного візиту</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who will collect the result (note)</source>
        <translation>Хто отримає результат (примітка)</translation>
    </message>
</context>
<context>
    <name>DocumentsStep</name>
    <message>
        <location filename="../../../src/mobile_case/ui/visit/page.py" line="-3"/>
        <source>Documents</source>
        <translation>Документи</translation>
    </message>
</context>
<context>
    <name>ExternalImport</name>
    <message>
        <location filename="../../../src/mobile_case/ui/visit/external_import.py" line="+57"/>
        <source>Import from the video recorder</source>
        <translation>Імпорт з відеореєстратора</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the external recorder&apos;s files of this visit into its encrypted archive</source>
        <translation>Скопіювати файли зовнішнього відеореєстратора цього візиту до його зашифрованого архіву</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Recordings of the video recorder imported into the visit: %1.</source>
        <translation>Записи відеореєстратора імпортовано до візиту: %1.</translation>
    </message>
</context>
<context>
    <name>ExternalImportDialog</name>
    <message>
        <location line="-53"/>
        <source>Import from the video recorder</source>
        <translation>Імпорт з відеореєстратора</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recordings of the external video recorder for this visit</source>
        <translation>Записи зовнішнього відеореєстратора для цього візиту</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Close</source>
        <translation>Закрити</translation>
    </message>
</context>
<context>
    <name>IdentificationStep</name>
    <message>
        <location filename="../../../src/mobile_case/ui/visit/page.py" line="-2"/>
        <source>Identity</source>
        <translation>Особа</translation>
    </message>
</context>
<context>
    <name>JournalColumns</name>
    <message>
        <location filename="../../../src/mobile_case/ui/journals/model.py" line="+73"/>
        <location line="+26"/>
        <location line="+32"/>
        <source>No.</source>
        <translation>№ з/п</translation>
    </message>
    <message>
        <location line="-57"/>
        <location line="+27"/>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Subject, date of birth</source>
        <translation>ПІБ, дата народження</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+62"/>
        <source>Address</source>
        <translation>Адреса</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>Category</source>
        <translation>Категорія</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+59"/>
        <source>Service</source>
        <translation>Послуга</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>Case No.</source>
        <translation>№ справи</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Administrator</source>
        <translation>Адміністратор</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outcome</source>
        <translation>Результат</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Примітки</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Time</source>
        <translation>Час</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hand-over</source>
        <translation>Прийом-передача</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Destination</source>
        <translation>Місце виїзду</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kit contents</source>
        <translation>Комплектація кейсу</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Issued / returned by</source>
        <translation>Видав / повернув</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Received by</source>
        <translation>Прийняв</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>acknowledged</source>
        <translation>ознайомлений</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Date and time</source>
        <translation>Дата і час</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Subject</source>
        <translation>Суб&apos;єкт звернення</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stage</source>
        <translation>Етап</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Drawn up by</source>
        <translation>Акт склав</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Acknowledgement</source>
        <translation>Ознайомлення</translation>
    </message>
</context>
<context>
    <name>JournalFilterBar</name>
    <message>
        <location filename="../../../src/mobile_case/ui/journals/filters.py" line="+33"/>
        <source>From</source>
        <translation>З</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>По</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settlement</source>
        <translation>Населений пункт</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All settlements</source>
        <translation>Усі населені пункти</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Administrator</source>
        <translation>Адміністратор</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All administrators</source>
        <translation>Усі адміністратори</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>Результат</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Any</source>
        <translation>Будь-який</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>Пошук</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name, address, number…</source>
        <translation>ПІБ, адреса, номер…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset</source>
        <translation>Скинути</translation>
    </message>
</context>
<context>
    <name>JournalsPage</name>
    <message>
        <location filename="../../../src/mobile_case/ui/journals/page.py" line="+110"/>
        <source>Print</source>
        <translation>Друкувати</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+306"/>
        <source>Export to Excel</source>
        <translation>Експорт в Excel</translation>
    </message>
    <message>
        <location line="-288"/>
        <source>← Back to the list</source>
        <translation>← Назад до списку</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Kit hand-over (Annex 1)</source>
        <translation>Прийом-передача кейсу (Додаток 1)</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Services (Annex 3)</source>
        <translation>Надані послуги (Додаток 3)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Acts (Annex 4)</source>
        <translation>Акти (Додаток 4)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Your role has no journals to see.</source>
        <translation>Для вашої ролі журнали недоступні.</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>Hand-over</source>
        <translation>Прийом-передача</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Outcome</source>
        <translation>Результат</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+35"/>
        <source>Loading…</source>
        <translation>Завантаження…</translation>
    </message>
    <message numerus="yes">
        <location line="+42"/>
        <source>Lines: %n</source>
        <translation>
            <numerusform>%n запис</numerusform>
            <numerusform>%n записи</numerusform>
            <numerusform>%n записів</numerusform>
        </translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Книга Excel (*.xlsx)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Exporting…</source>
        <translation>Експортуємо…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Exported: {path}</source>
        <translation>Експортовано: {path}</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <location filename="../../../src/mobile_case/ui/visit/__init__.py" line="+33"/>
        <source>Visit</source>
        <translation>Візит</translation>
    </message>
    <message>
        <location filename="../../../src/mobile_case/ui/journals/__init__.py" line="+31"/>
        <source>Journals</source>
        <translation>Журнали</translation>
    </message>
</context>
<context>
    <name>PaymentStep</name>
    <message>
        <location filename="../../../src/mobile_case/ui/visit/steps/payment.py" line="+39"/>
        <source>Enter the amount in hryvnias, e.g. 49,92.</source>
        <translation>Вкажіть суму в гривнях, наприклад 49,92.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Administrative fee by the service catalogue</source>
        <translation>Адміністративний збір за переліком послуг</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>How the fee is paid</source>
        <translation>Спосіб оплати</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Amount, UAH</source>
        <translation>Сума, грн</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Receipt (payment document) number</source>
        <translation>Номер квитанції (платіжного документа)</translation>
    </message>
    <message>
        <location filename="../../../src/mobile_case/ui/visit/page.py" line="+3"/>
        <location filename="../../../src/mobile_case/ui/visit/steps/payment.py" line="+20"/>
        <source>Payment</source>
        <translation>Оплата</translation>
    </message>
    <message>
        <location filename="../../../src/mobile_case/ui/visit/steps/payment.py" line="+25"/>
        <source>Total</source>
        <translation>Разом</translation>
    </message>
    <message>
        <location line="+53"/>
        <location line="+5"/>
        <source>Correct the amount.</source>
        <translation>Виправте суму.</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Enter the amount paid.</source>
        <translation>Вкажіть сплачену суму.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter the receipt number: it is required for a paid service.</source>
        <translation>Вкажіть номер квитанції: для платної послуги він обов&apos;язковий.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>By the catalogue the fee is {amount}. Choose «free» only when the subject is exempt from the fee by law.</source>
        <translation>За переліком послуг збір становить {amount}. Обирайте «безоплатно», лише якщо суб&apos;єкт звернення звільнений від сплати згідно із законом.</translation>
    </message>
</context>
<context>
    <name>VisitPage</name>
    <message>
        <location filename="../../../src/mobile_case/ui/visit/page.py" line="+61"/>
        <source>Draw up the act</source>
        <translation>Скласти акт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The act of impossibility of providing the service (point 2.13)</source>
        <translation>Акт про неможливість надання адміністративної послуги (п. 2.13 Порядку)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Today&apos;s visits</source>
        <translation>Візити на сьогодні</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+349"/>
        <source>Choose the visit to open.</source>
        <translation>Оберіть візит, щоб відкрити його.</translation>
    </message>
    <message>
        <location line="-338"/>
        <source>Opening the visit…</source>
        <translation>Відкриваємо візит…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Start the visit</source>
        <translation>Розпочати візит</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The subject is not there: draw up the act</source>
        <translation>Суб&apos;єкта звернення немає на місці: скласти акт</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>← Back</source>
        <translation>← Назад</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Next →</source>
        <translation>Далі →</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The visit is finished</source>
        <translation>Візит завершено</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Print the application again</source>
        <translation>Роздрукувати заяву ще раз</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Draw up an act at the return of the result</source>
        <translation>Скласти акт при поверненні результату</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When the result cannot be handed over (point 2.13): the case stays completed</source>
        <translation>Коли результат неможливо видати (п. 2.13 Порядку): справа лишається виконаною</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>To the home screen</source>
        <translation>На головну</translation>
    </message>
    <message>
        <location line="+183"/>
        <source>This visit cannot be run: the request is «{state}».</source>
        <translation>Цей візит провести неможливо: заявка має стан «{state}».</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>born {date}</source>
        <translation>{date} р. н.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>door code {code}</source>
        <translation>код дверей {code}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Visit — {name}</source>
        <translation>Візит — {name}</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>No visits are planned for today.</source>
        <translation>На сьогодні візитів не заплановано.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>You are at the subject&apos;s address. Start the visit when the subject is here.</source>
        <translation>Ви за адресою суб&apos;єкта звернення. Розпочніть візит, коли суб&apos;єкт звернення буде на місці.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Phone call ahead: {outcome}</source>
        <translation>Попередній дзвінок: {outcome}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The visit is recorded on video and audio: switch on the kit&apos;s recorder and tell everyone present (point 2.9).</source>
        <translation>Візит фіксується на відео та аудіо: увімкніть відеореєстратор кейсу та повідомте про це всіх присутніх (п. 2.9 Порядку).</translation>
    </message>
    <message>
        <location line="+162"/>
        <source>The visit is finished; case No. {number} is formed.</source>
        <translation>Візит завершено; адміністративну справу № {number} сформовано.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Case No. {number}</source>
        <translation>Справа № {number}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hand the documents to the service provider no later than {date}.</source>
        <translation>Передайте документи суб&apos;єкту надання послуги не пізніше ніж {date}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Result: {method}</source>
        <translation>Результат: {method}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Act No. {number}: {reason}</source>
        <translation>Акт № {number}: {reason}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Paid: {amount}, receipt No. {receipt}</source>
        <translation>Сплачено: {amount}, квитанція № {receipt}</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Act No. {number} is drawn up at the return of the result.</source>
        <translation>Складено акт № {number} при поверненні документів з результатом.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Act No. {number} is drawn up; the case is closed as impossible.</source>
        <translation>Складено акт № {number}; послугу не надано, справу закрито.</translation>
    </message>
</context>
</TS>
