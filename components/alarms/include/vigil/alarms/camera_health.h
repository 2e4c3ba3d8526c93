#pragma once
// CameraHealth: what the client knows about each camera's health, for the map's status colours and lists
// (CameraHealthModel puts it on camera rows as the "health" role).
// Fed by every CameraFeed (a tile playing a camera) and by alarm sources (ONVIF events): a camera is Live
// when any feed plays it, Offline when its feeds are failing (Failed, Stalled, Reconnecting) and none plays,
// Alarm while an alarm is active (overrides), Unknown when nothing shows it. The client only knows what it
// watches: a camera on no tile stays Unknown rather than claiming to be fine.
//
// Thread: GUI only. One instance per process (QML singleton `CameraHealth` in Vigil.Alarms).
#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QSet>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace vigil::alarms {

class CameraHealth : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    // Models and the map see it as a word (CameraHealthModel::healthWord, vigil/core/health_role.h).
    enum Status
    {
        Unknown,
        Live,
        Offline,
        Alarm,
    };
    Q_ENUM(Status)

    // How a feed is doing, as the board sees it (the feed maps its player's status: knows no engine).
    enum class FeedState
    {
        Gone,    // no camera shown (idle): the feed is withdrawn
        Pending, // connecting, buffering: not known yet
        Playing,
        Failing, // failed, stalled, reconnecting
    };

    // No default argument on purpose: Qt 6.4's QML engine default-constructs a singleton type that can be
    // (ignoring create()), which would give QML a second, empty board.
    explicit CameraHealth(QObject *parent);
    ~CameraHealth() override;

    static CameraHealth *instance();
    static CameraHealth *create(QQmlEngine *, QJSEngine *);

    // A feed (any stable key, e.g. the CameraFeed's address) shows `cameraId` in this state; an empty camera
    // id or Gone withdraws the feed.
    void report(const void *feed, const QString &cameraId, FeedState state);
    void forget(const void *feed) { report(feed, {}, FeedState::Gone); }

    Q_INVOKABLE void setAlarm(const QString &cameraId, bool active);
    Q_INVOKABLE vigil::alarms::CameraHealth::Status statusOf(const QString &cameraId) const;
    // Every camera whose status is not Unknown: { id: status }.
    Q_INVOKABLE QVariantMap statuses() const;
    // Some feed plays `cameraId` now (whatever an alarm says): a village PC's self-check counts live tiles
    // so.
    bool isPlaying(const QString &cameraId) const;

signals:
    void statusChanged(const QString &cameraId, vigil::alarms::CameraHealth::Status status);

private:
    Status compute(const QString &cameraId) const;
    void refresh(const QString &cameraId);

    struct Feed
    {
        QString cameraId;
        FeedState state;
    };
    QHash<const void *, Feed> m_feeds;
    QSet<QString> m_alarms;
    QHash<QString, Status> m_last; // published status, Unknown absent
};

} // namespace vigil::alarms
