<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk_UA" sourcelanguage="en">
<context>
    <name>AddVisitsDialog</name>
    <message>
        <location filename="../../../src/mobile_case/ui/outings/visits.py" line="+327"/>
        <source>Add visits to the outing</source>
        <translation>Додати візити до виїзду</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Requests waiting for an outing</source>
        <translation>Заявки, що очікують виїзду</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tick the requests to serve on this outing and agree each time window. At a fixed point several citizens are served one after another.</source>
        <translation>Позначте заявки, які обслуговуватимуться під час цього виїзду, і погодьте час кожного візиту. У пункті обслуговування кількох громадян приймають одного за одним.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>No registered request is waiting for an outing.</source>
        <translation>Немає прийнятих заявок, що очікують виїзду.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add the ticked</source>
        <translation>Додати позначені</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Tick at least one request.</source>
        <translation>Позначте хоча б одну заявку.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Each time window must end later than it starts.</source>
        <translation>Кінець часу кожного візиту має бути пізніше за початок.</translation>
    </message>
</context>
<context>
    <name>AddressStep</name>
    <message>
        <location filename="../../../src/mobile_case/ui/intake/steps/address.py" line="+26"/>
        <location line="+62"/>
        <source>The address of the visit</source>
        <translation>Адреса візиту</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>Where the subject actually stays: at home, in a hospital, in a social institution.</source>
        <translation>Де фактично перебуває суб&apos;єкт звернення: удома, в лікарні, у закладі соціальної сфери.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Settlement</source>
        <translation>Населений пункт</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type a part of the name and pick it from the community&apos;s list.</source>
        <translation>Введіть частину назви й оберіть населений пункт зі списку громади.</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+71"/>
        <source>Street</source>
        <translation>Вулиця</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>House</source>
        <translation>Будинок</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Building (корпус)</source>
        <translation>Корпус</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apartment</source>
        <translation>Квартира</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Postal code</source>
        <translation>Поштовий індекс</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Door / intercom code</source>
        <translation>Код вхідних дверей / домофону</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>How to get in</source>
        <translation>Як потрапити</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>floor, lift, entrance from the yard, a dog, whom to call at the gate…</source>
        <translation>поверх, ліфт, вхід з двору, собака, кому подзвонити біля хвіртки…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Address</source>
        <translation>Адреса</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Street (or the name of the institution)</source>
        <translation>Вулиця (або назва закладу)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>«{name}» is not on the list of the community&apos;s settlements. If the subject stays outside the community, the request is refused (O 2.3).</source>
        <translation>«{name}» немає в переліку населених пунктів громади. Якщо суб&apos;єкт звернення перебуває за межами громади, у прийнятті заяви відмовляють (п. 2.3 Порядку).</translation>
    </message>
</context>
<context>
    <name>ApplicantStep</name>
    <message>
        <location filename="../../../src/mobile_case/ui/intake/steps/applicant.py" line="+22"/>
        <source>How did the request come in?</source>
        <translation>Як надійшло звернення?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A request made by phone or messenger is signed by the applicant during the visit (O 2.4).</source>
        <translation>Заяву, подану телефоном або через месенджер, заявник підписує під час візиту адміністратора (п. 2.4 Порядку).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Who makes the request?</source>
        <translation>Хто звертається?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The subject themself</source>
        <translation>Сам суб&apos;єкт звернення</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A representative</source>
        <translation>Представник</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A relative, a social worker, a guardian — on behalf of the subject</source>
        <translation>Родич, соціальний працівник, опікун — від імені суб&apos;єкта звернення</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The representative</source>
        <translation>Представник</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The subject&apos;s own data comes on the next page.</source>
        <translation>Дані самого суб&apos;єкта звернення — на наступній сторінці.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Surname</source>
        <translation>Прізвище</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Given name</source>
        <translation>Ім&apos;я</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Patronymic</source>
        <translation>По батькові</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Relation to the subject</source>
        <translation>Ким доводиться суб&apos;єкту звернення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. daughter, social worker</source>
        <translation>напр. донька, соціальний працівник</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Document confirming the authority</source>
        <translation>Документ, що підтверджує повноваження</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>power of attorney / guardianship decision, No and date</source>
        <translation>довіреність / рішення про опіку, № і дата</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not needed for a relative who only passes the request on; the subject signs the application.</source>
        <translation>Не потрібен родичу, який лише передає звернення: заяву підписує сам суб&apos;єкт звернення.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Request and applicant</source>
        <translation>Звернення і заявник</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Applicant</source>
        <translation>Заявник</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Representative: {field}</source>
        <translation>Представник: {field}</translation>
    </message>
