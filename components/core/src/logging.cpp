#include "vigil/core/logging.h"

Q_LOGGING_CATEGORY(vigilApp, "vigil.app", QtInfoMsg)
Q_LOGGING_CATEGORY(vigilVideo, "vigil.video", QtInfoMsg)
Q_LOGGING_CATEGORY(vigilWall, "vigil.wall", QtInfoMsg)
Q_LOGGING_CATEGORY(vigilCameras, "vigil.cameras", QtInfoMsg)
Q_LOGGING_CATEGORY(vigilDemo, "vigil.demo", QtInfoMsg)
Q_LOGGING_CATEGORY(vigilConfig, "vigil.config", QtInfoMsg)
Q_LOGGING_CATEGORY(vigilAlarms, "vigil.alarms", QtInfoMsg)
Q_LOGGING_CATEGORY(vigilPtz, "vigil.ptz", QtInfoMsg)
