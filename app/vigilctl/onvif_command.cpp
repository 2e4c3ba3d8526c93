#include "onvif_command.h"

#include "vigil/core/redact.h"
#include "vigil/onvif/client.h"
#include "vigil/onvif/discovery.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QThread>

namespace vigil::vigilctl {

using namespace vigil::onvif;

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
    void json(const QJsonObject &o, bool compact = false) const
    {
        out->write(QJsonDocument(o).toJson(compact ? QJsonDocument::Compact : QJsonDocument::Indented));
        if (compact)
            out->write("\n");
    }
};

QString redacted(const QUrl &u)
{
    return u.isEmpty() ? QString() : core::redactUrl(u.toString());
}

const char kUsageText[] =
    "Usage:\n"
    "  vigilctl onvif discover [--unicast ADDR[,ADDR|A.B.C.X-Y]] [--timeout MS] [--no-multicast]\n"
    "  vigilctl onvif info URL --user U [--password P]\n"
    "  vigilctl onvif ptz URL --user U [--password P] [--profile TOKEN]\n"
    "        move [--pan X] [--tilt Y] [--zoom Z] [--seconds S] | stop | presets | preset N | home\n"
    "        | set-preset NAME | remove-preset TOKEN\n"
    "  vigilctl onvif events URL --user U [--password P] [--seconds S]\n"
    "  vigilctl onvif recordings URL [CAMERA] --user U [--password P]\n"
    "        Profile G: the device's recordings (FindRecordings; CAMERA: only those whose source name or\n"
    "        recording token is CAMERA), each with its span and replay URI (GetReplayUri), to play with\n"
    "        vigilctl play URI --onvif-start EARLIEST. Also: vigilctl recordings URL CAMERA --kind onvif.\n"
    "URL is an address (192.168.1.64, 192.168.1.64:8080) or the device-service URL.\n"
    "Without --password the password is read from $VIGIL_ONVIF_PASSWORD (keeps it out of shell "
    "history).\n"
    "Exit 0 on success, 1 on failure (the JSON says why), 2 on usage errors.\n";

// A usage error: why, then the usage, on stderr; exit 2.
int usage(const Io &io, const QString &why)
{
    QByteArray text;
    if (!why.isEmpty())
        text += "vigilctl onvif: " + why.toUtf8() + "\n";
    text += kUsageText;
    io.err->write(text);
    return kUsage;
}

// --help was asked for: the usage on stdout, exit 0 (so `vigilctl onvif info --help | less` works).
int help(const Io &io)
{
    io.out->write(kUsageText);
    return kOk;
}

const QCommandLineOption &helpOption()
{
    static const QCommandLineOption o({QStringLiteral("h"), QStringLiteral("help")},
                                      QStringLiteral("this help"));
    return o;
}

// Parses a subcommand's arguments (its options plus --help). False when the command must end now: on a usage
// error (*exit = 2) or after printing the help (*exit = 0).
bool parse(QCommandLineParser &p, const QStringList &args, const Io &io, int *exit)
{
    p.addOption(helpOption());
    if (!p.parse(args)) {
        *exit = usage(io, p.errorText());
        return false;
    }
    if (p.isSet(helpOption())) {
        *exit = help(io);
        return false;
    }
    return true;
}

int failed(const Io &io, const Error &e, const char *operation)
{
    QJsonObject o{{QStringLiteral("ok"), false},
                  {QStringLiteral("operation"), QLatin1String(operation)},
                  {QStringLiteral("code"), toString(e.code)},
                  {QStringLiteral("error"), e.message}};
    io.json(o);
    return kFailed;
}

QJsonObject profileJson(const MediaProfile &p)
{
    QJsonObject o{{QStringLiteral("token"), p.token},
                  {QStringLiteral("name"), p.name},
                  {QStringLiteral("encoding"), p.encoding},
                  {QStringLiteral("media2"), p.media2}};
    if (p.resolution.isValid()) {
        o[QStringLiteral("width")] = p.resolution.width();
        o[QStringLiteral("height")] = p.resolution.height();
    }
    if (p.fps > 0)
        o[QStringLiteral("fps")] = p.fps;
    if (p.bitrateKbps > 0)
        o[QStringLiteral("bitrateKbps")] = p.bitrateKbps;
    o[QStringLiteral("ptz")] = !p.ptzConfigurationToken.isEmpty();
    return o;
}

