#pragma once
// The logging category of network/mqtt ("vigil.mqtt"). Passwords never reach it.
#include <QtCore/QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(vigilMqtt)
