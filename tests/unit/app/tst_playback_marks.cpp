// Issue 11: the playback timeline's alarm marks — the stored alarms of the played cameras inside the range.
#include "vigil/app/playback_marks.h"

#include <QtTest/QtTest>

using namespace vigil;

namespace {
alarms::Alarm alarm(const QString &camera, const QDateTime &time, const QString &type,
                    const QString &text = {})
{
    alarms::Alarm a;
    a.cameraId = camera;
    a.time = time;
    a.type = type;
    a.text = text;
    return a;
}
} // namespace

class TstPlaybackMarks : public QObject
{
    Q_OBJECT

    const QDateTime m_t0 = QDateTime(QDate(2026, 12, 7), QTime(14, 0), Qt::UTC);

private slots:
    void camerasAndRangeSelectTheAlarms()
    {
        // Newest first, as the store keeps them.
        const QList<alarms::Alarm> stored{
            alarm(QStringLiteral("cam02"), m_t0.addSecs(600), QStringLiteral("motion")), // after the range
            alarm(QStringLiteral("cam01"), m_t0.addSecs(300), QStringLiteral("intrusion"),
                  QStringLiteral("Fence")),
            alarm(QStringLiteral("cam09"), m_t0.addSecs(200), QStringLiteral("motion")), // not played
            alarm({}, m_t0.addSecs(150), QStringLiteral("call")),                        // a place, no camera
            alarm(QStringLiteral("cam02"), m_t0.addSecs(100), {}),
            alarm(QStringLiteral("cam01"), QDateTime(), QStringLiteral("motion")),       // no time
            alarm(QStringLiteral("cam01"), m_t0.addSecs(-10), QStringLiteral("motion")), // before the range
        };
        const playback::Span range{m_t0.toMSecsSinceEpoch(), m_t0.addSecs(500).toMSecsSinceEpoch()};
        const auto marks = app::alarmMarks(stored, {QStringLiteral("cam01"), QStringLiteral("cam02")}, range);
        QCOMPARE(marks.size(), 2);
        QCOMPARE(marks.at(0).cameraId, QStringLiteral("cam01"));
        QCOMPARE(marks.at(0).timeMs, m_t0.addSecs(300).toMSecsSinceEpoch());
        const QString at300 = m_t0.addSecs(300).toLocalTime().toString(QStringLiteral("HH:mm:ss"));
        QCOMPARE(marks.at(0).label, at300 + QStringLiteral(" intrusion – Fence"));
        QCOMPARE(marks.at(1).cameraId, QStringLiteral("cam02"));
        QVERIFY(marks.at(1).label.endsWith(QStringLiteral(" alarm"))); // no type: "alarm"

        QVERIFY(app::alarmMarks(stored, {}, range).isEmpty());
        QVERIFY(app::alarmMarks({}, {QStringLiteral("cam01")}, range).isEmpty());
    }

    void theNewestThousandAtMost()
    {
        QList<alarms::Alarm> stored;
        for (int i = 0; i < 1500; ++i)
            stored.append(alarm(QStringLiteral("cam01"), m_t0.addSecs(-i), QStringLiteral("motion")));
        const auto marks = app::alarmMarks(stored, {QStringLiteral("cam01")},
                                           {m_t0.addDays(-1).toMSecsSinceEpoch(), m_t0.toMSecsSinceEpoch()});
        QCOMPARE(marks.size(), app::kMaxAlarmMarks);
        QCOMPARE(marks.first().timeMs, m_t0.toMSecsSinceEpoch());
        QCOMPARE(marks.last().timeMs, m_t0.addSecs(-(app::kMaxAlarmMarks - 1)).toMSecsSinceEpoch());
    }
};

QTEST_GUILESS_MAIN(TstPlaybackMarks)
#include "tst_playback_marks.moc"
