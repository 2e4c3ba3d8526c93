#include "rtsp_replay_server.h"

#include <gst/gst.h>
#include <gst/rtsp-server/rtsp-server.h>
// The ONVIF headers of gst-rtsp-server 1.22 lack G_BEGIN_DECLS.
extern "C" {
#include <gst/rtsp-server/rtsp-onvif-media-factory.h>
#include <gst/rtsp-server/rtsp-onvif-media.h>
#include <gst/rtsp-server/rtsp-onvif-server.h>
}

#include <QtCore/QByteArray>

#include <algorithm>
#include <mutex>
#include <thread>

namespace vigil::test {

struct RtspReplayServer::Private
{
    ReplayServerOptions options;
    mutable std::mutex mutex;
    QList<ReplayRequest> requests;
    QStringList problems;
    GstRTSPServer *server = nullptr;
    GSource *listenSource = nullptr;
    GMainContext *context = nullptr;
    GMainLoop *loop = nullptr;
    std::thread thread;
    quint16 port = 0;

    // Records the request; returns a status to refuse it with, or OK. Thread: the server's loop.
    GstRTSPStatusCode onRequest(const char *method, GstRTSPContext *ctx, bool checkRequire)
    {
        const auto header = [ctx](GstRTSPHeaderField field) {
            gchar *value = nullptr;
            if (gst_rtsp_message_get_header(ctx->request, field, &value, 0) == GST_RTSP_OK && value)
                return QString::fromUtf8(value);
            return QString();
        };
        ReplayRequest r{QString::fromLatin1(method), header(GST_RTSP_HDR_RANGE), header(GST_RTSP_HDR_REQUIRE),
                        header(GST_RTSP_HDR_RATE_CONTROL), header(GST_RTSP_HDR_SCALE)};
        std::lock_guard lock(mutex);
        requests.append(r);
        if (checkRequire && options.requireOnvifReplay && r.require != QLatin1String("onvif-replay")) {
            problems.append(QStringLiteral("%1 without Require: onvif-replay").arg(r.method));
            return GST_RTSP_STS_OPTION_NOT_SUPPORTED;
        }
        return GST_RTSP_STS_OK;
    }