</context>
<context>
    <name>CallDialog</name>
    <message>
        <location filename="../../../src/mobile_case/ui/outings/visits.py" line="-240"/>
        <source>Phone call before the visit</source>
        <translation>Дзвінок перед візитом</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Call {name}</source>
        <translation>Зателефонуйте: {name}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No phone number in the request.</source>
        <translation>У заявці немає номера телефону.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Say that the administrator comes at {window}, with what documents to have at hand.</source>
        <translation>Повідомте, що адміністратор прибуде {window}, і які документи мають бути під рукою.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Note</source>
        <translation>Примітка</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>e.g. asks to come after 11:00</source>
        <translation>напр. просить приїхати після 11:00</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the call</source>
        <translation>Зберегти дзвінок</translation>
    </message>
</context>
<context>
    <name>CategoryStep</name>
    <message>
        <location filename="../../../src/mobile_case/ui/intake/steps/category.py" line="+45"/>
        <source>Category of the subject (O 1.5)</source>
        <translation>Категорія суб&apos;єкта звернення (п. 1.5 Порядку)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who may be served on the mobile workplace. Choose one.</source>
        <translation>Хто може отримати послуги на віддаленому робочому місці. Оберіть одну.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The age is taken from the identity document.</source>
        <translation>Вік визначається за документом, що посвідчує особу.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Document confirming the category</source>
        <translation>Документ, що підтверджує категорію</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only the documents accepted for this category are listed. The original is shown at the visit.</source>
        <translation>Наведено лише документи, які приймаються для цієї категорії. Оригінал пред&apos;являють під час візиту.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>For the age category no other document is needed: the age is taken from the passport or ID card.</source>
        <translation>Для вікової категорії інший документ не потрібен: вік визначається за паспортом або ID-карткою.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No and date of the document</source>
        <translation>Номер і дата документа</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. серія ААГ № 123456 від 12.05.2021</source>
        <translation>напр. серія ААГ № 123456 від 12.05.2021</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot come to the CNAP because of (for the application)</source>
        <translation>Не може прийти до ЦНАП з причини (для заяви)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printed in the application: «самостійно не пересувається з причини …».</source>
        <translation>Друкується в заяві: «самостійно не пересувається з причини …».</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Membership of the community</source>
        <translation>Належність до громади</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By the registered address; for internally displaced persons by the IDP certificate.</source>
        <translation>За зареєстрованим місцем проживання; для внутрішньо переміщених осіб — за довідкою ВПО.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No and date of the membership document</source>
        <translation>Номер і дата документа</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For the IDP certificate its No and date are required.</source>
        <translation>Для довідки ВПО обов&apos;язково вкажіть її номер і дату.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Category and its proof</source>
        <translation>Категорія та її підтвердження</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Category</source>
        <translation>Категорія</translation>
    </message>
