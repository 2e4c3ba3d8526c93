#include "vigil/map/logging.h"

Q_LOGGING_CATEGORY(vigilMap, "vigil.map", QtInfoMsg)
