#include "vigil/cameras/camera_directory.h"

#include "camera_json.h"
#include "config_file.h"
#include "vigil/core/atomic_file.h"
#include "vigil/core/logging.h"
#include "vigil/core/paths.h"
#include "vigil/core/redact.h"

#include <QtCore/QDir>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QPointer>
#include <QtCore/QRandomGenerator>
#include <QtCore/QSet>
#include <QtQml/QJSEngine>

#include <algorithm>
#include <cmath>
#include <utility>

namespace vigil::cameras {

CameraDirectory *CameraDirectory::s_instance = nullptr;

namespace {
// Validates an address typed by the operator; returns it without user info, plus the user info it carried.
struct ParsedRtspUrl
{
    QUrl url;
    QString user;
    QString password;
};

std::optional<ParsedRtspUrl> parseRtspUrl(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != u"rtsp" && scheme != u"rtsps") || url.host().isEmpty())
        return std::nullopt;
    ParsedRtspUrl out;
    out.user = url.userName(QUrl::FullyDecoded);
    out.password = url.password(QUrl::FullyDecoded);
    out.url = url.adjusted(QUrl::RemoveUserInfo);
    out.url.setScheme(scheme);
    return out;
}
} // namespace

namespace {
// The store while the real one is being read (start-up): answers from memory what was set meanwhile, and
// remembers the changes in order so finishCredentialsLoad() can replay them into the real store.
class PendingCredentialStore final : public CredentialStore
{
public:
    std::optional<QString> password(const QString &ref) const override { return m_memory.password(ref); }
    bool setPassword(const QString &ref, const QString &password, QString *error) override
    {
        m_ops.append({ref, password});
        return m_memory.setPassword(ref, password, error);
    }
    bool remove(const QString &ref, QString *error) override
    {
        m_ops.append({ref, std::nullopt});
        return m_memory.remove(ref, error);
    }
    void replayInto(CredentialStore &store) const
    {
        for (const auto &[ref, password] : m_ops) {
            QString error;
            const bool ok = password ? store.setPassword(ref, *password, &error) : store.remove(ref, &error);
            if (!ok)
                qCWarning(vigilCameras).noquote()
                    << "a password changed during start-up was not stored:" << error;
        }
    }

private:
    MemoryCredentialStore m_memory;
    QList<std::pair<QString, std::optional<QString>>> m_ops;
};
} // namespace

CameraDirectory::CameraDirectory(QObject *parent)
    : CameraDirectory(std::make_unique<FileCredentialStore>(), parent)
{}

CameraDirectory::CameraDirectory(std::unique_ptr<CredentialStore> credentials, QObject *parent)
    : QAbstractListModel(parent)
    , m_credentials(std::move(credentials))
    , m_configPath(QDir(core::configDir()).filePath(QStringLiteral("cameras.json")))
    , m_favouritesPath(QDir(core::configDir()).filePath(QStringLiteral("favourites.json")))
    , m_masksPath(QDir(core::configDir()).filePath(QStringLiteral("privacy-masks.json")))
{
    Q_ASSERT(m_credentials);
    if (auto *file = dynamic_cast<FileCredentialStore *>(m_credentials.get()))
        m_credentialsLoadError = file->loadError();
    adoptStore(std::move(m_credentials));
}

void CameraDirectory::adoptStore(std::unique_ptr<CredentialStore> store)
{
    m_credentials = std::move(store);
    m_credentials->setWriteFailedHandler([self = QPointer<CameraDirectory>(this)](const QString &error) {
        if (self)
            self->setCredentialWarning(error);
    });
}

void CameraDirectory::beginCredentialsLoad()
{
    if (m_credentialsPending)
        return;
    m_credentials = std::make_unique<PendingCredentialStore>();
    m_credentialsPending = true;
    emit credentialsPendingChanged();
}

void CameraDirectory::finishCredentialsLoad(std::unique_ptr<CredentialStore> store, const QString &warning)
{
    Q_ASSERT(store);
    if (auto *pending = dynamic_cast<PendingCredentialStore *>(m_credentials.get()))
        pending->replayInto(*store);
    adoptStore(std::move(store));
    if (!warning.isEmpty())
        setCredentialWarning(warning);
    if (m_credentialsPending) {
        m_credentialsPending = false;
        emit credentialsPendingChanged();
    }
}

