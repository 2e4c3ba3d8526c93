#pragma once
// The access room's logging category (vigil.access). Private to the room.
#include <QtCore/QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(vigilAccess)
