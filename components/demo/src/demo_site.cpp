// DemoSite: clips made once (clip_maker), held in memory (clip_store) and served by gst-rtsp-server with one
// pipeline per client: appsrc (our access units, timestamps continuing across loops) ! h264parse !
// rtph264pay. No encoding at serving time, and every client starts at the clip's first IDR, so the first
// frame is quick.
#include "vigil/demo/demo_site.h"

#include "clip_maker.h"
#include "clip_store.h"
#include "vigil/core/logging.h"
#include "vigil/core/paths.h"

#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtCore/QHash>

#include <gst/app/gstappsrc.h>
#include <gst/gst.h>
#include <gst/rtsp-server/rtsp-server.h>

#include <mutex>
#include <thread>

namespace vigil::demo {

using detail::Clip;

namespace {

constexpr const char *kLaunch = "( appsrc name=src is-live=false format=time ! h264parse ! "
                                "rtph264pay name=pay0 pt=96 config-interval=-1 )";
constexpr const char *kRole = "viewer";

QString streamKey(const QString &cameraId, bool main)
{
    return cameraId + (main ? QStringLiteral("/main") : QStringLiteral("/sub"));
}

bool ensureGStreamer(QString *error)
{
    static std::once_flag once;
    static QString initError;
    std::call_once(once, [] {
        GError *gerror = nullptr;
        if (!gst_init_check(nullptr, nullptr, &gerror)) {
            initError = QStringLiteral("GStreamer could not start (%1). Check the GStreamer installation "
                                       "(scripts/setup-deps.sh).")
                            .arg(QString::fromUtf8(gerror ? gerror->message : "unknown error"));
            g_clear_error(&gerror);
            return;
        }
        // name, Debian package
        const char *const needed[][2] = {{"appsrc", "gstreamer1.0-plugins-base"},
                                         {"h264parse", "gstreamer1.0-plugins-bad"},
                                         {"rtph264pay", "gstreamer1.0-plugins-good"}};
        for (const auto &element : needed) {
            GstElementFactory *factory = gst_element_factory_find(element[0]);
            if (!factory) {
                initError = QStringLiteral("The GStreamer element '%1' is missing, so the demo cannot serve "
                                           "video. Install %2 (scripts/setup-deps.sh).")
                                .arg(QLatin1String(element[0]), QLatin1String(element[1]));
                return;
            }
            gst_object_unref(factory);
        }
    });
    if (!initError.isEmpty() && error)
        *error = initError;
    return initError.isEmpty();
}

// Per-client feed state, owned by the client's appsrc (freed with its callbacks). Thread: that appsrc's
// streaming thread only.
struct Feed
{
    std::shared_ptr<const Clip> clip;
    size_t next = 0;
    guint64 loop = 0;
};

void feedNeedData(GstAppSrc *src, guint, gpointer user) noexcept
{
    auto *feed = static_cast<Feed *>(user);
    const Clip &clip = *feed->clip;
    // A shallow copy shares the clip's memory; only timestamps differ. They keep increasing across loops, and
    // the clip starts with an IDR, so the wrap is invisible to the decoder.
    GstBuffer *buffer = gst_buffer_copy(clip.frames[feed->next]);
    const GstClockTime ts = feed->loop * clip.duration() + feed->next * clip.frameDuration;
    GST_BUFFER_PTS(buffer) = ts;
    GST_BUFFER_DTS(buffer) = ts;
    GST_BUFFER_DURATION(buffer) = clip.frameDuration;
    if (++feed->next == clip.frames.size()) {
        feed->next = 0;
        ++feed->loop;
    }
    gst_app_src_push_buffer(src, buffer);
}

// Lives as long as the media factory it is connected to.
struct FactoryData
{
    std::shared_ptr<const Clip> clip;
    QString key;
};

// Emitted on a server thread for every new (unshared) media, i.e. for every client.
void onMediaConfigure(GstRTSPMediaFactory *, GstRTSPMedia *media, gpointer user) noexcept
{
    const auto *data = static_cast<const FactoryData *>(user);
    GstElement *bin = gst_rtsp_media_get_element(media);
    GstElement *src = gst_bin_get_by_name_recurse_up(GST_BIN(bin), "src");
    if (src) {
        gst_app_src_set_caps(GST_APP_SRC(src), data->clip->caps);
        GstAppSrcCallbacks callbacks{};
        callbacks.need_data = feedNeedData;
        gst_app_src_set_callbacks(GST_APP_SRC(src), &callbacks, new Feed{data->clip},
                                  [](gpointer p) { delete static_cast<Feed *>(p); });
        gst_object_unref(src);
        qCDebug(vigilDemo).noquote() << "New client media for" << data->key;
    } else {
        qCWarning(vigilDemo).noquote() << "Demo media for" << data->key << "has no appsrc";
    }
    gst_object_unref(bin);
}

GstRTSPFilterResult removeClient(GstRTSPServer *, GstRTSPClient *, gpointer) noexcept
{
    return GST_RTSP_FILTER_REMOVE;
}

GstRTSPFilterResult removeSession(GstRTSPSessionPool *, GstRTSPSession *, gpointer) noexcept
{
    return GST_RTSP_FILTER_REMOVE;
}

} // namespace

struct DemoSite::Private
{
    DemoSiteOptions options;
    QString cacheDir;
    mutable std::mutex mutex;
    QHash<QString, std::shared_ptr<const Clip>> clips; // "cam01/main" -> clip
    bool prepared = false;
    quint16 port = 0;