QJsonObject eventJson(const AlarmEvent &e)
{
    QJsonObject data;
    for (const auto &[k, v] : e.data)
        data[k] = v;
    return {{QStringLiteral("kind"), toString(e.kind)},
            {QStringLiteral("topic"), e.topic},
            {QStringLiteral("time"), e.time.toString(Qt::ISODate)},
            {QStringLiteral("active"), e.active},
            {QStringLiteral("initial"), e.initial},
            {QStringLiteral("source"), e.source},
            {QStringLiteral("data"), data}};
}

struct Target
{
    QUrl url;
    QString user;
    QString password;
};

// Common URL/--user/--password handling; returns false after printing usage.
bool target(const QCommandLineParser &p, const Io &io, int urlIndex, Target *t, int *exit)
{
    const QStringList pos = p.positionalArguments();
    if (pos.size() <= urlIndex) {
        *exit = usage(io, QStringLiteral("missing the device address"));
        return false;
    }
    t->url = deviceUrlFromAddress(pos.at(urlIndex));
    if (!t->url.isValid()) {
        *exit = usage(io, QStringLiteral("not a device address: %1").arg(core::redactUrl(pos.at(urlIndex))));
        return false;
    }
    t->user = p.isSet(QStringLiteral("user")) ? p.value(QStringLiteral("user")) : t->url.userName();
    t->password = p.isSet(QStringLiteral("password")) ? p.value(QStringLiteral("password"))
                  : !t->url.password().isEmpty()      ? t->url.password()
                                                      : qEnvironmentVariable("VIGIL_ONVIF_PASSWORD");
    t->url.setUserInfo({});
    return true;
}

int discover(const QStringList &args, const Io &io)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("discover"), {});
    p.addOption({QStringLiteral("unicast"), QStringLiteral("probe these addresses"), QStringLiteral("addr")});
    p.addOption({QStringLiteral("timeout"), QStringLiteral("wait MS for answers"), QStringLiteral("ms"),
                 QStringLiteral("3000")});
    p.addOption({QStringLiteral("no-multicast"), QStringLiteral("only the --unicast addresses")});
    int exit = 0;
    if (!parse(p, args, io, &exit))
        return exit;
    DiscoveryOptions o;
    bool ok = false;
    o.timeoutMs = p.value(QStringLiteral("timeout")).toInt(&ok);
    if (!ok || o.timeoutMs <= 0)
        return usage(io, QStringLiteral("--timeout takes a positive number of milliseconds"));
    QString error;
    o.unicast = parseProbeTargets(p.values(QStringLiteral("unicast")).join(QLatin1Char(',')), &error);
    if (!error.isEmpty())
        return usage(io, error);
    o.multicast = !p.isSet(QStringLiteral("no-multicast"));
    Discovery d;
    QEventLoop loop;
    QObject::connect(&d, &Discovery::finished, &loop, &QEventLoop::quit);
    if (!d.start(o, &error)) {
        Error e;
        e.code = ErrorCode::Unreachable;
        e.message = error;
        return failed(io, e, "discover");
    }
    loop.exec();
    QJsonArray devices;
    for (const ProbeMatch &m : d.devices()) {
        QJsonArray xaddrs, scopes;
        for (const QUrl &x : m.xaddrs)
            xaddrs.append(redacted(x));
        for (const QString &s : m.scopes)
            scopes.append(s);
        devices.append(QJsonObject{{QStringLiteral("endpoint"), m.endpoint},
                                   {QStringLiteral("name"), m.name},
                                   {QStringLiteral("hardware"), m.hardware},
                                   {QStringLiteral("location"), m.location},
                                   {QStringLiteral("from"), m.fromAddress},
                                   {QStringLiteral("xaddrs"), xaddrs},
                                   {QStringLiteral("scopes"), scopes}});
    }
    io.json({{QStringLiteral("ok"), true},
             {QStringLiteral("probesSent"), d.probesSent()},
             {QStringLiteral("devices"), devices}});
    return kOk;
}

