// TimelineModel: what the QML timeline reads (ticks, rows, marks as pixels) and what it can ask (zoom, pan,
// reveal, presets).
#include "vigil/playback/timeline_model.h"

#include <QtCore/QDateTime>
#include <QtCore/QTimeZone>
#include <QtTest/QSignalSpy>
#include <QtTest/QtTest>

using namespace vigil::playback;

namespace {
const std::int64_t kT0 = QDateTime(QDate(2026, 12, 6), QTime(14, 0), Qt::UTC).toMSecsSinceEpoch();
constexpr std::int64_t kMin = 60'000;
} // namespace

class TstTimelineModel : public QObject
{
    Q_OBJECT
private slots:
    void rowsAndMarksArePixels()
    {
        TimelineModel model;
        model.setUtcOffsetSeconds(0);
        model.setWidth(600);
        model.setWindow({kT0, kT0 + 60 * kMin});
        model.setRows({{QStringLiteral("Gate"),
                        {{kT0 - 10 * kMin, kT0 + 10 * kMin}, {kT0 + 30 * kMin, kT0 + 31 * kMin}}},
                       {QStringLiteral("Square"), {{kT0 + 2 * 60 * kMin, kT0 + 3 * 60 * kMin}}}});
        model.setMarks(
            {{kT0 + 45 * kMin, QStringLiteral("Motion"), {}}, {kT0 - kMin, QStringLiteral("outside"), {}}});
        const QVariantList rows = model.rows();
        QCOMPARE(rows.size(), 2);
        const QVariantList gate = rows.at(0).toMap().value(QStringLiteral("spans")).toList();
        QCOMPARE(gate.size(), 2);
        QCOMPARE(gate.at(0).toMap().value(QStringLiteral("x")).toDouble(), 0.0); // clipped at the window
        QCOMPARE(gate.at(0).toMap().value(QStringLiteral("width")).toDouble(), 100.0);
        QCOMPARE(gate.at(1).toMap().value(QStringLiteral("x")).toDouble(), 300.0);
        QCOMPARE(gate.at(1).toMap().value(QStringLiteral("width")).toDouble(), 10.0);
        QVERIFY(rows.at(1).toMap().value(QStringLiteral("spans")).toList().isEmpty()); // outside the window
        const QVariantList marks = model.marks();
        QCOMPARE(marks.size(), 1);
        QCOMPARE(marks.at(0).toMap().value(QStringLiteral("x")).toDouble(), 450.0);
        const QVariantList ticks = model.ticks();
        QVERIFY(ticks.size() > 4);
        QCOMPARE(ticks.first().toMap().value(QStringLiteral("label")).toString(), QStringLiteral("14:00"));
    }

    void operatorGestures()
    {
        TimelineModel model;
        model.setWidth(1000);
        model.setWindow({kT0, kT0 + 60 * kMin});
        QSignalSpy windowSpy(&model, &TimelineModel::windowChanged);
        model.zoomAt(500, 0.5); // zoom in around the middle
        QCOMPARE(model.window(), (TimeWindow{kT0 + 15 * kMin, kT0 + 45 * kMin}));
        model.panBy(100); // drag right by a tenth: earlier times come into view
        QCOMPARE(model.window(), (TimeWindow{kT0 + 12 * kMin, kT0 + 42 * kMin}));
        QCOMPARE(model.timeAt(0), double(kT0 + 12 * kMin));
        QCOMPARE(model.xAt(double(kT0 + 42 * kMin)), 1000.0);
        model.reveal(double(kT0 + 20 * kMin)); // visible: nothing moves
        QCOMPARE(windowSpy.size(), 2);
        model.reveal(double(kT0 + 5 * 60 * kMin));
        QCOMPARE(model.window(),
                 (TimeWindow{kT0 + 5 * 60 * kMin - 15 * kMin, kT0 + 5 * 60 * kMin + 15 * kMin}));
        model.setCursorMs(double(kT0));
        model.showSpan(24 * 60 * kMin);
        QCOMPARE(model.window(), (TimeWindow{kT0 - 12 * 60 * kMin, kT0 + 12 * 60 * kMin}));
        QCOMPARE(model.cursorX(), 500.0);
        model.showSpan(1); // clamped to a minute
        QCOMPARE(model.window().length(), kMinWindowMs);
    }
};

QTEST_GUILESS_MAIN(TstTimelineModel)
#include "tst_timeline_model.moc"