</context>
<context>
    <name>Consents</name>
    <message>
        <location filename="../../../src/mobile_case/ui/intake/steps/consents.py" line="+21"/>
        <source>Under Art. 11 of the Law of Ukraine “On Information” and Art. 7 of the Law of Ukraine “On Access to Public Information”, I forbid passing information about me to third parties without my consent.</source>
        <translation>Відповідно до ст. 11 Закону України «Про інформацію», ст. 7 Закону України «Про доступ до публічної інформації» забороняю без моєї згоди передачу інформації відносно мене третім особам.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Under Art. 11 of the Law of Ukraine “On Personal Data Protection”, I consent to the processing and use of my personal data for the powers related to the consideration of this application.</source>
        <translation>Відповідно до ст. 11 Закону України «Про захист персональних даних» надаю згоду на обробку та використання моїх персональних даних для здійснення повноважень, пов&apos;язаних із розглядом даної заяви.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>I have been informed and undertake to warn everyone present when the administrative service is provided that video and audio recording is made while the service is provided with the special automated complex “Mobile case”, and I consent to it.</source>
        <translation>Ознайомлений та зобов&apos;язуюсь попередити всіх осіб, присутніх при наданні адміністративної послуги, з тим, що під час надання адміністративної послуги із застосуванням спеціального автоматизованого комплексу «Мобільний кейс» проводиться відео та аудіо фіксація, та надаю на це свою згоду.</translation>
    </message>
</context>
<context>
    <name>ConsentsStep</name>
    <message>
        <location line="+26"/>
        <source>Consents of the application</source>
        <translation>Згоди в заяві</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read each one to the applicant and tick what they agree to; they sign them on the printed application.</source>
        <translation>Прочитайте кожну заявнику й позначте, на що він погоджується; підписує він їх на роздрукованій заяві.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The request came remotely: the applicant signs the application and its consents during the visit (O 2.4). Tick what they agreed to now.</source>
        <translation>Звернення надійшло дистанційно: заяву та згоди заявник підписує під час візиту (п. 2.4 Порядку). Позначте, на що він погодився зараз.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Without the written consent to video and audio recording the service is not provided on the visit: the administrator draws up an act of impossibility (O 2.13).</source>
        <translation>Без письмової згоди на відео- та аудіофіксацію послугу під час візиту не надають: адміністратор складає акт про неможливість надання послуги (п. 2.13 Порядку).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Publication</source>
        <translation>Публікації</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Optional: for the CNAP&apos;s reports and news (F14).</source>
        <translation>Необов&apos;язково: для звітів і новин ЦНАП.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Agrees that the visit may be mentioned in the CNAP&apos;s publications (without personal data unless agreed separately)</source>
        <translation>Погоджується, щоб візит згадали в публікаціях ЦНАП (без персональних даних, якщо окремо не погоджено інше)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Consents</source>
        <translation>Згоди</translation>
    </message>
</context>
<context>
    <name>DocumentsStep</name>
    <message>
        <location filename="../../../src/mobile_case/ui/intake/steps/documents.py" line="+23"/>
        <source>Documents for the chosen services</source>
        <translation>Документи для обраних послуг</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read the list to the citizen and tick what they have. Everything must be at hand at the time of the visit; originals are marked.</source>
        <translation>Прочитайте перелік громадянину й позначте, що в нього є. Усе має бути під рукою на час візиту; оригінали позначено.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tick all</source>
        <translation>Позначити все</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose the services first: their documents are listed here.</source>
        <translation>Спочатку оберіть послуги — тут з&apos;явиться перелік їхніх документів.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The fee is paid during the visit (fast-pay or POS terminal): the receipt is printed there.</source>
        <translation>Збір сплачується під час візиту (fast-pay або POS-термінал): квитанцію буде роздруковано на місці.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Documents checklist</source>
        <translation>Перелік документів</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Documents</source>
        <translation>Документи</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>original</source>
        <translation>оригінал</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>for: {services}</source>
        <translation>для: {services}</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>{count} of {total} documents are not ticked. Tell the citizen what is missing: without the full package the request is refused (O 2.3).</source>
        <translation>Не позначено документів: {count} з {total}. Скажіть громадянину, чого бракує: без повного пакета документів у прийнятті заяви відмовляють (п. 2.3 Порядку).</translation>
    </message>
</context>
<context>
    <name>DraftsDialog</name>
    <message>
        <location filename="../../../src/mobile_case/ui/intake/wizard.py" line="+416"/>
        <source>Unfinished requests</source>
        <translation>Незавершені заявки</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unfinished requests (drafts)</source>
        <translation>Незавершені заявки (чернетки)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>There are no drafts.</source>
        <translation>Чернеток немає.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Close</source>
        <translation>Закрити</translation>
    </message>
