// The demo backend's region tree and cameras. Generated names are made of common Chinese place-name
// syllables (with their pinyin for the English name), so search-as-you-type and pinyin have realistic data.
#include "demo_catalog.h"

#include "vigil/demo/demo_site.h"

#include <array>
#include <cmath>
#include <cstdio>

namespace vigil::demo {

namespace json {

void appendString(std::string &out, std::string_view s)
{
    out += '"';
    for (const char c : s) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(static_cast<unsigned char>(c)));
                out += buf;
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

void appendNumber(std::string &out, double v, int decimals)
{
    char buf[40];
    const int n = std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    out.append(buf, size_t(std::max(0, n)));
}

std::string error(std::string_view code, std::string_view message)
{
    std::string out = "{\"error\":{\"code\":";
    appendString(out, code);
    out += ",\"message\":";
    appendString(out, message);
    out += "}}";
    return out;
}

} // namespace json

namespace {

struct Syllable
{
    const char *zh;
    const char *en;
};

constexpr std::array<Syllable, 20> kFirst{{
    {"东", "Dong"},  {"西", "Xi"},   {"南", "Nan"},  {"北", "Bei"},  {"新", "Xin"},
    {"上", "Shang"}, {"下", "Xia"},  {"大", "Da"},   {"小", "Xiao"}, {"高", "Gao"},
    {"石", "Shi"},   {"金", "Jin"},  {"桃", "Tao"},  {"柳", "Liu"},  {"青", "Qing"},
    {"白", "Bai"},   {"龙", "Long"}, {"凤", "Feng"}, {"安", "An"},   {"和", "He"},
}};
constexpr std::array<Syllable, 20> kSecond{{
    {"桥", "qiao"}, {"塘", "tang"}, {"山", "shan"}, {"湾", "wan"},  {"庄", "zhuang"},
    {"林", "lin"},  {"港", "gang"}, {"溪", "xi"},   {"岭", "ling"}, {"田", "tian"},
    {"口", "kou"},  {"圩", "wei"},  {"兜", "dou"},  {"埠", "bu"},   {"浜", "bang"},
    {"墩", "dun"},  {"坞", "wu"},   {"洋", "yang"}, {"里", "li"},   {"头", "tou"},
}};
// Deqing County's townships and subdistricts, the first of every generated tree.
constexpr std::array<Syllable, 13> kTownships{{
    {"武康街道", "Wukang Subdistrict"},
    {"舞阳街道", "Wuyang Subdistrict"},
    {"阜溪街道", "Fuxi Subdistrict"},
    {"下渚湖街道", "Xiazhuhu Subdistrict"},
    {"康乾街道", "Kangqian Subdistrict"},
    {"乾元镇", "Qianyuan Town"},
    {"新市镇", "Xinshi Town"},
    {"洛舍镇", "Luoshe Town"},
    {"钟管镇", "Zhongguan Town"},
    {"禹越镇", "Yuyue Town"},
    {"新安镇", "Xin'an Town"},
    {"雷甸镇", "Leidian Town"},
    {"莫干山镇", "Moganshan Town"},
}};
constexpr std::array<Syllable, 8> kPlaces{{
    {"路口", "Crossing"},
    {"桥头", "Bridge"},
    {"村委会", "Village Office"},
    {"学校门口", "School Gate"},
    {"菜场", "Market"},
    {"卡口", "Checkpoint"},
    {"停车场", "Car Park"},
    {"广场", "Square"},
}};

constexpr int kDemoTownships = 3; // the demo cameras sit in the first three (the county seat)

std::uint64_t splitmix(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

double unit(std::uint64_t h) // [0, 1)
{
    return double(h >> 11) * (1.0 / 9007199254740992.0);
}

std::string fnvHex(std::string_view s)
{
    std::uint64_t h = 1469598103934665603ULL;
    for (const char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    char buf[24];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

std::string cameraId(qint64 index, int demoCount)
{
    char buf[24];
    if (index < demoCount)
        std::snprintf(buf, sizeof buf, "cam%02d", int(index + 1));
    else
        std::snprintf(buf, sizeof buf, "c%07lld", static_cast<long long>(index + 1));
    return buf;
}

} // namespace

DemoCatalog::DemoCatalog(qint64 cameraCount, std::string rtspBase)
    : m_count(std::max<qint64>(0, cameraCount))
    , m_rtspBase(std::move(rtspBase))
{
    while (!m_rtspBase.empty() && m_rtspBase.back() == '/')
        m_rtspBase.pop_back();
    m_demoCount = int(std::min<qint64>(m_count, DemoSite::kMaxCameras));
    for (const DemoCamera &c : DemoSite::cameras(m_demoCount))
        m_demo.push_back({c.nameZh.toStdString(), c.name.toStdString(), c.latitude, c.longitude,
                          c.directionDeg, c.fovDeg});
    const qint64 generated = m_count - m_demoCount;
    m_townships = int(std::max<qint64>(kDemoTownships, (m_count + 999) / 1000));
    m_perTownship = generated > 0 ? (generated + m_townships - 1) / m_townships : 0;
    m_villagesPer = int(std::clamp<qint64>((m_perTownship + 49) / 50, 4, 20));

    // Townships on a grid: over the demo county while they fit, then county-sized cells spreading out
    // (a province of 400 townships covers about 2 x 2 degrees).
    const DemoArea area = DemoSite::area();
    const int cols = int(std::ceil(std::sqrt(double(m_townships))));
    const int rows = (m_townships + cols - 1) / cols;
    const bool fits = m_townships <= 16;
    const double dLat = fits ? (area.north - area.south) / rows : 0.09;
    const double dLon = fits ? (area.east - area.west) / cols : 0.10;
    const double south = fits ? area.south : (area.south + area.north) / 2 - rows * dLat / 2;
    const double west = fits ? area.west : (area.west + area.east) / 2 - cols * dLon / 2;

    m_regions.reserve(size_t(1 + m_townships * (1 + m_villagesPer)));
    m_regions.push_back({"county",
                         area.nameZh.toStdString(),
                         area.name.toStdString(),
                         {},
                         area.south,
                         area.west,
                         area.north - area.south,
                         area.east - area.west});
    for (int t = 0; t < m_townships; ++t) {
        RegionRec r;
        r.id = "t" + std::to_string(t + 1);
        if (t < int(kTownships.size())) {
            r.name = kTownships[size_t(t)].zh;
            r.nameEn = kTownships[size_t(t)].en;
        } else {
            const int k = t - int(kTownships.size());
            const Syllable &a = kFirst[size_t(k % 20)];
            const Syllable &b = kSecond[size_t((k / 20) % 20)];
            const std::string n = k >= 400 ? std::to_string(k / 400 + 1) : std::string();
            r.name = std::string(a.zh) + b.zh + n + "镇";
            r.nameEn = std::string(a.en) + b.en + n + " Town";
        }
        r.parentId = "county";
        r.lat = south + (t / cols) * dLat;
        r.lon = west + (t % cols) * dLon;
        r.dLat = dLat;
        r.dLon = dLon;
        m_regions.push_back(std::move(r));
    }
    for (int t = 0; t < m_townships; ++t) {
        const RegionRec town = m_regions[size_t(1 + t)];
        for (int v = 0; v < m_villagesPer; ++v) {
            RegionRec r;
            r.id = town.id + "v" + std::to_string(v + 1);
            const Syllable &a = kFirst[size_t((v + t) % 20)];
            const Syllable &b = kSecond[size_t((v * 3 + t) % 20)];
            r.name = std::string(a.zh) + b.zh + "村";
            r.nameEn = std::string(a.en) + b.en + " Village";
            r.parentId = town.id;
            r.dLat = town.dLat / 4;
            r.dLon = town.dLon / 5;
            r.lat = town.lat + (v / 5) * r.dLat;
            r.lon = town.lon + (v % 5) * r.dLon;
            m_regions.push_back(std::move(r));
        }
    }

    m_regionsJson = "{\"items\":[";
    for (size_t i = 0; i < m_regions.size(); ++i) {
        const RegionRec &r = m_regions[i];
        if (i)
            m_regionsJson += ',';
        m_regionsJson += "{\"id\":";
        json::appendString(m_regionsJson, r.id);
        m_regionsJson += ",\"name\":";
        json::appendString(m_regionsJson, r.name);
        m_regionsJson += ",\"nameEn\":";
        json::appendString(m_regionsJson, r.nameEn);
        m_regionsJson += ",\"parentId\":";
        if (r.parentId.empty())
            m_regionsJson += "null";
        else
            json::appendString(m_regionsJson, r.parentId);
        m_regionsJson += '}';
    }
    m_regionsJson += "]}";
    const std::string version = "v1/" + std::to_string(m_count) + "/" + m_rtspBase;
    m_camerasEtag = "\"cams-" + fnvHex(version) + "\"";
    m_regionsEtag = "\"regions-" + fnvHex(m_regionsJson) + "\"";
}

int DemoCatalog::townshipOf(qint64 index) const
{
    if (index < m_demoCount)
        return int(index % kDemoTownships);
    return int((index - m_demoCount) / std::max<qint64>(1, m_perTownship));
}

int DemoCatalog::villageOf(qint64 index) const
{
    const int t = townshipOf(index);
    int v = 0;
    if (index < m_demoCount)
        v = int((index / kDemoTownships) % m_villagesPer);
    else
        v = int(((index - m_demoCount) % m_perTownship) * m_villagesPer / m_perTownship);
    return 1 + m_townships + t * m_villagesPer + v;
}

bool DemoCatalog::listsStreams(qint64 index) const
{
    // Every fourth generated camera leaves its streams out: clients must use the live call for those.
    return !m_rtspBase.empty() && (index < m_demoCount || (index - m_demoCount) % 4 != 3);
}

std::string DemoCatalog::streamUrl(qint64 index, bool main) const
{
    if (m_rtspBase.empty() || index < 0 || index >= m_count)
        return {};
    // Generated cameras show the nine demo pictures in turn, so each of them plays.
    const int cam = index < m_demoCount ? int(index + 1) : int((index - m_demoCount) % 9 + 1);
    char buf[24];
    std::snprintf(buf, sizeof buf, "/cam%02d/%s", cam, main ? "main" : "sub");
    return m_rtspBase + buf;
}

DemoCatalog::CameraPlace DemoCatalog::demoCamera(int index) const
{
    const Demo &d = m_demo.at(size_t(index));
    return {cameraId(index, m_demoCount), d.name, d.nameEn, d.lat, d.lon};
}

void DemoCatalog::appendCamera(std::string &out, qint64 index) const
{
    const RegionRec &village = m_regions[size_t(villageOf(index))];
    std::string name, nameEn;
    double lat = 0, lon = 0, direction = 0, fov = 0;
    bool ptz = false, online = true;
    if (index < m_demoCount) {
        const Demo &d = m_demo[size_t(index)];
        name = d.name;
        nameEn = d.nameEn;
        lat = d.lat;
        lon = d.lon;
        direction = d.direction;
        fov = d.fov;
        ptz = index % 3 == 0;
    } else {
        const qint64 k = index - m_demoCount;
        const std::uint64_t h = splitmix(std::uint64_t(index) * 0x2545f4914f6cdd1dULL);
        const Syllable &place = kPlaces[size_t(k % 8)];
        const std::string number = std::to_string((k / 8) % 50 + 1);
        name = village.name + place.zh + number + "号";
        nameEn = village.nameEn.substr(0, village.nameEn.size() - 8) + ' ' + place.en + ' ' + number;
        lat = village.lat + village.dLat * (0.05 + 0.9 * unit(h));
        lon = village.lon + village.dLon * (0.05 + 0.9 * unit(splitmix(h)));
        direction = double(h % 360);
        fov = 40.0 + double((h >> 16) % 60);
        ptz = (h >> 24) % 5 == 0;
        online = (h >> 32) % 23 != 0;
    }
    out += "{\"id\":";
    json::appendString(out, cameraId(index, m_demoCount));
    out += ",\"name\":";
    json::appendString(out, name);
    out += ",\"nameEn\":";
    json::appendString(out, nameEn);
    out += ",\"regionId\":";
    json::appendString(out, village.id);
    out += ",\"lon\":";
    json::appendNumber(out, lon, 6);
    out += ",\"lat\":";
    json::appendNumber(out, lat, 6);
    out += ",\"datum\":\"wgs84\",\"direction\":";
    json::appendNumber(out, direction, 0);
    out += ",\"fov\":";
    json::appendNumber(out, fov, 0);
    out += ptz ? ",\"ptz\":true" : ",\"ptz\":false";
    out += online ? ",\"status\":\"online\"" : ",\"status\":\"offline\"";
    if (listsStreams(index)) {
        out += ",\"streams\":{\"main\":";
        json::appendString(out, streamUrl(index, true));
        out += ",\"sub\":";
        json::appendString(out, streamUrl(index, false));
        out += '}';
    }
    out += '}';
}

std::string DemoCatalog::page(qint64 page, int pageSize) const
{
    const qint64 first = (page - 1) * pageSize;
    const qint64 last = std::min(m_count, first + pageSize);
    std::string out;
    out.reserve(size_t(std::max<qint64>(0, last - first)) * 400 + 128);
    out += "{\"total\":" + std::to_string(m_count) + ",\"page\":" + std::to_string(page) +
           ",\"pageSize\":" + std::to_string(pageSize) + ",\"nextPage\":";
    out += last < m_count ? std::to_string(page + 1) : std::string("null");
    out += ",\"items\":[";
    for (qint64 i = first; i < last; ++i) {
        if (i > first)
            out += ',';
        appendCamera(out, i);
    }
    out += "]}";
    return out;
}

qint64 DemoCatalog::indexOf(std::string_view id) const
{
    auto number = [](std::string_view digits) -> qint64 {
        if (digits.empty() || digits.size() > 12)
            return -1;
        qint64 n = 0;
        for (const char c : digits) {
            if (c < '0' || c > '9')
                return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    };
    qint64 index = -1;
    if (id.size() == 5 && id.substr(0, 3) == "cam")
        index = number(id.substr(3)) - 1;
    else if (id.size() == 8 && id[0] == 'c')
        index = number(id.substr(1)) - 1;
    if (index < 0 || index >= m_count || cameraId(index, m_demoCount) != id)
        return -1;
    return index;
}

} // namespace vigil::demo
