#pragma once
// The map's logging category ("vigil.map"). Use qCInfo(vigilMap) etc., never bare qDebug. Thread: any.
#include <QtCore/QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(vigilMap)
