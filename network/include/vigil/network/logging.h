#pragma once
// Logging categories of network/. Never log a password: URLs go through vigil::core::redactUrl().
#include <QtCore/QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(vigilNet)
Q_DECLARE_LOGGING_CATEGORY(vigilOnvif)