void addAuthOptions(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("user"), QStringLiteral("user name"), QStringLiteral("user")});
    p.addOption({QStringLiteral("password"), QStringLiteral("password"), QStringLiteral("password")});
    p.addOption({QStringLiteral("timeout"), QStringLiteral("per-request timeout"), QStringLiteral("ms"),
                 QStringLiteral("10000")});
}

ClientOptions clientOptions(const QCommandLineParser &p)
{
    ClientOptions o;
    const int t = p.value(QStringLiteral("timeout")).toInt();
    if (t > 0)
        o.timeoutMs = t;
    return o;
}

int info(const QStringList &args, const Io &io)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("info"), {});
    p.addPositionalArgument(QStringLiteral("url"), {});
    addAuthOptions(p);
    int exit = 0;
    if (!parse(p, args, io, &exit))
        return exit;
    Target t;
    if (!target(p, io, 1, &t, &exit))
        return exit;
    OnvifClient c(t.url, t.user, t.password, clientOptions(p));
    const auto r = c.describe();
    if (!r.ok())
        return failed(io, r.error, "info");
    const DeviceDescription &d = r.value;
    QJsonObject services;
    const std::pair<const char *, QUrl> list[] = {
        {"device", d.services.device},       {"media", d.services.media},
        {"media2", d.services.media2},       {"ptz", d.services.ptz},
        {"events", d.services.events},       {"imaging", d.services.imaging},
        {"recording", d.services.recording}, {"search", d.services.search},
        {"replay", d.services.replay}};
    for (const auto &[name, url] : list)
        if (!url.isEmpty())
            services[QLatin1String(name)] = redacted(url);
    QJsonArray profiles, streams, presets;
    for (const MediaProfile &m : d.profiles)
        profiles.append(profileJson(m));
    for (const StreamChoice &s : d.streams) {
        QJsonObject o = profileJson(s.profile);
        o[QStringLiteral("role")] = s.role;
        o[QStringLiteral("uri")] = redacted(s.uri);
        streams.append(o);
    }
    for (const Preset &pr : d.presets)
        presets.append(QJsonObject{{QStringLiteral("token"), pr.token}, {QStringLiteral("name"), pr.name}});
    io.json({{QStringLiteral("ok"), true},
             {QStringLiteral("device"), QJsonObject{{QStringLiteral("address"), redacted(d.deviceUrl)},
                                                    {QStringLiteral("manufacturer"), d.info.manufacturer},
                                                    {QStringLiteral("model"), d.info.model},
                                                    {QStringLiteral("firmware"), d.info.firmware},
                                                    {QStringLiteral("serial"), d.info.serial},
                                                    {QStringLiteral("hardwareId"), d.info.hardwareId}}},
             {QStringLiteral("clockOffsetSeconds"), double(d.clockOffsetMs / 1000)},
             {QStringLiteral("services"), services},
             {QStringLiteral("profiles"), profiles},
             {QStringLiteral("streams"), streams},
             {QStringLiteral("snapshotUri"), redacted(d.snapshotUri)},
             {QStringLiteral("presets"), presets}});
    return kOk;
}

