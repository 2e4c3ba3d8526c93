#include "vigil/app/kiosk_pin.h"

#include <QtCore/QStringList>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>

namespace vigil::app {

namespace {
const QLatin1String kScheme("pbkdf2-sha256");
constexpr int kMaxIterations = 100'000'000; // a stored string above this would hang the PIN pad

QString opensslError()
{
    const unsigned long code = ERR_get_error();
    char buffer[256] = {};
    ERR_error_string_n(code, buffer, sizeof buffer);
    return QString::fromLatin1(buffer);
}

std::optional<QByteArray> derive(const QString &pin, const QByteArray &salt, int iterations, QString *why)
{
    const QByteArray password = pin.toUtf8();
    QByteArray key(kKioskPinKeyBytes, Qt::Uninitialized);
    if (PKCS5_PBKDF2_HMAC(password.constData(), int(password.size()),
                          reinterpret_cast<const unsigned char *>(salt.constData()), int(salt.size()),
                          iterations, EVP_sha256(), int(key.size()),
                          reinterpret_cast<unsigned char *>(key.data())) != 1) {
        if (why)
            *why = QStringLiteral("PBKDF2 failed: %1").arg(opensslError());
        return std::nullopt;
    }
    return key;
}

QByteArray fromBase64Strict(const QString &text, bool *ok)
{
    const auto result =
        QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    *ok = bool(result) && !text.isEmpty();
    return *ok ? *result : QByteArray();
}
} // namespace

QString kioskPinProblem(const QString &pin)
{
    if (pin.size() < kKioskPinMinLength || pin.size() > kKioskPinMaxLength)
        return QStringLiteral("The PIN must have %1 to %2 digits.")
            .arg(kKioskPinMinLength)
            .arg(kKioskPinMaxLength);
    if (!std::all_of(pin.begin(), pin.end(),
                     [](QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); }))
        return QStringLiteral("The PIN must have digits only (0-9): the kiosk PIN pad has no letters.");
    return {};
}

QString hashKioskPin(const QString &pin, int iterations, QString *why)
{
    QByteArray salt(kKioskPinSaltBytes, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(salt.data()), int(salt.size())) != 1) {
        if (why)
            *why = QStringLiteral("no random salt: %1").arg(opensslError());
        return {};
    }
    const auto key = derive(pin, salt, iterations, why);
    if (!key)
        return {};
    return QStringLiteral("%1$%2$%3$%4")
        .arg(kScheme)
        .arg(iterations)
        .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(key->toBase64()));
}

std::optional<KioskPinRecord> parseKioskPinHash(const QString &stored, QString *why)
{
    auto fail = [why](const QString &text) {
        if (why)
            *why = text;
        return std::nullopt;
    };
    if (stored.isEmpty())
        return fail(QStringLiteral("no kiosk PIN is set"));
    const QStringList parts = stored.split(QLatin1Char('$'));
    if (parts.size() != 4)
        return fail(QStringLiteral("the kiosk PIN hash should have 4 parts separated by '$', it has %1")
                        .arg(parts.size()));
    if (parts.at(0) != kScheme)
        return fail(
            QStringLiteral("unknown kiosk PIN hash scheme '%1' (expected %2)").arg(parts.at(0), kScheme));
    KioskPinRecord r;
    bool ok = false;
    r.iterations = parts.at(1).toInt(&ok);
    if (!ok || r.iterations < kKioskPinMinIterations || r.iterations > kMaxIterations)
        return fail(QStringLiteral("the kiosk PIN hash has a bad iteration count '%1'").arg(parts.at(1)));
    r.salt = fromBase64Strict(parts.at(2), &ok);
    if (!ok || r.salt.size() < 8)
        return fail(QStringLiteral("the kiosk PIN hash has a bad salt"));
    r.key = fromBase64Strict(parts.at(3), &ok);
    if (!ok || r.key.size() != kKioskPinKeyBytes)
        return fail(
            QStringLiteral("the kiosk PIN hash has a bad key (expected %1 bytes)").arg(kKioskPinKeyBytes));
    return r;
}

bool verifyKioskPin(const QString &pin, const QString &stored)
{
    const auto record = parseKioskPinHash(stored);
    if (!record)
        return false;
    const auto key = derive(pin, record->salt, record->iterations, nullptr);
    return key && constantTimeEquals(*key, record->key);
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false; // the lengths are public (the stored key is always 32 bytes)
    return a.isEmpty() || CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

} // namespace vigil::app
