#include "vigil/network/logging.h"

Q_LOGGING_CATEGORY(vigilNet, "vigil.net")
Q_LOGGING_CATEGORY(vigilOnvif, "vigil.onvif")
