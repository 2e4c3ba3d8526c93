// The kiosk PIN hash (kiosk_pin.h): salted (the same PIN twice gives two strings), verified right and wrong,
// compared in constant time (CRYPTO_memcmp: checked for its answers; its timing is OpenSSL's promise), and
// every damaged stored string refused with a reason instead of being trusted. Also the PIN rules and the
// growing wait after wrong PINs.
#include "vigil/app/kiosk_pin.h"

#include <QtTest/QtTest>

using namespace vigil::app;

namespace {
constexpr int kFast = 1000; // iterations for the tests (the format and the checks do not depend on them)
}

class TstKioskPin : public QObject
{
    Q_OBJECT
private slots:
    void hashIsSaltedAndVerifies()
    {
        QString why;
        const QString a = hashKioskPin(QStringLiteral("2468"), kFast, &why);
        const QString b = hashKioskPin(QStringLiteral("2468"), kFast, &why);
        QVERIFY2(!a.isEmpty() && !b.isEmpty(), qPrintable(why));
        QVERIFY(a != b); // a fresh salt each time
        QVERIFY(!a.contains(QStringLiteral("2468")));
        QVERIFY(a.startsWith(QStringLiteral("pbkdf2-sha256$1000$")));
        const auto ra = parseKioskPinHash(a, &why);
        const auto rb = parseKioskPinHash(b, &why);
        QVERIFY2(ra && rb, qPrintable(why));
        QCOMPARE(ra->salt.size(), kKioskPinSaltBytes);
        QCOMPARE(ra->key.size(), kKioskPinKeyBytes);
        QVERIFY(ra->salt != rb->salt);
        QVERIFY(ra->key != rb->key);

        QVERIFY(verifyKioskPin(QStringLiteral("2468"), a));
        QVERIFY(verifyKioskPin(QStringLiteral("2468"), b));
        QVERIFY(!verifyKioskPin(QStringLiteral("2469"), a));
        QVERIFY(!verifyKioskPin(QStringLiteral("24680"), a));
        QVERIFY(!verifyKioskPin(QStringLiteral("246"), a));
        QVERIFY(!verifyKioskPin(QString(), a));
    }

    void knownVector()
    {
        // The published PBKDF2-HMAC-SHA256 vector (P = "passwordPASSWORDpassword", S =
        // "saltSALTsaltSALTsaltSALTsaltSALTsalt", c = 4096, first 32 bytes; also `openssl kdf ... PBKDF2`):
        // a stored string built from it by hand verifies — the format is what it says it is.
        const QString vector =
            QStringLiteral("pbkdf2-sha256$4096$c2FsdFNBTFRzYWx0U0FMVHNhbHRTQUxUc2FsdFNBTFRzYWx0$"
                           "NIyJ28vTKy8y2BS4EW6EzysXNH68GAAYHE4qH7jdU+E=");
        QVERIFY(verifyKioskPin(QStringLiteral("passwordPASSWORDpassword"), vector));
        QVERIFY(!verifyKioskPin(QStringLiteral("passwordPASSWORDpassworD"), vector));

        // One bit of a stored key changed, or another iteration count: the right PIN no longer matches.
        const QString good = hashKioskPin(QStringLiteral("13579"), kFast);
        auto r = parseKioskPinHash(good);
        QVERIFY(r);
        QByteArray key = r->key;
        key[0] = char(key[0] ^ 1); // one bit of the stored key changed
        const QString forged =
            QStringLiteral("pbkdf2-sha256$%1$%2$%3")
                .arg(r->iterations)
                .arg(QString::fromLatin1(r->salt.toBase64()), QString::fromLatin1(key.toBase64()));
        QVERIFY(parseKioskPinHash(forged));
        QVERIFY(!verifyKioskPin(QStringLiteral("13579"), forged));
        // Same salt, other iteration count: another key, so the PIN no longer matches.
        const QString otherCount =
            QStringLiteral("pbkdf2-sha256$%1$%2$%3")
                .arg(r->iterations + 1)
                .arg(QString::fromLatin1(r->salt.toBase64()), QString::fromLatin1(r->key.toBase64()));
        QVERIFY(!verifyKioskPin(QStringLiteral("13579"), otherCount));
    }

