<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk_UA" sourcelanguage="en">
    <context>
        <name>CardAccessForm</name>
        <message>
            <location filename="../../../src/mobile_case/ui/widgets/cardread.py" line="+184" />
            <source>The card access number: 6 digits on the front of the ID card</source>
            <translation>Номер доступу до картки: 6 цифр на лицьовому боці ID-картки</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The document number, the date of birth and the date of expiry: as on the card or from the machine-readable zone on its back</source>
            <translation>Номер документа, дата народження і дата закінчення строку дії — як на картці або з машинозчитуваної зони на її звороті</translation>
        </message>
        <message>
            <location line="+4" />
            <source>CAN</source>
            <translation>CAN</translation>
        </message>
        <message>
            <location line="+0" />
            <source>MRZ: number, dates</source>
            <translation>MRZ: номер і дати</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Card access number (CAN)</source>
            <translation>Номер доступу до картки (CAN)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>6 digits on the front of the card, at the bottom right</source>
            <translation>6 цифр на лицьовому боці картки, праворуч унизу</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Document number</source>
            <translation>Номер документа</translation>
        </message>
        <message>
            <location line="+3" />
            <source>As on the card, or from the MRZ with its check digit</source>
            <translation>Як на картці або з MRZ разом із контрольною цифрою</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Date of birth</source>
            <translation>Дата народження</translation>
        </message>
        <message>
            <location line="+3" />
            <location line="+7" />
            <source>DD.MM.YYYY, or YYMMDD and the check digit</source>
            <translation>ДД.ММ.РРРР або РРММДД і контрольна цифра</translation>
        </message>
        <message>
            <location line="-3" />
            <source>Date of expiry</source>
            <translation>Дійсний до</translation>
        </message>
        <message>
            <location line="+66" />
            <source>Type the CAN: the 6 digits on the front of the ID card.</source>
            <translation>Введіть CAN — 6 цифр на лицьовому боці ID-картки.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Type the document number.</source>
            <translation>Введіть номер документа.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Type the date of birth.</source>
            <translation>Введіть дату народження.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Type the date of expiry.</source>
            <translation>Введіть дату закінчення строку дії.</translation>
        </message>
    </context>
    <context>
        <name>CardRead</name>
        <message>
            <location line="-242" />
            <source>The CAN is the 6 digits printed on the front of the ID card.</source>
            <translation>CAN — це 6 цифр, надрукованих на лицьовому боці ID-картки.</translation>
        </message>
        <message>
            <location line="+14" />
            <source>The document number is up to 9 Latin letters or digits (9 digits on the ID card).</source>
            <translation>Номер документа — до 9 латинських літер або цифр (на ID-картці — 9 цифр).</translation>
        </message>
        <message>
            <location line="+10" />
            <source>The check digit (the 10th character) does not match the number: check what you typed.</source>
            <translation>Контрольна цифра (10-й символ) не відповідає номеру — перевірте введене.</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Type the date of birth as DD.MM.YYYY or as in the MRZ: YYMMDD and its check digit.</source>
            <translation>Введіть дату народження як ДД.ММ.РРРР або як у MRZ: РРММДД і контрольна цифра.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Type the date of expiry as DD.MM.YYYY or as in the MRZ: YYMMDD and its check digit.</source>
            <translation>Введіть дату закінчення строку дії як ДД.ММ.РРРР або як у MRZ: РРММДД і контрольна цифра.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>The check digit of the date of birth does not match: check the six digits before it.</source>
            <translation>Контрольна цифра дати народження не збігається — перевірте шість цифр перед нею.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The check digit of the date of expiry does not match: check the six digits before it.</source>
            <translation>Контрольна цифра дати закінчення строку дії не збігається — перевірте шість цифр перед нею.</translation>
        </message>
        <message>
            <location line="+27" />
            <source>There is no such date: check the day and the month.</source>
            <translation>Такої дати не існує — перевірте день і місяць.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The date of birth cannot be in the future.</source>
            <translation>Дата народження не може бути в майбутньому.</translation>
        </message>
        <message>
            <location line="+328" />
            <source>Authentic: the chip data are signed by the issuing state.</source>
            <translation>Справжні: дані чипа підписані державою, що видала документ.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Data altered: the chip data do not match their signature. Do not rely on them; check the person by the document.</source>
            <translation>Дані змінено: дані чипа не відповідають підпису. Не покладайтеся на них — звірте особу за документом.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Cannot check: there is no certificate to check the signature against. Compare the data with the document.</source>
            <translation>Неможливо перевірити: немає сертифіката для перевірки підпису. Звірте дані з документом.</translation>
        </message>
        <message>
            <location line="+72" />
            <source>«{ukrainian}»: on the chip «{found}», by the official transliteration «{expected}».</source>
            <translation>«{ukrainian}»: на чипі «{found}», за офіційною транслітерацією «{expected}».</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The Latin name on the chip differs from the official transliteration (КМУ resolution No 55) of the Ukrainian one. This is allowed (e.g. a spelling kept from an earlier passport); check it against the document.</source>
            <translation>Ім'я латиницею на чипі відрізняється від офіційної транслітерації (постанова КМУ № 55) українського. Це допустимо (наприклад, написання збережено з попереднього паспорта) — звірте з документом.</translation>
        </message>
        <message>
            <location line="+15" />
            <source>The registered address cannot be read from the chip with the CAN or the MRZ. It is taken from the extract from the register of the territorial community and typed at the visit (identification step).</source>
            <translation>Адреса реєстрації з чипа за CAN чи MRZ не зчитується. Її беруть з витягу з реєстру територіальної громади і вносять під час візиту (крок «Особа»).</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The registered address cannot be read from the chip with the CAN or the MRZ: the ID card keeps it in a protected part of the chip. Take it from the extract from the register of the territorial community and type it below.</source>
            <translation>Адресу реєстрації не можна зчитати з чипа за CAN чи MRZ: ID-картка зберігає її в захищеній частині чипа. Візьміть її з витягу з реєстру територіальної громади й введіть нижче.</translation>
        </message>
    </context>
    <context>
        <name>CardReadPanel</name>
        <message>
            <location line="-255" />
            <source>Read the card</source>
            <translation>Зчитати картку</translation>
        </message>
        <message>
            <location line="+62" />
            <source>A card lies on the reader.</source>
            <translation>Картка лежить на зчитувачі.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Put the ID card on the reader.</source>
            <translation>Покладіть ID-картку на зчитувач.</translation>
        </message>
        <message>
            <location line="+15" />
            <source>The ID-card reader is not available on this computer. Enter the data from the document by hand.</source>
            <translation>Зчитувач ID-карток на цьому комп'ютері недоступний. Введіть дані з документа вручну.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Put the card on the reader and do not move it…</source>
            <translation>Покладіть картку на зчитувач і не рухайте її…</translation>
        </message>
    </context>
    <context>
        <name>CardReadSection</name>
        <message>
            <location line="+217" />
            <source>Read the ID card</source>
            <translation>Зчитати ID-картку</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Optional: the chip fills the name, date of birth, RNOKPP and UNZR without typos.</source>
            <translation>Необов'язково: чип заповнить ПІБ, дату народження, РНОКПП і УНЗР без помилок.</translation>
        </message>
        <message>
            <location line="+45" />
            <source>Fill the fields from the card</source>
            <translation>Заповнити поля з картки</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Enter by hand</source>
            <translation>Ввести вручну</translation>
        </message>
        <message>
            <location line="+53" />
            <source>The card was read on {when}; the read is kept with the request.</source>
            <translation>Картку зчитано {when}; зчитування збережено із заявою.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>No photo</source>
            <translation>Без фото</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Surname, given name, patronymic</source>
            <translation>Прізвище, ім'я, по батькові</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Date of birth</source>
            <translation>Дата народження</translation>
        </message>
        <message>
            <location line="+1" />
            <source>RNOKPP</source>
            <translation>РНОКПП</translation>
        </message>
        <message>
            <location line="+1" />
            <source>UNZR</source>
            <translation>УНЗР</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Document</source>
            <translation>Документ</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Registered address from the chip: {address}</source>
            <translation>Адреса реєстрації з чипа: {address}</translation>
        </message>
        <message>
            <location line="-42" />
            <source>Simulated card reader: the data are of a demo person.</source>
            <translation>Симульований зчитувач: це дані вигаданої демонстраційної особи.</translation>
        </message>
        <message>
            <location line="+56" />
            <source>The fields are filled from the card. Check them and go on.</source>
            <translation>Поля заповнено з картки. Перевірте їх і продовжуйте.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The fields stay as typed. Enter the data from the document by hand.</source>
            <translation>Поля залишаються як введено. Введіть дані з документа вручну.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>The card read kept with the request could not be opened: {message}</source>
            <translation>Не вдалося відкрити збережене із заявою зчитування картки: {message}</translation>
        </message>
        <message>
            <location line="+7" />
            <source>The card was read, but the read was not saved with the request: {message}</source>
            <translation>Картку зчитано, але зчитування не збережено із заявою: {message}</translation>
        </message>
    </context>
    <context>
        <name>IdentificationStep</name>
        <message>
            <location filename="../../../src/mobile_case/ui/visit/steps/identification.py" line="+60" />
            <source>A foreign passport number is two letters and six digits, e.g. FX123456.</source>
            <translation>Номер закордонного паспорта — дві літери та шість цифр, наприклад FX123456.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Enter the name, series and number of the document.</source>
            <translation>Вкажіть назву, серію та номер документа.</translation>
        </message>
        <message>
            <location line="+82" />
            <source>Identity document</source>
            <translation>Документ, що посвідчує особу</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Document number</source>
            <translation>Номер документа</translation>
        </message>
        <message>
            <location line="+22" />
            <source>Read from the ID card</source>
            <translation>Зчитати з ID-картки</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Read the card</source>
            <translation>Зчитати картку</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Registered address</source>
            <translation>Адреса реєстрації</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Settlement</source>
            <translation>Населений пункт</translation>
        </message>
        <message>
            <location line="+0" />
            <source>e.g. the town of Chortkiv</source>
            <translation>напр. м. Чортків</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Street</source>
            <translation>Вулиця</translation>
        </message>
        <message>
            <location line="+0" />
            <source>e.g. Shevchenka Street</source>
            <translation>напр. вул. Шевченка</translation>
        </message>
        <message>
            <location line="+2" />
            <source>House</source>
            <translation>Будинок</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Block</source>
            <translation>Корпус</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Flat</source>
            <translation>Квартира</translation>
        </message>
        <message>
            <location line="+12" />
            <source>As the visit address</source>
            <translation>Як адреса візиту</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The person lives where they are registered: copy the visit address into the fields.</source>
            <translation>Особа проживає за місцем реєстрації: перенести адресу візиту в поля.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Save the address</source>
            <translation>Зберегти адресу</translation>
        </message>
        <message>
            <location line="+14" />
            <source>The request and the document side by side</source>
            <translation>Заявка і документ поруч</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Photo from the chip</source>
            <translation>Фото з чипа</translation>
        </message>
        <message>
            <location line="+6" />
            <source>In the request</source>
            <translation>У заявці</translation>
        </message>
        <message>
            <location line="+0" />
            <source>In the document</source>
            <translation>У документі</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Surname</source>
            <translation>Прізвище</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Given name</source>
            <translation>Ім'я</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Patronymic</source>
            <translation>По батькові</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Date of birth</source>
            <translation>Дата народження</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Taxpayer number (RNOKPP)</source>
            <translation>РНОКПП</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Record number (UNZR)</source>
            <translation>УНЗР</translation>
        </message>
        <message>
            <location line="+32" />
            <source>Fill the subject's fields of the request from the chip (names in Ukrainian, date of birth, RNOKPP, UNZR), or keep the request and enter the data by hand?</source>
            <translation>Заповнити дані суб'єкта звернення в заяві з чипа (ПІБ українською, дата народження, РНОКПП, УНЗР) чи залишити заяву як є і ввести дані вручну?</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Fill from the card</source>
            <translation>Заповнити з картки</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Enter by hand</source>
            <translation>Ввести вручну</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Compare the request with the document in your hands, or read the ID card's chip.</source>
            <translation>Звірте заявку з документом, який тримаєте в руках, або зчитайте чип ID-картки.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>I confirm: the person in front of me is the subject of the request, identified by this document</source>
            <translation>Підтверджую: переді мною суб'єкт звернення, особу встановлено за цим документом</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Passport: ID card</source>
            <translation>Паспорт: ID-картка</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Passport: booklet</source>
            <translation>Паспорт: книжечка</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Passport for travel abroad</source>
            <translation>Паспорт для виїзду за кордон</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Another identity document</source>
            <translation>Інший документ</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Identity</source>
            <translation>Особа</translation>
        </message>
        <message>
            <location line="+72" />
            <source>The card was read on {when}; the read is kept with the visit.</source>
            <translation>Картку зчитано {when}; зчитування збережено з візитом.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The saved read of the ID card could not be opened: {message}</source>
            <translation>Не вдалося відкрити збережене зчитування ID-картки: {message}</translation>
        </message>
        <message>
            <location line="+23" />
            <source>Enter the number of the identity document.</source>
            <translation>Вкажіть номер документа, що посвідчує особу.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Correct the number of the identity document.</source>
            <translation>Виправте номер документа, що посвідчує особу.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Confirm that the person is the subject of the request.</source>
            <translation>Підтвердіть, що особа є суб'єктом звернення.</translation>
        </message>
        <message>
            <location line="+30" />
            <source>Read from the ID card's chip</source>
            <translation>Зчитано з чипа ID-картки</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Typed from the document</source>
            <translation>Введено вручну з документа</translation>
        </message>
        <message>
            <location line="+4" />
            <source>DEMO</source>
            <translation>ДЕМО</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Read from the simulated card reader: the data are of a demo person.</source>
            <translation>Зчитано симулятором зчитувача: це дані демонстраційної особи.</translation>
        </message>
        <message>
            <location line="+42" />
            <source>Simulated card reader: the data are of a demo person.</source>
            <translation>Симульований зчитувач: це дані вигаданої демонстраційної особи.</translation>
        </message>
        <message>
            <location line="+30" />
            <source>The card was read, but the read was not saved with the visit: {message}</source>
            <translation>Картку зчитано, але зчитування не збережено з візитом: {message}</translation>
        </message>
        <message>
            <location line="+22" />
            <source>No photo</source>
            <translation>Без фото</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Registered address from the chip: {address}. Check it against the registration extract and type it below.</source>
            <translation>Адреса реєстрації з чипа: {address}. Звірте її з витягом з реєстру і внесіть нижче.</translation>
        </message>
        <message>
            <location line="+104" />
            <source>Check the fields against the extract and save the address.</source>
            <translation>Звірте поля з витягом і збережіть адресу.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Type the settlement from the extract.</source>
            <translation>Вкажіть населений пункт з витягу.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Type the street and the house from the extract.</source>
            <translation>Вкажіть вулицю і будинок з витягу.</translation>
        </message>
        <message>
            <location line="+19" />
            <source>The registered address is saved with the request.</source>
            <translation>Адресу реєстрації збережено в заяві.</translation>
        </message>
        <message>
            <location line="-106" />
            <source>The read was not saved with the visit: read the card again to fill the request.</source>
            <translation>Зчитування не збережено з візитом — зчитайте картку ще раз, щоб заповнити заяву.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The read is being saved with the visit; tap «Fill from the card» again in a moment.</source>
            <translation>Зчитування ще зберігається з візитом — натисніть «Заповнити з картки» ще раз за мить.</translation>
        </message>
        <message>
            <location line="+22" />
            <source>The subject's data in the request are filled from the chip.</source>
            <translation>Дані суб'єкта звернення в заяві заповнено з чипа.</translation>
        </message>
        <message>
            <location line="+15" />
            <source>The request stays as it was. Type the document's number and compare the data by hand.</source>
            <translation>Заява залишається без змін. Введіть номер документа і звірте дані вручну.</translation>
        </message>
        <message>
            <location line="+97" />
            <source>(does not match)</source>
            <translation>(не збігається)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Differs from the request</source>
            <translation>Відрізняється від заяви</translation>
        </message>
        <message>
            <location line="+15" />
            <source>The document does not match the request in the highlighted fields. Check the person's identity; an obvious error in the request is corrected at the CNAP (point 2.12).</source>
            <translation>Документ не збігається із заявкою у виділених полях. Перевірте особу; очевидну помилку в заявці виправляють у ЦНАП (п. 2.12 Порядку).</translation>
        </message>
    </context>
</TS>