int ptz(const QStringList &args, const Io &io)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("ptz"), {});
    p.addPositionalArgument(QStringLiteral("url"), {});
    p.addPositionalArgument(QStringLiteral("action"), {});
    addAuthOptions(p);
    p.addOption({QStringLiteral("profile"), QStringLiteral("media profile token"), QStringLiteral("token")});
    p.addOption({QStringLiteral("pan"), QStringLiteral("-1..1"), QStringLiteral("x"), QStringLiteral("0")});
    p.addOption({QStringLiteral("tilt"), QStringLiteral("-1..1"), QStringLiteral("y"), QStringLiteral("0")});
    p.addOption({QStringLiteral("zoom"), QStringLiteral("-1..1"), QStringLiteral("z"), QStringLiteral("0")});
    p.addOption({QStringLiteral("seconds"), QStringLiteral("move for S seconds, then stop"),
                 QStringLiteral("s"), QStringLiteral("1")});
    int exit = 0;
    if (!parse(p, args, io, &exit))
        return exit;
    Target t;
    if (!target(p, io, 1, &t, &exit))
        return exit;
    const QStringList pos = p.positionalArguments();
    if (pos.size() < 3)
        return usage(
            io, QStringLiteral("ptz needs an action: move, stop, presets, preset N, home, set-preset NAME, "
                               "remove-preset TOKEN"));
    const QString action = pos.at(2);
    const QString arg = pos.value(3);
    static const QStringList kNeedArg = {QStringLiteral("preset"), QStringLiteral("set-preset"),
                                         QStringLiteral("remove-preset")};
    static const QStringList kActions = {QStringLiteral("move"), QStringLiteral("stop"),
                                         QStringLiteral("presets"), QStringLiteral("home")};
    if (!kActions.contains(action) && !kNeedArg.contains(action))
        return usage(io, QStringLiteral("unknown ptz action '%1'").arg(action));
    if (kNeedArg.contains(action) && arg.isEmpty())
        return usage(io, QStringLiteral("ptz %1 needs an argument").arg(action));
    bool okX = false, okY = false, okZ = false, okS = false;
    const double pan = p.value(QStringLiteral("pan")).toDouble(&okX);
    const double tilt = p.value(QStringLiteral("tilt")).toDouble(&okY);
    const double zoom = p.value(QStringLiteral("zoom")).toDouble(&okZ);
    const double seconds = p.value(QStringLiteral("seconds")).toDouble(&okS);
    if (!okX || !okY || !okZ || !okS || std::abs(pan) > 1 || std::abs(tilt) > 1 || std::abs(zoom) > 1 ||
        seconds <= 0 || seconds > 60)
        return usage(io, QStringLiteral("--pan/--tilt/--zoom take -1..1, --seconds 0..60"));

    OnvifClient c(t.url, t.user, t.password, clientOptions(p));
    QString profile = p.value(QStringLiteral("profile"));
    if (profile.isEmpty()) {
        const auto profiles = c.profiles();
        if (!profiles.ok())
            return failed(io, profiles.error, "ptz");
        for (const MediaProfile &m : rankProfiles(profiles.value))
            if (!m.ptzConfigurationToken.isEmpty()) {
                profile = m.token;
                break;
            }
        if (profile.isEmpty() && !profiles.value.isEmpty())
            profile = rankProfiles(profiles.value).first().token;
    }
    QJsonObject out{{QStringLiteral("ok"), true},
                    {QStringLiteral("action"), action},
                    {QStringLiteral("profile"), profile}};
    Error error;
    if (action == QLatin1String("move")) {
        const int ms = int(seconds * 1000);
        const auto r = c.continuousMove(profile, pan, tilt, zoom, ms);
        error = r.error;
        if (r.ok()) {
            QThread::msleep(ulong(ms));
            // Always stop explicitly: not every device honours the move Timeout.
            error = c.stop(profile).error;
        }
    } else if (action == QLatin1String("stop")) {
        error = c.stop(profile).error;
    } else if (action == QLatin1String("home")) {
        error = c.gotoHomePosition(profile).error;
    } else if (action == QLatin1String("preset")) {
        error = c.gotoPreset(profile, arg).error;
        out[QStringLiteral("preset")] = arg;
    } else if (action == QLatin1String("remove-preset")) {
        error = c.removePreset(profile, arg).error;
        out[QStringLiteral("preset")] = arg;
    } else if (action == QLatin1String("set-preset")) {
        const auto r = c.setPreset(profile, arg);
        error = r.error;
        out[QStringLiteral("preset")] = r.value;
    } else {
        const auto r = c.presets(profile);
        error = r.error;
        QJsonArray presets;
        for (const Preset &pr : r.value)
            presets.append(
                QJsonObject{{QStringLiteral("token"), pr.token}, {QStringLiteral("name"), pr.name}});
        out[QStringLiteral("presets")] = presets;
    }
    if (error.isError())
        return failed(io, error, "ptz");
    io.json(out);
    return kOk;
}