    void constantTimeCompare_data()
    {
        QTest::addColumn<QByteArray>("a");
        QTest::addColumn<QByteArray>("b");
        QTest::addColumn<bool>("equal");
        QTest::newRow("same") << QByteArray("0123456789abcdef") << QByteArray("0123456789abcdef") << true;
        QTest::newRow("first byte") << QByteArray("x123456789abcdef") << QByteArray("0123456789abcdef")
                                    << false;
        QTest::newRow("last byte") << QByteArray("0123456789abcdeX") << QByteArray("0123456789abcdef")
                                   << false;
        QTest::newRow("prefix") << QByteArray("0123") << QByteArray("0123456789abcdef") << false;
        QTest::newRow("both empty") << QByteArray() << QByteArray() << true;
        QTest::newRow("one empty") << QByteArray() << QByteArray("a") << false;
        QTest::newRow("embedded zero") << QByteArray("a\0b", 3) << QByteArray("a\0c", 3) << false;
    }
    void constantTimeCompare()
    {
        QFETCH(QByteArray, a);
        QFETCH(QByteArray, b);
        QFETCH(bool, equal);
        QCOMPARE(constantTimeEquals(a, b), equal);
        QCOMPARE(constantTimeEquals(b, a), equal);
    }

    void damagedStoredStringsAreRefused_data()
    {
        const QString salt = QString::fromLatin1(QByteArray(16, 's').toBase64());
        const QString key = QString::fromLatin1(QByteArray(32, 'k').toBase64());
        QTest::addColumn<QString>("stored");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << QString() << "no kiosk PIN is set";
        QTest::newRow("plain PIN") << "1234"
                                   << "4 parts";
        QTest::newRow("three parts") << "pbkdf2-sha256$1000$" + salt << "4 parts";
        QTest::newRow("five parts") << "pbkdf2-sha256$1000$" + salt + "$" + key + "$x"
                                    << "4 parts";
        QTest::newRow("other scheme") << "bcrypt$1000$" + salt + "$" + key << "unknown kiosk PIN hash scheme";
        QTest::newRow("sha1") << "pbkdf2-sha1$1000$" + salt + "$" + key << "unknown kiosk PIN hash scheme";
        QTest::newRow("iterations not a number")
            << "pbkdf2-sha256$many$" + salt + "$" + key << "iteration count";
        QTest::newRow("iterations too few") << "pbkdf2-sha256$10$" + salt + "$" + key << "iteration count";
        QTest::newRow("iterations negative")
            << "pbkdf2-sha256$-5000$" + salt + "$" + key << "iteration count";
        QTest::newRow("iterations huge")
            << "pbkdf2-sha256$2000000000$" + salt + "$" + key << "iteration count";
        QTest::newRow("salt not base64") << "pbkdf2-sha256$1000$not*base64!$" + key << "bad salt";
        QTest::newRow("salt empty") << "pbkdf2-sha256$1000$$" + key << "bad salt";
        QTest::newRow("salt short") << "pbkdf2-sha256$1000$YWJj$" + key << "bad salt";
        QTest::newRow("key short") << "pbkdf2-sha256$1000$" + salt + "$" +
                                          QString::fromLatin1(QByteArray(16, 'k').toBase64())
                                   << "bad key";
        QTest::newRow("key not base64") << "pbkdf2-sha256$1000$" + salt + "$%%%%"
                                        << "bad key";
    }
    void damagedStoredStringsAreRefused()
    {
        QFETCH(QString, stored);
        QFETCH(QString, reason);
        QString why;
        QVERIFY(!parseKioskPinHash(stored, &why));
        QVERIFY2(why.contains(reason), qPrintable(why));
        QVERIFY(!verifyKioskPin(QStringLiteral("1234"), stored)); // never trusted, never a match
    }

    void pinRules_data()
    {
        QTest::addColumn<QString>("pin");
        QTest::addColumn<bool>("ok");
        QTest::newRow("4 digits") << "0000" << true;
        QTest::newRow("12 digits") << "123456789012" << true;
        QTest::newRow("3 digits") << "123" << false;
        QTest::newRow("13 digits") << "1234567890123" << false;
        QTest::newRow("letters") << "12ab" << false;
        QTest::newRow("space") << "12 34" << false;
        QTest::newRow("full-width digits") << QStringLiteral("１２３４") << false;
        QTest::newRow("empty") << "" << false;
    }
    void pinRules()
    {
        QFETCH(QString, pin);
        QFETCH(bool, ok);
        QCOMPARE(kioskPinProblem(pin).isEmpty(), ok);
    }

    void defaultIterationsAreStrong()
    {
        // The real thing, once: the default count, and it verifies.
        const QString stored = hashKioskPin(QStringLiteral("80808080"));
        QVERIFY(stored.startsWith(QStringLiteral("pbkdf2-sha256$600000$")));
        QVERIFY(verifyKioskPin(QStringLiteral("80808080"), stored));
    }
};

QTEST_GUILESS_MAIN(TstKioskPin)
#include "tst_kiosk_pin.moc"
