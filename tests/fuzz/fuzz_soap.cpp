// libFuzzer target for everything that decodes bytes from a device: the XML tree builder, the SOAP/fault
// decoder and every operation decoder (including WS-Discovery ProbeMatches). Built with clang
// (-fsanitize=fuzzer,address,undefined) by tests/fuzz/CMakeLists.txt, seeded with the vendor captures.
#include "vigil/onvif/parsers.h"
#include "vigil/onvif/soap.h"

#include <cstddef>
#include <cstdint>

using namespace vigil::onvif;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    for (int status : {200, 401, 500}) {
        const auto body = decodeSoap(input, status, QStringLiteral("Fuzz"));
        if (!body.ok()) {
            (void)body.error.category();
            continue;
        }
        const XmlElement &b = body.value;
        (void)parseSystemDateAndTime(b);
        (void)parseDeviceInformation(b);
        (void)parseCapabilities(b);
        (void)parseServices(b);
        (void)parseProfiles(b);
        const auto profiles = parseProfiles2(b);
        (void)rankProfiles(profiles.value);
        (void)parseStreamUri(b, false);
        (void)parseStreamUri(b, true);
        (void)parseSnapshotUri(b, true);
        (void)parsePresets(b);
        (void)parseSetPreset(b);
        (void)parseCreatePullPoint(b);
        (void)parsePullMessages(b);
        (void)parseProbeMatches(b);
        bool complete = false;
        (void)parseRecordings(b);
        (void)parseFindRecordings(b);
        (void)parseRecordingSearchResults(b, &complete);
        (void)parseReplayUri(b);
        break;
    }
    if (size < 64)
        (void)parseDateTime(QString::fromUtf8(input));
    return 0;
}
