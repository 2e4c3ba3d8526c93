#include "vigil/cameras/camera.h"

namespace vigil::cameras {

const StreamInfo *Camera::stream(QStringView role) const
{
    for (const StreamInfo &s : streams) {
        if (s.role == role)
            return &s;
    }
    return nullptr;
}

} // namespace vigil::cameras
