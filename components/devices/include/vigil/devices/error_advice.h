#pragma once
// What the operator should do about a device that failed the Add-devices test, by the kind of failure. The
// probe's own sentence (onvif::Error::message) says what failed; this one says what to do next. Shown under
// the error in the Add-devices dialog (OnvifDeviceProbe::advice).
//
// Thread: pure, any thread (translated with the translator installed when it is called).
#include "vigil/onvif/soap.h"

#include <QtCore/QString>

namespace vigil::devices {

// "" for ErrorCode::None; every other kind has a sentence (the ones without advice of their own share the
// "incomplete ONVIF support" one).
QString adviceForError(onvif::ErrorCode code);

} // namespace vigil::devices