void CameraDirectory::setCredentialWarning(const QString &text)
{
    if (m_credentialWarning == text)
        return;
    m_credentialWarning = text;
    emit credentialWarningChanged();
}

bool CameraDirectory::waitingForPassword(const QString &cameraId) const
{
    if (!m_credentialsPending)
        return false;
    const int i = indexOf(cameraId);
    return i >= 0 && !m_cameras.at(i).credentialRef.isEmpty() &&
           !m_credentials->password(m_cameras.at(i).credentialRef); // set during start-up: known already
}

CameraDirectory::~CameraDirectory()
{
    if (s_instance == this)
        s_instance = nullptr;
}

CameraDirectory *CameraDirectory::create(QQmlEngine *, QJSEngine *)
{
    if (!s_instance) {
        qCCritical(vigilCameras) << "Cameras singleton used before CameraDirectory::setInstance(); "
                                    "the app must install the directory before loading QML";
        return nullptr;
    }
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void CameraDirectory::setInstance(CameraDirectory *instance)
{
    s_instance = instance;
    if (instance)
        QJSEngine::setObjectOwnership(instance, QJSEngine::CppOwnership);
}

CameraDirectory *CameraDirectory::instance()
{
    return s_instance;
}

int CameraDirectory::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_cameras.size());
}

QVariant CameraDirectory::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Camera &c = m_cameras.at(index.row());
    switch (role) {
    case IdRole:
        return c.id;
    case Qt::DisplayRole:
    case NameRole:
        return c.name;
    case GroupRole:
        return c.group;
    case StreamCountRole:
        return int(c.streams.size());
    case HasPositionRole:
        return c.position.has_value();
    case LatitudeRole:
        return c.position ? c.position->lat : std::nan("");
    case LongitudeRole:
        return c.position ? c.position->lon : std::nan("");
    case OriginRole:
        return c.origin;
    case DirectionRole:
        return c.position ? c.position->directionDeg : 0.0;
    case FovRole:
        return c.position ? c.position->fovDeg : 0.0;
    case AvailableRole:
        return !m_unavailableOrigins.contains(c.origin);
    case OnlineRole:
        return isOnline(c);
    case PtzRole:
        return c.hasPtz();
    case FavouriteRole:
        return m_favourites.contains(c.id);
    default:
        return {};
    }
}

QHash<int, QByteArray> CameraDirectory::roleNames() const
{
    return {
        {IdRole, "cameraId"},
        {NameRole, "name"},
        {GroupRole, "group"},
        {StreamCountRole, "streamCount"},
        {HasPositionRole, "hasPosition"},
        {LatitudeRole, "latitude"},
        {LongitudeRole, "longitude"},
        {OriginRole, "origin"},
        {DirectionRole, "directionDeg"},
        {FovRole, "fovDeg"},
        {AvailableRole, "available"},
        {OnlineRole, "online"},
        {PtzRole, "ptz"},
        {FavouriteRole, "favourite"},
    };
}

int CameraDirectory::configCount() const
{
    int n = 0;
    while (n < m_cameras.size() && m_cameras.at(n).origin == kConfigOrigin)
        ++n;
    return n;
}

int CameraDirectory::indexOf(const QString &id) const
{
    // A platform's tree may hold hundreds of thousands of cameras: past a few hundred rows, look ids up in
    // an index rebuilt lazily after any change (m_index is cleared wherever rows move).
    if (m_cameras.size() < 256) {
        for (int i = 0; i < m_cameras.size(); ++i) {
            if (m_cameras.at(i).id == id)
                return i;
        }
        return -1;
    }
    if (m_index.size() != m_cameras.size()) {
        m_index.clear();
        m_index.reserve(m_cameras.size());
        for (int i = 0; i < m_cameras.size(); ++i)
            m_index.insert(m_cameras.at(i).id, i);
    }
    const auto it = m_index.constFind(id);
    return it == m_index.cend() ? -1 : it.value();
}

QString CameraDirectory::newId() const
{
    for (;;) {
        const QString id =
            QStringLiteral("cam-%1").arg(QRandomGenerator::global()->generate(), 8, 16, QChar(u'0'));
        if (indexOf(id) < 0)
            return id;
    }
}

