#pragma once
// The kiosk PIN as it is kept in settings.json: never the PIN, only a salted PBKDF2-HMAC-SHA256 of it,
//   "pbkdf2-sha256$<iterations>$<salt, base64>$<derived key, base64>"
// (the shape of passlib's and Django's strings, so the format says how to check it). OpenSSL's
// PKCS5_PBKDF2_HMAC does the work: OpenSSL is already linked for TLS (network/), and PBKDF2 with a random
// 16-byte salt and 600 000 iterations (OWASP's figure for SHA-256) costs an attacker who copies the file
// about half a second per guess; a short numeric PIN still has few guesses, which is why the PIN pad adds a
// growing delay after failures (core::SecretThrottle in kiosk_lock.h). Comparing uses CRYPTO_memcmp (constant
// time). Pure functions; any thread. Hashing with the default iterations takes ~0.5 s: never on the GUI
// thread.
#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <optional>

namespace vigil::app {

inline constexpr int kKioskPinIterations = 600000;
inline constexpr int kKioskPinMinIterations = 1000; // a stored string below this is refused as damaged
inline constexpr int kKioskPinSaltBytes = 16;
inline constexpr int kKioskPinKeyBytes = 32;
inline constexpr int kKioskPinMinLength = 4;
inline constexpr int kKioskPinMaxLength = 12;

struct KioskPinRecord
{
    int iterations = 0;
    QByteArray salt;
    QByteArray key;
};

// Empty when `pin` is acceptable (4..12 digits), else the reason, as a sentence for the person setting it.
QString kioskPinProblem(const QString &pin);

// A new stored string for `pin` with a fresh random salt. Empty (and *why set) when OpenSSL fails.
QString hashKioskPin(const QString &pin, int iterations = kKioskPinIterations, QString *why = nullptr);

// Parses a stored string; nullopt (and *why: what is wrong with it) for anything else.
std::optional<KioskPinRecord> parseKioskPinHash(const QString &stored, QString *why = nullptr);

// True when `pin` matches the stored string; false for a wrong PIN or a damaged string.
bool verifyKioskPin(const QString &pin, const QString &stored);

// Equal bytes, in a time that depends only on the length (CRYPTO_memcmp); different lengths are unequal.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

} // namespace vigil::app
