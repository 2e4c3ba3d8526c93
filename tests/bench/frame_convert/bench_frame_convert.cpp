// bench_frame_convert: cost of FrameConverter::convert() (allocate a QVideoFrame, copy three planes) per
// frame and as % of one core at 25 fps, next to a bare memcpy of the same bytes into a reused buffer (the
// floor any copy has) measured in the same run. Median of 15 rounds. Prints figures; not a test.
#include "frame_convert.h"

#include <QtCore/QElapsedTimer>
#include <QtGui/QGuiApplication>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

using namespace vigil::video;

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    const int kIter = 200;
    std::printf("%-10s %14s %14s %16s %8s\n", "size", "convert us/f", "memcpy us/f", "convert %core@25",
                "ratio");
    for (QSize size : {QSize(640, 360), QSize(1280, 720), QSize(1920, 1080)}) {
        ff::FramePtr f(av_frame_alloc());
        f->format = AV_PIX_FMT_YUV420P;
        f->width = size.width();
        f->height = size.height();
        av_frame_get_buffer(f.get(), 0);
        for (int p = 0; p < 3; ++p)
            std::memset(f->data[p], 100 + p,
                        size_t(f->linesize[p]) * size_t(p ? size.height() / 2 : size.height()));
        const size_t bytes = size_t(size.width()) * size_t(size.height()) * 3 / 2;
        std::vector<unsigned char> dst(bytes);
        FrameConverter conv;
        std::vector<double> convUs, copyUs;
        for (int round = 0; round < 15; ++round) {
            QElapsedTimer t;
            t.start();
            for (int i = 0; i < kIter; ++i) {
                QVideoFrame vf = conv.convert(f.get());
                if (!vf.isValid())
                    return 1;
            }
            convUs.push_back(double(t.nsecsElapsed()) / 1000.0 / kIter);
            t.restart();
            for (int i = 0; i < kIter; ++i) {
                std::memcpy(dst.data(), f->data[0], size_t(size.width() * size.height()));
                std::memcpy(dst.data() + size.width() * size.height(), f->data[1], bytes / 6);
                std::memcpy(dst.data() + size.width() * size.height() * 5 / 4, f->data[2], bytes / 6);
            }
            copyUs.push_back(double(t.nsecsElapsed()) / 1000.0 / kIter);
        }
        std::sort(convUs.begin(), convUs.end());
        std::sort(copyUs.begin(), copyUs.end());
        const double c = convUs[convUs.size() / 2], m = copyUs[copyUs.size() / 2];
        std::printf("%4dx%-5d %14.1f %14.1f %15.2f%% %8.2f\n", size.width(), size.height(), c, m,
                    c * 25 / 1e4, m > 0 ? c / m : 0);
    }
    return 0;
}
