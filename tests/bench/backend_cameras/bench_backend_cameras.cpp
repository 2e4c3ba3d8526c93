// Backend cameras benchmark: N cameras (default 400,000) from a real `vigil-demo-backend` process on
// 127.0.0.1 through OursClient (login, region tree, every page, parse into BackendCamera), beside two
// baselines measured in the same run: curl fetching the same pages on one keep-alive connection (transfer
// only), and HttpClient fetching them without parsing; plus parse-only time and the server's RSS. Prints
// figures, never pass/fail. Usage:
//   bench_backend_cameras --backend PATH/vigil-demo-backend [--cameras 400000] [--page-size 5000]
//                         [--vigilctl PATH/vigilctl]   (also times `vigilctl backend cameras` to /dev/null)
//                         [--directory]   (also the directory stage: the cameras into the camera directory
//                         and
//                                          the side panel's list, a search typed a key at a time; beside a
//                                          QStandardItemModel + QSortFilterProxyModel of the same rows)
#include "vigil/backend/ours_client.h"
#include "vigil/backend/ours_parsers.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/cameras/camera_list_model.h"
#include "vigil/cameras/pinyin.h"
#include "vigil/network/http_client.h"
#include "vigil/sites/site_cameras.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QSortFilterProxyModel>
#include <QtCore/QTemporaryDir>
#include <QtCore/QThread>
#include <QtGui/QStandardItemModel>

#include <algorithm>

#include <cstdio>
#include <cstdlib>
#include <malloc.h>
#include <memory>
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

double percentile(QList<double> v, int pct)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[std::min<qsizetype>(v.size() - 1, v.size() * pct / 100)];
}

// What an operator types, a keystroke at a time: the Hanzi of a camera's name, its pinyin initials, its full
// pinyin (every prefix of each).
struct Typing
{
    const char *what;
    QStringList keystrokes;
};

QList<Typing> typingFor(const QString &name)
{
    auto prefixes = [](const QString &s, int max) {
        QStringList out;
        for (int i = 1; i <= std::min<int>(int(s.size()), max); ++i)
            out << s.left(i);
        return out;
    };
    QList<Typing> out{{"Hanzi", prefixes(name, 6)}};
    if (const auto spelling = cameras::pinyin::spell(name)) {
        out.append({"pinyin initials", prefixes(spelling->initials, 5)});
        out.append({"full pinyin", prefixes(spelling->full, 12)});
    }
    return out;
}

// Wall time of each keystroke; *cpuMean: the process's CPU time per keystroke (less sensitive to other load).
template<typename Filter>
QList<double> typeAll(const QList<Typing> &typing, const char *what, Filter &&filter, double *cpuMean)
{
    QList<double> ms;
    double cpu = 0;
    for (const Typing &t : typing) {
        if (qstrcmp(t.what, what) != 0)
            continue;
        for (const QString &k : t.keystrokes) {
            QElapsedTimer timer;
            const double cpu0 = cpuMs();
            timer.start();
            filter(k);
            ms.append(double(timer.nsecsElapsed()) / 1e6);
            cpu += cpuMs() - cpu0;
        }
        filter(QString());
    }
    *cpuMean = ms.isEmpty() ? 0 : cpu / double(ms.size());
    return ms;
}

