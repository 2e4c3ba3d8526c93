import QtQuick
import QtQuick.Controls

// AddDevicesDialog: find ONVIF devices (discovery or a typed address), test one, add one or several.
// Placeholder: being written (issue 4).
Popup {
    id: root
}