</context>
<context>
    <name>EscortRow</name>
    <message>
        <location filename="../../../src/mobile_case/ui/outings/form.py" line="+42"/>
        <source>Full name</source>
        <translation>ПІБ</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remove</source>
        <translation>Вилучити</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the escort</source>
        <translation>Вилучити супровідну особу</translation>
    </message>
</context>
<context>
    <name>FinishStep</name>
    <message>
        <location filename="../../../src/mobile_case/ui/intake/steps/finish.py" line="+40"/>
        <source>The request</source>
        <translation>Заявка</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Decision</source>
        <translation>Рішення</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Accept and register the request</source>
        <translation>Прийняти й зареєструвати заявку</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refuse…</source>
        <translation>Відмовити…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Refusal to accept the request (O 2.3)</source>
        <translation>Відмова у прийнятті заяви (п. 2.3 Порядку)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tick the reason(s). The explanation is recorded and read out to the applicant.</source>
        <translation>Позначте причину (причини). Пояснення зберігається і його зачитують заявнику.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Explanation for the applicant</source>
        <translation>Пояснення для заявника</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Record the refusal</source>
        <translation>Зареєструвати відмову</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back to the decision</source>
        <translation>Назад до рішення</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The application (Annex 2) for signature</source>
        <translation>Заява (додаток 2) на підпис</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Print the application</source>
        <translation>Друкувати заяву</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Plan the outing</source>
        <translation>Запланувати виїзд</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+36"/>
        <source>Take a new request</source>
        <translation>Прийняти нову заявку</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>The request is refused</source>
        <translation>У прийнятті заяви відмовлено</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Reasons (O 2.3):</source>
        <translation>Причини (п. 2.3 Порядку):</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Request No {number} is registered</source>
        <translation>Заявку № {number} зареєстровано</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print the application: the applicant signs it now, or during the visit if the request came by phone or messenger (O 2.4). Then plan the outing.</source>
        <translation>Роздрукуйте заяву: заявник підписує її зараз, а якщо звернення надійшло телефоном чи через месенджер — під час візиту (п. 2.4 Порядку). Потім заплануйте виїзд.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Every check is passed: the request can be accepted (O 2.4). The details are at the right.</source>
        <translation>Усі перевірки пройдено: заяву можна прийняти (п. 2.4 Порядку). Подробиці — праворуч.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not filled in: {fields}.</source>
        <translation>Не заповнено: {fields}.</translation>
    </message>
</context>
<context>
    <name>Handover</name>
    <message>
        <location filename="../../../src/mobile_case/ui/outings/handover.py" line="+24"/>
        <source>Destination: {place}</source>
        <translation>Місце виїзду: {place}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kit: {checked} of {total} items checked</source>
        <translation>Комплектація: перевірено {checked} з {total}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Given by: {given} · received by: {received}</source>
        <translation>Видав (повернув): {given} · прийняв: {received}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Notes: {notes}</source>
        <translation>Примітки: {notes}</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <location line="+67"/>
        <source>Outing on {day} to {place}. The time is recorded when saved.</source>
        <translation>Виїзд {day}, місце виїзду: {place}. Дата й час фіксуються під час збереження.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Kit contents — tick what is there and works</source>
        <translation>Комплектація кейсу — позначте, що є в наявності і справне</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tick all</source>
        <translation>Позначити все</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Missing or damaged</source>
        <translation>Відсутнє або пошкоджене</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>what is missing or damaged, and what was done</source>
        <translation>чого бракує або що пошкоджено і що зроблено</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Issued by</source>
        <translation>Видав</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Returned by</source>
        <translation>Повернув</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Received by</source>
        <translation>Прийняв</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save to the journal</source>
        <translation>Записати в журнал</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Enter who gives the kit.</source>
        <translation>Вкажіть, хто передає кейс.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter who receives the kit.</source>
        <translation>Вкажіть, хто приймає кейс.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The kit is handed over from one person to another: the same person cannot both give and receive it. Correct one of the names.</source>
        <translation>Кейс передають від однієї особи іншій: та сама особа не може і видати, і прийняти його. Виправте одне з імен.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not every item is ticked: describe what is missing or damaged.</source>
        <translation>Позначено не все: опишіть, чого бракує або що пошкоджено.</translation>
    </message>