    // An ONVIF device plays "Range: clock=T-" from recording time T; GStreamer's media knows npt only, so
    // the clock is turned into npt from the recording's start before GStreamer reads the header.
    void clockToNpt(GstRTSPContext *ctx)
    {
        gchar *value = nullptr;
        if (gst_rtsp_message_get_header(ctx->request, GST_RTSP_HDR_RANGE, &value, 0) != GST_RTSP_OK || !value)
            return;
        const QByteArray range(value);
        if (!range.startsWith("clock="))
            return;
        const QByteArray from = range.mid(6, range.indexOf('-') - 6);
        QDateTime t =
            QDateTime::fromString(QString::fromLatin1(from), QStringLiteral("yyyyMMdd'T'HHmmss.zzz'Z'"));
        if (!t.isValid())
            t = QDateTime::fromString(QString::fromLatin1(from), QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
        t.setTimeSpec(Qt::UTC);
        if (!t.isValid()) {
            std::lock_guard lock(mutex);
            problems.append(
                QStringLiteral("PLAY with an unreadable clock range: %1").arg(QString::fromLatin1(range)));
            return;
        }
        const double npt = double(options.recordingStart.msecsTo(t)) / 1000.0;
        const QByteArray nptRange = "npt=" + QByteArray::number(std::max(0.0, npt), 'f', 3) + "-";
        gst_rtsp_message_remove_header(ctx->request, GST_RTSP_HDR_RANGE, -1);
        gst_rtsp_message_add_header(ctx->request, GST_RTSP_HDR_RANGE, nptRange.constData());
    }
};

namespace {

using Pre = GstRTSPStatusCode (*)(GstRTSPClient *, GstRTSPContext *, gpointer);

template<const char *Method, bool CheckRequire>
GstRTSPStatusCode onPre(GstRTSPClient *, GstRTSPContext *ctx, gpointer p)
{
    return static_cast<RtspReplayServer::Private *>(p)->onRequest(Method, ctx, CheckRequire);
}

constexpr char kOptions[] = "OPTIONS";
constexpr char kDescribe[] = "DESCRIBE";
constexpr char kSetup[] = "SETUP";
constexpr char kPause[] = "PAUSE";
constexpr char kTeardown[] = "TEARDOWN";
constexpr char kGetParameter[] = "GET_PARAMETER";

GstRTSPStatusCode onPrePlay(GstRTSPClient *, GstRTSPContext *ctx, gpointer p)
{
    auto *d = static_cast<RtspReplayServer::Private *>(p);
    const GstRTSPStatusCode status = d->onRequest("PLAY", ctx, true);
    if (status == GST_RTSP_STS_OK)
        d->clockToNpt(ctx);
    return status;
}

void onClientConnected(GstRTSPServer *, GstRTSPClient *client, gpointer p)
{
    const auto on = [&](const char *signal, Pre fn) {
        g_signal_connect(client, signal, G_CALLBACK(fn), p);
    };
    on("pre-options-request", &onPre<kOptions, false>);
    on("pre-describe-request", &onPre<kDescribe, true>);
    on("pre-setup-request", &onPre<kSetup, true>);
    on("pre-play-request", &onPrePlay);
    on("pre-pause-request", &onPre<kPause, false>);
    on("pre-teardown-request", &onPre<kTeardown, false>);
    on("pre-get-parameter-request", &onPre<kGetParameter, false>);
}

GstRTSPFilterResult removeClient(GstRTSPServer *, GstRTSPClient *, gpointer)
{
    return GST_RTSP_FILTER_REMOVE;
}

} // namespace

RtspReplayServer::RtspReplayServer(ReplayServerOptions options)
    : d(std::make_unique<Private>())
{
    d->options = std::move(options);
}

RtspReplayServer::~RtspReplayServer()
{
    if (!d->server)
        return;
    GSource *idle = g_idle_source_new();
    g_source_set_callback(
        idle,
        [](gpointer p) -> gboolean {
            auto *d = static_cast<Private *>(p);
            gst_rtsp_server_client_filter(d->server, removeClient, nullptr);
            g_source_destroy(d->listenSource);
            g_main_loop_quit(d->loop);
            return G_SOURCE_REMOVE;
        },
        d.get(), nullptr);
    g_source_attach(idle, d->context);
    g_source_unref(idle);
    d->thread.join();
    g_source_unref(d->listenSource);
    g_object_unref(d->server);
    g_main_loop_unref(d->loop);
    g_main_context_unref(d->context);
}

bool RtspReplayServer::start(QString *error)
{
    GError *gerror = nullptr;
    if (!gst_init_check(nullptr, nullptr, &gerror)) {
        if (error)
            *error = QStringLiteral("GStreamer did not start: %1").arg(QString::fromUtf8(gerror->message));
        g_clear_error(&gerror);
        return false;
    }
    GstRTSPServer *server = gst_rtsp_onvif_server_new();
    gst_rtsp_server_set_address(server, "127.0.0.1");
    gst_rtsp_server_set_service(server, "0");
    GstRTSPMediaFactory *factory = gst_rtsp_onvif_media_factory_new();
    gst_rtsp_onvif_media_factory_set_replay_support(GST_RTSP_ONVIF_MEDIA_FACTORY(factory), TRUE);
    // The ONVIF factory constructs nothing unless its media type is the ONVIF media.
    gst_rtsp_media_factory_set_media_gtype(factory, GST_TYPE_RTSP_ONVIF_MEDIA);
    gchar *location = g_strescape(d->options.file.toUtf8().constData(), nullptr);
    const QByteArray launch = QByteArray("( filesrc location=\"") + location +
                              "\" ! qtdemux ! h264parse ! rtph264pay name=pay0 pt=96 config-interval=-1 )";
    g_free(location);
    gst_rtsp_media_factory_set_launch(factory, launch.constData());
    gst_rtsp_media_factory_set_shared(factory, FALSE);
    GstRTSPMountPoints *mounts = gst_rtsp_server_get_mount_points(server);
    gst_rtsp_mount_points_add_factory(mounts, d->options.path.toUtf8().constData(), factory);
    g_object_unref(mounts);
    g_signal_connect(server, "client-connected", G_CALLBACK(onClientConnected), d.get());

    GSource *source = gst_rtsp_server_create_source(server, nullptr, &gerror);
    if (!source) {
        if (error)
            *error = QStringLiteral("The replay server could not listen on 127.0.0.1: %1")
                         .arg(QString::fromUtf8(gerror ? gerror->message : "unknown error"));
        g_clear_error(&gerror);
        g_object_unref(server);
        return false;
    }
    d->context = g_main_context_new();
    g_source_attach(source, d->context);
    d->listenSource = source;
    d->server = server;
    d->port = quint16(gst_rtsp_server_get_bound_port(server));
    d->loop = g_main_loop_new(d->context, FALSE);
    d->thread = std::thread([context = d->context, loop = d->loop] {
        g_main_context_push_thread_default(context);
        g_main_loop_run(loop);
        g_main_context_pop_thread_default(context);
    });
    return true;
}

QUrl RtspReplayServer::url() const
{
    return QUrl(QStringLiteral("rtsp://127.0.0.1:%1%2").arg(d->port).arg(d->options.path));
}

QList<ReplayRequest> RtspReplayServer::requests() const
{
    std::lock_guard lock(d->mutex);
    return d->requests;
}

QStringList RtspReplayServer::problems() const
{
    std::lock_guard lock(d->mutex);
    return d->problems;
}

} // namespace vigil::test