    // While running; created and destroyed under `mutex`, used by the loop thread in between.
    GMainContext *context = nullptr;
    GMainLoop *loop = nullptr;
    GstRTSPServer *server = nullptr;
    GSource *listenSource = nullptr;
    std::thread thread;

    bool prepareLocked(QString *error, const Progress &progress);
    void teardownOnLoop(); // runs on the loop thread
};

DemoSite::DemoSite(DemoSiteOptions options)
    : d(std::make_unique<Private>())
{
    d->options = std::move(options);
    // $VIGIL_DEMO_CLIP_DIR: one clip folder for many programs (the tests share one, so CI encodes each demo
    // clip once, not once per test).
    const QString shared = qEnvironmentVariable("VIGIL_DEMO_CLIP_DIR");
    d->cacheDir = !d->options.cacheDir.isEmpty() ? d->options.cacheDir
                  : !shared.isEmpty()
                      ? shared
                      : QDir(core::cacheDir()).filePath(QStringLiteral("demo-") + clipVersion());
    d->port = d->options.port;
}

DemoSite::~DemoSite()
{
    stop();
}

QString DemoSite::clipVersion()
{
    return QStringLiteral("v1");
}

const DemoSiteOptions &DemoSite::options() const
{
    return d->options;
}

QString DemoSite::cacheDir() const
{
    return d->cacheDir;
}

bool DemoSite::prepare(QString *error, const Progress &progress)
{
    std::lock_guard lock(d->mutex);
    return d->prepareLocked(error, progress);
}

bool DemoSite::Private::prepareLocked(QString *error, const Progress &progress)
{
    QString scratch;
    if (!error)
        error = &scratch;
    if (prepared)
        return true;
    if (options.cameraCount < 1 || options.cameraCount > kMaxCameras) {
        *error = QStringLiteral("The demo site has 1 to %1 cameras; %2 were asked for.")
                     .arg(kMaxCameras)
                     .arg(options.cameraCount);
        return false;
    }
    if (options.clipSeconds < 1 || options.clipSeconds > 600) {
        *error =
            QStringLiteral("Demo clips last 1 to 600 seconds; %1 was asked for.").arg(options.clipSeconds);
        return false;
    }
    if (!ensureGStreamer(error))
        return false;

    const QList<DemoCamera> cams = DemoSite::cameras(options.cameraCount);
    const int total = int(cams.size());
    QElapsedTimer timer;
    timer.start();
    int made = 0;
    QHash<QString, std::shared_ptr<const Clip>> loaded;
    for (int i = 0; i < total; ++i) {
        const DemoCamera &cam = cams[i];
        // Two tries: a cached file that does not load (truncated, foreign) is made again once.
        for (int attempt = 0;; ++attempt) {
            if (!detail::clipsCached(cacheDir, cam, i, options.clipSeconds)) {
                if (progress)
                    progress(i, total, QStringLiteral("Making demo clip %1 (%2)").arg(cam.id, cam.name));
                if (!detail::makeClips(cacheDir, cam, i, options.clipSeconds, error))
                    return false;
                ++made;
            }
            const detail::ClipFiles files = detail::clipFiles(cacheDir, cam, i, options.clipSeconds);
            auto mainClip = detail::loadClip(files.main, kFps, error);
            auto subClip = mainClip ? detail::loadClip(files.sub, kFps, error) : nullptr;
            if (mainClip && subClip) {
                loaded.insert(streamKey(cam.id, true), mainClip);
                loaded.insert(streamKey(cam.id, false), subClip);
                break;
            }
            QFile::remove(files.main);
            QFile::remove(files.sub);
            if (attempt > 0)
                return false;
            qCWarning(vigilDemo).noquote() << *error << "Making it again.";
        }
    }
    clips = std::move(loaded);
    prepared = true;
    if (progress)
        progress(total, total, QStringLiteral("Demo clips ready"));
    qCInfo(vigilDemo).noquote() << "Demo clips ready in" << cacheDir << ":" << made << "of" << total
                                << "cameras made," << timer.elapsed() << "ms";
    return true;
}

bool DemoSite::start(QString *error)
{
    QString scratch;
    if (!error)
        error = &scratch;
    std::lock_guard lock(d->mutex);
    if (d->server)
        return true;
    if (!d->prepareLocked(error, {}))
        return false;

    GstRTSPServer *server = gst_rtsp_server_new();
    gst_rtsp_server_set_address(server, "127.0.0.1");
    gst_rtsp_server_set_service(server, QByteArray::number(d->port).constData());
    // Many tiles connect at once when a wall opens; a short backlog would make some wait for a SYN retry.
    gst_rtsp_server_set_backlog(server, 64);
    GstRTSPThreadPool *pool = gst_rtsp_server_get_thread_pool(server);
    gst_rtsp_thread_pool_set_max_threads(pool, 4);
    g_object_unref(pool);

    const bool withAuth = !d->options.user.isEmpty();
    if (withAuth) {
        GstRTSPAuth *auth = gst_rtsp_auth_new();
        GstRTSPToken *token =
            gst_rtsp_token_new(GST_RTSP_TOKEN_MEDIA_FACTORY_ROLE, G_TYPE_STRING, kRole, nullptr);
        const QByteArray user = d->options.user.toUtf8();
        const QByteArray password = d->options.password.toUtf8();
        gchar *basic = gst_rtsp_auth_make_basic(user.constData(), password.constData());
        gst_rtsp_auth_add_basic(auth, basic, token);
        g_free(basic);
        gst_rtsp_auth_add_digest(auth, user.constData(), password.constData(), token);
        gst_rtsp_auth_set_supported_methods(auth,
                                            GstRTSPAuthMethod(GST_RTSP_AUTH_BASIC | GST_RTSP_AUTH_DIGEST));
        gst_rtsp_token_unref(token);
        gst_rtsp_server_set_auth(server, auth);
        g_object_unref(auth);
    }

    GstRTSPMountPoints *mounts = gst_rtsp_server_get_mount_points(server);
    for (auto it = d->clips.cbegin(); it != d->clips.cend(); ++it) {
        GstRTSPMediaFactory *factory = gst_rtsp_media_factory_new();
        gst_rtsp_media_factory_set_launch(factory, kLaunch);
        gst_rtsp_media_factory_set_shared(factory, FALSE);
        if (withAuth) {
            gst_rtsp_media_factory_add_role(factory, kRole, GST_RTSP_PERM_MEDIA_FACTORY_ACCESS,
                                            G_TYPE_BOOLEAN, TRUE, GST_RTSP_PERM_MEDIA_FACTORY_CONSTRUCT,
                                            G_TYPE_BOOLEAN, TRUE, nullptr);
        }
        g_signal_connect_data(
            factory, "media-configure", G_CALLBACK(onMediaConfigure), new FactoryData{it.value(), it.key()},
            [](gpointer p, GClosure *) { delete static_cast<FactoryData *>(p); }, GConnectFlags(0));
        const QByteArray path = (QLatin1Char('/') + it.key()).toUtf8();
        gst_rtsp_mount_points_add_factory(mounts, path.constData(), factory); // takes the factory
    }
    g_object_unref(mounts);

    GError *gerror = nullptr;
    GSource *source = gst_rtsp_server_create_source(server, nullptr, &gerror);
    if (!source) {
        *error =
            QStringLiteral("The demo site could not listen on 127.0.0.1 port %1: %2. Another program may "
                           "use that port; choose another one.")
                .arg(d->port)
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
    qCInfo(vigilDemo).noquote() << "Demo site serving" << d->options.cameraCount
                                << "cameras on rtsp://127.0.0.1:" + QString::number(d->port)
                                << (withAuth ? "with authentication" : "without authentication");
    return true;
}

void DemoSite::Private::teardownOnLoop()
{
    gst_rtsp_server_client_filter(server, removeClient, nullptr);
    GstRTSPSessionPool *sessions = gst_rtsp_server_get_session_pool(server);
    g_list_free_full(gst_rtsp_session_pool_filter(sessions, removeSession, nullptr), g_object_unref);
    g_object_unref(sessions);
    // Destroying the listening source closes the listening socket, so the port is free again at once.
    g_source_destroy(listenSource);
    g_main_loop_quit(loop);
}

void DemoSite::stop()
{
    std::lock_guard lock(d->mutex);
    if (!d->server)
        return;
    GSource *idle = g_idle_source_new();
    g_source_set_callback(
        idle,
        [](gpointer p) -> gboolean {
            static_cast<Private *>(p)->teardownOnLoop();
            return G_SOURCE_REMOVE;
        },
        d.get(), nullptr);
    g_source_attach(idle, d->context);
    g_source_unref(idle);
    d->thread.join();

    g_source_unref(d->listenSource);
    d->listenSource = nullptr;
    g_object_unref(d->server);
    d->server = nullptr;
    g_main_loop_unref(d->loop);
    d->loop = nullptr;
    g_main_context_unref(d->context);
    d->context = nullptr;
    qCInfo(vigilDemo) << "Demo site stopped; port" << d->port << "is free";
}

bool DemoSite::isRunning() const
{
    std::lock_guard lock(d->mutex);
    return d->server != nullptr;
}

quint16 DemoSite::port() const
{
    std::lock_guard lock(d->mutex);
    return d->port;
}

QUrl DemoSite::streamUrl(const QString &cameraId, bool main) const
{
    QUrl url;
    url.setScheme(QStringLiteral("rtsp"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    url.setPath(QLatin1Char('/') + streamKey(cameraId, main));
    return url;
}

} // namespace vigil::demo
