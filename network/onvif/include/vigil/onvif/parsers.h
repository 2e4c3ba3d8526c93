#pragma once
// Decoders from a SOAP Body (see decodeSoap()) into values, one per operation. Lenient about vendor quirks
// (missing fields, contradicting encoders, numbers like "06"), strict about the response element's namespace.
// Thread: pure functions, any thread. Fuzzed by tests/fuzz/fuzz_soap.
#include "vigil/onvif/soap.h"
#include "vigil/onvif/types.h"

namespace vigil::onvif {

Result<QDateTime> parseSystemDateAndTime(const XmlElement &body); // the device's UTC clock
Result<DeviceInfo> parseDeviceInformation(const XmlElement &body);
Result<Services> parseCapabilities(const XmlElement &body);
Result<Services> parseServices(const XmlElement &body);
Result<QList<MediaProfile>> parseProfiles(const XmlElement &body);  // Media1
Result<QList<MediaProfile>> parseProfiles2(const XmlElement &body); // Media2
Result<QUrl> parseStreamUri(const XmlElement &body, bool media2);
Result<QUrl> parseSnapshotUri(const XmlElement &body, bool media2);
Result<QList<Preset>> parsePresets(const XmlElement &body);
Result<QString> parseSetPreset(const XmlElement &body); // the new preset token
Result<PullPointSubscription> parseCreatePullPoint(const XmlElement &body);
Result<QList<AlarmEvent>> parsePullMessages(const XmlElement &body);
Result<QList<Recording>> parseRecordings(const XmlElement &body); // Recording GetRecordings
Result<QString> parseFindRecordings(const XmlElement &body);      // Search: the search token
// Search GetRecordingSearchResults; `complete` is set when the device says SearchState Completed.
Result<QList<Recording>> parseRecordingSearchResults(const XmlElement &body, bool *complete);
Result<QUrl> parseReplayUri(const XmlElement &body);
// `body` is the Body of a ProbeMatches message.
QList<ProbeMatch> parseProbeMatches(const XmlElement &body);

// Lenient xs:dateTime: also Hikvision's "2024-08-17-12:30:45Z" (a '-' for the 'T').
QDateTime parseDateTime(const QString &text);
EventKind classifyTopic(const QString &topic);

// Orders profiles into streams: the largest video stream is "main", the next "sub", then "third", ...
// Profiles whose encoder is unknown keep their place in the device's order (vendors list main first); JPEG
// ranks after real video codecs.
QList<MediaProfile> rankProfiles(QList<MediaProfile> profiles);
QString roleForRank(int rank);

} // namespace vigil::onvif
