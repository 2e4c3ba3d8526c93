#include "vigil/map/nmea.h"

#include <QtCore/QIODevice>

namespace vigil::map {

namespace {

constexpr qsizetype kMaxLine = 256;

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

QByteArrayView trimmed(QByteArrayView line)
{
    while (!line.isEmpty() && (line.back() == '\r' || line.back() == '\n' || line.back() == ' '))
        line.chop(1);
    while (!line.isEmpty() && (line.front() == ' '))
        line = line.sliced(1);
    return line;
}

// "ddmm.mmmm" (or "dddmm.mmmm") + hemisphere -> signed degrees.
std::optional<double> parseCoordinate(QByteArrayView value, QByteArrayView hemisphere, int degreeDigits,
                                      char positive, char negative)
{
    if (value.size() < degreeDigits + 2 || hemisphere.size() != 1)
        return std::nullopt;
    bool okDeg = false;
    bool okMin = false;
    const int degrees = value.first(degreeDigits).toInt(&okDeg);
    const double minutes = value.sliced(degreeDigits).toDouble(&okMin);
    if (!okDeg || !okMin || minutes < 0 || minutes >= 60)
        return std::nullopt;
    double result = degrees + minutes / 60.0;
    if (hemisphere[0] == negative)
        result = -result;
    else if (hemisphere[0] != positive)
        return std::nullopt;
    return result;
}

QTime parseTime(QByteArrayView v)
{
    if (v.size() < 6)
        return {};
    bool ok1 = false, ok2 = false, ok3 = false;
    const int h = v.first(2).toInt(&ok1);
    const int m = v.sliced(2, 2).toInt(&ok2);
    const double s = v.sliced(4).toDouble(&ok3);
    if (!ok1 || !ok2 || !ok3)
        return {};
    return QTime(h, m, int(s), int((s - int(s)) * 1000 + 0.5) % 1000);
}

bool fail(QString *why, const char *text)
{
    if (why)
        *why = QString::fromLatin1(text);
    return false;
}

} // namespace

bool nmeaChecksumValid(QByteArrayView line)
{
    line = trimmed(line);
    const qsizetype star = line.lastIndexOf('*');
    if (line.size() < 4 || line.front() != '$' || star < 1 || star + 3 != line.size())
        return false;
    const int hi = hexValue(line[star + 1]);
    const int lo = hexValue(line[star + 2]);
    if (hi < 0 || lo < 0)
        return false;
    unsigned char sum = 0;
    for (qsizetype i = 1; i < star; ++i) {
        const unsigned char c = static_cast<unsigned char>(line[i]);
        if (c < 0x20 || c > 0x7e) // NMEA is printable ASCII
            return false;
        sum ^= c;
    }
    return sum == ((hi << 4) | lo);
}

std::optional<NmeaFix> parseNmeaSentence(QByteArrayView line, QString *why)
{
    line = trimmed(line);
    if (!nmeaChecksumValid(line)) {
        fail(why, "not an NMEA sentence or wrong checksum");
        return std::nullopt;
    }
    const QByteArrayView body = line.sliced(1, line.lastIndexOf('*') - 1);
    const QList<QByteArray> f = body.toByteArray().split(',');
    if (f[0].size() != 5) {
        fail(why, "malformed sentence address");
        return std::nullopt;
    }
    NmeaFix fix;
    fix.talker = f[0].first(2);
    const QByteArray type = f[0].sliced(2);
    if (type == "GGA") {
        // $xxGGA,time,lat,N,lon,E,quality,sats,hdop,alt,M,geoid,M,age,station
        if (f.size() < 10) {
            fail(why, "GGA: too few fields");
            return std::nullopt;
        }
        fix.kind = NmeaFix::Kind::Gga;
        bool ok = false;
        fix.quality = f[6].toInt(&ok);
        if (!ok || fix.quality == 0) {
            fail(why, "GGA: no fix");
            return std::nullopt;
        }
        fix.satellites = f[7].toInt();
        bool okAlt = false;
        const double alt = f[9].toDouble(&okAlt);
        if (okAlt)
            fix.altitudeM = alt;
    } else if (type == "RMC") {
        // $xxRMC,time,status,lat,N,lon,E,knots,course,ddmmyy,magvar,E[,mode]
        if (f.size() < 10) {
            fail(why, "RMC: too few fields");
            return std::nullopt;
        }
        fix.kind = NmeaFix::Kind::Rmc;
        if (f[2] != "A") {
            fail(why, "RMC: receiver warning (status V), no fix");
            return std::nullopt;
        }
        fix.quality = 1;
        bool okSpeed = false;
        const double knots = f[7].toDouble(&okSpeed);
        if (okSpeed)
            fix.speedMps = knots * 1852.0 / 3600.0;
        bool okCourse = false;
        const double course = f[8].toDouble(&okCourse);
        if (okCourse)
            fix.courseDeg = course;
        if (f[9].size() == 6) {
            const int dd = f[9].first(2).toInt();
            const int mm = f[9].sliced(2, 2).toInt();
            const int yy = f[9].sliced(4, 2).toInt();
            fix.utcDate = QDate(yy < 80 ? 2000 + yy : 1900 + yy, mm, dd);
        }
    } else {
        fail(why, "not a GGA or RMC sentence");
        return std::nullopt;
    }
    const int base = fix.kind == NmeaFix::Kind::Gga ? 2 : 3;
    fix.utcTime = parseTime(QByteArrayView(f[1]));
    const auto lat = parseCoordinate(QByteArrayView(f[base]), QByteArrayView(f[base + 1]), 2, 'N', 'S');
    const auto lon = parseCoordinate(QByteArrayView(f[base + 2]), QByteArrayView(f[base + 3]), 3, 'E', 'W');
    if (!lat || !lon || std::abs(*lat) > 90 || std::abs(*lon) > 180) {
        fail(why, "malformed latitude/longitude");
        return std::nullopt;
    }
    if (!fix.utcTime.isValid()) {
        fail(why, "malformed time");
        return std::nullopt;
    }
    fix.position = {*lat, *lon};
    return fix;
}

NmeaReader::NmeaReader(QObject *parent)
    : QObject(parent)
{}

void NmeaReader::setDevice(QIODevice *device)
{
    if (m_device)
        disconnect(m_device, nullptr, this, nullptr);
    m_device = device;
    if (device) {
        connect(device, &QIODevice::readyRead, this, &NmeaReader::readDevice);
        readDevice();
    }
}

void NmeaReader::readDevice()
{
    if (m_device)
        feed(m_device->readAll());
}

void NmeaReader::feed(QByteArrayView bytes)
{
    m_buffer.append(bytes);
    qsizetype start = 0;
    for (;;) {
        const qsizetype nl = m_buffer.indexOf('\n', start);
        if (nl < 0)
            break;
        handleLine(QByteArrayView(m_buffer).sliced(start, nl - start));
        start = nl + 1;
    }
    m_buffer.remove(0, start);
    if (m_buffer.size() > kMaxLine) { // a run of garbage without newlines
        m_buffer.clear();
        ++m_rejected;
        emit lineRejected(QStringLiteral("line too long"));
    }
}

void NmeaReader::handleLine(QByteArrayView line)
{
    if (trimmed(line).isEmpty())
        return;
    QString why;
    if (line.size() > kMaxLine) {
        why = QStringLiteral("line too long");
    } else if (auto fix = parseNmeaSentence(line, &why)) {
        ++m_accepted;
        emit fixReceived(*fix);
        return;
    }
    ++m_rejected;
    emit lineRejected(why);
}

} // namespace vigil::map
