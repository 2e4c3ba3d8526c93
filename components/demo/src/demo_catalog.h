#pragma once
// The demo backend's data: the region tree (county -> townships -> villages) and the cameras, each camera a
// pure function of its index (demo cameras first, then generated ones), so pages of 400,000 cameras are
// written on demand without holding them. Immutable after construction. Thread: any.
#include <QtCore/QtGlobal>

#include <string>
#include <string_view>
#include <vector>

namespace vigil::demo {

struct DemoBackendOptions;

namespace json {
void appendString(std::string &out, std::string_view s);
void appendNumber(std::string &out, double v, int decimals);
// {"error":{"code":"...","message":"..."}}
std::string error(std::string_view code, std::string_view message);
} // namespace json

class DemoCatalog
{
public:
    struct RegionRec
    {
        std::string id;
        std::string name;
        std::string nameEn;
        std::string parentId;
        double lat = 0; // south-west corner of the region's cell
        double lon = 0;
        double dLat = 0; // cell size
        double dLon = 0;
    };

    DemoCatalog(qint64 cameraCount, std::string rtspBase);

    qint64 cameraCount() const { return m_count; }
    const std::vector<RegionRec> &regions() const { return m_regions; }
    const std::string &regionsJson() const { return m_regionsJson; }
    const std::string &camerasEtag() const { return m_camerasEtag; } // quoted, as sent
    const std::string &regionsEtag() const { return m_regionsEtag; }

    // Appends camera `index` as one JSON object.
    void appendCamera(std::string &out, qint64 index) const;
    // The page `page` (from 1) of `pageSize` cameras: {"total","page","pageSize","nextPage","items"}.
    std::string page(qint64 page, int pageSize) const;
    // Index of a camera id ("cam01", "c0000017"), -1 when there is none.
    qint64 indexOf(std::string_view id) const;
    // rtsp URL of a camera's stream, "" when the catalog has no RTSP base.
    std::string streamUrl(qint64 index, bool main) const;
    // True when the camera's list entry carries its streams (else: the live call only).
    bool listsStreams(qint64 index) const;

    // One of the demo cameras (index < demoCameraCount()): what a demo alarm at it says about its place.
    struct CameraPlace
    {
        std::string id, name, nameEn;
        double lat = 0, lon = 0;
    };
    int demoCameraCount() const { return m_demoCount; }
    CameraPlace demoCamera(int index) const;

private:
    int townshipOf(qint64 index) const;
    int villageOf(qint64 index) const; // index into m_regions

    qint64 m_count = 0;
    int m_demoCount = 0;
    int m_townships = 0;
    int m_villagesPer = 0;
    qint64 m_perTownship = 0;
    std::string m_rtspBase;
    std::vector<RegionRec> m_regions; // [0] county, [1..T] townships, then T*V villages
    std::string m_regionsJson;
    std::string m_camerasEtag;
    std::string m_regionsEtag;
    struct Demo
    {
        std::string name, nameEn;
        double lat, lon, direction, fov;
    };
    std::vector<Demo> m_demo;
};

} // namespace vigil::demo