bool CameraDirectory::load()
{
    const QStringList groupsBefore = groups();
    const core::LoadedFile loaded = core::readFileWithBackup(m_configPath, &detail::validateCamerasJson);
    QList<detail::MigratedSecret> secrets;
    QList<Camera> loadedCameras;
    if (loaded.exists)
        loadedCameras = detail::parseCamerasJson(loaded.data, &secrets);

    QString problem;
    if (!loaded.error.isEmpty()) {
        const QString kept = loaded.keptAs;
        if (loaded.fromBackup) {
            problem =
                tr("The camera list %1 was damaged (%2). Vigil loaded the previous copy from its backup, "
                   "so cameras added or changed since the last save may be missing; the damaged file was "
                   "kept as %3. Check the camera list and add any missing camera again.")
                    .arg(m_configPath, loaded.error, kept);
        } else {
            problem = tr("The camera list %1 was damaged (%2) and no usable backup exists, so Vigil started "
                         "without configured cameras. The damaged file was kept as %3: repair it, or add the "
                         "cameras again.")
                          .arg(m_configPath, loaded.error, kept);
        }
    } else if (loaded.fromBackup) {
        problem =
            tr("The camera list %1 was missing; Vigil loaded it from its backup. Check that all cameras "
               "are there.")
                .arg(m_configPath);
    }
    if (!problem.isEmpty())
        qCWarning(vigilCameras).noquote() << problem;

    // Replace the config block [0, configCount) with fine-grained signals; demo cameras stay.
    QSet<QString> demoIds;
    for (int i = configCount(); i < m_cameras.size(); ++i)
        demoIds.insert(m_cameras.at(i).id);
    loadedCameras.removeIf([&](const Camera &c) {
        if (!demoIds.contains(c.id))
            return false;
        qCWarning(vigilCameras) << "configured camera" << c.id << "clashes with a demo camera id; ignored";
        return true;
    });
    const int oldCount = configCount();
    if (oldCount > 0) {
        beginRemoveRows({}, 0, oldCount - 1);
        m_cameras.remove(0, oldCount);
        m_index.clear();
        endRemoveRows();
    }
    if (!loadedCameras.isEmpty()) {
        beginInsertRows({}, 0, int(loadedCameras.size()) - 1);
        m_cameras = loadedCameras + m_cameras;
        m_index.clear();
        endInsertRows();
    }
    if (oldCount != loadedCameras.size())
        emit countChanged();
    notifyGroups(groupsBefore);
    qCInfo(vigilCameras) << "loaded" << loadedCameras.size() << "cameras from" << m_configPath;

    // A hand-edited file may carry passwords inside URLs: move them into the credential store, then rewrite.
    if (!secrets.isEmpty()) {
        bool moved = true;
        for (const detail::MigratedSecret &s : secrets)
            moved = m_credentials->setPassword(s.ref, s.password) && moved;
        if (moved && save())
            qCInfo(vigilCameras) << "moved" << secrets.size() << "password(s) out of" << m_configPath;
    }
    if (!m_credentialsLoadError.isEmpty())
        problem = problem.isEmpty() ? m_credentialsLoadError : problem + u'\n' + m_credentialsLoadError;
    for (const QString &more : {loadFavourites(), loadStoredMasks()}) {
        if (!more.isEmpty())
            problem = problem.isEmpty() ? more : problem + u'\n' + more;
    }
    setLoadError(problem);
    return loaded.error.isEmpty();
}

namespace {
QString validateFavouritesJson(const QByteArray &data)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError)
        return error.errorString();
    const QJsonObject o = doc.object();
    if (o.value(QLatin1String("version")).toInt() != 1)
        return QStringLiteral("\"version\" is not 1");
    if (!o.value(QLatin1String("cameras")).isArray())
        return QStringLiteral("\"cameras\" is not a list");
    return {};
}
} // namespace

