#include "vigil/backend/platform_client.h"

#include "vigil/backend/artemis_client.h"
#include "vigil/backend/ours_client.h"
#include "vigil/backend/wvp_client.h"
#include "vigil/backend/zlm_client.h"

#include <QtCore/QCoreApplication>

namespace vigil::backend {

namespace {
struct Msg
{
    Q_DECLARE_TR_FUNCTIONS(vigil::backend::PlatformClient)
};
} // namespace

QString toString(PlatformKind kind)
{
    switch (kind) {
    case PlatformKind::Ours:
        return QStringLiteral("ours");
    case PlatformKind::ZlMediaKit:
        return QStringLiteral("zlm");
    case PlatformKind::Wvp:
        return QStringLiteral("wvp");
    case PlatformKind::Artemis:
        return QStringLiteral("artemis");
    }
    return {};
}

std::optional<PlatformKind> platformKindFromString(const QString &text)
{
    for (PlatformKind k :
         {PlatformKind::Ours, PlatformKind::ZlMediaKit, PlatformKind::Wvp, PlatformKind::Artemis}) {
        if (text.compare(toString(k), Qt::CaseInsensitive) == 0)
            return k;
    }
    return std::nullopt;
}

QString displayName(PlatformKind kind)
{
    switch (kind) {
    case PlatformKind::Ours:
        return QStringLiteral("Vigil API");
    case PlatformKind::ZlMediaKit:
        return QStringLiteral("ZLMediaKit");
    case PlatformKind::Wvp:
        return QStringLiteral("WVP-GB28181-pro");
    case PlatformKind::Artemis:
        return QStringLiteral("Hikvision Artemis");
    }
    return {};
}

PlatformClient::~PlatformClient() = default;

Result<QList<UnitFix>> PlatformClient::units()
{
    return Result<QList<UnitFix>>::fail(unsupported(Msg::tr("patrol units")));
}

Error PlatformClient::unsupported(const QString &what) const
{
    Error e;
    e.code = ErrorCode::Unsupported;
    e.message = Msg::tr("%1 at %2 does not provide %3.")
                    .arg(displayName(kind()),
                         site().baseUrl.host() + QLatin1Char(':') +
                             QString::number(site().baseUrl.port(
                                 site().baseUrl.scheme() == QLatin1String("https") ? 443 : 80)),
                         what);
    return e;
}

std::unique_ptr<PlatformClient> makePlatformClient(PlatformKind kind, SiteConnection site)
{
    switch (kind) {
    case PlatformKind::Ours:
        return std::make_unique<OursClient>(std::move(site));
    case PlatformKind::ZlMediaKit:
        return std::make_unique<ZlmClient>(std::move(site));
    case PlatformKind::Artemis:
        return std::make_unique<ArtemisClient>(std::move(site));
    case PlatformKind::Wvp:
        return std::make_unique<WvpClient>(std::move(site));
    }
    return nullptr;
}

} // namespace vigil::backend