</context>
<context>
    <name>HandoverPanel</name>
    <message>
        <location line="+20"/>
        <source>Issue the kit (before the trip)</source>
        <translation>Видати кейс (перед виїздом)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take the kit back (after the trip)</source>
        <translation>Прийняти кейс (після повернення)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Each hand-over is a line of the journal (Annex 1); lines are numbered and never changed.</source>
        <translation>Кожна передача — рядок журналу прийому-передачі (додаток 1); рядки нумеруються і не змінюються.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The kit has not been handed over for this outing yet.</source>
        <translation>Для цього виїзду кейс ще не передавали.</translation>
    </message>
</context>
<context>
    <name>Intake</name>
    <message>
        <location filename="../../../src/mobile_case/ui/intake/steps/consents.py" line="-57"/>
        <source>Warn the applicant: they are responsible for the information they give. A visit called on false information (a category, an address or documents that are not real) costs the CNAP a whole trip (G 1.9).</source>
        <translation>Попередьте заявника про відповідальність за надання недостовірних відомостей. Виклик за неправдивими даними (категорія, адреса чи документи, яких насправді немає) — це марний виїзд ЦНАП («хибний» виклик, розд. 1.9 посібника).</translation>
    </message>
</context>
<context>
    <name>IntakeWizard</name>
    <message>
        <location filename="../../../src/mobile_case/ui/intake/wizard.py" line="-299"/>
        <source>← Back</source>
        <translation>← Назад</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Drafts…</source>
        <translation>Чернетки…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New request</source>
        <translation>Нова заявка</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next →</source>
        <translation>Далі →</translation>
    </message>
    <message>
        <location line="+208"/>
        <source>Request {number}</source>
        <translation>Заявка {number}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saving…</source>
        <translation>Збереження…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Draft saved at {time}</source>
        <translation>Чернетку збережено о {time}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Draft</source>
        <translation>Чернетка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing typed yet</source>
        <translation>Ще нічого не введено</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The draft is not saved: {message}</source>
        <translation>Чернетку не збережено: {message}</translation>
    </message>
</context>
<context>
    <name>NameCombo</name>
    <message>
        <location filename="../../../src/mobile_case/ui/outings/handover.py" line="-150"/>
        <source>choose or type the full name</source>
        <translation>оберіть або введіть прізвище, ім&apos;я, по батькові</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <location filename="../../../src/mobile_case/ui/intake/__init__.py" line="+31"/>
        <source>New request</source>
        <translation>Нова заявка</translation>
    </message>
    <message>
        <location filename="../../../src/mobile_case/ui/outings/__init__.py" line="+33"/>
        <source>Outings</source>
        <translation>Виїзди</translation>
    </message>
</context>
<context>
    <name>OutingForm</name>
    <message>
        <location filename="../../../src/mobile_case/ui/outings/form.py" line="+33"/>
        <source>Date of the outing</source>
        <translation>Дата виїзду</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Destination</source>
        <translation>Місце виїзду</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Administrator (by the head&apos;s decision, O 2.5)</source>
        <translation>Адміністратор (за рішенням керівника, п. 2.5 Порядку)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>— choose —</source>
        <translation>— оберіть —</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Vehicle</source>
        <translation>Транспорт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>service car of the council, plate number</source>
        <translation>службовий автомобіль ради, номерний знак</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Departure</source>
        <translation>Відправлення</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not set</source>
        <translation>не вказано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Travel time one way</source>
        <translation>Час у дорозі в один бік</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+59"/>
        <source>{n} min</source>
        <translation>{n} хв</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>Accompanying persons (O 2.6)</source>
        <translation>Супровідні особи (п. 2.6 Порядку)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>+ Add a person</source>
        <translation>+ Додати особу</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Everything at the address is done in the presence of the driver, a municipal inspector or another person the head assigns.</source>
        <translation>Усі дії за адресою виконуються в присутності водія, працівника муніципальної інспекції або іншої особи, яку визначив керівник.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Notes</source>
        <translation>Примітки</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Enter the date of the outing.</source>
        <translation>Вкажіть дату виїзду.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the destination from the community&apos;s settlements.</source>
        <translation>Оберіть місце виїзду з населених пунктів громади.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter the name of each accompanying person.</source>
        <translation>Вкажіть ПІБ кожної супровідної особи.</translation>
    </message>
