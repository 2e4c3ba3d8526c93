#pragma once
// The single SOAP 1.2 layer: namespaces, envelopes, WS-Security UsernameToken, and decoding of answers
// (faults included) into typed errors with sentences that say what to do. Thread: pure functions, any thread.
#include "vigil/onvif/xml.h"

#include <QtCore/QByteArray>
#include <QtCore/QDateTime>
#include <QtCore/QString>

#include <optional>

namespace vigil::onvif {

namespace ns {
inline constexpr QStringView kSoap12 = u"http://www.w3.org/2003/05/soap-envelope";
inline constexpr QStringView kSoap11 = u"http://schemas.xmlsoap.org/soap/envelope/";
inline constexpr QStringView kDevice = u"http://www.onvif.org/ver10/device/wsdl";
inline constexpr QStringView kMedia = u"http://www.onvif.org/ver10/media/wsdl";
inline constexpr QStringView kMedia2 = u"http://www.onvif.org/ver20/media/wsdl";
inline constexpr QStringView kPtz = u"http://www.onvif.org/ver20/ptz/wsdl";
inline constexpr QStringView kEvents = u"http://www.onvif.org/ver10/events/wsdl";
inline constexpr QStringView kImaging = u"http://www.onvif.org/ver20/imaging/wsdl";
inline constexpr QStringView kRecording = u"http://www.onvif.org/ver10/recording/wsdl";
inline constexpr QStringView kSearch = u"http://www.onvif.org/ver10/search/wsdl";
inline constexpr QStringView kReplay = u"http://www.onvif.org/ver10/replay/wsdl";
inline constexpr QStringView kSchema = u"http://www.onvif.org/ver10/schema";
inline constexpr QStringView kError = u"http://www.onvif.org/ver10/error";
inline constexpr QStringView kWsse =
    u"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
inline constexpr QStringView kWsu =
    u"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
inline constexpr QStringView kWsnt = u"http://docs.oasis-open.org/wsn/b-2";
inline constexpr QStringView kWsa = u"http://www.w3.org/2005/08/addressing";
inline constexpr QStringView kDiscovery = u"http://schemas.xmlsoap.org/ws/2005/04/discovery";
inline constexpr QStringView kWsa2004 = u"http://schemas.xmlsoap.org/ws/2004/08/addressing";
inline constexpr QStringView kNetwork = u"http://www.onvif.org/ver10/network/wsdl";
} // namespace ns

// What went wrong, told apart so the UI can say what to do. Category follows STYLE.md's ErrorCategory.
enum class ErrorCode
{
    None,
    Unreachable,      // no TCP connection (address, port, firewall, device off)
    Timeout,          // connected but no (complete) answer in time
    NotOnvif,         // answered, but not with SOAP/ONVIF (web page, 404, other service)
    BadResponse,      // SOAP-ish but malformed, truncated or missing the expected element
    WrongCredentials, // NotAuthorized fault or HTTP 401 after every auth scheme we know
    ClockSkew,        // refused our login while its clock is far from ours
    Unsupported,      // the device does not implement the operation/service
    DeviceFault,      // any other SOAP fault: its own text is shown
};

enum class ErrorCategory
{
    Transient,
    Fatal,
    Auth,
    Unsupported
};

struct Error
{
    ErrorCode code = ErrorCode::None;
    QString message; // user-facing sentence (what failed and what to do); never contains a password
    QString subcode; // fault subcode local name(s), "Sender/NotAuthorized" etc.
    int httpStatus = 0;

    bool isError() const { return code != ErrorCode::None; }
    ErrorCategory category() const;
};

QString toString(ErrorCode code); // "wrong-credentials", ... stable, for JSON

template<typename T> struct Result
{
    T value{};
    Error error;
    bool ok() const { return !error.isError(); }
    static Result fail(Error e)
    {
        Result r;
        r.error = std::move(e);
        return r;
    }
};

struct UsernameToken
{
    QString user;
    QByteArray nonce; // raw bytes (16 random bytes)
    QString created;  // xs:dateTime in UTC, "2010-09-16T07:50:45Z"
    QString digest;   // base64(SHA-1(nonce + created + password))
};

// base64(SHA-1(nonce + created + password)), WS-Security UsernameToken Profile 1.0 §3.1 (PasswordDigest).
QString passwordDigest(const QByteArray &nonce, const QString &created, const QString &password);
// A token for "now" on the device's clock (local UTC + offsetMs), with a fresh random nonce.
UsernameToken makeUsernameToken(const QString &user, const QString &password, qint64 deviceClockOffsetMs);
QString formatSoapTime(const QDateTime &utc);

// A SOAP 1.2 envelope around `body` (one or more complete elements carrying their own xmlns). With a token, a
// wsse:Security header carries the UsernameToken. Extra header XML (WS-Addressing for events) may be given.
QByteArray buildEnvelope(const QByteArray &body, const std::optional<UsernameToken> &token = std::nullopt,
                         const QByteArray &extraHeader = {});

// Escapes text for element content and attribute values.
QByteArray xmlEscape(const QString &text);

// Decodes a SOAP answer. On success returns the Body element (its children are the response elements). A
// fault, HTML, malformed or truncated XML, or a non-SOAP document becomes an Error. `httpStatus` 0 = unknown.
// `what` names the operation for messages ("GetProfiles").
Result<XmlElement> decodeSoap(const QByteArray &payload, int httpStatus, const QString &what);

// The first child of `body` that is `localName` in namespace `nsUri`; a BadResponse/NotOnvif error otherwise
// (a response in an unknown namespace is reported, not guessed at).
Result<const XmlElement *> responseElement(const XmlElement &body, QStringView nsUri, QStringView localName,
                                           const QString &what);

} // namespace vigil::onvif
