#include "vigil/video/media_source.h"

#include "vigil/core/redact.h"

namespace vigil::video {

QString MediaSource::displayUrl() const
{
    // The URL is stored without credentials, but a user may have typed a token into the query: redact anyway.
    return core::redactUrl(url.toString(QUrl::RemoveUserInfo));
}

} // namespace vigil::video
