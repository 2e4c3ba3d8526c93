// Demo camera metadata: a small made-up site in Deqing County (Zhejiang), around the Wukang town centre.
// Names, positions and directions are plausible, not real installations. Thread: any (pure functions).
#include "vigil/demo/demo_site.h"

#include <QtCore/QtGlobal>
#include <QtGui/QRgb>

#include <array>

namespace vigil::demo {

namespace {

struct CameraSeed
{
    const char *name;
    const char *nameZh;
    int group; // index into kGroups
    double latitude;
    double longitude;
    double directionDeg;
    double fovDeg;
};

struct GroupSeed
{
    const char *name;
    const char *nameZh;
};

constexpr std::array<GroupSeed, 5> kGroups{{
    {"Town centre", "城区"},
    {"Transport", "交通枢纽"},
    {"Roads", "道路卡口"},
    {"Schools & markets", "学校与市场"},
    {"Parks", "公园"},
}};

// WGS-84. Spread over roughly 10 km x 9 km of the county seat and its outskirts.
constexpr std::array<CameraSeed, DemoSite::kMaxCameras> kCameras{{
    {"East Gate Crossing", "东门路口", 0, 30.5442, 119.9718, 270, 70},
    {"People's Square", "人民广场", 0, 30.5398, 119.9625, 45, 90},
    {"Railway Station South", "火车站南广场", 1, 30.5215, 119.9452, 0, 80},
    {"County Hall North Gate", "县政府北门", 0, 30.5481, 119.9580, 180, 60},
    {"North Bridge", "城北大桥", 2, 30.5702, 119.9651, 10, 50},
    {"Yingxi Rd / Yong'an St", "英溪路永安街口", 2, 30.5370, 119.9750, 135, 75},
    {"Expressway Toll Gate", "高速收费站", 1, 30.5105, 119.9998, 225, 45},
    {"Experimental Primary School", "实验小学门口", 3, 30.5523, 119.9489, 90, 85},
    {"Farmers' Market", "农贸市场", 3, 30.5330, 119.9560, 300, 100},
    {"Hospital Emergency Entrance", "人民医院急诊入口", 0, 30.5466, 119.9671, 200, 70},
    {"Bus Terminal", "汽车客运站", 1, 30.5262, 119.9527, 315, 80},
    {"Forest Park Entrance", "森林公园入口", 4, 30.5780, 119.9302, 160, 90},
    {"Development Zone North Gate", "开发区北门", 2, 30.5152, 119.9820, 30, 60},
    {"Riverside Walk", "余英溪滨河步道", 4, 30.5415, 119.9452, 250, 95},
    {"No. 1 Middle School East Gate", "第一中学东门", 3, 30.5590, 119.9715, 270, 70},
    {"Provincial Road S205 Junction", "省道205交叉口", 2, 30.5025, 119.9630, 0, 55},
}};

// Hand-picked so every pair is far apart in RGB (>= 100 among the first nine, >= 70 among all sixteen; pixel
// tests tell cameras apart by these), saturated, and far from black, white and the dark slate background.
constexpr std::array<QRgb, DemoSite::kMaxCameras> kColours{{
    0xe11e2d, // red
    0xf58214, // orange
    0xf0e628, // yellow
    0x2dbe41, // green
    0x1ec8dc, // cyan
    0x2850e6, // blue
    0x8c32d2, // purple
    0xf046aa, // magenta
    0x96e65a, // lime
    0x00a096, // teal
    0xaa5a1e, // amber
    0x64aafa, // sky blue
    0x5a3ca0, // violet
    0xa0a51e, // olive
    0xfa786e, // coral
    0x64e6aa, // mint
}};

} // namespace

QList<DemoCamera> DemoSite::cameras(int count)
{
    count = qBound(0, count, kMaxCameras);
    QList<DemoCamera> result;
    result.reserve(count);
    for (int i = 0; i < count; ++i) {
        const CameraSeed &seed = kCameras[size_t(i)];
        const GroupSeed &group = kGroups[size_t(seed.group)];
        DemoCamera camera;
        camera.id = QStringLiteral("cam%1").arg(i + 1, 2, 10, QLatin1Char('0'));
        camera.name = QString::fromUtf8(seed.name);
        camera.nameZh = QString::fromUtf8(seed.nameZh);
        camera.group = QString::fromUtf8(group.name);
        camera.groupZh = QString::fromUtf8(group.nameZh);
        camera.colour = QColor(kColours[size_t(i)]);
        camera.latitude = seed.latitude;
        camera.longitude = seed.longitude;
        camera.directionDeg = seed.directionDeg;
        camera.fovDeg = seed.fovDeg;
        result.append(camera);
    }
    return result;
}

DemoArea DemoSite::area()
{
    return DemoArea{QStringLiteral("Deqing County (demo)"),
                    QStringLiteral("德清县（演示）"),
                    30.495,
                    119.920,
                    30.585,
                    120.010};
}

QRectF DemoSite::referenceRegion()
{
    // Lower-left; in pixels 64,432 320x216 on the main stream and 32,216 160x108 on the sub stream (even
    // numbers, so chroma subsampling does not smear its edges). The picture layout in clip_maker.cpp keeps
    // text and motion out of it.
    return QRectF(0.05, 0.60, 0.25, 0.30);
}

} // namespace vigil::demo
