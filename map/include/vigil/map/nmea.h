#pragma once
// NMEA-0183 position sentences (GGA and RMC, any talker: GP, GN, BD/GB, GL, GA), what most vehicle terminals
// speak over serial or log to files. parseNmeaSentence() is pure; NmeaReader splits a byte stream (file,
// serial port, socket) into lines and emits the valid fixes. A line is accepted only with a correct "*hh"
// checksum; anything else (bad checksum, garbage, truncated lines, other sentence types, "no fix") is
// rejected with a reason. Thread: parse functions any thread; NmeaReader lives on the thread of its device.
#include "vigil/map/geo.h"

#include <QtCore/QByteArray>
#include <QtCore/QDateTime>
#include <QtCore/QObject>
#include <QtCore/QPointer>

#include <optional>

QT_BEGIN_NAMESPACE
class QIODevice;
QT_END_NAMESPACE

namespace vigil::map {

struct NmeaFix
{
    enum class Kind
    {
        Gga,
        Rmc,
    };
    Kind kind = Kind::Gga;
    QByteArray talker;          // "GP", "GN", "BD", ...
    GeoPoint position;          // WGS-84 degrees
    QTime utcTime;              // time of fix (UTC)
    QDate utcDate;              // RMC only; invalid for GGA
    double speedMps = qQNaN();  // RMC only (converted from knots)
    double courseDeg = qQNaN(); // RMC only, true course over ground
    int quality = 0;            // GGA fix quality (1 GPS, 2 DGPS, 4/5 RTK, ...); 1 for a valid RMC
    int satellites = 0;         // GGA only
    double altitudeM = qQNaN(); // GGA only, above mean sea level
};

// True when `line` (without CR/LF) is "$...*hh" and hh is the XOR of the bytes between '$' and '*'.
bool nmeaChecksumValid(QByteArrayView line);

// Parses one sentence (CR/LF optional). nullopt with `why` set (English, for logs) when the checksum is
// wrong, the sentence is not GGA/RMC, the receiver reports no fix, or a field is malformed.
std::optional<NmeaFix> parseNmeaSentence(QByteArrayView line, QString *why = nullptr);

// Reads sentences from a device or from feed(). Emits fixReceived() per valid fix; counts rejected lines.
// Lines longer than 256 bytes are dropped (NMEA caps sentences at 82 characters).
class NmeaReader : public QObject
{
    Q_OBJECT
public:
    explicit NmeaReader(QObject *parent = nullptr);
    // Reads from `device` whenever it has data (the device stays owned by the caller).
    void setDevice(QIODevice *device);
    // Feeds raw bytes (tests, or a transport that is not a QIODevice).
    void feed(QByteArrayView bytes);
    int acceptedCount() const { return m_accepted; }
    int rejectedCount() const { return m_rejected; }

signals:
    void fixReceived(const vigil::map::NmeaFix &fix);
    void lineRejected(const QString &why);

private:
    void readDevice();
    void handleLine(QByteArrayView line);

    QPointer<QIODevice> m_device;
    QByteArray m_buffer;
    int m_accepted = 0;
    int m_rejected = 0;
};

} // namespace vigil::map

Q_DECLARE_METATYPE(vigil::map::NmeaFix)
