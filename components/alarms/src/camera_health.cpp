#include "vigil/alarms/camera_health.h"

#include <QtQml/QJSEngine>

#include <algorithm>

namespace vigil::alarms {

namespace {
CameraHealth *s_instance = nullptr;
}

CameraHealth::CameraHealth(QObject *parent)
    : QObject(parent)
{}

CameraHealth::~CameraHealth()
{
    if (s_instance == this)
        s_instance = nullptr;
}

CameraHealth *CameraHealth::instance()
{
    // Created on first use and kept for the process: feeds and QML reach the same board.
    if (!s_instance)
        s_instance = new CameraHealth(nullptr);
    return s_instance;
}

CameraHealth *CameraHealth::create(QQmlEngine *, QJSEngine *)
{
    auto *health = instance();
    QJSEngine::setObjectOwnership(health, QJSEngine::CppOwnership);
    return health;
}

void CameraHealth::report(const void *feed, const QString &cameraId, FeedState state)
{
    const QString previous = m_feeds.value(feed).cameraId;
    if (cameraId.isEmpty() || state == FeedState::Gone)
        m_feeds.remove(feed);
    else
        m_feeds.insert(feed, Feed{cameraId, state});
    if (!previous.isEmpty() && previous != cameraId)
        refresh(previous);
    if (!cameraId.isEmpty())
        refresh(cameraId);
}

void CameraHealth::setAlarm(const QString &cameraId, bool active)
{
    if (cameraId.isEmpty())
        return;
    if (active)
        m_alarms.insert(cameraId);
    else
        m_alarms.remove(cameraId);
    refresh(cameraId);
}

CameraHealth::Status CameraHealth::statusOf(const QString &cameraId) const
{
    return m_last.value(cameraId, Unknown);
}

QVariantMap CameraHealth::statuses() const
{
    QVariantMap map;
    for (auto it = m_last.cbegin(); it != m_last.cend(); ++it)
        map.insert(it.key(), int(it.value()));
    return map;
}

bool CameraHealth::isPlaying(const QString &cameraId) const
{
    return std::any_of(m_feeds.cbegin(), m_feeds.cend(), [&](const Feed &f) {
        return f.cameraId == cameraId && f.state == FeedState::Playing;
    });
}

CameraHealth::Status CameraHealth::compute(const QString &cameraId) const
{
    if (m_alarms.contains(cameraId))
        return Alarm;
    bool failing = false;
    for (const Feed &f : m_feeds) {
        if (f.cameraId != cameraId)
            continue;
        switch (f.state) {
        case FeedState::Playing:
            return Live;
        case FeedState::Failing:
            failing = true;
            break;
        case FeedState::Gone:
        case FeedState::Pending: // not known yet
            break;
        }
    }
    return failing ? Offline : Unknown;
}

void CameraHealth::refresh(const QString &cameraId)
{
    const Status now = compute(cameraId);
    if (now == m_last.value(cameraId, Unknown))
        return;
    if (now == Unknown)
        m_last.remove(cameraId);
    else
        m_last.insert(cameraId, now);
    emit statusChanged(cameraId, now);
}

} // namespace vigil::alarms
