// track_history_writer: the child process of tst_track_history's kill -9 test. It appends fixes to the
// TrackHistory at argv[1] as fast as the worker takes them (10 units, fix i at i seconds, 200 fixes a turn of
// the event loop) and prints "committed <n>" after every transaction, until it is killed.
#include "vigil/map/track_history.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QTimer>

#include <cstdio>

using namespace vigil::map;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: track_history_writer <file.db>\n");
        return 2;
    }
    TrackHistory history(QString::fromLocal8Bit(argv[1]));
    QObject::connect(&history, &TrackHistory::committed, &app, [](qint64 total) {
        std::printf("committed %lld\n", static_cast<long long>(total));
        std::fflush(stdout);
    });
    qint64 next = 0;
    QTimer feed;
    feed.setInterval(0);
    QObject::connect(&feed, &QTimer::timeout, &app, [&] {
        // Not much ahead of the worker: the fixes a kill can lose are only the ones still queued.
        if (history.appendedCount() - history.committedCount() > 20'000)
            return;
        for (int k = 0; k < 200; ++k, ++next)
            history.append(QStringLiteral("car-%1").arg(next % 10),
                           TrackFix::make(next * 1000, {30 + next * 1e-6, 120}, 90, 10));
    });
    feed.start();
    return app.exec();
}
