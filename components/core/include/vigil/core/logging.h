#pragma once
// Logging categories, one per room. Use qCInfo(vigilVideo) etc., never bare qDebug.
#include <QtCore/QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(vigilApp)
Q_DECLARE_LOGGING_CATEGORY(vigilVideo)
Q_DECLARE_LOGGING_CATEGORY(vigilWall)
Q_DECLARE_LOGGING_CATEGORY(vigilCameras)
Q_DECLARE_LOGGING_CATEGORY(vigilDemo)
Q_DECLARE_LOGGING_CATEGORY(vigilConfig)
Q_DECLARE_LOGGING_CATEGORY(vigilAlarms)
Q_DECLARE_LOGGING_CATEGORY(vigilPtz)