QString CameraDirectory::loadFavourites()
{
    const core::LoadedFile loaded = core::readFileWithBackup(m_favouritesPath, &validateFavouritesJson);
    // The file's, or its backup's when the file was damaged (readFileWithBackup hands over only bytes the
    // validator took; none when neither was usable).
    QSet<QString> ids;
    if (!loaded.data.isEmpty()) {
        for (const QJsonValue &v :
             QJsonDocument::fromJson(loaded.data).object().value(QLatin1String("cameras")).toArray()) {
            if (v.isString() && !v.toString().isEmpty())
                ids.insert(v.toString());
        }
    }
    const QSet<QString> before = std::exchange(m_favourites, ids);
    if (before != m_favourites) {
        for (const QSet<QString> &changed : {before - m_favourites, m_favourites - before}) {
            for (const QString &id : changed) {
                if (const int row = indexOf(id); row >= 0)
                    emit dataChanged(index(row), index(row), {FavouriteRole});
            }
        }
        emit favouritesChanged();
    }
    if (loaded.error.isEmpty())
        return {};
    const QString problem =
        loaded.fromBackup
            ? tr("The favourite cameras %1 were damaged (%2); Vigil loaded the previous copy from its backup "
                 "and kept the damaged file as %3. Star any missing favourite again.")
                  .arg(m_favouritesPath, loaded.error, loaded.keptAs)
            : tr("The favourite cameras %1 were damaged (%2) and no usable backup exists, so no camera is "
                 "starred. The damaged file was kept as %3.")
                  .arg(m_favouritesPath, loaded.error, loaded.keptAs);
    qCWarning(vigilCameras).noquote() << problem;
    return problem;
}

QString CameraDirectory::loadStoredMasks()
{
    const core::LoadedFile loaded = core::readFileWithBackup(m_masksPath, &detail::validateMasksFileJson);
    m_storedMasks =
        loaded.data.isEmpty() ? QHash<QString, QList<QPolygonF>>{} : detail::parseMasksFile(loaded.data);
    // Cameras already here (an origin loaded before the config) get theirs now.
    for (int row = configCount(); row < m_cameras.size(); ++row) {
        Camera &c = m_cameras[row];
        const QList<QPolygonF> masks = m_storedMasks.value(c.id);
        if (c.privacyMasks != masks) {
            c.privacyMasks = masks;
            emit dataChanged(index(row), index(row));
        }
    }
    if (loaded.error.isEmpty())
        return {};
    // What a mask hides would show: say so loudly.
    const QString problem =
        loaded.fromBackup
            ? tr("The privacy masks %1 were damaged (%2); Vigil loaded the previous copy from its backup and "
                 "kept the damaged file as %3. Check each platform or demo camera's masks (tile menu, "
                 "Privacy masks) before the wall is shown to anyone.")
                  .arg(m_masksPath, loaded.error, loaded.keptAs)
            : tr("The privacy masks %1 were damaged (%2) and no usable backup exists, so platform and demo "
                 "cameras show without masks. The damaged file was kept as %3: repair it, or draw the masks "
                 "again (tile menu, Privacy masks).")
                  .arg(m_masksPath, loaded.error, loaded.keptAs);
    qCWarning(vigilCameras).noquote() << problem;
    return problem;
}

QStringList CameraDirectory::favourites() const
{
    QStringList ids(m_favourites.cbegin(), m_favourites.cend());
    ids.sort();
    return ids;
}

bool CameraDirectory::setFavourite(const QString &id, bool favourite)
{
    if (id.isEmpty() || m_favourites.contains(id) == favourite)
        return !id.isEmpty();
    QSet<QString> next = m_favourites;
    if (favourite)
        next.insert(id);
    else
        next.remove(id);
    QStringList ids(next.cbegin(), next.cend());
    ids.sort();
    const QByteArray data =
        QJsonDocument(QJsonObject{{QStringLiteral("version"), 1},
                                  {QStringLiteral("cameras"), QJsonArray::fromStringList(ids)}})
            .toJson(QJsonDocument::Indented);
    QString why;
    if (!core::writeFileAtomically(m_favouritesPath, data, &why)) {
        setLastError(tr("The favourite cameras could not be saved to %1 (%2). Check that the folder is "
                        "writable and has free space.")
                         .arg(m_favouritesPath, why));
        return false;
    }
    m_favourites = std::move(next);
    setLastError({});
    if (const int row = indexOf(id); row >= 0)
        emit dataChanged(index(row), index(row), {FavouriteRole});
    emit favouritesChanged();
    return true;
}

bool CameraDirectory::writeConfig(const QList<Camera> &cameras, QString *error)
{
    QString why;
    if (core::writeFileAtomically(m_configPath, detail::serializeCameras(cameras), &why))
        return true;
    qCWarning(vigilCameras).noquote() << "cannot write" << m_configPath << ":" << why;
    if (error)
        *error =
            tr("Vigil could not save the camera list to %1 (%2). Check that the folder is writable and the "
               "disk is not full, then try again.")
                .arg(m_configPath, why);
    return false;
}

bool CameraDirectory::save()
{
    QString error;
    if (!writeConfig(m_cameras, &error)) {
        setLastError(error);
        return false;
    }
    return true;
}

