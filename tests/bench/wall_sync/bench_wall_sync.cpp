// Wall-state propagation benchmark (issue 12 goal: p95 <= 50 ms console -> node on loopback).
//   (a) "raw libmosquitto": one libmosquitto client publishes (QoS 1, retained) the wall message a WallLink
//       sends, another receives it (its own mosquitto_loop_start thread); time from publish to the callback.
//   (b) "MqttClient": the same through our wrapper (network thread, queued delivery to the Qt thread).
//   (c) "WallStore -> WallStore": a change dispatched on the console's store until the node's store has
//       applied it (WallLink encode, MQTT, decode, replaceState, stateChanged).
// One change at a time (the next starts when the last arrived), against one mosquitto on 127.0.0.1 started
// here. Figures only, no pass/fail. Usage: bench_wall_sync [--changes 500]
#include "mosquitto_broker.h"
#include "wall_peer.h"

#include "vigil/mqtt/mqtt_client.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QTimer>

#include <mosquitto.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>

using namespace vigil;
using Clock = std::chrono::steady_clock;

namespace {

struct Figures
{
    QString path;
    QList<double> ms;
    double pct(double p) const
    {
        if (ms.isEmpty())
            return 0;
        QList<double> v = ms;
        std::sort(v.begin(), v.end());
        return v[std::min<qsizetype>(v.size() - 1, qsizetype(p / 100.0 * double(v.size())))];
    }
};

// Waits in the Qt event loop until `done()` or 5 s; false on timeout.
template<typename F> bool waitUntil(F done)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > 5000)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

