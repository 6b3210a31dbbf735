<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk_UA" sourcelanguage="en">
    <context>
        <name>VisitRecording</name>
        <message>
            <location filename="../../../src/mobile_case/ui/visit/recording.py" line="+164" />
            <source>There is no recorder in this program's set-up.</source>
            <translation>у цій установці програми немає засобу запису.</translation>
        </message>
        <message>
            <location line="+79" />
            <source>Not recording: {reason}</source>
            <translation>Запис не ведеться: {reason}</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Record the visit with the kit's video recorder.</source>
            <translation>Записуйте візит відеореєстратором із кейса.</translation>
        </message>
        <message>
            <location line="+49" />
            <source>the recorder stopped.</source>
            <translation>засіб запису зупинився.</translation>
        </message>
        <message>
            <location line="+47" />
            <source>● Recording {time}</source>
            <translation>● Запис {time}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>DEMO</source>
            <translation>ДЕМО</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The visit is recorded on video and audio (point 2.9); it stops when the visit ends.</source>
            <translation>Візит записується на відео й аудіо (пункт 2.9); запис зупиниться, коли візит завершиться.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Starting the recording…</source>
            <translation>Вмикаємо запис…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Saving the recording…</source>
            <translation>Зберігаємо запис…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Not recording</source>
            <translation>Запис не ведеться</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Recording starts after the consent</source>
            <translation>Запис почнеться після згоди</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Mark the subject's consent to the recording: it starts at once (point 2.9).</source>
            <translation>Позначте згоду суб'єкта звернення на запис — запис почнеться одразу (пункт 2.9).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Not recorded: no consent</source>
            <translation>Не записується: немає згоди</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Without consent to the recording only the act of impossibility can be drawn up.</source>
            <translation>Без згоди на запис можна скласти лише акт про неможливість надання послуги.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Recording paused: the case is closed</source>
            <translation>Запис призупинено: кейс закрито</translation>
        </message>
    </context>
</TS>