std::optional<Camera> CameraDirectory::camera(const QString &id) const
{
    const int i = indexOf(id);
    if (i < 0)
        return std::nullopt;
    return m_cameras.at(i);
}

std::optional<ResolvedStream> CameraDirectory::resolve(const QString &cameraId, const QString &role) const
{
    const int i = indexOf(cameraId);
    if (i < 0)
        return std::nullopt;
    const Camera &c = m_cameras.at(i);
    if (c.streams.isEmpty())
        return std::nullopt;
    const StreamInfo *s = c.stream(role);
    if (!s)
        s = c.stream(role == kMainRole ? kSubRole : kMainRole);
    if (!s)
        s = &c.streams.first();
    ResolvedStream out;
    out.url = s->url;
    out.user = c.user;
    if (!c.credentialRef.isEmpty())
        out.password = m_credentials->password(c.credentialRef).value_or(QString());
    out.resolution = s->resolution;
    out.role = s->role;
    out.privacyMasks = c.privacyMasks;
    return out;
}

void CameraDirectory::setDemoCameras(QList<Camera> cameras)
{
    setOriginCameras(kDemoOrigin.toString(), std::move(cameras));
}

void CameraDirectory::setOriginCameras(const QString &origin, QList<Camera> cameras)
{
    if (origin.isEmpty() || origin == kConfigOrigin) {
        qCWarning(vigilCameras) << "setOriginCameras: origin" << origin << "is not an in-memory origin";
        return;
    }
    const QStringList groupsBefore = groups();
    const int oldCount = int(m_cameras.size());
    // The origin's block: contiguous (config first, then each origin's cameras together).
    int first = configCount();
    while (first < m_cameras.size() && m_cameras.at(first).origin != origin)
        ++first;
    int last = first;
    while (last < m_cameras.size() && m_cameras.at(last).origin == origin)
        ++last;
    if (last > first) {
        beginRemoveRows({}, first, last - 1);
        m_cameras.remove(first, last - first);
        endRemoveRows();
    }
    QSet<QString> seen;
    seen.reserve(m_cameras.size() + cameras.size());
    for (const Camera &c : std::as_const(m_cameras))
        seen.insert(c.id);
    QList<Camera> accepted;
    accepted.reserve(cameras.size());
    int skipped = 0;
    for (Camera &c : cameras) {
        if (c.id.isEmpty() || seen.contains(c.id)) {
            ++skipped;
            continue;
        }
        seen.insert(c.id);
        c.origin = origin;
        if (const auto stored = m_storedMasks.constFind(c.id); stored != m_storedMasks.cend())
            c.privacyMasks = *stored;
        for (StreamInfo &s : c.streams)
            s.url.setUserInfo(QString());
        accepted.append(std::move(c));
    }
    if (skipped > 0)
        qCWarning(vigilCameras) << skipped << origin << "cameras have an empty or duplicate id; skipped";
    if (!accepted.isEmpty()) {
        beginInsertRows({}, first, first + int(accepted.size()) - 1);
        m_cameras.insert(first, accepted.size(), Camera());
        std::move(accepted.begin(), accepted.end(), m_cameras.begin() + first);
        endInsertRows();
    }
    m_index.clear();
    if (m_cameras.size() != oldCount)
        emit countChanged();
    notifyGroups(groupsBefore);
}

int CameraDirectory::originCount(const QString &origin) const
{
    return int(std::count_if(m_cameras.cbegin(), m_cameras.cend(),
                             [&](const Camera &c) { return c.origin == origin; }));
}

void CameraDirectory::setOriginAvailable(const QString &origin, bool available)
{
    if (available == !m_unavailableOrigins.contains(origin))
        return;
    if (available)
        m_unavailableOrigins.remove(origin);
    else
        m_unavailableOrigins.insert(origin);
    int first = -1;
    int last = -1;
    for (int i = 0; i < m_cameras.size(); ++i) {
        if (m_cameras.at(i).origin == origin) {
            if (first < 0)
                first = i;
            last = i;
        }
    }
    if (first >= 0)
        emit dataChanged(index(first), index(last), {AvailableRole, OnlineRole});
}

bool CameraDirectory::isAvailable(const QString &id) const
{
    const int i = indexOf(id);
    return i >= 0 && !m_unavailableOrigins.contains(m_cameras.at(i).origin);
}

