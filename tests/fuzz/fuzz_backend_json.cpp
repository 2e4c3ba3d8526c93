// libFuzzer target for our Vigil API's JSON parsers (network/backend/src/ours_parsers.cpp): camera pages,
// region trees, tokens, live URLs, units, push messages and the error shape, plus the region-path builder
// over whatever tree parsed. Built with clang (-fsanitize=fuzzer,address,undefined) by
// tests/fuzz/CMakeLists.txt.
#include "vigil/backend/ours_parsers.h"

#include <cstddef>
#include <cstdint>

using namespace vigil::backend;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto page = parseCameraPage(input);
    if (page.ok()) {
        for (const BackendCamera &c : page.value.items)
            (void)c.hasPosition();
    } else {
        (void)page.error.category();
    }
    const auto regions = parseRegions(input);
    if (regions.ok()) {
        const RegionPaths paths(regions.value);
        for (const Region &r : regions.value)
            (void)paths.path(r.id);
    }
    (void)parseTokens(input);
    (void)parseLiveUrl(input);
    (void)parseUnits(input);
    (void)parseRecordings(input);
    (void)parsePushMessage(input);
    (void)parseCameraPage(input, 16); // the size guard
    QString code, message;
    (void)parseErrorBody(input, &code, &message);
    return 0;
}