// The cameras into the app's directory and side-panel list (what a configured site does), a search typed into
// it, beside the same rows in a QStandardItemModel + QSortFilterProxyModel (fixed-string filter on the name;
// it has no pinyin) measured the same way.
void directoryStage(const backend::CameraList &list, double fetchMs)
{
    QTemporaryDir config;
    qputenv("VIGIL_CONFIG_DIR", config.path().toUtf8());
    const QString sample = list.cameras.value(list.cameras.size() / 2).name;
    const QList<Typing> typing = typingFor(sample);
    const long rss0 = selfRssKb();
    const double cpuStart = cpuMs();
    QElapsedTimer t;
    t.start();
    sites::SiteCameraOptions options;
    options.idPrefix = QStringLiteral("bench:");
    options.origin = QStringLiteral("site:bench");
    QList<cameras::Camera> cams = sites::camerasFromPlatform(list, options);
    const double convertMs = double(t.nsecsElapsed()) / 1e6;
    t.restart();
    auto directory = std::make_unique<cameras::CameraDirectory>(nullptr);
    directory->setOriginCameras(options.origin, std::move(cams));
    const double directoryMs = double(t.nsecsElapsed()) / 1e6;
    t.restart();
    auto listModel = std::make_unique<cameras::CameraListModel>();
    listModel->setDirectory(directory.get());
    const int rows = listModel->rowCount();
    const double listMs = double(t.nsecsElapsed()) / 1e6;
    const long rss1 = selfRssKb();
    const double modelCpuMs = cpuMs() - cpuStart;
    std::printf(
        "directory: %lld cameras -> directory cameras %.0f ms, directory %.0f ms, side-panel list %.0f ms "
        "(%d rows), CPU %.0f ms; fetch + parse + model ready %.0f ms; directory + list RSS +%.1f MB\n",
        qint64(directory->rowCount()), convertMs, directoryMs, listMs, rows, modelCpuMs,
        fetchMs + convertMs + directoryMs + listMs, (rss1 - rss0) / 1024.0);
    std::printf("search for \"%s\" typed a key at a time (pinyin table %s):\n", qPrintable(sample),
                cameras::pinyin::available() ? "built in" : "missing");
    for (const char *what : {"Hanzi", "pinyin initials", "full pinyin"}) {
        double cpu = 0;
        const QList<double> ms = typeAll(
            typing, what, [&](const QString &k) { listModel->setFilterText(k); }, &cpu);
        if (!ms.isEmpty())
            std::printf(
                "  %-16s %2lld keystrokes: median %.1f ms, p95 %.1f ms, max %.1f ms; CPU %.1f ms each\n",
                what, qlonglong(ms.size()), percentile(ms, 50), percentile(ms, 95), percentile(ms, 100), cpu);
    }
    listModel.reset();
    directory.reset();
    malloc_trim(0);

    // Baseline: the same names and groups in a QStandardItemModel, filtered by a QSortFilterProxyModel.
    const long rss2 = selfRssKb();
    t.restart();
    auto items = std::make_unique<QStandardItemModel>();
    const QList<cameras::Camera> again = sites::camerasFromPlatform(list, options);
    const double againMs = double(t.nsecsElapsed()) / 1e6;
    t.restart();
    for (const cameras::Camera &c : again) {
        auto *item = new QStandardItem(c.name);
        item->setData(c.id, Qt::UserRole + 1);
        item->setData(c.group, Qt::UserRole + 2);
        items->appendRow(item);
    }
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(items.get());
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    const int proxyRows = proxy.rowCount();
    const double itemsMs = double(t.nsecsElapsed()) / 1e6;
    const long rss3 = selfRssKb();
    std::printf(
        "baseline QStandardItemModel + QSortFilterProxyModel: %.0f ms to fill (%d rows, after %.0f ms of "
        "directory cameras), RSS +%.1f MB\n",
        itemsMs, proxyRows, againMs, (rss3 - rss2) / 1024.0);
    double cpu = 0;
    const QList<double> ms = typeAll(
        typing, "Hanzi",
        [&](const QString &k) {
            proxy.setFilterFixedString(k);
            (void)proxy.rowCount();
        },
        &cpu);
    std::printf("  %-16s %2lld keystrokes: median %.1f ms, p95 %.1f ms, max %.1f ms; CPU %.1f ms each (no "
                "pinyin search)\n",
                "Hanzi", qlonglong(ms.size()), percentile(ms, 50), percentile(ms, 95), percentile(ms, 100),
                cpu);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addOption(
        {QStringLiteral("backend"), QStringLiteral("vigil-demo-backend binary"), QStringLiteral("path")});
    p.addOption({QStringLiteral("vigilctl"), QStringLiteral("vigilctl binary"), QStringLiteral("path")});
    p.addOption(
        {QStringLiteral("directory"),
         QStringLiteral("Also the directory stage: the cameras into the camera directory and its list "
                        "model, and a search typed a key at a time, beside QStandardItemModel.")});
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
    if (p.isSet(QStringLiteral("directory")))
        directoryStage(list.value, clientMs);
    (void)serverRssBusy;
    server.terminate();
    server.waitForFinished(5000);
    return 0;
}
