#include "vigil/cameras/credential_store.h"

#include "config_file.h"
#include "credentials_json.h"
#include "vigil/core/atomic_file.h"
#include "vigil/core/logging.h"
#include "vigil/core/paths.h"

#include <QtCore/QDir>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

namespace vigil::cameras {

namespace {
// An empty file is accepted: restrictToOwner() creates one before the first write.
QString validateCredentials(const QByteArray &data)
{
    if (data.trimmed().isEmpty())
        return {};
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &err);
    if (err.error != QJsonParseError::NoError)
        return QStringLiteral("not valid JSON at offset %1").arg(err.offset); // no content: it holds secrets
    if (!doc.isObject() || !doc.object().value(u"version").isDouble() ||
        !doc.object().value(u"credentials").isObject())
        return QStringLiteral("missing \"version\" or \"credentials\"");
    return {};
}

} // namespace

namespace detail {

QByteArray credentialsToJson(const QHash<QString, QString> &secrets, QJsonDocument::JsonFormat format)
{
    QJsonObject creds;
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it)
        creds[it.key()] = QJsonObject{{QStringLiteral("password"), it.value()}};
    return QJsonDocument(QJsonObject{{QStringLiteral("version"), kCredentialsVersion},
                                     {QStringLiteral("credentials"), creds}})
        .toJson(format);
}

bool credentialsFromJson(const QByteArray &data, QHash<QString, QString> *out)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return false;
    const QJsonObject creds = doc.object().value(u"credentials").toObject();
    for (auto it = creds.constBegin(); it != creds.constEnd(); ++it)
        out->insert(it.key(), it.value().toObject().value(u"password").toString());
    return true;
}

} // namespace detail

FileCredentialStore::FileCredentialStore(const QString &path)
    : m_path(path.isEmpty() ? QDir(core::configDir()).filePath(QStringLiteral("credentials.json")) : path)
{
    const core::LoadedFile loaded = core::readFileWithBackup(m_path, &validateCredentials);
    // readFileWithBackup moves a damaged file aside keeping its permissions; make sure the copy stays
    // private.
    const QString kept = loaded.keptAs;
    if (!kept.isEmpty())
        detail::restrictToOwner(kept);
    if (!loaded.error.isEmpty()) {
        m_loadError = loaded.fromBackup
                          ? tr("The saved camera passwords were damaged; Vigil used the backup copy. "
                               "Passwords changed since then must be entered again.")
                          : tr("The saved camera passwords were damaged and no backup could be read. "
                               "Enter the camera passwords again; the damaged file was kept as %1.")
                                .arg(kept);
    }
    detail::credentialsFromJson(loaded.data, &m_secrets); // an empty (new) file holds no secrets
}

std::optional<QString> FileCredentialStore::password(const QString &ref) const
{
    const auto it = m_secrets.constFind(ref);
    if (it == m_secrets.cend())
        return std::nullopt;
    return *it;
}

bool FileCredentialStore::setPassword(const QString &ref, const QString &password, QString *error)
{
    QHash<QString, QString> next = m_secrets;
    next.insert(ref, password);
    if (!write(next, error))
        return false;
    m_secrets = std::move(next);
    return true;
}

bool FileCredentialStore::remove(const QString &ref, QString *error)
{
    if (!m_secrets.contains(ref))
        return true;
    QHash<QString, QString> next = m_secrets;
    next.remove(ref);
    if (!write(next, error))
        return false;
    m_secrets = std::move(next);
    return true;
}

bool FileCredentialStore::write(const QHash<QString, QString> &secrets, QString *error)
{
    // QSaveFile keeps an existing file's mode: make the target and its backup 0600 before any secret is
    // written.
    const QString bak = m_path + QStringLiteral(".bak");
    QString why;
    if (!detail::restrictToOwner(m_path) || !detail::restrictToOwner(bak) ||
        !core::writeFileAtomically(m_path, detail::credentialsToJson(secrets, QJsonDocument::Indented),
                                   &why) ||
        !detail::restrictToOwner(m_path)) {
        qCWarning(vigilCameras).noquote() << "cannot write" << m_path << why;
        if (error)
            *error = tr("Vigil could not save the camera password to %1 (%2). Check that the folder is "
                        "writable and the disk is not full, then try again.")
                         .arg(m_path, why.isEmpty() ? tr("permission denied") : why);
        return false;
    }
    return true;
}

std::optional<QString> MemoryCredentialStore::password(const QString &ref) const
{
    const auto it = m_secrets.constFind(ref);
    if (it == m_secrets.cend())
        return std::nullopt;
    return *it;
}

bool MemoryCredentialStore::setPassword(const QString &ref, const QString &password, QString *)
{
    m_secrets.insert(ref, password);
    return true;
}

bool MemoryCredentialStore::remove(const QString &ref, QString *)
{
    m_secrets.remove(ref);
    return true;
}

} // namespace vigil::cameras
