#pragma once
// A loopback ONVIF device for tests: a real HTTP/1.1 server (Boost.Beast) on 127.0.0.1, ephemeral port, that
// answers each SOAP operation with a chosen vendor's real capture (../shared/onvif-captures/<vendor>) and
// CHECKS what it receives: SOAP 1.2 envelope, WS-Security UsernameToken (digest recomputed here,
// independently of vigil_onvif, with nonce replay and Created-vs-device-clock checks) or HTTP Digest/Basic.
//
// The device clock: when the vendor has a GetSystemDateAndTime capture it is served as is and the device's
// clock runs from that instant (so every vendor test also exercises clock-offset signing); otherwise a reply
// is generated from the real clock plus `clockOffsetMs`.
//
// Operations without a capture get a generated minimal answer where that is safe (GetServices pointing at
// this server, PTZ acknowledgements, events), else ter:ActionNotSupported.
//
// Thread: the server runs on its own thread; public methods are thread-safe.
#include <QtCore/QByteArray>
#include <QtCore/QDateTime>
#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QUrl>

#include <memory>

namespace vigil::onvif::test {

// $VIGIL_SHARED_DIR/onvif-captures, or "" when absent. The one place that decides what absent means:
// - on a developer's machine, a setup without ../shared: the caller skips, best with
//   VIGIL_REQUIRE_ONVIF_CAPTURES() (one clear message);
// - in CI (environment CI set and not "false"/"0") the captures are always checked out beside the repository,
//   so absent is a broken checkout: capturesDir() itself records a FAILURE of the running test function
//   (QTest::qFail from the test's thread; outside a test function it aborts), and the caller's QSKIP only
//   ends the function.
QString capturesDir();

// Ends the current test function when the captures are absent: a skip for a developer, a failure in CI.
#define VIGIL_REQUIRE_ONVIF_CAPTURES()                                                                       \
    do {                                                                                                     \
        if (::vigil::onvif::test::capturesDir().isEmpty())                                                   \
            QSKIP("ONVIF captures not found: set VIGIL_SHARED_DIR to the folder holding onvif-captures/");   \
    } while (false)

enum class AuthMode
{
    None,       // anything goes
    WsSecurity, // WS-Security UsernameToken PasswordDigest
    HttpDigest, // 401 + WWW-Authenticate: Digest (WS-Security ignored)
    HttpBasic,
};

enum class Misbehaviour
{
    None,
    MalformedXml,     // answer with XML that is not well-formed
    Truncated,        // Content-Length promises more than is sent, then close
    Slow,             // answer after slowMs
    UnknownNamespace, // the response element in ver99 namespaces
    HtmlPage,         // 200 with a web page
};

struct DeviceOptions
{
    QString vendor;  // folder under capturesDir(); may be empty (all generated)
    QString variant; // prefer "<Op>.<variant>.xml" when present
    QString user = QStringLiteral("admin");
    QString password = QStringLiteral("Secr3t!");
    QString serial = QStringLiteral("LOOP0001"); // generated GetDeviceInformation; one serial = one device
    AuthMode auth = AuthMode::WsSecurity;
    qint64 clockOffsetMs = 0;    // generated clock only
    bool useCaptureClock = true; // the vendor's GetSystemDateAndTime capture sets the device clock
    bool strictRealClock =
        false;               // a device that checks Created against the REAL time (ignores its own clock)
    bool media2Only = false; // no Media1 service
    bool generatedServices = false; // GetServices/GetCapabilities always generated (point at this server)
    Misbehaviour misbehaviour = Misbehaviour::None;
    QString misbehaveOn; // operation name; empty = every operation except GetSystemDateAndTime
    int slowMs = 3000;
    QString rtspUrl; // when set, GetStreamUri answers this; "{profile}" becomes the profile token
    // Profile G against a real replay server (tests/support/video/rtsp_replay_server.h): when set,
    // GetReplayUri answers it, and the recording search finds one recording, rec1 ("Gate"), from
    // recordingStart to recordingEnd, in one page.
    QString replayUrl;
    QDateTime recordingStart;
    QDateTime recordingEnd;
    QString redirectTo; // when set, requests to any other path get 302 to it ("{port}" = this device's port)
    int pullDelayMs = 300; // after the queued PullMessages captures: empty answers after this delay
};

struct ReceivedRequest
{
    QString operation; // local name of the first Body child
    QString ns;        // its namespace
    QString path;
    QByteArray body; // the SOAP envelope as received
    bool authenticated = false;
};

class LoopbackDevice
{
public:
    explicit LoopbackDevice(DeviceOptions options);
    ~LoopbackDevice();
    LoopbackDevice(const LoopbackDevice &) = delete;
    LoopbackDevice &operator=(const LoopbackDevice &) = delete;

    bool start(QString *error = nullptr);
    quint16 port() const;
    QUrl deviceUrl() const; // http://127.0.0.1:PORT/onvif/device_service

    // Serve this file (absolute path, or relative to the vendor folder) for `operation` (Media2 operations as
    // "Media2-GetProfiles"), with that HTTP status. Overrides the vendor capture.
    void serveFile(const QString &operation, const QString &file, int status = 200);
    // PullMessages answers served in order (files relative to the vendor folder), then empty ones.
    void queuePullMessages(const QStringList &files);

    QList<ReceivedRequest> requests() const;
    QStringList operations() const; // operation names, in order received
    // Protocol problems found in what the client sent (bad envelope, digest that does not verify with the
    // right password, replayed nonce...). A correct client leaves this empty (except where a test sends a
    // wrong password on purpose).
    QStringList problems() const;
    int authFailures() const;
    int connections() const; // TCP connections accepted (keep-alive check)
    QDateTime deviceClock() const;

    struct Private;

private:
    std::unique_ptr<Private> d;
};

} // namespace vigil::onvif::test
