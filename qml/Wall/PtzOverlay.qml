import QtQuick

// PtzOverlay: pan/tilt/zoom controls over a tile whose camera has ONVIF PTZ.
// Placeholder: being written (issue 4).
Item {
    id: root
}