// (a) Plain libmosquitto, no Qt: the floor.
Figures rawLibmosquitto(int port, const QByteArray &payload, int changes)
{
    struct Rx
    {
        std::mutex m;
        std::condition_variable cv;
        int received = 0;
        bool subscribed = false;
    } rx;
    Figures f{QStringLiteral("raw libmosquitto pub -> sub"), {}};
    mosquitto *sub = mosquitto_new("bench-raw-sub", true, &rx);
    mosquitto *pub = mosquitto_new("bench-raw-pub", true, nullptr);
    mosquitto_subscribe_callback_set(sub, [](mosquitto *, void *p, int, int, const int *) {
        auto *r = static_cast<Rx *>(p);
        std::lock_guard l(r->m);
        r->subscribed = true;
        r->cv.notify_all();
    });
    mosquitto_message_callback_set(sub, [](mosquitto *, void *p, const mosquitto_message *msg) {
        auto *r = static_cast<Rx *>(p);
        if (msg->retain)
            return; // a retained one from before
        std::lock_guard l(r->m);
        ++r->received;
        r->cv.notify_all();
    });
    mosquitto_connect_callback_set(sub, [](mosquitto *m, void *, int rc) {
        if (rc == 0)
            mosquitto_subscribe(m, nullptr, "bench/raw", 1);
    });
    mosquitto_connect(sub, "127.0.0.1", port, 10);
    mosquitto_connect(pub, "127.0.0.1", port, 10);
    mosquitto_loop_start(sub);
    mosquitto_loop_start(pub);
    {
        std::unique_lock l(rx.m);
        rx.cv.wait_for(l, std::chrono::seconds(5), [&] { return rx.subscribed; });
    }
    for (int i = 0; i < changes; ++i) {
        std::unique_lock l(rx.m);
        const int before = rx.received;
        const auto t0 = Clock::now();
        mosquitto_publish(pub, nullptr, "bench/raw", int(payload.size()), payload.constData(), 1, true);
        if (!rx.cv.wait_for(l, std::chrono::seconds(5), [&] { return rx.received > before; }))
            break;
        f.ms.append(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    mosquitto_disconnect(sub);
    mosquitto_disconnect(pub);
    mosquitto_loop_stop(sub, false);
    mosquitto_loop_stop(pub, false);
    mosquitto_destroy(sub);
    mosquitto_destroy(pub);
    return f;
}

// (b) Our MqttClient on both ends.
Figures wrapper(int port, const QByteArray &payload, int changes)
{
    Figures f{QStringLiteral("MqttClient pub -> sub"), {}};
    mqtt::MqttOptions o;
    o.port = port;
    mqtt::MqttClient pub(o), sub(o);
    int received = 0;
    QObject::connect(
        &sub, &mqtt::MqttClient::messageReceived, &sub,
        [&](const QString &, const QByteArray &, bool retained) { received += retained ? 0 : 1; });
    sub.subscribe(QStringLiteral("bench/wrapper"));
    // Subscribed once a probe comes back.
    bool ready = false;
    QObject::connect(&sub, &mqtt::MqttClient::messageReceived, &sub,
                     [&](const QString &t) { ready = ready || t == u"bench/wrapper/ready"; });
    sub.subscribe(QStringLiteral("bench/wrapper/ready"));
    pub.start();
    sub.start();
    if (!waitUntil([&] { return pub.isConnected() && sub.isConnected(); }))
        return f;
    sub.publish(QStringLiteral("bench/wrapper/ready"), "1");
    if (!waitUntil([&] { return ready; }))
        return f;
    for (int i = 0; i < changes; ++i) {
        const int before = received;
        QElapsedTimer t;
        t.start();
        pub.publish(QStringLiteral("bench/wrapper"), payload, 1, true);
        if (!waitUntil([&] { return received > before; }))
            break;
        f.ms.append(double(t.nsecsElapsed()) / 1e6);
    }
    return f;
}

// (c) Store to store through WallLinks.
Figures stores(int port, int changes, QByteArray *payload)
{
    Figures f{QStringLiteral("WallStore -> WallStore"), {}};
    testing::WallPeer console(port, QStringLiteral("console"), QStringLiteral("screen-1"),
                              QStringLiteral("console"));
    testing::WallPeer node(port, QStringLiteral("node-1"));
    if (!waitUntil([&] { return console.synced() && node.synced(); }))
        return f;
    console.store->setLayout(QStringLiteral("16"));
    for (int t = 0; t < 16; ++t)
        console.store->assignCamera(t, QStringLiteral("camera-%1").arg(t, 3, 10, QLatin1Char('0')));
    if (!waitUntil([&] { return node.store->state() == console.store->state(); }))
        return f;
    *payload = wallnet::WallLink::encode(
        {QStringLiteral("console"), console.link->instance(), 1, 1, false, console.store->state()});
    for (int i = 0; i < changes; ++i) {
        const QString cam = QStringLiteral("camera-%1").arg(100 + i % 500, 3, 10, QLatin1Char('0'));
        const int tile = i % 16;
        QElapsedTimer t;
        t.start();
        console.store->assignCamera(tile, cam);
        if (!waitUntil([&] { return node.store->state().cameraAt(tile) == cam; }))
            break;
        f.ms.append(double(t.nsecsElapsed()) / 1e6);
    }
    return f;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    const QCommandLineOption changesOpt(QStringLiteral("changes"), QStringLiteral("changes per path"),
                                        QStringLiteral("n"), QStringLiteral("500"));
    p.addOption(changesOpt);
    p.addHelpOption();
    p.process(app);
    const int changes = std::max(1, p.value(changesOpt).toInt());

    testing::MosquittoBroker broker({false, {}, {}});
    QString why;
    if (!broker.start(&why)) {
        std::fprintf(stderr, "bench_wall_sync: %s\n", qPrintable(why));
        return 1;
    }
    QByteArray payload;
    const Figures wall = stores(broker.port(), changes, &payload);
    const Figures raw = rawLibmosquitto(broker.port(), payload, changes);
    const Figures wrapped = wrapper(broker.port(), payload, changes);

    std::printf("wall_sync: %d changes per path, one at a time, payload %lld bytes (a 16-tile wall), "
                "mosquitto on 127.0.0.1, QoS 1 retained\n",
                changes, qlonglong(payload.size()));
    std::printf("%-30s %6s %8s %8s %8s\n", "path", "n", "p50 ms", "p95 ms", "max ms");
    for (const Figures *f : {&raw, &wrapped, &wall})
        std::printf("%-30s %6lld %8.3f %8.3f %8.3f\n", qPrintable(f->path), qlonglong(f->ms.size()),
                    f->pct(50), f->pct(95), f->pct(100));
    if (raw.pct(50) > 0)
        std::printf("store->store / raw: p50 %.1fx, p95 %.1fx (goal: p95 <= 50 ms)\n",
                    wall.pct(50) / raw.pct(50), wall.pct(95) / raw.pct(95));
    return wall.ms.size() == changes && raw.ms.size() == changes && wrapped.ms.size() == changes ? 0 : 1;
}
