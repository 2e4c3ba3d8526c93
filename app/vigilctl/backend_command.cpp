#include "backend_command.h"

#include "vigil/backend/artemis_client.h"
#include "vigil/backend/ours_client.h"
#include "vigil/backend/ours_parsers.h"
#include "vigil/backend/ours_push.h"
#include "vigil/backend/wvp_client.h"
#include "vigil/core/redact.h"
#include "vigil/network/http_client.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QEventLoop>
#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QLocale>
#include <QtCore/QTimer>

#include <cmath>

namespace vigil::vigilctl {

using namespace vigil::backend;

namespace {

enum Exit
{
    kOk = 0,
    kFailed = 1,
    kUsage = 2
};

struct Io
{
    QIODevice *out;
    QIODevice *err;
    void json(const QJsonObject &o, bool compact) const
    {
        out->write(QJsonDocument(o).toJson(compact ? QJsonDocument::Compact : QJsonDocument::Indented));
        if (compact)
            out->write("\n");
    }
};

const char kUsageText[] =
    "Usage:\n"
    "  vigilctl backend cameras SITE-URL [--kind K] [--user U] [--password P] [--show-secrets] [--compact]\n"
    "        [--page-size N]\n"
    "      The site's region tree and every camera (id, name, region path, position, streams).\n"
    "  vigilctl backend live SITE-URL CAMERA-ID [--kind K] [--user U] [--password P] [--sub] "
    "[--show-secrets]\n"
    "      A playable URL of one camera: {\"url\": ...}.\n"
    "  vigilctl backend recordings SITE-URL CAMERA-ID [--kind K] [--user U] [--password P] [--from T] [--to "
    "T]\n"
    "      The camera's recordings in [from, to] (ISO 8601; default the last 24 hours): start, end and the "
    "URL\n"
    "      that plays each (vigilctl play URL).\n"
    "  vigilctl backend units SITE-URL [--user U] [--password P] [--seconds S] [--count N]\n"
    "  vigilctl backend alarms SITE-URL [--user U] [--password P] [--seconds S] [--count N]\n"
    "      Listens to the site's push (kind ours only) for S seconds (default 10), or until N unit fixes or\n"
    "      alarms came: JSON lines on stdout, one per unit fix ({\"type\":\"unit\",...}) or alarm\n"
    "      ({\"type\":\"alarm\",...}), plus {\"type\":\"status\",...} lines (live, reconnecting, failed).\n"
    "      Exit 0 when the push was live, 1 when it never was.\n"
    "SITE-URL is the platform's address, e.g. http://10.1.2.3:8080. An https:// site's certificate is "
    "verified\n"
    "(system store and host name) unless it is the one named by --trust-cert SHA256 (hex, colons allowed);\n"
    "a refused certificate's fingerprint is in the JSON (presentedCertSha256).\n"
    "Kinds (--kind, default ours):\n"
    "  ours     the Vigil platform API (docs/api/vigil-api.yaml): --user and --password\n"
    "  zlm      ZLMediaKit's HTTP API: --password is the API secret (no --user)\n"
    "  artemis  Hikvision iSecure Center / Artemis OpenAPI: --user is the AppKey, --password the AppSecret\n"
    "  wvp      WVP-GB28181-pro: --user and --password (sent as its MD5, as WVP's own page does)\n"
    "Without --password the password is read from $VIGIL_BACKEND_PASSWORD (keeps it out of shell history).\n"
    "Credentials inside stream URLs are shown as *** unless --show-secrets.\n"
    "Exit 0 on success, 1 on failure (the JSON says why), 2 on usage errors.\n";

int usage(const Io &io, const QString &why)
{
    QByteArray text;
    if (!why.isEmpty())
        text += "vigilctl backend: " + why.toUtf8() + "\n";
    text += kUsageText;
    io.err->write(text);
    return kUsage;
}

int help(const Io &io)
{
    io.out->write(kUsageText);
    return kOk;
}

int failed(const Io &io, const Error &e, const char *operation)
{
    io.json({{QStringLiteral("ok"), false},
             {QStringLiteral("operation"), QLatin1String(operation)},
             {QStringLiteral("code"), toString(e.code)},
             {QStringLiteral("error"), e.message},
             {QStringLiteral("presentedCertSha256"),
              e.presentedCertSha256.isEmpty() ? QJsonValue() : QJsonValue(e.presentedCertSha256)}},
            false);
    return kFailed;
}

QString shown(const QString &url, bool secrets)
{
    return secrets || url.isEmpty() ? url : core::redactUrl(url);
}

// JSON text of a string (UTF-8, escaped) and of a number (null for NaN), written by hand for the camera
// lines: a QJsonObject per camera costs seconds at 400,000 cameras.
void appendJson(QByteArray &out, const QString &s)
{
    out += '"';
    for (const char ch : s.toUtf8()) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += ch;
        } else if (c < 0x20) {
            out += "\\u00";
            out += "0123456789abcdef"[c >> 4];
            out += "0123456789abcdef"[c & 15];
        } else {
            out += ch;
        }
    }
    out += '"';
}