</context>
<context>
    <name>Outings</name>
    <message>
        <location filename="../../../src/mobile_case/ui/outings/visits.py" line="-149"/>
        <source>representative</source>
        <translation>представник</translation>
    </message>
</context>
<context>
    <name>OutingsPage</name>
    <message>
        <source>Outings</source>
        <translation type="vanished">Виїзди</translation>
    </message>
    <message>
        <location filename="../../../src/mobile_case/ui/outings/page.py" line="+85"/>
        <source>+ New outing</source>
        <translation>+ Новий виїзд</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show past outings</source>
        <translation>Показати минулі виїзди</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Save the outing</source>
        <translation>Зберегти виїзд</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Outing</source>
        <translation>Виїзд</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>+ Add requests</source>
        <translation>+ Додати заявки</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No visits yet: add the registered requests waiting for an outing.</source>
        <translation>Візитів ще немає: додайте прийняті заявки, що очікують виїзду.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Visits</source>
        <translation>Візити</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Kit hand-over</source>
        <translation>Передача кейсу</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Choose an outing on the left.</source>
        <translation>Оберіть виїзд у списку ліворуч.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>No outings planned.</source>
        <translation>Виїздів не заплановано.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>fixed point</source>
        <translation>пункт обслуговування</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>at the address</source>
        <translation>за адресою</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n visit(s)</source>
        <translation>
            <numerusform>%n візит</numerusform>
            <numerusform>%n візити</numerusform>
            <numerusform>%n візитів</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Discard the changes?</source>
        <translation>Скасувати зміни?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The outing&apos;s data was changed and not saved.</source>
        <translation>Дані виїзду змінено, але не збережено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard</source>
        <translation>Не зберігати</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Check the outing&apos;s data and save it; then request {number} is offered as its visit.</source>
        <translation>Перевірте дані виїзду і збережіть його — тоді заявку {number} буде запропоновано як візит.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Visits ({n})</source>
        <translation>Візити ({n})</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>New outing</source>
        <translation>Новий виїзд</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>The outing is saved.</source>
        <translation>Виїзд збережено.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Fixed point: the citizens are served one after another, each in their time window.</source>
        <translation>Пункт обслуговування: громадян приймають одного за одним, кожного у свій час.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>At the address: the administrator goes to each citizen in turn.</source>
        <translation>За адресою: адміністратор по черзі їде до кожного громадянина.</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>Remove the visit?</source>
        <translation>Вилучити візит?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} goes back to the requests waiting for an outing.</source>
        <translation>Заявка ({name}) повернеться до тих, що очікують виїзду.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove</source>
        <translation>Вилучити</translation>
    </message>
</context>
<context>
    <name>PlanRow</name>
    <message>
        <location filename="../../../src/mobile_case/ui/outings/visits.py" line="+232"/>
        <source>wishes: {when}</source>
        <translation>бажано: {when}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>From</source>
        <translation>З</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>До</translation>
    </message>
