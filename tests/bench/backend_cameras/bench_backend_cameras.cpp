// Backend cameras benchmark: N cameras (default 400,000) from a real `vigil-demo-backend` process on
// 127.0.0.1 through OursClient (login, region tree, every page, parse into BackendCamera), beside two
// baselines measured in the same run: curl fetching the same pages on one keep-alive connection (transfer
// only), and HttpClient fetching them without parsing; plus parse-only time and the server's RSS. Prints
// figures, never pass/fail. Usage:
//   bench_backend_cameras --backend PATH/vigil-demo-backend [--cameras 400000] [--page-size 5000]
//                         [--vigilctl PATH/vigilctl]   (also times `vigilctl backend cameras` to /dev/null)
#include "vigil/backend/ours_client.h"
#include "vigil/backend/ours_parsers.h"
#include "vigil/network/http_client.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtCore/QThread>

#include <cstdio>
#include <cstdlib>
#include <sys/resource.h>

using namespace vigil;

namespace {

long rssKb(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    return -1;
}

// CPU time of this process (all threads), ms: less sensitive than wall time to other load on the machine.
double cpuMs()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

long selfRssKb()
{
    return rssKb(QCoreApplication::applicationPid());
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addOption(
        {QStringLiteral("backend"), QStringLiteral("vigil-demo-backend binary"), QStringLiteral("path")});
    p.addOption({QStringLiteral("vigilctl"), QStringLiteral("vigilctl binary"), QStringLiteral("path")});
    p.addOption({QStringLiteral("cameras"), QStringLiteral("cameras"), QStringLiteral("n"),
                 QStringLiteral("400000")});
    p.addOption({QStringLiteral("page-size"), QStringLiteral("page size"), QStringLiteral("n"),
                 QStringLiteral("5000")});
    p.process(app);
    const qint64 count = p.value(QStringLiteral("cameras")).toLongLong();
    const int pageSize = p.value(QStringLiteral("page-size")).toInt();

    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(p.value(QStringLiteral("backend")),
                 {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--cameras"),
                  QString::number(count), QStringLiteral("--units"), QStringLiteral("0"),
                  QStringLiteral("--rtsp-base"), QStringLiteral("rtsp://127.0.0.1:8554")});
    QByteArray ready;
    while (!ready.contains('\n') && server.waitForReadyRead(10000))
        ready += server.readAllStandardOutput();
    if (!ready.startsWith("READY port=")) {
        std::fprintf(stderr, "bench_backend_cameras: the backend did not start (%s)\n", ready.constData());
        return 1;
    }
    const int port = ready.mid(11).trimmed().toInt();
    const QUrl base(QStringLiteral("http://127.0.0.1:%1").arg(port));
    const long serverRssIdle = rssKb(server.processId());
    double load = 0;
    getloadavg(&load, 1);
    std::printf(
        "backend_cameras: %lld cameras, pages of %d, server idle RSS %.1f MB, load average %.1f on %d "
        "cores\n",
        count, pageSize, serverRssIdle / 1024.0, load, QThread::idealThreadCount());

    backend::OursClient client({base, QStringLiteral("demo"), QStringLiteral("demo"), 60000});
    client.setPageSize(pageSize);
    const auto tokens = client.login();
    if (!tokens.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(tokens.error.message));
        return 1;
    }
    const QByteArray auth = "Bearer " + tokens.value.accessToken.toUtf8();
    const int pages = int((count + pageSize - 1) / pageSize);

    // Baseline 1: curl, all pages on one connection, bodies discarded.
    QTemporaryDir dir;
    QFile config(dir.filePath(QStringLiteral("curl.cfg")));
    if (config.open(QIODevice::WriteOnly)) {
        config.write("silent\nheader = \"Authorization: " + auth + "\"\n");
        for (int page = 1; page <= pages; ++page)
            config.write(
                QStringLiteral("url = \"%1/api/v1/cameras?page=%2&pageSize=%3\"\noutput = /dev/null\n")
                    .arg(base.toString())
                    .arg(page)
                    .arg(pageSize)
                    .toUtf8());
        config.close();
    }
    QElapsedTimer t;
    t.start();
    const int curlRc = QProcess::execute(QStringLiteral("curl"), {QStringLiteral("-K"), config.fileName()});
    const double curlMs = double(t.nsecsElapsed()) / 1e6;

