#pragma once
// WS-Discovery for ONVIF devices: a Probe to 239.255.255.250:3702 from every IPv4 interface that can
// multicast, plus unicast probes to typed addresses (routed networks without multicast). ProbeMatches stream
// in as deviceFound/deviceUpdated (duplicates merged by endpoint address); finished() after the timeout.
//
// Thread: GUI or any thread with an event loop (QUdpSocket, nothing blocks). Owner's thread only.
#include "vigil/onvif/types.h"

#include <QtCore/QObject>
#include <QtCore/QTimer>
#include <QtNetwork/QHostAddress>

#include <memory>
#include <vector>

class QUdpSocket;

namespace vigil::onvif {

struct DiscoveryOptions
{
    int timeoutMs = 3000;
    bool multicast = true;                       // tests turn this off: loopback only
    QList<QPair<QHostAddress, quint16>> unicast; // addresses to probe directly (port 3702 normally)
};

// "10.1.2.3", "10.1.2.3:3702", "10.1.2.10-20" (last octet range, at most 256) -> addresses; empty on error.
QList<QPair<QHostAddress, quint16>> parseProbeTargets(const QString &text, QString *error = nullptr);
// A WS-Discovery Probe for dn:NetworkVideoTransmitter with that MessageID ("uuid:...").
QByteArray buildProbe(const QString &messageId);

class Discovery : public QObject
{
    Q_OBJECT
public:
    explicit Discovery(QObject *parent = nullptr);
    ~Discovery() override;

    // Starts a new round (stopping a running one). Returns false with `error` when no socket could be opened.
    bool start(const DiscoveryOptions &options, QString *error = nullptr);
    void stop();
    bool isRunning() const { return m_timer.isActive(); }
    QList<ProbeMatch> devices() const { return m_devices; }
    int probesSent() const { return m_probesSent; }

signals:
    void deviceFound(const vigil::onvif::ProbeMatch &device);
    void deviceUpdated(const vigil::onvif::ProbeMatch &device);
    void finished();

private:
    void readPending(QUdpSocket *socket);
    void merge(ProbeMatch match);

    QTimer m_timer;
    std::vector<std::unique_ptr<QUdpSocket>> m_sockets;
    QList<ProbeMatch> m_devices;
    int m_probesSent = 0;
};

} // namespace vigil::onvif
