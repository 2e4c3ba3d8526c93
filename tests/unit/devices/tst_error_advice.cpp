// adviceForError(): each kind of failed device test maps to the sentence that tells the operator what to do
// (the Add-devices dialog shows it under the probe's own sentence); no error, no advice; and every sentence
// reaches a Chinese operator in Chinese (the translation context lupdate saw is the one used at run time).
#include "vigil/devices/error_advice.h"

#include <QtCore/QScopeGuard>
#include <QtCore/QTranslator>
#include <QtTest/QtTest>

using namespace vigil;
using onvif::ErrorCode;

Q_DECLARE_METATYPE(onvif::ErrorCode)

namespace {
const QList<ErrorCode> kErrors{ErrorCode::Unreachable, ErrorCode::Timeout,          ErrorCode::NotOnvif,
                               ErrorCode::BadResponse, ErrorCode::WrongCredentials, ErrorCode::ClockSkew,
                               ErrorCode::Unsupported, ErrorCode::DeviceFault};
}

class TstErrorAdvice : public QObject
{
    Q_OBJECT

private slots:
    void advice_data()
    {
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("startsWith");
        QTest::newRow("none") << ErrorCode::None << QString();
        QTest::newRow("wrong-credentials")
            << ErrorCode::WrongCredentials << QStringLiteral("Check the user name and password.");
        QTest::newRow("clock-skew") << ErrorCode::ClockSkew << QStringLiteral("Set the camera's clock");
        QTest::newRow("unreachable") << ErrorCode::Unreachable
                                     << QStringLiteral("Check the address and port");
        QTest::newRow("timeout") << ErrorCode::Timeout
                                 << QStringLiteral("The camera is slow or the network is busy");
        QTest::newRow("not-onvif") << ErrorCode::NotOnvif << QStringLiteral("Turn ONVIF on");
        // No advice of their own: the device's ONVIF support is lacking.
        QTest::newRow("bad-response")
            << ErrorCode::BadResponse << QStringLiteral("The camera's ONVIF support is incomplete");
        QTest::newRow("unsupported") << ErrorCode::Unsupported
                                     << QStringLiteral("The camera's ONVIF support is incomplete");
        QTest::newRow("device-fault")
            << ErrorCode::DeviceFault << QStringLiteral("The camera's ONVIF support is incomplete");
    }
    void advice()
    {
        QFETCH(ErrorCode, code);
        QFETCH(QString, startsWith);
        const QString advice = devices::adviceForError(code);
        if (startsWith.isEmpty())
            QVERIFY2(advice.isEmpty(), qPrintable(advice));
        else
            QVERIFY2(advice.startsWith(startsWith), qPrintable(advice));
    }

    // The kinds with advice of their own each say something different (a copy-paste would not show in the
    // table above, which only reads the start).
    void distinctAdvice()
    {
        QSet<QString> seen;
        for (ErrorCode code : kErrors)
            seen.insert(devices::adviceForError(code));
        QCOMPARE(seen.size(), 6); // five kinds of their own + the shared "incomplete support"
    }

#ifdef VIGIL_HAVE_TRANSLATIONS
    void inChinese()
    {
        QTranslator chinese;
        QVERIFY(chinese.load(QStringLiteral(":/i18n/vigil_zh_CN.qm")));
        QVERIFY(QCoreApplication::installTranslator(&chinese));
        auto remove = qScopeGuard([&chinese] { QCoreApplication::removeTranslator(&chinese); });
        QVERIFY(devices::adviceForError(ErrorCode::None).isEmpty());
        QVERIFY2(devices::adviceForError(ErrorCode::WrongCredentials)
                     .startsWith(QStringLiteral("请检查用户名和密码")),
                 qPrintable(devices::adviceForError(ErrorCode::WrongCredentials)));
        static const QRegularExpression latinWord(QStringLiteral("\\b(the|and|camera|check)\\b"),
                                                  QRegularExpression::CaseInsensitiveOption);
        for (ErrorCode code : kErrors) {
            const QString advice = devices::adviceForError(code);
            QVERIFY2(!advice.isEmpty() && !advice.contains(latinWord),
                     qPrintable(onvif::toString(code) + QStringLiteral(": ") + advice));
        }
    }
#endif
};

QTEST_GUILESS_MAIN(TstErrorAdvice)
#include "tst_error_advice.moc"
