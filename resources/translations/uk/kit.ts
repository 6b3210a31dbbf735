<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk_UA" sourcelanguage="en">
    <context>
        <name>DeviceChoice</name>
        <message>
            <location filename="../../../src/mobile_case/ui/kit/choice.py" line="+37" />
            <source>Devices to use</source>
            <translation>Які пристрої використовувати</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The first one found</source>
            <translation>Перший знайдений</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Scanner</source>
            <translation>Сканер</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Camera of the recording</source>
            <translation>Камера для запису</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Microphone of the recording</source>
            <translation>Мікрофон для запису</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Use these devices</source>
            <translation>Використовувати ці пристрої</translation>
        </message>
        <message>
            <location line="+26" />
            <source>%1 (not connected)</source>
            <translation>%1 (не підключено)</translation>
        </message>
        <message>
            <location line="+20" />
            <source>The choice could not be saved to the data folder. Check the free disk space.</source>
            <translation>Вибір не вдалося зберегти в теці даних. Перевірте вільне місце на диску.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Saved. The next scan and the next recording use these devices.</source>
            <translation>Збережено. Наступне сканування й наступний запис використають ці пристрої.</translation>
        </message>
    </context>
    <context>
        <name>KitPage</name>
        <message>
            <location filename="../../../src/mobile_case/ui/kit/page.py" line="+83" />
            <source>Kit check and maintenance</source>
            <translation>Перевірка й обслуговування кейса</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Check the devices before an outing, keep the maintenance log, import the video recorder.</source>
            <translation>Перевірте пристрої перед виїздом, ведіть журнал обслуговування, імпортуйте записи відеореєстратора.</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Maintenance</source>
            <translation>Обслуговування</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Check</source>
            <translation>Перевірка</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Log</source>
            <translation>Журнал</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Video recorder</source>
            <translation>Відеореєстратор</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Lid sensor</source>
            <translation>Датчик кришки</translation>
        </message>
        <message>
            <location line="+36" />
            <source>The check has not run yet.</source>
            <translation>Перевірку ще не виконано.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Check again</source>
            <translation>Перевірити ще раз</translation>
        </message>
        <message>
            <location line="+20" />
            <source>OK</source>
            <translation>гаразд</translation>
        </message>
        <message>
            <location line="+1" />
            <source>missing</source>
            <translation>немає</translation>
        </message>
        <message>
            <location line="+1" />
            <source>failing</source>
            <translation>несправність</translation>
        </message>
        <message>
            <location line="+1" />
            <source>simulator</source>
            <translation>симулятор</translation>
        </message>
        <message>
            <location line="+5" />
            <source>ID card reader</source>
            <translation>Зчитувач ID-карток</translation>
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
            <source>Camera</source>
            <translation>Камера</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Microphone</source>
            <translation>Мікрофон</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Free disk space</source>
            <translation>Вільне місце на диску</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Battery</source>
            <translation>Акумулятор</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Network</source>
            <translation>Зв'язок</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The devices are still being found. Try again in a moment.</source>
            <translation>Пристрої ще шукаються. Спробуйте за мить.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Checking the kit…</source>
            <translation>Перевіряємо кейс…</translation>
        </message>
        <message>
            <location line="+13" />
            <source>The check could not run.</source>
            <translation>Перевірку виконати не вдалося.</translation>
        </message>
        <message>
            <location line="+21" />
            <source> (advisory)</source>
            <translation> (довідково)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Everything needed is ready for the outing.</source>
            <translation>Усе потрібне готове до виїзду.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Not ready for the outing: %1.</source>
            <translation>Не готово до виїзду: %1.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>The routine of the person responsible for the kit (guide, section 1.7). Mark each item you did; describe any problem — the head will see it in the log.</source>
            <translation>Обов'язки відповідального за технічний стан кейса (посібник, розділ 1.7). Позначте кожен виконаний пункт; опишіть проблему, якщо є, — керівник побачить її в журналі.</translation>
        </message>
        <message>
            <location line="+16" />
            <location line="+114" />
            <source>Done</source>
            <translation>Виконано</translation>
        </message>
        <message>
            <location line="-113" />
            <source>Not needed</source>
            <translation>Не потрібно</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Problem</source>
            <translation>Проблема</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Note (what was done or what is wrong)</source>
            <translation>Примітка</translation>
        </message>
        <message>
            <location line="+10" />
            <source>General notes</source>
            <translation>Загальні примітки</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Attach the device states of the last self-check</source>
            <translation>Додати стан пристроїв з останньої самоперевірки</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Save to the log</source>
            <translation>Записати в журнал</translation>
        </message>
        <message>
            <location line="+54" />
            <source>Maintenance of %1 saved to the log.</source>
            <translation>Обслуговування %1 записано в журнал.</translation>
        </message>
        <message>
            <location line="+14" />
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
            <source>Problems</source>
            <translation>Проблеми</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Notes</source>
            <translation>Примітки</translation>
        </message>
        <message>
            <location line="+12" />
            <source>No maintenance has been recorded yet.</source>
            <translation>Обслуговування ще не записували.</translation>
        </message>
        <message>
            <location line="+39" />
            <source>Devices at that moment:</source>
            <translation>Пристрої в той момент:</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Recordings are imported by an administrator or the head (they belong to the visits).</source>
            <translation>Записи імпортує адміністратор або керівник (вони належать до візитів).</translation>
        </message>
        <message>
            <location line="+12" />
            <source>A switch in the case can stop the recording when the lid is closed and start it again when it is opened — only during an open visit with the consent to recording.</source>
            <translation>Датчик у кейсі може зупиняти запис, коли кришку закрито, і знову вмикати, коли її відкрито, — лише під час відкритого візиту зі згодою на запис.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Off</source>
            <translation>Вимкнено</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Serial port (USB adapter)</source>
            <translation>Послідовний порт (USB-адаптер)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Keyboard switch (keys)</source>
            <translation>Клавіатурний датчик (клавіші)</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Text lines (OPEN / CLOSED)</source>
            <translation>Текстові рядки (OPEN / CLOSED)</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Signal on means the lid is open</source>
            <translation>Сигнал увімкнено — кришку відкрито</translation>
        </message>
        <message>
            <location line="+6" />
            <source> ms</source>
            <translation> мс</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Sensor</source>
            <translation>Датчик</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Port</source>
            <translation>Порт</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Signal</source>
            <translation>Сигнал</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Word for «opened»</source>
            <translation>Слово «відкрито»</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Word for «closed»</source>
            <translation>Слово «закрито»</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Key for «opened»</source>
            <translation>Клавіша «відкрито»</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Key for «closed»</source>
            <translation>Клавіша «закрито»</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Debounce</source>
            <translation>Захист від брязкоту</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Save and apply</source>
            <translation>Зберегти й застосувати</translation>
        </message>
        <message>
            <location line="+66" />
            <source>Lid sensor settings saved.</source>
            <translation>Налаштування датчика кришки збережено.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The sensor is off: the recording follows the visit only.</source>
            <translation>Датчик вимкнено: запис вмикається й вимикається лише разом із візитом.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The sensor is on; waiting for its first signal.</source>
            <translation>Датчик увімкнено; чекаємо на перший сигнал.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The lid is open (%1).</source>
            <translation>Кришку відкрито (%1).</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The lid is closed (%1).</source>
            <translation>Кришку закрито (%1).</translation>
        </message>
    </context>
    <context>
        <name>KitPrecheck</name>
        <message>
            <location filename="../../../src/mobile_case/ui/kit/precheck.py" line="+29" />
            <source>Not enough disk space for this outing's recordings.</source>
            <translation>Недостатньо місця на диску для записів цього виїзду.</translation>
        </message>
    </context>
    <context>
        <name>Navigation</name>
        <message>
            <location filename="../../../src/mobile_case/ui/kit/__init__.py" line="+30" />
            <source>Kit</source>
            <translation>Кейс</translation>
        </message>
    </context>
    <context>
        <name>RecorderImportPanel</name>
        <message>
            <location filename="../../../src/mobile_case/ui/kit/recorder_import.py" line="+97" />
            <source>Empty: find the recorder's memory card automatically</source>
            <translation>Порожньо: знайти карту пам'яті відеореєстратора автоматично</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Recorder folder</source>
            <translation>Тека відеореєстратора</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Find recordings</source>
            <translation>Знайти записи</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Delete from the recorder after the copy is verified</source>
            <translation>Видалити з відеореєстратора після перевірки копії</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Import into this visit</source>
            <translation>Імпортувати до цього візиту</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Import into the visits</source>
            <translation>Імпортувати у візити</translation>
        </message>
        <message>
            <location line="+8" />
            <source>File</source>
            <translation>Файл</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Recorded</source>
            <translation>Записано</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Length</source>
            <translation>Тривалість</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Visit</source>
            <translation>Візит</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Looking for the recorder's files…</source>
            <translation>Шукаємо файли відеореєстратора…</translation>
        </message>
        <message>
            <location line="+14" />
            <source>The recorder's memory was not found. Connect the recorder by USB (or insert its card) and wait until the system shows it, or enter its folder above.</source>
            <translation>Пам'ять відеореєстратора не знайдено. Підключіть відеореєстратор кабелем USB (або вставте його карту пам'яті) і дочекайтеся, поки система її покаже, або вкажіть теку вище.</translation>
        </message>
        <message>
            <location line="+20" />
            <source>this visit</source>
            <translation>цей візит</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Files: %1; of this visit: %2; of other visits: %3; without a visit: %4.</source>
            <translation>Файлів: %1; цього візиту: %2; інших візитів: %3; без візиту: %4.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>None of the recorder's files was recorded during this visit. Check the recorder's clock (Кейс → Відеореєстратор) or choose another folder.</source>
            <translation>Жоден із файлів відеореєстратора не записано під час цього візиту. Перевірте годинник відеореєстратора (Кейс → Відеореєстратор) або виберіть іншу теку.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Files: %1; matched to visits: %2; without a visit: %3.</source>
            <translation>Файлів: %1; зіставлено з візитами: %2; без візиту: %3.</translation>
        </message>
        <message>
            <location line="+11" />
            <source> (file time)</source>
            <translation> (час файлу)</translation>
        </message>
        <message>
            <location line="+5" />
            <source>no visit at this time</source>
            <translation>немає візиту в цей час</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Copying into the encrypted archive…</source>
            <translation>Копіюємо до зашифрованого архіву…</translation>
        </message>
        <message>
            <location line="+23" />
            <source>Copied into the encrypted archive: %1 of %2…</source>
            <translation>Скопійовано до зашифрованого архіву: %1 з %2…</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Imported into this visit's archive: %1 (checksums verified).</source>
            <translation>Імпортовано до архіву цього візиту: %1 (контрольні суми перевірено).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Imported into the visits' archive: %1 (checksums verified).</source>
            <translation>Імпортовано до архіву візитів: %1 (контрольні суми перевірено).</translation>
        </message>
    </context>
</TS>