int events(const QStringList &args, const Io &io)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("events"), {});
    p.addPositionalArgument(QStringLiteral("url"), {});
    addAuthOptions(p);
    p.addOption({QStringLiteral("seconds"), QStringLiteral("listen for S seconds"), QStringLiteral("s"),
                 QStringLiteral("30")});
    int exit = 0;
    if (!parse(p, args, io, &exit))
        return exit;
    Target t;
    if (!target(p, io, 1, &t, &exit))
        return exit;
    bool ok = false;
    const double seconds = p.value(QStringLiteral("seconds")).toDouble(&ok);
    if (!ok || seconds <= 0)
        return usage(io, QStringLiteral("--seconds takes a positive number"));
    OnvifClient c(t.url, t.user, t.password, clientOptions(p));
    const auto sub = c.createPullPointSubscription(std::max(60, int(seconds) + 10));
    if (!sub.ok())
        return failed(io, sub.error, "events");
    QElapsedTimer elapsed;
    elapsed.start();
    int count = 0;
    Error error;
    // One JSON object per line, printed as events arrive.
    while (elapsed.elapsed() < qint64(seconds * 1000)) {
        const int left = int(std::ceil(seconds - double(elapsed.elapsed()) / 1000.0));
        const auto r = c.pullMessages(sub.value, std::clamp(left, 1, 5));
        if (!r.ok()) {
            error = r.error;
            break;
        }
        for (const AlarmEvent &e : r.value) {
            io.json(eventJson(e), true);
            ++count;
        }
    }
    c.unsubscribe(sub.value);
    if (error.isError())
        return failed(io, error, "events");
    io.json({{QStringLiteral("ok"), true}, {QStringLiteral("events"), count}}, true);
    return kOk;
}

int recordings(const QStringList &args, const Io &io)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("recordings"), {});
    p.addPositionalArgument(QStringLiteral("url"), {});
    p.addPositionalArgument(QStringLiteral("camera"), {});
    addAuthOptions(p);
    int exit = 0;
    if (!parse(p, args, io, &exit))
        return exit;
    Target t;
    if (!target(p, io, 1, &t, &exit))
        return exit;
    const QString camera = p.positionalArguments().value(2);
    OnvifClient c(t.url, t.user, t.password, clientOptions(p));
    const auto found = c.findRecordings();
    if (!found.ok())
        return failed(io, found.error, "recordings");
    QJsonArray list;
    for (const Recording &r : found.value) {
        if (!camera.isEmpty() && camera != r.sourceName && camera != r.token)
            continue;
        const auto uri = c.replayUri(r.token);
        if (!uri.ok())
            return failed(io, uri.error, "recordings");
        list.append(QJsonObject{{QStringLiteral("token"), r.token},
                                {QStringLiteral("source"), r.sourceName},
                                {QStringLiteral("start"), r.earliest.toUTC().toString(Qt::ISODate)},
                                {QStringLiteral("end"), r.latest.toUTC().toString(Qt::ISODate)},
                                {QStringLiteral("replayUri"), redacted(uri.value)}});
    }
    io.json({{QStringLiteral("ok"), true},
             {QStringLiteral("kind"), QStringLiteral("onvif")},
             {QStringLiteral("device"), redacted(t.url)},
             {QStringLiteral("recordings"), list}});
    return kOk;
}

} // namespace

int runOnvif(const QStringList &args, QIODevice *out, QIODevice *err)
{
    const Io io{out, err};
    if (args.size() < 2)
        return usage(io, QStringLiteral("missing the command"));
    if (args.at(1) == QLatin1String("--help") || args.at(1) == QLatin1String("-h"))
        return help(io);
    const QString sub = args.at(1);
    if (sub == QLatin1String("discover"))
        return discover(args, io);
    if (sub == QLatin1String("info"))
        return info(args, io);
    if (sub == QLatin1String("ptz"))
        return ptz(args, io);
    if (sub == QLatin1String("events"))
        return events(args, io);
    if (sub == QLatin1String("recordings"))
        return recordings(args, io);
    return usage(io, QStringLiteral("unknown onvif command '%1'").arg(sub));
}

int runOnvif(const QStringList &args)
{
    QFile out, err;
    out.open(stdout, QIODevice::WriteOnly | QIODevice::Unbuffered);
    err.open(stderr, QIODevice::WriteOnly | QIODevice::Unbuffered);
    return runOnvif(args, &out, &err);
}

} // namespace vigil::vigilctl
