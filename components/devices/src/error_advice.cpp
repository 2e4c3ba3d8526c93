#include "vigil/devices/error_advice.h"

#include <QtCore/QCoreApplication>

namespace vigil::devices {

// The sentences keep the translation context they had while they lived in the dialog's QML
// ("AddDevicesDialog"), so the translations already made for them (zh_CN) still apply: a new context would
// make each a new message to translate again, for no change the operator could see. lupdate reads the
// literal context of each QCoreApplication::translate() call, so it is spelled out in every one.
QString adviceForError(onvif::ErrorCode code)
{
    using onvif::ErrorCode;
    switch (code) {
    case ErrorCode::None:
        return {};
    case ErrorCode::WrongCredentials:
        return QCoreApplication::translate(
            "AddDevicesDialog", "Check the user name and password. Many cameras keep a separate "
                                "ONVIF user list in their web page (Network → ONVIF or Integration).");
    case ErrorCode::ClockSkew:
        return QCoreApplication::translate(
            "AddDevicesDialog",
            "Set the camera's clock (NTP, or synchronise with this PC in its web page), then test again.");
    case ErrorCode::Unreachable:
        return QCoreApplication::translate("AddDevicesDialog",
                                           "Check the address and port, that the camera is switched on, and "
                                           "that this PC can reach it (cable, VLAN, firewall).");
    case ErrorCode::Timeout:
        return QCoreApplication::translate("AddDevicesDialog",
                                           "The camera is slow or the network is busy: test again, and check "
                                           "the link between this PC and the camera.");
    case ErrorCode::NotOnvif:
        return QCoreApplication::translate(
            "AddDevicesDialog", "Turn ONVIF on in the camera's web page, or check the port. A camera "
                                "without ONVIF can be added as an RTSP camera (Add camera).");
    case ErrorCode::BadResponse:
    case ErrorCode::Unsupported:
    case ErrorCode::DeviceFault:
        break;
    }
    return QCoreApplication::translate(
        "AddDevicesDialog", "The camera's ONVIF support is incomplete: update its firmware, or add it "
                            "as an RTSP camera (Add camera).");
}

} // namespace vigil::devices