    // Baseline 2: HttpClient, the same pages, kept but not parsed.
    QList<QByteArray> bodies;
    qint64 bytes = 0;
    t.restart();
    for (int page = 1; page <= pages; ++page) {
        network::HttpRequest req;
        req.method = "GET";
        req.url = QUrl(QStringLiteral("%1/api/v1/cameras?page=%2&pageSize=%3")
                           .arg(base.toString())
                           .arg(page)
                           .arg(pageSize));
        req.headers.append({QByteArray("Authorization"), auth});
        req.maxBodyBytes = backend::kMaxJsonBytes;
        const auto r = network::HttpClient::instance().sendSync(req);
        bytes += r.body.size();
        bodies.append(r.body);
    }
    const double rawMs = double(t.nsecsElapsed()) / 1e6;
    const long serverRssBusy = rssKb(server.processId());

    // Parse only.
    qint64 parsed = 0;
    double cpu = cpuMs();
    t.restart();
    for (const QByteArray &b : bodies)
        parsed += backend::parseCameraPage(b).value.items.size();
    const double parseMs = double(t.nsecsElapsed()) / 1e6;
    const double parseCpuMs = cpuMs() - cpu;
    bodies.clear();

    // The real path: OursClient::cameras() (regions + every page + parse).
    const long rssBefore = selfRssKb();
    cpu = cpuMs();
    t.restart();
    const auto list = client.cameras();
    const double clientMs = double(t.nsecsElapsed()) / 1e6;
    const double clientCpuMs = cpuMs() - cpu;
    const long rssAfter = selfRssKb();
    if (!list.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(list.error.message));
        return 1;
    }
    // A second call: one request answered 304.
    t.restart();
    const auto again = client.cameras();
    const double againMs = double(t.nsecsElapsed()) / 1e6;

    std::printf("baseline curl, %d pages on one connection (transfer only): %.0f ms (rc %d)\n", pages, curlMs,
                curlRc);
    std::printf("baseline HttpClient, same pages, no parse: %.0f ms, %.1f MB of JSON\n", rawMs,
                bytes / 1048576.0);
    std::printf("parse only (parseCameraPage, one thread): %.0f ms (CPU %.0f ms) for %lld cameras\n", parseMs,
                parseCpuMs, parsed);
    std::printf(
        "OursClient::cameras() fetch + parse: %.0f ms (CPU %.0f ms), %lld cameras, %d regions, %d requests; "
        "client RSS +%.1f MB\n",
        clientMs, clientCpuMs, qint64(list.value.cameras.size()), int(list.value.regions.size()),
        list.value.requests, (rssAfter - rssBefore) / 1024.0);
    std::printf("second call (ETag, 304): %.1f ms, %d requests, notModified %s\n", againMs,
                again.ok() ? again.value.requests : -1, again.ok() && again.value.notModified ? "yes" : "no");
    std::printf("server RSS: idle %.1f MB, after serving %.1f MB\n", serverRssIdle / 1024.0,
                rssKb(server.processId()) / 1024.0);
    if (p.isSet(QStringLiteral("vigilctl"))) {
        // The CLI end to end (login, regions, pages, parse, JSON out), its output thrown away.
        QProcess cli;
        cli.setStandardOutputFile(QProcess::nullDevice());
        t.restart();
        cli.start(p.value(QStringLiteral("vigilctl")),
                  {QStringLiteral("backend"), QStringLiteral("cameras"), base.toString(),
                   QStringLiteral("--kind"), QStringLiteral("ours"), QStringLiteral("--user"),
                   QStringLiteral("demo"), QStringLiteral("--password"), QStringLiteral("demo"),
                   QStringLiteral("--page-size"), QString::number(pageSize)});
        cli.waitForFinished(600000);
        std::printf("vigilctl backend cameras (to /dev/null): %.0f ms, exit %d\n",
                    double(t.nsecsElapsed()) / 1e6, cli.exitCode());
    }
    (void)serverRssBusy;
    server.terminate();
    server.waitForFinished(5000);
    return 0;
}