void CameraDirectory::requestStreams(const QString &id)
{
    const int i = indexOf(id);
    if (i >= 0 && m_cameras.at(i).streams.isEmpty())
        emit streamsRequested(id);
}

bool CameraDirectory::setStreams(const QString &id, QList<StreamInfo> streams)
{
    const int i = indexOf(id);
    if (i < 0 || m_cameras.at(i).origin == kConfigOrigin)
        return false;
    for (StreamInfo &s : streams)
        s.url.setUserInfo(QString());
    if (m_cameras.at(i).streams == streams)
        return true;
    m_cameras[i].streams = std::move(streams);
    emit dataChanged(index(i), index(i));
    return true;
}

std::optional<QString> CameraDirectory::secret(const QString &ref) const
{
    return m_credentials->password(ref);
}

bool CameraDirectory::setSecret(const QString &ref, const QString &secret, QString *error)
{
    return m_credentials->setPassword(ref, secret, error);
}

bool CameraDirectory::removeSecret(const QString &ref, QString *error)
{
    return m_credentials->remove(ref, error);
}

bool CameraDirectory::setCameraPtz(const QString &id, bool ptz)
{
    const int i = indexOf(id);
    if (i < 0) {
        setLastError(tr("This camera is no longer in the camera list."));
        return false;
    }
    if (m_cameras.at(i).ptz == ptz)
        return true;
    if (m_cameras.at(i).origin == kConfigOrigin) {
        QList<Camera> next = m_cameras;
        next[i].ptz = ptz;
        QString error;
        if (!writeConfig(next, &error)) {
            setLastError(error);
            return false;
        }
    }
    m_cameras[i].ptz = ptz;
    emit dataChanged(index(i), index(i), {PtzRole});
    return true;
}

bool CameraDirectory::setPrivacyMasks(const QString &id, const QList<QPolygonF> &masks)
{
    const int i = indexOf(id);
    if (i < 0) {
        setLastError(tr("This camera is no longer in the camera list."));
        return false;
    }
    QList<QPolygonF> clean;
    for (const QPolygonF &polygon : masks) {
        if (polygon.size() < 3)
            continue;
        QPolygonF p;
        for (const QPointF &pt : polygon)
            p.append(QPointF(std::clamp(pt.x(), 0.0, 1.0), std::clamp(pt.y(), 0.0, 1.0)));
        clean.append(p);
    }
    if (m_cameras.at(i).privacyMasks == clean)
        return true;
    if (m_cameras.at(i).origin == kConfigOrigin) {
        QList<Camera> next = m_cameras;
        next[i].privacyMasks = clean;
        QString error;
        if (!writeConfig(next, &error)) {
            setLastError(error);
            return false;
        }
    } else {
        QHash<QString, QList<QPolygonF>> next = m_storedMasks;
        if (clean.isEmpty())
            next.remove(id);
        else
            next.insert(id, clean);
        QString why;
        if (!core::writeFileAtomically(m_masksPath, detail::serializeMasksFile(next), &why)) {
            setLastError(tr("The privacy masks could not be saved to %1 (%2). Check that the folder is "
                            "writable and has free space.")
                             .arg(m_masksPath, why));
            return false;
        }
        m_storedMasks = std::move(next);
    }
    m_cameras[i].privacyMasks = clean;
    setLastError({});
    qCInfo(vigilCameras) << "privacy masks of" << id << "set:" << clean.size() << "polygon(s)";
    emit dataChanged(index(i), index(i));
    return true;
}

QVariantList CameraDirectory::privacyMasksOf(const QString &id) const
{
    QVariantList out;
    const int i = indexOf(id);
    if (i < 0)
        return out;
    for (const QPolygonF &polygon : m_cameras.at(i).privacyMasks) {
        QVariantList points;
        for (const QPointF &pt : polygon)
            points.append(pt);
        out.append(QVariant(points));
    }
    return out;
}

bool CameraDirectory::savePrivacyMasks(const QString &id, const QVariantList &polygons)
{
    QList<QPolygonF> masks;
    for (const QVariant &polygon : polygons) {
        QPolygonF p;
        for (const QVariant &pt : polygon.toList()) {
            // A point from QML: a QPointF (Qt.point) or a JS object {x, y}.
            if (pt.metaType() == QMetaType::fromType<QPointF>()) {
                p.append(pt.toPointF());
            } else {
                const QVariantMap m = pt.toMap();
                p.append(QPointF(m.value(QStringLiteral("x")).toDouble(),
                                 m.value(QStringLiteral("y")).toDouble()));
            }
        }
        masks.append(p);
    }
    return setPrivacyMasks(id, masks);
}