</context>
<context>
    <name>ScheduleStep</name>
    <message>
        <location filename="../../../src/mobile_case/ui/intake/steps/schedule.py" line="+26"/>
        <source>The fee and how it is paid</source>
        <translation>Адміністративний збір і спосіб оплати</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The visit itself is free; only the administrative fee set by law is paid (O 1.7).</source>
        <translation>Сам виїзд безоплатний; сплачується лише адміністративний збір, передбачений законодавством (п. 1.7 Порядку).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>When is the visit convenient?</source>
        <translation>Коли зручно прийняти адміністратора?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Agree the date and the time window; the travel time is planned with the outing (O 2.5).</source>
        <translation>Погодьте дату і час; час на дорогу планується разом із виїздом (п. 2.5 Порядку).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Preferred date</source>
        <translation>Бажана дата</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>From</source>
        <translation>З</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>any time</source>
        <translation>будь-коли</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation>До</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Notes for the visit</source>
        <translation>Примітки до візиту</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>anything the administrator should know</source>
        <translation>усе, що варто знати адміністратору</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Payment and time of the visit</source>
        <translation>Оплата і час візиту</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Payment, time</source>
        <translation>Оплата, час</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No service chosen yet.</source>
        <translation>Послугу ще не обрано.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Total: free of charge</source>
        <translation>Разом: безоплатно</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total: {amount}</source>
        <translation>Разом: {amount}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The citizen (or relatives) pays in advance and shows the receipt at the visit.</source>
        <translation>Громадянин (або родичі) сплачує заздалегідь і показує квитанцію під час візиту.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paid with any bank card during the visit; the administrator prints the receipt.</source>
        <translation>Оплата будь-якою банківською карткою під час візиту; адміністратор друкує квитанцію.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paid by card through the kit&apos;s POS terminal during the visit.</source>
        <translation>Оплата карткою через POS-термінал кейсу під час візиту.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The chosen services are free: nothing to pay.</source>
        <translation>Обрані послуги безоплатні: платити нічого не потрібно.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Agree with the citizen how the fee will be paid (G 1.5).</source>
        <translation>Погодьте з громадянином спосіб оплати збору (розд. 1.5 посібника).</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>The end of the time window must be later than its start.</source>
        <translation>Кінець бажаного часу візиту має бути пізніше за початок.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Time window</source>
        <translation>Час візиту</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Payment</source>
        <translation>Оплата</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The services have a fee: choose how it will be paid.</source>
        <translation>Послуги платні: оберіть спосіб оплати.</translation>
    </message>
</context>
<context>
    <name>ServicesStep</name>
    <message>
        <location filename="../../../src/mobile_case/ui/intake/steps/services.py" line="+29"/>
        <source>Which services are needed?</source>
        <translation>Які послуги потрібні?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tick one or more. Find out exactly what the citizen needs (O 2.2).</source>
        <translation>Позначте одну або кілька. З&apos;ясуйте, чого саме потребує громадянин (п. 2.2 Порядку).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find a service</source>
        <translation>Пошук послуги</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>part of the name…</source>
        <translation>частина назви…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>biometric documents are not issued on a visit (O 1.6)</source>
        <translation>біометричні документи не оформлюються на виїзді (п. 1.6 Порядку)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>No service matches the search.</source>
        <translation>Жодна послуга не відповідає пошуку.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Services</source>
        <translation>Послуги</translation>
    </message>
</context>
<context>
    <name>SubjectStep</name>
    <message>
        <location filename="../../../src/mobile_case/ui/intake/steps/subject.py" line="+23"/>
        <location line="+61"/>
        <source>The subject of the request</source>
        <translation>Суб&apos;єкт звернення</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>The person the service is for, as in the identity document.</source>
        <translation>Особа, якій надається послуга, — як у документі, що посвідчує особу.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Surname</source>
        <translation>Прізвище</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Given name</source>
        <translation>Ім&apos;я</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patronymic</source>
        <translation>По батькові</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Date of birth</source>
        <translation>Дата народження</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>РНОКПП (taxpayer number)</source>
        <translation>РНОКПП</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>10 digits. Leave empty if the person refused the number for religious reasons.</source>
        <translation>10 цифр. Залиште порожнім, якщо особа відмовилася від номера через релігійні переконання.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>УНЗР (record number in the demographic register)</source>
        <translation>УНЗР (унікальний номер запису в Реєстрі)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>From the ID card: date of birth, dash, five digits.</source>
        <translation>З ID-картки: дата народження, дефіс, п&apos;ять цифр.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The administrator calls this number before the visit (O 2.5).</source>
        <translation>На цей номер адміністратор телефонує перед візитом (п. 2.5 Порядку).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>E-mail (if any)</source>
        <translation>Електронна пошта (за наявності)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Subject</source>
        <translation>Суб&apos;єкт</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Age: {age}</source>
        <translation>Вік: {age}</translation>
    </message>
