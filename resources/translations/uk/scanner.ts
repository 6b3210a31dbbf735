<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk_UA" sourcelanguage="en">
    <context>
        <name>CameraPanel</name>
        <message>
            <location filename="../../../src/mobile_case/ui/visit/scan_editor.py" line="+113" />
            <source>Starting the camera…</source>
            <translation>Вмикається камера…</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Lay the document on a dark surface; the green frame shows the page that will be taken.</source>
            <translation>Покладіть документ на темну поверхню; зелена рамка показує сторінку, яку буде знято.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Take the page</source>
            <translation>Зняти сторінку</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Close the camera</source>
            <translation>Закрити камеру</translation>
        </message>
        <message>
            <location line="+51" />
            <source>Taking the page…</source>
            <translation>Знімаємо сторінку…</translation>
        </message>
    </context>
    <context>
        <name>DocumentsStep</name>
        <message>
            <location filename="../../../src/mobile_case/ui/visit/steps/documents.py" line="+33" />
            <source>Tick each document the subject has shown. Originals are marked.</source>
            <translation>Позначте кожен документ, який показав суб'єкт звернення. Оригінали позначено.</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Consultation given: the subject knows what to bring and was warned that a refusal of the service is likely</source>
            <translation>Консультацію надано: суб'єкт звернення знає, що потрібно донести, і попереджений про ймовірність відмови в наданні послуги</translation>
        </message>
        <message>
            <location line="+8" />
            <source>No originals: draw up the act</source>
            <translation>Немає оригіналів: скласти акт</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Scans of the documents</source>
            <translation>Скани документів</translation>
        </message>
        <message>
            <location line="+23" />
            <source>Documents</source>
            <translation>Документи</translation>
        </message>
        <message>
            <location line="+24" />
            <source>original</source>
            <translation>оригінал</translation>
        </message>
        <message>
            <location line="+3" />
            <source>paid during the visit: ticked when the receipt is entered at the payment step</source>
            <translation>оплата під час візиту: позначиться, коли на кроці «Оплата» буде вказано номер квитанції</translation>
        </message>
        <message>
            <location line="+11" />
            <source>No documents of its own (listed above for another service).</source>
            <translation>Власних документів немає (зазначені вище для іншої послуги).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No documents needed besides the identity document.</source>
            <translation>Крім документа, що посвідчує особу, документи не потрібні.</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Scans</source>
            <translation>Скани</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Scan this document (scanner, camera or file)</source>
            <translation>Сканувати цей документ (сканер, камера або файл)</translation>
        </message>
        <message>
            <location line="+35" />
            <source>scan saved</source>
            <translation>скан збережено</translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>%n scanned page(s), not saved yet</source>
            <translation>
                <numerusform>%n сторінка відсканована, документ ще не збережено</numerusform>
                <numerusform>%n сторінки відскановано, документ ще не збережено</numerusform>
                <numerusform>%n сторінок відскановано, документ ще не збережено</numerusform>
            </translation>
        </message>
        <message>
            <location line="+77" />
            <source>Some documents are missing: give the consultation and warn that a refusal is likely, or draw up the act.</source>
            <translation>Бракує документів: надайте консультацію й попередьте про ймовірність відмови або складіть акт.</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Documents are missing. Explain to the subject in full how and on what terms the service is obtained and that the request must be made again at the CNAP once the shortcomings are removed. If the package is registered with shortcomings, warn the subject that a refusal is likely (point 2.12 of the Order).</source>
            <translation>Бракує документів. Надайте суб'єкту звернення вичерпну консультацію щодо порядку та умов одержання послуги і необхідності повторного звернення до ЦНАП після усунення недоліків. Якщо пакет реєструється з недоліками, попередьте суб'єкта звернення про ймовірність відмови (п. 2.12 Порядку).</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Missing:</source>
            <translation>Бракує:</translation>
        </message>
    </context>
    <context>
        <name>ScanEditor</name>
        <message>
            <location filename="../../../src/mobile_case/ui/visit/scan_editor.py" line="+32" />
            <source>Scan</source>
            <translation>Сканувати</translation>
        </message>
        <message>
            <location line="+2" />
            <source>From the camera</source>
            <translation>З камери</translation>
        </message>
        <message>
            <location line="+2" />
            <source>From a file</source>
            <translation>З файлу</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Greyscale</source>
            <translation>Відтінки сірого</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Colour</source>
            <translation>Кольорове</translation>
        </message>
        <message>
            <location line="+3" />
            <source>A4</source>
            <translation>A4</translation>
        </message>
        <message>
            <location line="+0" />
            <source>ID card</source>
            <translation>ID-картка</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Default tray</source>
            <translation>Лоток за замовчуванням</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Flatbed</source>
            <translation>Планшет (скло)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Document feeder</source>
            <translation>Автоподавач</translation>
        </message>
        <message>
            <location line="+36" />
            <source>Rotate</source>
            <translation>Повернути</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Re-scan</source>
            <translation>Пересканувати</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Delete</source>
            <translation>Видалити</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Save the document</source>
            <translation>Зберегти документ</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Save despite the remarks</source>
            <translation>Зберегти попри зауваження</translation>
        </message>
        <message>
            <location line="+54" />
            <source>Scans: %1</source>
            <translation>Скани: %1</translation>
        </message>
        <message>
            <location line="+31" />
            <source>Page %1</source>
            <translation>Сторінка %1</translation>
        </message>
        <message>
            <location line="+2" />
            <source>check</source>
            <translation>перевірте</translation>
        </message>
        <message>
            <location line="+17" />
            <source>No pages yet.</source>
            <translation>Сторінок ще немає.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Page %1 of %2.</source>
            <translation>Сторінка %1 з %2.</translation>
        </message>
        <message numerus="yes">
            <location line="+33" />
            <source>%n page(s) added.</source>
            <translation>
                <numerusform>Додано %n сторінку.</numerusform>
                <numerusform>Додано %n сторінки.</numerusform>
                <numerusform>Додано %n сторінок.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+25" />
            <source>No scanner is set up in this program.</source>
            <translation>У програмі не налаштовано сканер. Зверніться до ІТ-фахівця ЦНАП.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Scanning… keep the document in place.</source>
            <translation>Сканування… не рухайте документ.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Pages from files</source>
            <translation>Сторінки з файлів</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Images and PDF (*.jpg *.jpeg *.png *.tif *.tiff *.bmp *.webp *.pdf)</source>
            <translation>Зображення та PDF (*.jpg *.jpeg *.png *.tif *.tiff *.bmp *.webp *.pdf)</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Reading the files…</source>
            <translation>Читаємо файли…</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Choose how to take the page again: scanner, camera or file.</source>
            <translation>Зніміть сторінку знову — «Сканувати», «З камери» або «З файлу»: нова сторінка стане на місце вибраної.</translation>
        </message>
        <message>
            <location line="+36" />
            <source>Page %1: %2</source>
            <translation>Сторінка %1: %2</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Some pages may be unreadable. Re-scan them, or save anyway if they are fine:</source>
            <translation>Деякі сторінки можуть бути нечитабельними. Перескануйте їх або, якщо вони в порядку, збережіть попри зауваження:</translation>
        </message>
        <message numerus="yes">
            <location line="+17" />
            <source>The document is saved: %n page(s) in one PDF, attached to the checklist item.</source>
            <translation>
                <numerusform>Документ збережено: %n сторінка в одному PDF, додано до пункту переліку.</numerusform>
                <numerusform>Документ збережено: %n сторінки в одному PDF, додано до пункту переліку.</numerusform>
                <numerusform>Документ збережено: %n сторінок в одному PDF, додано до пункту переліку.</numerusform>
            </translation>
        </message>
    </context>
</TS>
