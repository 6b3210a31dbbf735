<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk_UA" sourcelanguage="en">
    <context>
        <name>QueueDialog</name>
        <message>
            <location filename="../../../src/mobile_case/ui/widgets/sync_queue.py" line="+86" />
            <location line="+5" />
            <source>Sync queue</source>
            <translation>Черга синхронізації</translation>
        </message>
        <message>
            <location line="+3" />
            <source>State</source>
            <translation>Стан</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Case</source>
            <translation>Справа</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Sent</source>
            <translation>Надіслано</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Error or reason</source>
            <translation>Помилка або причина</translation>
        </message>
        <message>
            <location line="+8" />
            <source>%1 of %2</source>
            <translation>%1 з %2</translation>
        </message>
        <message>
            <location line="+5" />
            <source>with a recording</source>
            <translation>із записом візиту</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Close</source>
            <translation>Закрити</translation>
        </message>
    </context>
    <context>
        <name>SyncQueue</name>
        <message>
            <location line="-61" />
            <source>%1 MB</source>
            <translation>%1 МБ</translation>
        </message>
        <message>
            <location line="+1" />
            <source>%1 KB</source>
            <translation>%1 КБ</translation>
        </message>
    </context>
    <context>
        <name>SyncQueueCard</name>
        <message>
            <location line="+80" />
            <source>Sync with the CNAP office</source>
            <translation>Синхронізація з ЦНАП</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Whole queue</source>
            <translation>Уся черга</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Sync now</source>
            <translation>Синхронізувати зараз</translation>
        </message>
        <message>
            <location line="+39" />
            <source>Synchronising…</source>
            <translation>Синхронізація…</translation>
        </message>
        <message>
            <location line="+35" />
            <source>The kit is not paired with the CNAP office station yet. Pair it in Settings → Sync.</source>
            <translation>Кейс ще не сполучено зі станцією ЦНАП. Сполучіть його в Налаштуваннях → Синхронізація.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Station «%1». Waiting to be sent: %2; delivered: %3.</source>
            <translation>Станція «%1». Очікують надсилання: %2; доставлено: %3.</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Whole queue (%1 more)</source>
            <translation>Уся черга (ще %1)</translation>
        </message>
        <message>
            <location line="+43" />
            <source>%1 of %2</source>
            <translation>%1 з %2</translation>
        </message>
        <message>
            <location line="+4" />
            <source>with a recording</source>
            <translation>із записом візиту</translation>
        </message>
    </context>
    <context>
        <name>SyncSettingsTab</name>
        <message>
            <location filename="../../../src/mobile_case/ui/widgets/sync_settings.py" line="+112" />
            <source>Pairing with the CNAP office station</source>
            <translation>Сполучення зі станцією ЦНАП</translation>
        </message>
        <message>
            <location line="+8" />
            <source>On the station, the head of the Centre creates a one-time code (valid 15 minutes). Scan its QR code with the camera, or enter the whole code, or the address, port and secret separately.</source>
            <translation>На станції керівник Центру створює одноразовий код (діє 15 хвилин). Відскануйте його QR-код камерою або введіть увесь код чи окремо адресу, порт і секрет.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Pairing code</source>
            <translation>Код сполучення</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Station address</source>
            <translation>Адреса станції</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Port</source>
            <translation>Порт</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Secret (10 characters)</source>
            <translation>Секрет (10 символів)</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Pair</source>
            <translation>Сполучити</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Scan the QR code with the camera</source>
            <translation>Сканувати QR-код камерою</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Hold the QR code shown by the station in front of the kit's camera (20–40 cm).</source>
            <translation>Піднесіть QR-код, показаний станцією, до камери кейса (20–40 см).</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Stop scanning</source>
            <translation>Зупинити сканування</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Sync settings</source>
            <translation>Налаштування синхронізації</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Sync automatically when the station answers</source>
            <translation>Синхронізувати автоматично, коли станція відповідає</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Allow recordings over mobile data (decided by the head)</source>
            <translation>Дозволити надсилання записів через мобільний зв'язок (рішення керівника)</translation>
        </message>
        <message>
            <location line="+2" />
            <source> MB</source>
            <translation> МБ</translation>
        </message>
        <message>
            <location line="+1" />
            <source> kbit/s</source>
            <translation> кбіт/с</translation>
        </message>
        <message>
            <location line="+1" />
            <source>no limit</source>
            <translation>без обмеження</translation>
        </message>
        <message>
            <location line="+1" />
            <source> days</source>
            <translation> дн.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Chunk size</source>
            <translation>Розмір частини</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Bandwidth limit</source>
            <translation>Обмеження швидкості</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Keep local copies after delivery</source>
            <translation>Зберігати локальні копії після доставки</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Save</source>
            <translation>Зберегти</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Sync</source>
            <translation>Синхронізація</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Paired with «%1» (%2). Certificate fingerprint: %3…</source>
            <translation>Сполучено зі станцією «%1» (%2). Відбиток сертифіката: %3…</translation>
        </message>
        <message>
            <location line="+4" />
            <source>This kit was revoked at the CNAP office station.</source>
            <translation>Цей кейс відкликано на станції ЦНАП. Зверніться до керівника ЦНАП.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The kit is not paired yet.</source>
            <translation>Кейс ще не сполучено.</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Hold the QR code shown by the station in front of the camera (20–40 cm)…</source>
            <translation>Піднесіть QR-код, показаний станцією, до камери (20–40 см)…</translation>
        </message>
        <message>
            <location line="+40" />
            <source>Scanning stopped.</source>
            <translation>Сканування зупинено.</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Enter the pairing code, or the station address, port and secret.</source>
            <translation>Введіть код сполучення або адресу станції, порт і секрет.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Connecting to the station…</source>
            <translation>З'єднання зі станцією…</translation>
        </message>
        <message>
            <location line="+19" />
            <source>The kit is paired with the station «%1».</source>
            <translation>Кейс сполучено зі станцією «%1».</translation>
        </message>
        <message>
            <location line="+30" />
            <source>Sync settings saved.</source>
            <translation>Налаштування синхронізації збережено.</translation>
        </message>
    </context>
</TS>