bool CameraDirectory::addCamera(Camera camera)
{
    if (camera.id.isEmpty() || indexOf(camera.id) >= 0) {
        setLastError(tr("The camera could not be added because its identifier is empty or already used."));
        return false;
    }
    const QStringList groupsBefore = groups();
    camera.origin = kConfigOrigin.toString();
    for (StreamInfo &s : camera.streams)
        s.url.setUserInfo(QString());
    const int row = configCount();
    QList<Camera> next = m_cameras;
    next.insert(row, camera);
    QString error;
    if (!writeConfig(next, &error)) {
        setLastError(error);
        return false;
    }
    beginInsertRows({}, row, row);
    m_cameras.insert(row, std::move(camera));
    m_index.clear();
    endInsertRows();
    emit countChanged();
    notifyGroups(groupsBefore);
    setLastError({});
    return true;
}

bool CameraDirectory::putCamera(Camera camera, const QString &password)
{
    if (camera.id.isEmpty()) {
        setLastError(tr("The camera could not be added because its identifier is empty or already used."));
        return false;
    }
    const int existing = indexOf(camera.id);
    if (existing >= 0 && m_cameras.at(existing).origin != kConfigOrigin) {
        setLastError(tr("The camera could not be added because its identifier is empty or already used."));
        return false;
    }
    const QString oldRef = existing >= 0 ? m_cameras.at(existing).credentialRef : QString();
    const std::optional<QString> oldPassword =
        oldRef.isEmpty() ? std::nullopt : m_credentials->password(oldRef);
    if (password.isEmpty()) {
        camera.credentialRef.clear();
    } else {
        if (camera.credentialRef.isEmpty())
            camera.credentialRef = camera.id;
        QString error;
        if (!m_credentials->setPassword(camera.credentialRef, password, &error)) {
            setLastError(tr("Could not store the camera password: %1").arg(error));
            return false;
        }
    }
    // Undo the password change if the camera cannot be saved: both or neither.
    const auto rollback = [&] {
        if (!camera.credentialRef.isEmpty() && camera.credentialRef != oldRef)
            m_credentials->remove(camera.credentialRef);
        if (!oldRef.isEmpty() && oldPassword)
            m_credentials->setPassword(oldRef, *oldPassword);
    };
    if (existing < 0) {
        if (!addCamera(camera)) {
            rollback();
            return false;
        }
        return true;
    }
    const QStringList groupsBefore = groups();
    camera.origin = kConfigOrigin.toString();
    for (StreamInfo &st : camera.streams)
        st.url.setUserInfo(QString());
    QList<Camera> next = m_cameras;
    next[existing] = camera;
    QString error;
    if (!writeConfig(next, &error)) {
        rollback();
        setLastError(error);
        return false;
    }
    if (!oldRef.isEmpty() && oldRef != camera.credentialRef)
        m_credentials->remove(oldRef);
    m_cameras[existing] = std::move(camera);
    emit dataChanged(index(existing), index(existing));
    notifyGroups(groupsBefore);
    setLastError({});
    return true;
}

QString CameraDirectory::cameraIdForDevice(const QUrl &deviceUrl) const
{
    if (!deviceUrl.isValid() || deviceUrl.host().isEmpty())
        return {};
    const auto key = [](const QUrl &u) {
        const int defaultPort = u.scheme() == QLatin1String("https") ? 443 : 80;
        return QStringLiteral("%1://%2:%3")
            .arg(u.scheme().toLower(), u.host().toLower())
            .arg(u.port(defaultPort));
    };
    const QString wanted = key(deviceUrl);
    for (const Camera &c : m_cameras) {
        if (c.origin == kConfigOrigin && c.deviceUrl.isValid() && key(c.deviceUrl) == wanted)
            return c.id;
    }
    return {};
}

std::optional<DeviceLogin> CameraDirectory::deviceLogin(const QString &cameraId) const
{
    const int i = indexOf(cameraId);
    if (i < 0 || !m_cameras.at(i).deviceUrl.isValid())
        return std::nullopt;
    const Camera &c = m_cameras.at(i);
    DeviceLogin login{c.id, c.deviceUrl, c.user, {}};
    login.deviceUrl.setUserInfo({});
    if (!c.credentialRef.isEmpty())
        login.password = m_credentials->password(c.credentialRef).value_or(QString());
    return login;
}