void appendJson(QByteArray &out, double v)
{
    if (std::isnan(v) || std::isinf(v))
        out += "null";
    else
        out += QByteArray::number(v, 'g', QLocale::FloatingPointShortest);
}

QString toString(CameraStatus s)
{
    switch (s) {
    case CameraStatus::Online:
        return QStringLiteral("online");
    case CameraStatus::Offline:
        return QStringLiteral("offline");
    case CameraStatus::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

// The options every backend subcommand shares, and the site they name. False when the command must end now.
struct Common
{
    PlatformKind kind = PlatformKind::Ours;
    SiteConnection site;
    bool showSecrets = false;
    bool compact = false;
};

void addCommonOptions(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("kind"), QStringLiteral("ours | zlm | wvp | artemis"), QStringLiteral("kind"),
                 QStringLiteral("ours")});
    p.addOption({QStringLiteral("user"), QStringLiteral("user name"), QStringLiteral("user")});
    p.addOption({QStringLiteral("password"), QStringLiteral("password"), QStringLiteral("password")});
    p.addOption({QStringLiteral("timeout"), QStringLiteral("per-request timeout"), QStringLiteral("ms"),
                 QStringLiteral("15000")});
    p.addOption({QStringLiteral("show-secrets"), QStringLiteral("print credentials inside URLs")});
    p.addOption({QStringLiteral("trust-cert"), QStringLiteral("the SHA-256 of the site's own certificate"),
                 QStringLiteral("sha256")});
    p.addOption({QStringLiteral("compact"), QStringLiteral("one line of JSON")});
    p.addOption({{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("this help")});
}

bool common(const QCommandLineParser &p, const QStringList &args, const Io &io, int positionals, Common *c,
            int *exit)
{
    if (p.isSet(QStringLiteral("help"))) {
        *exit = help(io);
        return false;
    }
    const QString kind = p.value(QStringLiteral("kind"));
    const auto k = platformKindFromString(kind);
    if (!k) {
        *exit = usage(io, QStringLiteral("unknown --kind '%1' (ours, zlm, wvp or artemis)").arg(kind));
        return false;
    }
    if (!makePlatformClient(*k, {})) {
        *exit = usage(io, QStringLiteral("--kind %1 is not supported yet").arg(kind));
        return false;
    }
    c->kind = *k;
    const QStringList pos = p.positionalArguments();
    if (pos.size() != positionals) {
        *exit = usage(io, positionals == 2
                              ? QStringLiteral("%1 needs the site URL").arg(args.value(1))
                              : QStringLiteral("%1 needs the site URL and a camera id").arg(args.value(1)));
        return false;
    }
    QUrl url(pos.at(1), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
        url.host().isEmpty()) {
        *exit = usage(
            io, QStringLiteral("not an http:// or https:// site URL: %1").arg(core::redactUrl(pos.at(1))));
        return false;
    }
    c->site.user = p.isSet(QStringLiteral("user")) ? p.value(QStringLiteral("user")) : url.userName();
    c->site.password = p.isSet(QStringLiteral("password")) ? p.value(QStringLiteral("password"))
                       : !url.password().isEmpty()         ? url.password()
                                                           : qEnvironmentVariable("VIGIL_BACKEND_PASSWORD");
    url.setUserInfo({});
    c->site.baseUrl = url;
    bool ok = false;
    c->site.timeoutMs = p.value(QStringLiteral("timeout")).toInt(&ok);
    if (!ok || c->site.timeoutMs <= 0) {
        *exit = usage(io, QStringLiteral("--timeout takes a positive number of milliseconds"));
        return false;
    }
    // ZLMediaKit needs only its API secret (--password); the others a user (Artemis: the AppKey).
    if (c->site.user.isEmpty() && c->kind != PlatformKind::ZlMediaKit) {
        *exit = usage(io, QStringLiteral("--user is needed to log in to the site"));
        return false;
    }
    if (p.isSet(QStringLiteral("trust-cert"))) {
        c->site.trustedCertSha256 = network::normalizeFingerprint(p.value(QStringLiteral("trust-cert")));
        if (c->site.trustedCertSha256.isEmpty()) {
            *exit = usage(io, QStringLiteral("--trust-cert takes a SHA-256 fingerprint (64 hex digits)"));
            return false;
        }
    }
    c->showSecrets = p.isSet(QStringLiteral("show-secrets"));
    c->compact = p.isSet(QStringLiteral("compact"));
    return true;
}

int cameras(const QStringList &args, const Io &io)
{
    QCommandLineParser p;
    addCommonOptions(p);
    p.addOption({QStringLiteral("page-size"), QStringLiteral("cameras per request"), QStringLiteral("n"),
                 QStringLiteral("1000")});
    if (!p.parse(args))
        return usage(io, p.errorText());
    Common c;
    int exit = 0;
    if (!common(p, args, io, 2, &c, &exit))
        return exit;
    bool ok = false;
    const int pageSize = p.value(QStringLiteral("page-size")).toInt(&ok);
    if (!ok || pageSize <= 0)
        return usage(io, QStringLiteral("--page-size takes a positive number"));

    auto client = makePlatformClient(c.kind, c.site);
    if (auto *ours = dynamic_cast<OursClient *>(client.get()))
        ours->setPageSize(pageSize);
    if (auto *artemis = dynamic_cast<ArtemisClient *>(client.get()))
        artemis->setPageSize(pageSize);
    if (auto *wvp = dynamic_cast<WvpClient *>(client.get()))
        wvp->setPageSize(pageSize);
    const auto list = client->cameras();
    if (!list.ok())
        return failed(io, list.error, "cameras");

    const RegionPaths paths(list.value.regions);
    // Written as it goes, one region or camera per line (a province is 400,000 cameras: one QJsonDocument of
    // all of them would cost seconds and a gigabyte).
    const char *nl = c.compact ? "" : "\n";
    const char *indent = c.compact ? "" : "    ";
    QByteArray head =
        QJsonDocument(QJsonObject{{QStringLiteral("ok"), true},
                                  {QStringLiteral("site"), core::redactUrl(c.site.baseUrl.toString())},
                                  {QStringLiteral("kind"), toString(c.kind)},
                                  {QStringLiteral("regionCount"), list.value.regions.size()},
                                  {QStringLiteral("cameraCount"), list.value.cameras.size()},
                                  {QStringLiteral("requests"), list.value.requests}})
            .toJson(c.compact ? QJsonDocument::Compact : QJsonDocument::Indented)
            .trimmed();
    head.chop(1); // the closing brace: the arrays follow
    if (!c.compact)
        head = head.trimmed();
    io.out->write(head + "," + nl + indent + "\"regions\": [" + nl);
    for (qsizetype i = 0; i < list.value.regions.size(); ++i) {
        const Region &r = list.value.regions[i];
        const QJsonObject o{{QStringLiteral("id"), r.id},
                            {QStringLiteral("name"), r.name},
                            {QStringLiteral("nameEn"), r.nameEn},
                            {QStringLiteral("parentId"), r.parentId.isEmpty() ? QJsonValue() : r.parentId},
                            {QStringLiteral("path"), paths.path(r.id)}};
        io.out->write(indent + QByteArray(indent) + QJsonDocument(o).toJson(QJsonDocument::Compact) +
                      (i + 1 < list.value.regions.size() ? "," : "") + nl);
    }
    io.out->write(indent + QByteArray("],") + nl + indent + "\"cameras\": [" + nl);
    QByteArray line;
    for (qsizetype i = 0; i < list.value.cameras.size(); ++i) {
        const BackendCamera &cam = list.value.cameras[i];
        line.clear();
        line += indent;
        line += indent;
        line += "{\"id\":";
        appendJson(line, cam.id);
        line += ",\"name\":";
        appendJson(line, cam.name);
        line += ",\"nameEn\":";
        appendJson(line, cam.nameEn);
        line += ",\"region\":";
        appendJson(line, paths.path(cam.regionId));
        line += ",\"regionId\":";
        appendJson(line, cam.regionId);
        line += ",\"lon\":";
        appendJson(line, cam.longitude);
        line += ",\"lat\":";
        appendJson(line, cam.latitude);
        line += cam.datum == Datum::Gcj02 ? ",\"datum\":\"gcj02\"" : ",\"datum\":\"wgs84\"";
        line += ",\"direction\":";
        appendJson(line, cam.directionDeg);
        line += ",\"fov\":";
        appendJson(line, cam.fovDeg);
        line += cam.ptz ? ",\"ptz\":true" : ",\"ptz\":false";
        line += ",\"status\":\"" + toString(cam.status).toLatin1() + '"';
        if (cam.hasStreams()) {
            line += ",\"streams\":{\"main\":";
            appendJson(line, shown(cam.mainStream, c.showSecrets));
            line += ",\"sub\":";
            appendJson(line, shown(cam.subStream, c.showSecrets));
            line += '}';
        } else {
            line += ",\"streams\":null"; // ask `vigilctl backend live`
        }
        line += '}';
        if (i + 1 < list.value.cameras.size())
            line += ',';
        line += nl;
        io.out->write(line);
    }
    io.out->write(indent + QByteArray("]") + nl + "}\n");
    return kOk;
}

int live(const QStringList &args, const Io &io)
{
    QCommandLineParser p;
    addCommonOptions(p);
    p.addOption({QStringLiteral("sub"), QStringLiteral("the sub stream")});
    if (!p.parse(args))
        return usage(io, p.errorText());
    Common c;
    int exit = 0;
    if (!common(p, args, io, 3, &c, &exit))
        return exit;
    auto client = makePlatformClient(c.kind, c.site);
    const auto live = client->liveUrl(p.positionalArguments().at(2), p.isSet(QStringLiteral("sub")));
    if (!live.ok())
        return failed(io, live.error, "live");
    QJsonObject o{{QStringLiteral("ok"), true},
                  {QStringLiteral("url"), shown(live.value.url.toString(), c.showSecrets)}};
    if (live.value.expiresAt.isValid())
        o[QStringLiteral("expiresAt")] = live.value.expiresAt.toString(Qt::ISODate);
    io.json(o, c.compact);
    return kOk;
}

int recordings(const QStringList &args, const Io &io)
{
    QCommandLineParser p;
    addCommonOptions(p);
    p.addOption({QStringLiteral("from"), QStringLiteral("start (ISO 8601)"), QStringLiteral("T")});
    p.addOption({QStringLiteral("to"), QStringLiteral("end (ISO 8601)"), QStringLiteral("T")});
    if (!p.parse(args))
        return usage(io, p.errorText());
    Common c;
    int exit = 0;
    if (!common(p, args, io, 3, &c, &exit))
        return exit;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime to = p.isSet(QStringLiteral("to"))
                             ? QDateTime::fromString(p.value(QStringLiteral("to")), Qt::ISODateWithMs)
                             : now;
    const QDateTime from = p.isSet(QStringLiteral("from"))
                               ? QDateTime::fromString(p.value(QStringLiteral("from")), Qt::ISODateWithMs)
                               : to.addDays(-1);
    if (!from.isValid() || !to.isValid() || to < from)
        return usage(
            io, QStringLiteral(
                    "--from and --to are ISO 8601 times (2026-12-06T14:00:00Z), --to not before --from"));
    auto client = makePlatformClient(c.kind, c.site);
    const auto segments = client->recordings(p.positionalArguments().at(2), from, to);
    if (!segments.ok())
        return failed(io, segments.error, "recordings");
    QJsonArray items;
    for (const RecordingSegment &s : segments.value) {
        QJsonObject o{{QStringLiteral("start"), s.start.toUTC().toString(Qt::ISODateWithMs)},
                      {QStringLiteral("end"), s.end.toUTC().toString(Qt::ISODateWithMs)}};
        if (!s.kind.isEmpty())
            o[QStringLiteral("kind")] = s.kind;
        if (s.sizeBytes >= 0)
            o[QStringLiteral("size_bytes")] = double(s.sizeBytes);
        if (!s.url.isEmpty())
            o[QStringLiteral("url")] = shown(s.url.toString(), c.showSecrets);
        items.append(o);
    }
    io.json(QJsonObject{{QStringLiteral("ok"), true}, {QStringLiteral("recordings"), items}}, c.compact);
    return kOk;
}

void jsonLine(const Io &io, const QJsonObject &o)
{
    io.out->write(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
}

QJsonValue number(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue();
}

QJsonValue isoTime(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

// `units` / `alarms`: the push of an "ours" site, as JSON lines, for --seconds or until --count messages.
int listen(const QStringList &args, const Io &io, bool units)
{
    QCommandLineParser p;
    addCommonOptions(p);
    p.addOption({QStringLiteral("seconds"), QStringLiteral("how long to listen"), QStringLiteral("s"),
                 QStringLiteral("10")});
    p.addOption({QStringLiteral("count"), QStringLiteral("stop after this many unit fixes or alarms"),
                 QStringLiteral("n"), QStringLiteral("0")});
    if (!p.parse(args))
        return usage(io, p.errorText());
    Common c;
    int exit = 0;
    if (!common(p, args, io, 2, &c, &exit))
        return exit;
    if (c.kind != PlatformKind::Ours)
        return usage(io, QStringLiteral("--kind %1 gives no push (live positions, alarms): only ours does")
                             .arg(toString(c.kind)));
    bool ok = false;
    const double seconds = p.value(QStringLiteral("seconds")).toDouble(&ok);
    if (!ok || seconds <= 0 || seconds > 24 * 3600)
        return usage(io, QStringLiteral("--seconds takes a positive number (at most a day)"));
    const int count = p.value(QStringLiteral("count")).toInt(&ok);
    if (!ok || count < 0)
        return usage(io, QStringLiteral("--count takes a number (0 = no limit)"));

    OursPush push(c.site, {units ? QStringLiteral("units") : QStringLiteral("alarms")});
    QEventLoop loop;
    int received = 0;
    bool live = false;
    const auto counted = [&] {
        if (count > 0 && ++received >= count)
            loop.quit();
    };
    QObject::connect(&push, &OursPush::subscribed, &loop, [&] {
        live = true;
        jsonLine(io, {{QStringLiteral("type"), QStringLiteral("status")},
                      {QStringLiteral("status"), QStringLiteral("live")},
                      {QStringLiteral("site"), core::redactUrl(c.site.baseUrl.toString())}});
    });
    QObject::connect(&push, &OursPush::reconnecting, &loop, [&](int retryInMs, const QString &reason) {
        jsonLine(io, {{QStringLiteral("type"), QStringLiteral("status")},
                      {QStringLiteral("status"), QStringLiteral("reconnecting")},
                      {QStringLiteral("retryInMs"), retryInMs},
                      {QStringLiteral("error"), reason}});
    });
    QObject::connect(&push, &OursPush::statusChanged, &loop, [&] {
        if (push.status() != OursPush::Status::Failed)
            return;
        jsonLine(io, {{QStringLiteral("type"), QStringLiteral("status")},
                      {QStringLiteral("status"), QStringLiteral("failed")},
                      {QStringLiteral("error"), push.lastError()},
                      {QStringLiteral("presentedCertSha256"), push.presentedCertSha256().isEmpty()
                                                                  ? QJsonValue()
                                                                  : QJsonValue(push.presentedCertSha256())}});
        loop.quit();
    });
    QObject::connect(&push, &OursPush::unitsReceived, &loop, [&](const QList<UnitFix> &fixes) {
        for (const UnitFix &f : fixes) {
            jsonLine(io, {{QStringLiteral("type"), QStringLiteral("unit")},
                          {QStringLiteral("id"), f.id},
                          {QStringLiteral("callSign"), f.callSign},
                          {QStringLiteral("lon"), number(f.longitude)},
                          {QStringLiteral("lat"), number(f.latitude)},
                          {QStringLiteral("datum"),
                           f.datum == Datum::Gcj02 ? QStringLiteral("gcj02") : QStringLiteral("wgs84")},
                          {QStringLiteral("heading"), number(f.headingDeg)},
                          {QStringLiteral("speed"), number(f.speedMps)},
                          {QStringLiteral("status"), f.status},
                          {QStringLiteral("time"), isoTime(f.time)}});
            counted();
        }
    });
    QObject::connect(&push, &OursPush::alarmReceived, &loop, [&](const PushMessage &m) {
        jsonLine(
            io,
            {{QStringLiteral("type"), QStringLiteral("alarm")},
             {QStringLiteral("id"), m.alarmId},
             {QStringLiteral("kind"), m.alarmKind},
             {QStringLiteral("cameraId"), m.alarmCameraId.isEmpty() ? QJsonValue() : m.alarmCameraId},
             {QStringLiteral("lon"), number(m.alarmLongitude)},
             {QStringLiteral("lat"), number(m.alarmLatitude)},
             {QStringLiteral("datum"),
              m.alarmDatum == Datum::Gcj02 ? QStringLiteral("gcj02") : QStringLiteral("wgs84")},
             {QStringLiteral("priority"), m.alarmPriority > 0 ? QJsonValue(m.alarmPriority) : QJsonValue()},
             {QStringLiteral("message"), m.alarmMessage},
             {QStringLiteral("messageEn"), m.alarmMessageEn},
             {QStringLiteral("time"), isoTime(m.alarmTime)}});
        counted();
    });
    QTimer::singleShot(int(seconds * 1000), &loop, &QEventLoop::quit);
    push.start();
    loop.exec();
    push.stop();
    return live ? kOk : kFailed;
}

} // namespace

int runBackend(const QStringList &args, QIODevice *out, QIODevice *err)
{
    const Io io{out, err};
    if (args.size() < 2)
        return usage(io,
                     QStringLiteral("missing the subcommand (cameras, live, recordings, units or alarms)"));
    const QString sub = args.at(1);
    if (sub == QLatin1String("--help") || sub == QLatin1String("-h"))
        return help(io);
    if (sub == QLatin1String("cameras"))
        return cameras(args, io);
    if (sub == QLatin1String("live"))
        return live(args, io);
    if (sub == QLatin1String("recordings"))
        return recordings(args, io);
    if (sub == QLatin1String("units"))
        return listen(args, io, true);
    if (sub == QLatin1String("alarms"))
        return listen(args, io, false);
    return usage(io, QStringLiteral("unknown subcommand '%1'").arg(sub));
}

int runBackend(const QStringList &args)
{
    QFile out, err;
    if (!out.open(stdout, QIODevice::WriteOnly) || !err.open(stderr, QIODevice::WriteOnly))
        return kFailed;
    return runBackend(args, &out, &err);
}

} // namespace vigil::vigilctl