</context>
<context>
    <name>Summary</name>
    <message>
        <location filename="../../../src/mobile_case/ui/intake/summary.py" line="+29"/>
        <source>(no name yet)</source>
        <translation>(ПІБ ще не внесено)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>, born {date}</source>
        <translation>, {date} р. н.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Subject: {who}</source>
        <translation>Суб&apos;єкт звернення: {who}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Phone: {phone}</source>
        <translation>Телефон: {phone}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Representative: {name}</source>
        <translation>Представник: {name}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Channel: {channel}</source>
        <translation>Спосіб звернення: {channel}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Address: {address} ({place})</source>
        <translation>Адреса: {address} ({place})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Category: {title}</source>
        <translation>Категорія: {title}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Services: {titles}</source>
        <translation>Послуги: {titles}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Preferred time: {when}</source>
        <translation>Бажаний час: {when}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Payment: {method}</source>
        <translation>Оплата: {method}</translation>
    </message>
</context>
<context>
    <name>TimeDialog</name>
    <message>
        <location filename="../../../src/mobile_case/ui/outings/visits.py" line="-71"/>
        <source>Time of the visit</source>
        <translation>Час візиту</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Time of the visit: {name}</source>
        <translation>Час візиту: {name}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>From</source>
        <translation>З</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>До</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Tell the citizen the new time when you call ahead (O 2.5).</source>
        <translation>Повідомте громадянину новий час, коли телефонуватимете перед візитом (п. 2.5 Порядку).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the time</source>
        <translation>Зберегти час</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The visit must end later than it starts.</source>
        <translation>Кінець візиту має бути пізніше за початок.</translation>
    </message>
</context>
<context>
    <name>VerdictPanel</name>
    <message>
        <location filename="../../../src/mobile_case/ui/intake/verdict.py" line="+70"/>
        <source>Reasons (O 2.3)</source>
        <translation>Причини (п. 2.3 Порядку)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+65"/>
        <source>What was found</source>
        <translation>Що встановлено</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>What to do</source>
        <translation>Що робити</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Fix these fields</source>
        <translation>Виправте поля</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Refused</source>
        <translation>Відмовлено</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Can be served on a visit</source>
        <translation>Можна надавати на виїзді</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refusal: the request cannot be accepted</source>
        <translation>Відмова: заяву не можна прийняти</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not everything is entered yet</source>
        <translation>Ще не все внесено</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Age: {age}</source>
        <translation>Вік: {age}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Still to check</source>
        <translation>Що перевірено</translation>
    </message>
</context>
<context>
    <name>VisitCard</name>
    <message>
        <location filename="../../../src/mobile_case/ui/outings/visits.py" line="-162"/>
        <location line="+1"/>
        <source>Earlier in the outing</source>
        <translation>Раніше у виїзді</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+1"/>
        <source>Later in the outing</source>
        <translation>Пізніше у виїзді</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>door code {code}</source>
        <translation>код дверей {code}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Phone: {phones}</source>
        <translation>Телефон: {phones}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Request {number}</source>
        <translation>Заявка {number}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Call: {outcome}</source>
        <translation>Дзвінок: {outcome}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not called yet: phone ahead to warn of the visit (O 2.5).</source>
        <translation>Ще не телефонували: попередьте про візит телефоном (п. 2.5 Порядку).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Record the call</source>
        <translation>Записати дзвінок</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Open the visit</source>
        <translation>Відкрити візит</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Change the time</source>
        <translation>Змінити час</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove from the outing</source>
        <translation>Вилучити</translation>
    </message>
</context>
</TS>
