#include "vigil/recording/exporter.h"

#include "ff.h"
#include "vigil/core/gui_post.h"
#include "vigil/core/redact.h"
#include "vigil/core/worker_threads.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QCryptographicHash>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QPointer>
#include <QtCore/QSaveFile>
#include <QtCore/QTimeZone>

#include <cmath>
#include <limits>
#include <mutex>
#include <vector>

namespace vigil::recording {

namespace {

QString shown(const video::MediaSource &s)
{
    return s.url.isLocalFile() ? QDir::toNativeSeparators(s.url.toLocalFile()) : s.displayUrl();
}

constexpr qint64 kSeekMarginMs = 10000;

struct Cancel
{
    const std::atomic<bool> *flag = nullptr;
    bool isSet() const { return flag && flag->load(std::memory_order_relaxed); }
};

int interruptCallback(void *opaque) noexcept
{
    return static_cast<const Cancel *>(opaque)->isSet() ? 1 : 0;
}

// Deletes the partial file unless released: every failure and a cancel leave nothing behind.
struct PartialFile
{
    QString path;
    bool keep = false;
    ~PartialFile()
    {
        if (!keep && !path.isEmpty())
            QFile::remove(path);
    }
};

struct Output
{
    ff::OutputPtr oc;
    int video = -1;
    int audio = -1;
    AVCodecID videoCodec = AV_CODEC_ID_NONE;
    AVCodecID audioCodec = AV_CODEC_ID_NONE;
    std::vector<std::int64_t> lastDts;
    std::int64_t endUs = 0; // end of the written media on the output timeline
    std::int64_t videoEndUs = 0;
};

} // namespace

ExportRequest ExportRequest::forMedia(const video::MediaSource &source, double fromS, double toS,
                                      const QString &outputPath)
{
    ExportRequest r;
    ExportPiece p;
    p.source = source;
    p.fromMs = std::max<qint64>(0, std::llround(fromS * 1000.0));
    p.toMs = toS < 0 ? -1 : std::llround(toS * 1000.0);
    r.pieces.append(p);
    r.outputPath = outputPath;
    return r;
}

ExportRequest ExportRequest::forSegments(const QList<Segment> &segments, const QDateTime &from,
                                         const QDateTime &to, const QString &outputPath)
{
    ExportRequest r;
    r.outputPath = outputPath;
    for (const Segment &s : segments) {
        if ((from.isValid() && s.end <= from) || (to.isValid() && s.start >= to))
            continue; // touches the range at most
        ExportPiece p;
        p.source.url = QUrl::fromLocalFile(s.path);
        p.fromMs = from.isValid() ? std::max<qint64>(0, s.start.msecsTo(from)) : 0;
        p.toMs = (to.isValid() && to < s.end) ? s.start.msecsTo(to) : -1;
        r.pieces.append(p);
    }
    return r;
}

QString defaultExportFileName(const QString &cameraId, const QDateTime &from, const QDateTime &to)
{
    QString cam = cameraId;
    for (QChar &c : cam)
        if (!(c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_') ||
              c == QLatin1Char('.')))
            c = QLatin1Char('_');
    const QString fmt = QStringLiteral("yyyyMMdd'T'HHmmss'Z'");
    return QStringLiteral("%1_%2_%3.mp4")
        .arg(cam.isEmpty() ? QStringLiteral("export") : cam, from.toUTC().toString(fmt),
             to.toUTC().toString(fmt));
}

ExportResult exportMedia(const ExportRequest &request, const std::function<void(double)> &progress,
                         const std::atomic<bool> *cancelFlag)
{
    ff::initOnce();
    ExportResult result;
    const Cancel cancel{cancelFlag};
    const QString outPath = QFileInfo(request.outputPath).absoluteFilePath();
    const QString partPath = outPath + QStringLiteral(".part");
    const auto fail = [&](const QString &sentence) {
        result.ok = false;
        result.path.clear();
        result.cancelled = cancel.isSet();
        result.error = result.cancelled ? Exporter::tr("Export cancelled; no file was written.") : sentence;
        return result;
    };
    if (request.pieces.isEmpty())
        return fail(Exporter::tr(
            "Nothing is recorded in the chosen time range. Pick a range that the timeline shows as "
            "recorded."));
    QFile::remove(partPath);
    PartialFile partial{partPath};
    const QByteArray partLocal = QFile::encodeName(partPath);
    Output out;
    double lastProgress = -1;
    const auto report = [&](double p) {
        p = std::clamp(p, 0.0, 1.0);
        if (progress && (p - lastProgress >= 0.005 || p >= 1.0)) {
            lastProgress = p;
            progress(p);
        }
    };
    const int nPieces = int(request.pieces.size());
    ff::PacketPtr pkt(av_packet_alloc());
    if (!pkt)
        return fail(Exporter::tr("Out of memory while exporting."));

    for (int pi = 0; pi < nPieces; ++pi) {
        const ExportPiece &piece = request.pieces.at(pi);
        if (cancel.isSet())
            return fail({});
        // --- open the input
        AVFormatContext *raw = avformat_alloc_context();
        if (!raw)
            return fail(Exporter::tr("Out of memory while exporting."));
        raw->interrupt_callback = {&interruptCallback, const_cast<Cancel *>(&cancel)};
        ff::Dict opts;
        const QUrl &url = piece.source.url;
        if (url.scheme().startsWith(QLatin1String("rtsp")))
            opts.set("rtsp_transport", piece.source.transport == video::Transport::Udp ? "udp" : "tcp");
        const QByteArray name =
            url.isLocalFile() || url.scheme().isEmpty()
                ? QFile::encodeName(url.isLocalFile() ? url.toLocalFile() : url.toString())
                : core::withCredentials(url, piece.source.user, piece.source.password)
                      .toString(QUrl::FullyEncoded)
                      .toUtf8();
        int err = avformat_open_input(&raw, name.constData(), nullptr, opts.out());
        if (err < 0)
            return fail(
                Exporter::tr("Could not open %1 for export (%2). Check that the file or stream is there and "
                             "reachable.")
                    .arg(shown(piece.source), ff::errorText(err)));
        ff::InputPtr in(raw);
        if ((err = avformat_find_stream_info(in.get(), nullptr)) < 0)
            return fail(Exporter::tr("Could not read %1 (%2). The file may be damaged.")
                            .arg(shown(piece.source), ff::errorText(err)));
        const int v = av_find_best_stream(in.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
        if (v < 0)
            return fail(Exporter::tr("%1 has no video to export.").arg(shown(piece.source)));
        int a = av_find_best_stream(in.get(), AVMEDIA_TYPE_AUDIO, -1, v, nullptr, 0);
        const AVCodecParameters *vpar = in->streams[v]->codecpar;

        // --- the output, made from the first piece's streams
        if (!out.oc) {
            AVFormatContext *o = nullptr;
            err = avformat_alloc_output_context2(&o, nullptr, "mp4", partLocal.constData());
            if (err < 0 || !o)
                return fail(Exporter::tr(
                                "Could not write %1 (%2). Check that the folder exists, the disk is not full "
                                "and Vigil may write there.")
                                .arg(QDir::toNativeSeparators(outPath), ff::errorText(err)));
            out.oc.reset(o);
            if (avformat_query_codec(out.oc->oformat, vpar->codec_id, FF_COMPLIANCE_NORMAL) != 1)
                return fail(Exporter::tr("%1 video cannot be exported to MP4 without re-encoding.")
                                .arg(QString::fromUtf8(avcodec_get_name(vpar->codec_id))));
            const auto add = [&](int index) {
                AVStream *s = avformat_new_stream(out.oc.get(), nullptr);
                if (!s || avcodec_parameters_copy(s->codecpar, in->streams[index]->codecpar) < 0)
                    return -1;
                s->codecpar->codec_tag = 0;
                s->time_base = in->streams[index]->time_base;
                return s->index;
            };
            out.video = add(v);
            out.videoCodec = vpar->codec_id;
            if (a >= 0) {
                const AVCodecID ac = in->streams[a]->codecpar->codec_id;
                if (avformat_query_codec(out.oc->oformat, ac, FF_COMPLIANCE_NORMAL) == 1) {
                    out.audio = add(a);
                    out.audioCodec = ac;
                } else {
                    result.note = Exporter::tr("The %1 audio was left out: MP4 cannot carry it.")
                                      .arg(QString::fromUtf8(avcodec_get_name(ac)));
                }
            }
            if (out.video < 0)
                return fail(Exporter::tr("Out of memory while exporting."));
            out.lastDts.assign(out.oc->nb_streams, AV_NOPTS_VALUE);
            if ((err = avio_open(&out.oc->pb, partLocal.constData(), AVIO_FLAG_WRITE)) < 0)
                return fail(Exporter::tr(
                                "Could not write %1 (%2). Check that the folder exists, the disk is not full "
                                "and Vigil may write there.")
                                .arg(QDir::toNativeSeparators(outPath), ff::errorText(err)));
            ff::Dict mov;
            mov.set("movflags", "+faststart");
            if ((err = avformat_write_header(out.oc.get(), mov.out())) < 0)
                return fail(Exporter::tr(
                                "Could not write %1 (%2). Check that the folder exists, the disk is not full "
                                "and Vigil may write there.")
                                .arg(QDir::toNativeSeparators(outPath), ff::errorText(err)));
        } else if (vpar->codec_id != out.videoCodec) {
            return fail(
                Exporter::tr(
                    "The recording changes its video format inside the range (%1, then %2). Export the "
                    "parts before and after the change separately.")
                    .arg(QString::fromUtf8(avcodec_get_name(out.videoCodec)),
                         QString::fromUtf8(avcodec_get_name(vpar->codec_id))));
        }
        if (a >= 0 && (out.audio < 0 || in->streams[a]->codecpar->codec_id != out.audioCodec))
            a = -1;
        for (unsigned i = 0; i < in->nb_streams; ++i)
            in->streams[i]->discard = (int(i) == v || int(i) == a) ? AVDISCARD_DEFAULT : AVDISCARD_ALL;

        // --- the range, in µs of this input
        const std::int64_t startUs = in->start_time != AV_NOPTS_VALUE ? in->start_time : 0;
        const std::int64_t fromUs = startUs + piece.fromMs * 1000;
        const std::int64_t toUs =
            piece.toMs < 0 ? std::numeric_limits<std::int64_t>::max() : startUs + piece.toMs * 1000;
        const std::int64_t spanUs =
            piece.toMs >= 0
                ? std::max<std::int64_t>(1, (piece.toMs - piece.fromMs) * 1000)
                : std::max<std::int64_t>(1, (in->duration > 0 ? in->duration : 1) - piece.fromMs * 1000);
        // Seek kSeekMarginMs before `from`, not to it: Matroska (our segments) stores no decode times, and
        // after a seek libavformat guesses them wrongly for the first frames of a stream with B-frames;
        // the GOPs read before `from` are dropped, and with them the wrong guesses. Closer than the margin
        // to the start: read from the start. On failure: read from the start too.
        if (piece.fromMs > kSeekMarginMs)
            av_seek_frame(in.get(), -1, fromUs - kSeekMarginMs * 1000, AVSEEK_FLAG_BACKWARD);
        const std::int64_t pieceOffsetUs = out.endUs;

        // Packets from the last video key frame before `from` wait here until `from` is reached: the export
        // starts at the key frame at or before `from` whether or not the seek landed exactly.
        std::vector<ff::PacketPtr> pending;
        bool haveKey = false, started = false, videoDone = false, audioDone = a < 0;
        std::int64_t baseUs = 0;
        const auto write = [&](AVPacket *p) -> int {
            AVStream *is = in->streams[p->stream_index];
            const int oi = p->stream_index == v ? out.video : out.audio;
            AVStream *os = out.oc->streams[oi];
            const std::int64_t ts = p->dts != AV_NOPTS_VALUE ? p->dts : p->pts;
            const std::int64_t tsUs = av_rescale_q(ts, is->time_base, AV_TIME_BASE_Q);
            if (tsUs < baseUs)
                return 0; // audio from before the first key frame
            std::int64_t dur = p->duration;
            if (dur <= 0 && p->stream_index == v && is->avg_frame_rate.num > 0)
                dur = av_rescale_q(1, av_inv_q(is->avg_frame_rate), is->time_base);
            const std::int64_t shift = av_rescale_q(pieceOffsetUs - baseUs, AV_TIME_BASE_Q, is->time_base);
            const std::int64_t dts = ts + shift;
            const std::int64_t pts = (p->pts != AV_NOPTS_VALUE ? p->pts : ts) + shift;
            const std::int64_t outDts = av_rescale_q(dts, is->time_base, os->time_base);
            if (out.lastDts[oi] != AV_NOPTS_VALUE && outDts <= out.lastDts[oi])
                return 0; // MP4 wants strictly increasing times
            out.lastDts[oi] = outDts;
            const std::int64_t endUs = av_rescale_q(std::max(pts, dts) + std::max<std::int64_t>(0, dur),
                                                    is->time_base, AV_TIME_BASE_Q);
            out.endUs = std::max(out.endUs, endUs);
            if (p->stream_index == v)
                out.videoEndUs = std::max(out.videoEndUs, endUs);
            p->stream_index = oi;
            p->dts = outDts;
            p->pts = av_rescale_q(std::max(pts, dts), is->time_base, os->time_base);
            p->duration = av_rescale_q(dur, is->time_base, os->time_base);
            p->pos = -1;
            return av_interleaved_write_frame(out.oc.get(), p);
        };
        const auto flushPending = [&]() -> int {
            started = true;
            for (auto &p : pending)
                if (int e = write(p.get()); e < 0)
                    return e;
            pending.clear();
            return 0;
        };
        for (;;) {
            if (cancel.isSet())
                return fail({});
            err = av_read_frame(in.get(), pkt.get());
            if (err == AVERROR(EAGAIN))
                continue;
            if (err < 0)
                break;
            const int si = pkt->stream_index;
            const std::int64_t ts = pkt->dts != AV_NOPTS_VALUE ? pkt->dts : pkt->pts;
            if ((si != v && si != a) || ts == AV_NOPTS_VALUE) {
                av_packet_unref(pkt.get());
                continue;
            }
            const AVRational tb = in->streams[si]->time_base;
            const std::int64_t ptsUs =
                av_rescale_q(pkt->pts != AV_NOPTS_VALUE ? pkt->pts : ts, tb, AV_TIME_BASE_Q);
            if (!started) {
                const bool key = si == v && (pkt->flags & AV_PKT_FLAG_KEY);
                if (key) {
                    pending.clear();
                    haveKey = true;
                    baseUs = av_rescale_q(ts, tb, AV_TIME_BASE_Q);
                }
                if (haveKey)
                    pending.emplace_back(av_packet_clone(pkt.get()));
                av_packet_unref(pkt.get());
                if (haveKey && si == v && ptsUs >= fromUs)
                    if ((err = flushPending()) < 0)
                        break;
                continue;
            }
            if (ptsUs >= toUs) {
                (si == v ? videoDone : audioDone) = true;
                av_packet_unref(pkt.get());
                if (videoDone && audioDone)
                    break;
                continue;
            }
            if ((si == v && videoDone) || (si == a && audioDone)) {
                av_packet_unref(pkt.get());
                continue;
            }
            err = write(pkt.get());
            av_packet_unref(pkt.get());
            if (err < 0)
                break;
            if (si == v)
                report((double(pi) + double(ptsUs - fromUs) / double(spanUs)) / nPieces);
        }
        if (cancel.isSet())
            return fail({});
        if (err < 0 && err != AVERROR_EOF)
            return fail(Exporter::tr("Could not copy %1 (%2). The source may be damaged, or the disk full.")
                            .arg(shown(piece.source), ff::errorText(err)));
        if (!started && haveKey && (err = flushPending()) < 0) // the range starts in the last GOP
            return fail(Exporter::tr("Could not copy %1 (%2). The source may be damaged, or the disk full.")
                            .arg(shown(piece.source), ff::errorText(err)));
        report(double(pi + 1) / nPieces);
    }
    if (!out.oc || out.videoEndUs <= 0)
        return fail(
            Exporter::tr("No video was found in the chosen range. Check the range against the recording's "
                         "length."));
    // The trailer moves the index to the front (faststart): a second pass over the file.
    int err = av_write_trailer(out.oc.get());
    out.oc.reset();
    if (err < 0)
        return fail(
            Exporter::tr(
                "Could not write %1 (%2). Check that the folder exists, the disk is not full and Vigil "
                "may write there.")
                .arg(QDir::toNativeSeparators(outPath), ff::errorText(err)));

    // --- checksum, then the file gets its name (a cancel up to here leaves nothing)
    QFile f(partPath);
    if (!f.open(QIODevice::ReadOnly))
        return fail(
            Exporter::tr("Could not read back %1 to checksum it.").arg(QDir::toNativeSeparators(partPath)));
    QCryptographicHash sha(QCryptographicHash::Sha256);
    while (!f.atEnd()) {
        if (cancel.isSet())
            return fail({});
        sha.addData(f.read(1 << 20));
    }
    result.bytes = f.size();
    f.close();
    result.sha256 = QString::fromLatin1(sha.result().toHex());
    QFile::remove(outPath);
    if (!QFile::rename(partPath, outPath))
        return fail(Exporter::tr("Could not name the export %1. Check that the folder is writable.")
                        .arg(QDir::toNativeSeparators(outPath)));
    partial.path = outPath; // from here on a failure removes the finished file (no file without its checksum)
    result.sha256Path = outPath + QStringLiteral(".sha256");
    QSaveFile sum(result.sha256Path);
    const QByteArray line =
        result.sha256.toLatin1() + "  " + QFile::encodeName(QFileInfo(outPath).fileName()) + "\n";
    if (!sum.open(QIODevice::WriteOnly) || sum.write(line) != line.size() || !sum.commit())
        return fail(Exporter::tr("Could not write the checksum file %1. Check that the folder is writable.")
                        .arg(QDir::toNativeSeparators(result.sha256Path)));
    partial.keep = true;
    result.ok = true;
    result.path = outPath;
    result.durationMs = out.videoEndUs / 1000;
    report(1.0);
    return result;
}

// ----------------------------------------------------------------------------------------------------
// Exporter

struct Exporter::Job
{
    std::atomic<bool> cancel{false};
    std::atomic<bool> posted{false};
    std::mutex mutex;
    double progress = 0;
};

Exporter::Exporter(QObject *parent)
    : QObject(parent)
{}

Exporter::~Exporter()
{
    if (m_job)
        m_job->cancel.store(true);
}

bool Exporter::start(const ExportRequest &request)
{
    if (m_running)
        return false;
    auto job = std::make_shared<Job>();
    m_job = job;
    m_running = true;
    m_progress = 0;
    emit runningChanged();
    emit progressChanged();
    QPointer<Exporter> self(this);
    core::WorkerThreads::start(QStringLiteral("recording-export"), [job, request, self] {
        ExportResult r;
        try {
            r = exportMedia(
                request,
                [job, self](double p) {
                    {
                        std::lock_guard lock(job->mutex);
                        job->progress = p;
                    }
                    if (job->posted.exchange(true))
                        return;
                    core::postToApp([job, self] {
                        job->posted.store(false);
                        if (!self || self->m_job != job)
                            return;
                        std::lock_guard lock(job->mutex);
                        if (self->m_progress != job->progress) {
                            self->m_progress = job->progress;
                            emit self->progressChanged();
                        }
                    });
                },
                &job->cancel);
        } catch (...) {
            r.error = Exporter::tr("Export failed unexpectedly.");
        }
        core::postToApp([job, self, r] {
            if (!self || self->m_job != job)
                return;
            self->m_job.reset();
            const bool errorChanged = self->m_last.error != r.error;
            self->m_last = r;
            self->m_running = false;
            if (r.ok && self->m_progress != 1.0) {
                self->m_progress = 1.0;
                emit self->progressChanged();
            }
            emit self->runningChanged();
            if (errorChanged)
                emit self->lastErrorChanged();
            emit self->finished(r);
        });
    });
    return true;
}

void Exporter::cancel()
{
    if (m_job)
        m_job->cancel.store(true);
}

} // namespace vigil::recording
