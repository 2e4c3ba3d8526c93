// Parsers of our Vigil API's JSON: every row is a body from outside and what must come out — a value, or an
// error code with the sentence naming the element and field.
#include "vigil/backend/ours_parsers.h"

#include <QtTest/QtTest>

using namespace vigil::backend;

namespace {

// A camera object with one field replaced (or removed with an empty value).
QByteArray cameraPage(const QByteArray &camera, const QByteArray &extra = {})
{
    return "{\"total\":1,\"page\":1,\"nextPage\":null" + extra + ",\"items\":[" + camera + "]}";
}

const QByteArray kGoodCamera =
    R"({"id":"cam17","name":"东门路口","nameEn":"East Gate","regionId":"t1v1","lon":119.97,"lat":30.54,)"
    R"("datum":"gcj02","direction":-90,"fov":70,"ptz":true,"status":"offline",)"
    "\"streams\":{\"main\":\"rtsp://u:p@10.0.0.5/ch1\",\"sub\":\"rtsp://10.0.0.5/ch2\"}}";

} // namespace

class TstOursParsers : public QObject
{
    Q_OBJECT

private slots:
    void goodCamera()
    {
        const auto r = parseCameraPage(cameraPage(kGoodCamera));
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.value.total, 1);
        QCOMPARE(r.value.nextPage, 0);
        QCOMPARE(r.value.items.size(), 1);
        const BackendCamera &c = r.value.items.first();
        QCOMPARE(c.id, QStringLiteral("cam17"));
        QCOMPARE(c.name, QStringLiteral("东门路口"));
        QCOMPARE(c.nameEn, QStringLiteral("East Gate"));
        QCOMPARE(c.regionId, QStringLiteral("t1v1"));
        QCOMPARE(c.longitude, 119.97);
        QCOMPARE(c.latitude, 30.54);
        QVERIFY(c.datum == Datum::Gcj02);
        QCOMPARE(c.directionDeg, 270.0); // normalised into [0, 360)
        QCOMPARE(c.fovDeg, 70.0);
        QVERIFY(c.ptz);
        QVERIFY(c.status == CameraStatus::Offline);
        QCOMPARE(c.mainStream, QStringLiteral("rtsp://u:p@10.0.0.5/ch1"));
        QCOMPARE(c.subStream, QStringLiteral("rtsp://10.0.0.5/ch2"));
    }

    void minimalCamera()
    {
        // Only id and name are required; a numeric id is accepted and becomes a string.
        const auto r = parseCameraPage(cameraPage(R"({"id":17,"name":"x"})", ",\"page\":3"));
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        const BackendCamera &c = r.value.items.first();
        QCOMPARE(c.id, QStringLiteral("17"));
        QCOMPARE(r.value.page, 3);
        QVERIFY(!c.hasPosition());
        QVERIFY(!c.hasStreams());
        QVERIFY(std::isnan(c.directionDeg));
        QVERIFY(c.status == CameraStatus::Unknown);
        QVERIFY(c.datum == Datum::Wgs84);
    }

    void badCameraPage_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message"); // a part of the sentence

        const int bad = int(ErrorCode::BadResponse);
        QTest::newRow("empty") << QByteArray() << bad << "not valid JSON";
        QTest::newRow("truncated") << QByteArray("{\"total\":1,\"items\":[{\"id\":\"a\",\"na") << bad
                                   << "not valid JSON";
        QTest::newRow("html") << QByteArray("<html><body>502 Bad Gateway</body></html>") << bad
                              << "not valid JSON";
        QTest::newRow("array root") << QByteArray("[1,2]") << bad << "not a JSON object";
        QTest::newRow("no items") << QByteArray(R"({"total":1})") << bad << "'items' is missing";
        QTest::newRow("items not array")
            << QByteArray(R"({"total":1,"items":{}})") << bad << "'items' is not an array";
        QTest::newRow("no total") << QByteArray(R"({"items":[]})") << bad << "'total' is missing";
        QTest::newRow("total string")
            << QByteArray(R"({"total":"9","items":[]})") << bad << "'total' is not a number";
        QTest::newRow("nextPage backwards") << QByteArray(R"({"total":9,"page":3,"nextPage":2,"items":[]})")
                                            << bad << "'nextPage' (2) does not come after 'page' (3)";
        QTest::newRow("item not object") << cameraPage("42") << bad << "camera #1 is a number, not an object";
        QTest::newRow("lon string") << cameraPage(R"({"id":"cam17","name":"x","lon":"120.1","lat":30})")
                                    << bad << "camera cam17: 'lon' is not a number";
        QTest::newRow("lon out of range") << cameraPage(R"({"id":"cam17","name":"x","lon":200,"lat":30})")
                                          << bad << "camera cam17: 'lon' is 200, outside -180..180";
        QTest::newRow("lat without lon") << cameraPage(R"({"id":"cam17","name":"x","lat":30})") << bad
                                         << "camera cam17: has 'lat' but no 'lon'";
        QTest::newRow("no id") << cameraPage(R"({"name":"x"})") << bad << "camera #1: 'id' is missing";
        QTest::newRow("id object") << cameraPage(R"({"id":{},"name":"x"})") << bad
                                   << "camera #1: 'id' is not a string (an object)";
        QTest::newRow("id fraction") << cameraPage(R"({"id":1.5,"name":"x"})") << bad
                                     << "'id' is not an integer or a string";
        QTest::newRow("empty name") << cameraPage(R"({"id":"a","name":""})") << bad
                                    << "camera a: 'name' is empty";
        QTest::newRow("name number") << cameraPage(R"({"id":"a","name":5})") << bad
                                     << "camera a: 'name' is not a string";
        QTest::newRow("ptz string") << cameraPage(R"({"id":"a","name":"x","ptz":"yes"})") << bad
                                    << "camera a: 'ptz' is not true or false";
        QTest::newRow("datum unknown")
            << cameraPage(R"({"id":"a","name":"x","datum":"bd09"})") << bad << "'datum' is \"bd09\"";
        QTest::newRow("status unknown")
            << cameraPage(R"({"id":"a","name":"x","status":"broken"})") << bad << "'status' is \"broken\"";
        QTest::newRow("streams array") << cameraPage(R"({"id":"a","name":"x","streams":[]})") << bad
                                       << "camera a: 'streams' is not an object";
        QTest::newRow("stream not url")
            << cameraPage(R"({"id":"a","name":"x","streams":{"main":"not a url"}})") << bad
            << "camera a streams: 'main' is not a URL";
        QTest::newRow("stream without host")
            << cameraPage("{\"id\":\"a\",\"name\":\"x\",\"streams\":{\"sub\":\"rtsp:///ch1\"}}") << bad
            << "camera a streams: 'sub' is not a URL";
        QTest::newRow("stream with a space")
            << cameraPage("{\"id\":\"a\",\"name\":\"x\",\"streams\":{\"main\":\"rtsp://10.0.0.5/ch 1\"}}")
            << bad << "camera a streams: 'main' is not a URL";
        QTest::newRow("stream bad scheme")
            << cameraPage("{\"id\":\"a\",\"name\":\"x\",\"streams\":{\"main\":\"1tsp://10.0.0.5/\"}}") << bad
            << "'main' is not a URL";
        QTest::newRow("second item bad")
            << QByteArray(R"({"total":2,"items":[{"id":"a","name":"x"},{"id":"b","name":"y","fov":"wide"}]})")
            << bad << "camera b: 'fov' is not a number";
    }

    void badCameraPage()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, code);
        QFETCH(QString, message);
        const auto r = parseCameraPage(body);
        QVERIFY(!r.ok());
        QCOMPARE(int(r.error.code), code);
        QVERIFY2(r.error.message.contains(message), qPrintable(r.error.message));
        QVERIFY(r.value.items.isEmpty()); // no half list
    }

    void oversize()
    {
        // Refused by size before parsing (a 200 MB answer must not be parsed at all).
        const QByteArray body = cameraPage(kGoodCamera);
        const auto r = parseCameraPage(body, body.size() - 1);
        QCOMPARE(int(r.error.code), int(ErrorCode::TooLarge));
        QVERIFY2(r.error.message.contains(QStringLiteral("more than")), qPrintable(r.error.message));
        QVERIFY(parseCameraPage(body, body.size()).ok());
        QCOMPARE(int(parseRegions(QByteArray(100, ' '), 10).error.code), int(ErrorCode::TooLarge));
    }

    void regions_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("error"); // empty = good
        QTest::newRow("good") << QByteArray(
                                     R"({"items":[{"id":"county","name":"德清县","parentId":null},)"
                                     R"({"id":"t1","name":"武康街道","nameEn":"Wukang","parentId":"county"},)"
                                     R"({"id":7,"name":"东桥村","parentId":"t1"}]})")
                              << QString();
        QTest::newRow("duplicate id")
            << QByteArray(R"({"items":[{"id":"a","name":"x"},{"id":"a","name":"y"}]})")
            << "region a: the id appears twice";
        QTest::newRow("no name") << QByteArray(R"({"items":[{"id":"a"}]})") << "region a: 'name' is missing";
        QTest::newRow("parent object") << QByteArray(R"({"items":[{"id":"a","name":"x","parentId":{}}]})")
                                       << "region a: 'parentId' is not a string";
        QTest::newRow("not json") << QByteArray("{items:[]}") << "not valid JSON";
    }

    void regions()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, error);
        const auto r = parseRegions(body);
        if (error.isEmpty()) {
            QVERIFY2(r.ok(), qPrintable(r.error.message));
            QCOMPARE(r.value.size(), 3);
            QCOMPARE(r.value[2].id, QStringLiteral("7"));
            const RegionPaths paths(r.value);
            QCOMPARE(paths.path(QStringLiteral("7")), QStringLiteral("德清县 / 武康街道 / 东桥村"));
            QCOMPARE(paths.path(QStringLiteral("county")), QStringLiteral("德清县"));
            QCOMPARE(paths.path(QStringLiteral("nope")), QString());
        } else {
            QVERIFY(!r.ok());
            QCOMPARE(int(r.error.code), int(ErrorCode::BadResponse));
            QVERIFY2(r.error.message.contains(error), qPrintable(r.error.message));
        }
    }

    void regionPathsSurviveCycles()
    {
        const QList<Region> tree{{QStringLiteral("a"), QStringLiteral("A"), {}, QStringLiteral("b")},
                                 {QStringLiteral("b"), QStringLiteral("B"), {}, QStringLiteral("a")}};
        const RegionPaths paths(tree);
        QCOMPARE(paths.path(QStringLiteral("a")), QStringLiteral("B / A"));
    }

    void tokens_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("error");
        QTest::newRow("good") << QByteArray(R"({"accessToken":"abc","refreshToken":"r","expiresIn":3600})")
                              << QString();
        QTest::newRow("no token") << QByteArray(R"({"expiresIn":3600})") << "'accessToken' is missing";
        QTest::newRow("token number")
            << QByteArray(R"({"accessToken":5})") << "'accessToken' is not a string";
        QTest::newRow("negative expiry")
            << QByteArray(R"({"accessToken":"a","expiresIn":-1})") << "'expiresIn' is -1";
    }

    void tokens()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, error);
        const auto r = parseTokens(body);
        if (error.isEmpty()) {
            QVERIFY2(r.ok(), qPrintable(r.error.message));
            QCOMPARE(r.value.accessToken, QStringLiteral("abc"));
            QCOMPARE(r.value.refreshToken, QStringLiteral("r"));
            QCOMPARE(r.value.expiresInSeconds, 3600);
        } else {
            QVERIFY(!r.ok());
            QVERIFY2(r.error.message.contains(error), qPrintable(r.error.message));
        }
    }

    void liveUrl_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("error");
        QTest::newRow("good")
            << QByteArray("{\"url\":\"rtsp://10.0.0.5/live\",\"expiresAt\":\"2026-12-06T10:00:00Z\"}")
            << QString();
        QTest::newRow("no url") << QByteArray(R"({"expiresAt":"2026-12-06T10:00:00Z"})")
                                << "'url' is missing";
        QTest::newRow("bad url") << QByteArray(R"({"url":"::"})") << "'url' is not a URL";
        QTest::newRow("bad time") << QByteArray("{\"url\":\"rtsp://a/b\",\"expiresAt\":\"tomorrow\"}")
                                  << "'expiresAt' is not an ISO 8601 time";
    }

    void liveUrl()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, error);
        const auto r = parseLiveUrl(body);
        if (error.isEmpty()) {
            QVERIFY2(r.ok(), qPrintable(r.error.message));
            QCOMPARE(r.value.url, QUrl(QStringLiteral("rtsp://10.0.0.5/live")));
            QCOMPARE(r.value.expiresAt, QDateTime(QDate(2026, 12, 6), QTime(10, 0), Qt::UTC));
        } else {
            QVERIFY(!r.ok());
            QVERIFY2(r.error.message.contains(error), qPrintable(r.error.message));
        }
    }

    void units()
    {
        const auto good =
            parseUnits(R"({"items":[{"id":"u1","callSign":"Patrol 1","lon":120,"lat":30,)"
                       R"("heading":90,"speed":12.5,"status":"busy","time":"2026-12-06T10:00:00.250Z"}]})");
        QVERIFY2(good.ok(), qPrintable(good.error.message));
        QCOMPARE(good.value.size(), 1);
        QCOMPARE(good.value[0].callSign, QStringLiteral("Patrol 1"));
        QCOMPARE(good.value[0].speedMps, 12.5);
        QCOMPARE(good.value[0].time.time().msec(), 250);
        const auto noLat = parseUnits(R"({"items":[{"id":"u1","lon":120}]})");
        QVERIFY(!noLat.ok());
        QVERIFY2(noLat.error.message.contains(QStringLiteral("unit u1: 'lat' is missing")),
                 qPrintable(noLat.error.message));
    }

    void recordings()
    {
        // Out of order on the wire, oldest first on return; url and sizeBytes optional.
        const auto good = parseRecordings(
            R"({"items":[{"start":"2026-12-06T10:01:00Z","end":"2026-12-06T10:02:00Z","kind":"motion"},)"
            R"({"start":"2026-12-06T10:00:00.500Z","end":"2026-12-06T10:01:00Z","sizeBytes":1500000,)"
            "\"url\":\"http://10.0.0.9/media/cam1/a.mkv\"}]}"); // not raw: moc reads // in a raw string as a
                                                                // comment
        QVERIFY2(good.ok(), qPrintable(good.error.message));
        QCOMPARE(good.value.size(), 2);
        QCOMPARE(good.value[0].start, QDateTime(QDate(2026, 12, 6), QTime(10, 0, 0, 500), Qt::UTC));
        QCOMPARE(good.value[0].sizeBytes, 1500000);
        QCOMPARE(good.value[0].url, QUrl(QStringLiteral("http://10.0.0.9/media/cam1/a.mkv")));
        QCOMPARE(good.value[1].kind, QStringLiteral("motion"));
        QCOMPARE(good.value[1].sizeBytes, -1);
        QVERIFY(good.value[1].url.isEmpty());

        const auto backwards =
            parseRecordings(R"({"items":[{"start":"2026-12-06T10:02:00Z","end":"2026-12-06T10:01:00Z"}]})");
        QVERIFY(!backwards.ok());
        QVERIFY2(backwards.error.message.contains(QStringLiteral("ends before it starts")),
                 qPrintable(backwards.error.message));
        QVERIFY(backwards.value.isEmpty());
        const auto noEnd = parseRecordings(R"({"items":[{"start":"2026-12-06T10:02:00Z"}]})");
        QVERIFY(!noEnd.ok());
        QVERIFY2(noEnd.error.message.contains(QStringLiteral("'end' is missing")),
                 qPrintable(noEnd.error.message));
        QVERIFY(!parseRecordings(R"({"items":{}})").ok());
        QVERIFY(parseRecordings(R"({"items":[]})").ok());
    }

    void pushMessages_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("type"); // -1 = error
        QTest::newRow("subscribed") << QByteArray(R"({"type":"subscribed","topics":["units","alarms"]})")
                                    << int(PushMessage::Type::Subscribed);
        QTest::newRow("units") << QByteArray(R"({"type":"units","items":[{"id":"u1","lon":120,"lat":30}]})")
                               << int(PushMessage::Type::Units);
        QTest::newRow("alarm")
            << QByteArray(
                   R"({"type":"alarm","alarm":{"id":"a1","cameraId":"cam01","kind":"motion","time":"2026-12-06T10:00:00Z"}})")
            << int(PushMessage::Type::Alarm);
        QTest::newRow("future type") << QByteArray(R"({"type":"weather","x":1})")
                                     << int(PushMessage::Type::Other);
        QTest::newRow("no type") << QByteArray(R"({"items":[]})") << -1;
        QTest::newRow("units bad item")
            << QByteArray(R"({"type":"units","items":[{"id":"u1","lon":"x","lat":30}]})") << -1;
        QTest::newRow("alarm no time")
            << QByteArray(R"({"type":"alarm","alarm":{"id":"a1","kind":"motion"}})") << -1;
        QTest::newRow("topics not strings") << QByteArray(R"({"type":"subscribed","topics":[1]})") << -1;
    }

    void pushMessages()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, type);
        const auto r = parsePushMessage(body);
        if (type < 0) {
            QVERIFY(!r.ok());
            QVERIFY(!r.error.message.isEmpty());
        } else {
            QVERIFY2(r.ok(), qPrintable(r.error.message));
            QCOMPARE(int(r.value.type), type);
        }
    }

    void errorBody()
    {
        QString code, message;
        QVERIFY(parseErrorBody(R"({"error":{"code":"token_expired","message":"log in again"}})", &code,
                               &message));
        QCOMPARE(code, QStringLiteral("token_expired"));
        QCOMPARE(message, QStringLiteral("log in again"));
        QString c2, m2;
        QVERIFY(!parseErrorBody("<html>401</html>", &c2, &m2));
        QVERIFY(!parseErrorBody(R"({"error":"nope"})", &c2, &m2));
        QVERIFY(c2.isEmpty() && m2.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstOursParsers)
#include "tst_ours_parsers.moc"
