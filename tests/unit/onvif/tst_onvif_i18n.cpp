// The ONVIF client's error sentences reach a Chinese operator in Chinese: with the real zh_CN translator
// (:/i18n/vigil_zh_CN.qm, what app/main.cpp installs) a wrong password, a clock far off and an unreachable
// address against the loopback ONVIF device come back in Chinese, with the device's own fault text kept
// verbatim; without a translator (vigilctl) the very same calls give the documented English sentences.
// The client runs on worker threads in the app (the Add-devices dialog): one case runs it on a std::thread.
#include "loopback_device.h"
#include "vigil/onvif/client.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QTranslator>
#include <QtNetwork/QTcpServer>
#include <QtTest/QtTest>

#include <thread>

using namespace vigil::onvif;
using test::DeviceOptions;
using test::LoopbackDevice;

namespace {
constexpr auto kPassword = "Secr3t!";

bool hasChinese(const QString &s)
{
    for (QChar c : s) {
        if (c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff)
            return true;
    }
    return false;
}

DeviceOptions options()
{
    DeviceOptions o;
    o.password = QString::fromLatin1(kPassword);
    return o;
}

Error describeWith(const LoopbackDevice &d, const QString &password)
{
    OnvifClient c(d.deviceUrl(), QStringLiteral("admin"), password);
    return c.describe().error;
}

// A loopback port nobody listens on.
quint16 closedPort()
{
    QTcpServer s;
    if (!s.listen(QHostAddress::LocalHost))
        return 0;
    return s.serverPort(); // closed again when s goes out of scope
}
} // namespace

class TstOnvifI18n : public QObject
{
    Q_OBJECT

    QTranslator m_translator;

    bool installChinese()
    {
        return m_translator.load(QStringLiteral(":/i18n/vigil_zh_CN.qm")) &&
               QCoreApplication::installTranslator(&m_translator);
    }

private slots:
    void cleanup() { QCoreApplication::removeTranslator(&m_translator); }

    void wrongPasswordEnglishWithoutTranslator()
    {
        LoopbackDevice d(options());
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        const Error e = describeWith(d, QStringLiteral("not-it"));
        QCOMPARE(int(e.code), int(ErrorCode::WrongCredentials));
        // The device's NotAuthorized fault, decoded by soap.cpp (the English text tests and vigilctl rely
        // on).
        QCOMPARE(e.message,
                 QStringLiteral("The camera refused the user name or password (Sender not Authorized). "
                                "Check them, and that the user has ONVIF rights on the camera."));
    }

    void wrongPasswordChineseWithTranslator()
    {
        QVERIFY2(installChinese(), "vigil_zh_CN.qm is not embedded (link vigil_translations)");
        LoopbackDevice d(options());
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        const Error e = describeWith(d, QStringLiteral("not-it"));
        QCOMPARE(int(e.code), int(ErrorCode::WrongCredentials));
        QCOMPARE(int(e.category()), int(ErrorCategory::Auth));
        QVERIFY2(hasChinese(e.message), qPrintable(e.message));
        QVERIFY2(e.message.contains(QStringLiteral("用户名或密码错误")), qPrintable(e.message));
        // The device's own fault text stays as the device sent it; the password never shows.
        QVERIFY2(e.message.contains(QLatin1String("Sender not Authorized")), qPrintable(e.message));
        QVERIFY(!e.message.contains(QLatin1String("not-it")));

        // Back to English as soon as the translator is gone (nothing cached in the client).
        QCoreApplication::removeTranslator(&m_translator);
        const Error again = describeWith(d, QStringLiteral("not-it"));
        QVERIFY2(!hasChinese(again.message), qPrintable(again.message));
        QVERIFY2(again.message.startsWith(QLatin1String("The camera refused the user name or password")),
                 qPrintable(again.message));
    }

    // Error texts are built on the worker thread that runs the client (as in the Add-devices dialog).
    void wrongPasswordChineseOnWorkerThread()
    {
        QVERIFY(installChinese());
        LoopbackDevice d(options());
        QVERIFY(d.start());
        Error e;
        std::thread worker([&] { e = describeWith(d, QStringLiteral("not-it")); });
        worker.join();
        QCOMPARE(int(e.code), int(ErrorCode::WrongCredentials));
        QVERIFY2(e.message.contains(QStringLiteral("用户名或密码错误")), qPrintable(e.message));
    }

    // The clock-skew sentence: the offset, its unit and "ahead/behind" all come out in Chinese.
    void clockSkewChinese()
    {
        QVERIFY(installChinese());
        DeviceOptions o = options();
        o.clockOffsetMs = -3LL * 3600 * 1000;
        o.strictRealClock = true; // refuses our (compensated) login, as firmware with a hidden clock does
        LoopbackDevice d(o);
        QVERIFY(d.start());
        const Error e = describeWith(d, QString::fromLatin1(kPassword));
        QCOMPARE(int(e.code), int(ErrorCode::ClockSkew));
        QVERIFY2(e.message.contains(QStringLiteral("设备时钟比本机慢 3.0 小时")), qPrintable(e.message));
    }

    // Nothing listening: the ONVIF sentence and the HTTP client's text inside it are both Chinese.
    void unreachableChinese()
    {
        QVERIFY(installChinese());
        const quint16 port = closedPort();
        QVERIFY(port != 0);
        OnvifClient c(QUrl(QStringLiteral("http://127.0.0.1:%1/onvif/device_service").arg(port)),
                      QStringLiteral("admin"), QString::fromLatin1(kPassword));
        const Error e = c.describe().error;
        QCOMPARE(int(e.code), int(ErrorCode::Unreachable));
        QVERIFY2(e.message.startsWith(QStringLiteral("无法连接摄像机：无法连接到 127.0.0.1:%1：").arg(port)),
                 qPrintable(e.message));
    }
};

QTEST_GUILESS_MAIN(TstOnvifI18n)
#include "tst_onvif_i18n.moc"