QString CameraDirectory::addRtspCamera(const QString &name, const QString &group, const QString &mainUrl,
                                       const QString &subUrl, const QString &user, const QString &password)
{
    const QString trimmedName = name.trimmed();
    if (trimmedName.isEmpty()) {
        setLastError(tr("Enter a name for the camera."));
        return {};
    }
    const auto main = parseRtspUrl(mainUrl);
    if (!main) {
        setLastError(
            tr("The main stream address must start with rtsp:// or rtsps:// and name the camera, for "
               "example rtsp://192.168.1.10:554/stream1."));
        return {};
    }
    std::optional<ParsedRtspUrl> sub;
    if (!subUrl.trimmed().isEmpty()) {
        sub = parseRtspUrl(subUrl);
        if (!sub) {
            setLastError(
                tr("The sub-stream address must start with rtsp:// or rtsps:// and name the camera, for "
                   "example rtsp://192.168.1.10:554/stream2. Leave it empty if the camera has none."));
            return {};
        }
    }
    // Explicit fields win; credentials typed into a URL fill the gaps and never stay in the URL.
    QString finalUser = user.trimmed();
    QString finalPassword = password;
    const ParsedRtspUrl *sources[] = {&*main, sub ? &*sub : nullptr};
    for (const ParsedRtspUrl *p : sources) {
        if (!p)
            continue;
        if (finalUser.isEmpty())
            finalUser = p->user;
        if (finalPassword.isEmpty())
            finalPassword = p->password;
    }

    Camera c;
    c.id = newId();
    c.name = trimmedName;
    c.group = group.trimmed();
    c.user = finalUser;
    c.origin = kConfigOrigin.toString();
    c.streams.append(StreamInfo{kMainRole.toString(), main->url, {}, 0, {}});
    if (sub)
        c.streams.append(StreamInfo{kSubRole.toString(), sub->url, {}, 0, {}});
    if (!putCamera(c, finalPassword))
        return {};
    qCInfo(vigilCameras).noquote() << "added camera" << c.id << core::redactUrl(main->url.toString());
    return c.id;
}

bool CameraDirectory::removeCamera(const QString &id)
{
    const int row = indexOf(id);
    if (row < 0) {
        setLastError(tr("This camera is no longer in the camera list."));
        return false;
    }
    const QStringList groupsBefore = groups();
    const Camera c = m_cameras.at(row);
    if (c.origin == kConfigOrigin) {
        QList<Camera> next = m_cameras;
        next.removeAt(row);
        QString error;
        if (!writeConfig(next, &error)) {
            setLastError(error);
            return false;
        }
    }
    beginRemoveRows({}, row, row);
    m_cameras.removeAt(row);
    m_index.clear();
    endRemoveRows();
    emit countChanged();
    if (!c.credentialRef.isEmpty() && c.origin == kConfigOrigin) {
        QString error;
        if (!m_credentials->remove(c.credentialRef, &error))
            qCWarning(vigilCameras) << "the password of removed camera" << id << "could not be forgotten";
    }
    notifyGroups(groupsBefore);
    setLastError({});
    emit cameraRemoved(id);
    return true;
}

QString CameraDirectory::nameOf(const QString &id) const
{
    const int i = indexOf(id);
    return i < 0 ? QString() : m_cameras.at(i).name;
}

QStringList CameraDirectory::groups() const
{
    // A set, not QStringList::contains: linear in cameras, not cameras × groups (400,000 × 2,000 took 0.6 s).
    QSet<QString> seen;
    QStringList out;
    for (const Camera &c : m_cameras) {
        if (!c.group.isEmpty() && !seen.contains(c.group)) {
            seen.insert(c.group);
            out.append(c.group);
        }
    }
    out.sort(Qt::CaseInsensitive);
    return out;
}

void CameraDirectory::setLastError(const QString &text)
{
    if (m_lastError == text)
        return;
    m_lastError = text;
    emit lastErrorChanged();
}

void CameraDirectory::setLoadError(const QString &text)
{
    if (m_loadError == text)
        return;
    m_loadError = text;
    emit loadErrorChanged();
}

void CameraDirectory::notifyGroups(const QStringList &before)
{
    if (groups() != before)
        emit groupsChanged();
}

} // namespace vigil::cameras
