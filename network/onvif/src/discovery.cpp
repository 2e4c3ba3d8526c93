#include "vigil/onvif/discovery.h"

#include "vigil/network/logging.h"
#include "vigil/onvif/parsers.h"

#include <QtCore/QRegularExpression>
#include <QtCore/QUuid>
#include <QtNetwork/QNetworkDatagram>
#include <QtNetwork/QNetworkInterface>
#include <QtNetwork/QUdpSocket>

namespace vigil::onvif {

namespace {
const QHostAddress kMulticastGroup(QStringLiteral("239.255.255.250"));
constexpr quint16 kDiscoveryPort = 3702;
} // namespace

QByteArray buildProbe(const QString &messageId)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
           "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
           "xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" "
           "xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\" "
           "xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\"><s:Header>"
           "<a:Action s:mustUnderstand=\"1\">http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action>"
           "<a:MessageID>" +
           messageId.toUtf8() +
           "</a:MessageID><a:ReplyTo><a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/"
           "anonymous"
           "</a:Address></a:ReplyTo><a:To "
           "s:mustUnderstand=\"1\">urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To>"
           "</s:Header><s:Body><d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe></s:Body>"
           "</s:Envelope>";
}

QList<QPair<QHostAddress, quint16>> parseProbeTargets(const QString &text, QString *error)
{
    QList<QPair<QHostAddress, quint16>> out;
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return QList<QPair<QHostAddress, quint16>>();
    };
    for (QString item : text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts)) {
        quint16 port = kDiscoveryPort;
        const qsizetype colon = item.indexOf(QLatin1Char(':'));
        if (colon > 0) {
            bool ok = false;
            port = item.mid(colon + 1).toUShort(&ok);
            if (!ok || port == 0)
                return fail(Discovery::tr("Bad port in \"%1\".").arg(item));
            item = item.left(colon);
        }
        const qsizetype dash = item.indexOf(QLatin1Char('-'));
        if (dash > 0) {
            const QHostAddress first(item.left(dash));
            if (first.isNull() || first.protocol() != QAbstractSocket::IPv4Protocol)
                return fail(Discovery::tr("\"%1\" is not an IPv4 address or range.").arg(item));
            bool ok = false;
            const int last = item.mid(dash + 1).toInt(&ok);
            const quint32 base = first.toIPv4Address();
            if (first.protocol() != QAbstractSocket::IPv4Protocol || !ok || last < int(base & 0xff) ||
                last > 255)
                return fail(Discovery::tr("\"%1\" is not a range like 10.1.2.10-20.").arg(item));
            for (int i = int(base & 0xff); i <= last; ++i)
                out.append({QHostAddress((base & 0xffffff00u) | quint32(i)), port});
            continue;
        }
        const QHostAddress a(item);
        if (a.isNull() || a.protocol() != QAbstractSocket::IPv4Protocol)
            return fail(Discovery::tr("\"%1\" is not an IPv4 address.").arg(item));
        out.append({a, port});
    }
    return out;
}

Discovery::Discovery(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        stop();
        emit finished();
    });
}

Discovery::~Discovery() = default;

bool Discovery::start(const DiscoveryOptions &options, QString *error)
{
    stop();
    m_devices.clear();
    m_probesSent = 0;
    const QByteArray probe =
        buildProbe(QStringLiteral("uuid:") + QUuid::createUuid().toString(QUuid::WithoutBraces));
    auto open = [this](const QHostAddress &bindTo) -> QUdpSocket * {
        auto s = std::make_unique<QUdpSocket>();
        if (!s->bind(bindTo, 0))
            return nullptr;
        QUdpSocket *raw = s.get();
        connect(raw, &QUdpSocket::readyRead, this, [this, raw] { readPending(raw); });
        m_sockets.push_back(std::move(s));
        return raw;
    };
    if (options.multicast) {
        const auto interfaces = QNetworkInterface::allInterfaces();
        for (const QNetworkInterface &iface : interfaces) {
            const auto f = iface.flags();
            if (!(f & QNetworkInterface::IsUp) || !(f & QNetworkInterface::IsRunning) ||
                !(f & QNetworkInterface::CanMulticast) || (f & QNetworkInterface::IsLoopBack))
                continue;
            for (const QNetworkAddressEntry &e : iface.addressEntries()) {
                if (e.ip().protocol() != QAbstractSocket::IPv4Protocol)
                    continue;
                QUdpSocket *s = open(e.ip());
                if (!s)
                    continue;
                s->setMulticastInterface(iface);
                if (s->writeDatagram(probe, kMulticastGroup, kDiscoveryPort) == probe.size())
                    ++m_probesSent;
                else
                    qCInfo(vigilOnvif)
                        << "probe on" << iface.humanReadableName() << "failed:" << s->errorString();
            }
        }
    }
    if (!options.unicast.isEmpty()) {
        QUdpSocket *s = open(QHostAddress::AnyIPv4);
        if (s)
            for (const auto &[address, port] : options.unicast)
                if (s->writeDatagram(probe, address, port) == probe.size())
                    ++m_probesSent;
    }
    if (m_probesSent == 0) {
        if (error)
            *error = tr("Could not send any discovery probe: no network interface with IPv4 "
                        "multicast is up. Type the camera's address instead.");
        stop();
        return false;
    }
    m_timer.start(options.timeoutMs);
    return true;
}

void Discovery::stop()
{
    m_timer.stop();
    m_sockets.clear();
}

void Discovery::readPending(QUdpSocket *socket)
{
    while (socket->hasPendingDatagrams()) {
        const QNetworkDatagram d = socket->receiveDatagram(64 * 1024);
        const auto body = decodeSoap(d.data(), 200, QStringLiteral("Probe"));
        if (!body.ok()) {
            qCDebug(vigilOnvif) << "ignored discovery answer from" << d.senderAddress() << ":"
                                << body.error.message;
            continue;
        }
        for (ProbeMatch m : parseProbeMatches(body.value)) {
            m.fromAddress = d.senderAddress().toString();
            merge(std::move(m));
        }
    }
}

void Discovery::merge(ProbeMatch match)
{
    const QString key = !match.endpoint.isEmpty() ? match.endpoint : match.xaddrs.value(0).toString();
    for (ProbeMatch &known : m_devices) {
        const QString knownKey =
            !known.endpoint.isEmpty() ? known.endpoint : known.xaddrs.value(0).toString();
        if (knownKey != key)
            continue;
        bool changed = false;
        for (const QUrl &x : match.xaddrs)
            if (!known.xaddrs.contains(x)) {
                known.xaddrs.append(x);
                changed = true;
            }
        if (changed)
            emit deviceUpdated(known);
        return;
    }
    m_devices.append(match);
    emit deviceFound(match);
}

} // namespace vigil::onvif
