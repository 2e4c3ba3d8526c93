// libFuzzer target for the webhook body parser (network/webhook/src/webhook_alarm.cpp): parseWebhookAlarm()
// on any bytes, and the token comparison. Built with clang (-fsanitize=fuzzer,address,undefined) by
// tests/fuzz/CMakeLists.txt.
#include "vigil/webhook/webhook_alarm.h"

#include <cstddef>
#include <cstdint>

using namespace vigil::webhook;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    static const QDateTime now(QDate(2026, 12, 6), QTime(22, 30), Qt::UTC);
    const WebhookParse r = parseWebhookAlarm(input, now);
    if (r.ok()) {
        // What the parser promises of an accepted alarm.
        if (r.alarm->source.isEmpty() || r.alarm->type.isEmpty() || r.alarm->priority < 1 ||
            r.alarm->priority > 5 || !r.alarm->time.isValid() ||
            (r.alarm->cameraId.isEmpty() && !r.alarm->hasPosition()))
            __builtin_trap();
    } else if (r.error.isEmpty()) {
        __builtin_trap(); // every refusal says why
    }
    (void)constantTimeEquals(input, QByteArrayLiteral("fuzz-token"));
    return 0;
}
