// vigil-test-replay-server FILE.mp4 [--onvif]: the loopback RTSP replay server (rtsp_replay_server.h) as a
// process for shell tests: prints its URL on the first line of stdout, then serves until stdin closes.
// --onvif: refuse requests without Require: onvif-replay (Range: clock= from 2026-11-01T00:00:00Z).
#include "rtsp_replay_server.h"

#include <QtCore/QCoreApplication>

#include <cstdio>
#include <iostream>
#include <string>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fputs("usage: vigil-test-replay-server FILE.mp4 [--onvif]\n", stderr);
        return 2;
    }
    vigil::test::ReplayServerOptions o;
    o.file = args.at(1);
    o.requireOnvifReplay = args.contains(QStringLiteral("--onvif"));
    vigil::test::RtspReplayServer server(o);
    QString error;
    if (!server.start(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    std::printf("%s\n", qPrintable(server.url().toString()));
    std::fflush(stdout);
    std::string line;
    while (std::getline(std::cin, line)) {
    }
    for (const QString &p : server.problems())
        std::fprintf(stderr, "problem: %s\n", qPrintable(p));
    return server.problems().isEmpty() ? 0 : 1;
}
