#pragma once
// Parsers of our Vigil API's JSON (docs/api/vigil-api.yaml): bytes from outside in, a value or a clear
// error out. Malformed JSON, wrong types, missing fields and bodies over kMaxJsonBytes give an Error with
// code BadResponse/TooLarge and a sentence naming the element ("camera cam17: 'lon' is not a number"),
// never a crash (fuzzed by tests/fuzz/fuzz_backend_json.cpp). Pure functions, Qt Core only. Thread: any.
#include "vigil/backend/types.h"

#include <QtCore/QByteArray>
#include <QtCore/QHash>

namespace vigil::backend {

// Bodies longer than this are refused before parsing (a page of 5,000 cameras is about 2 MB).
constexpr qsizetype kMaxJsonBytes = 64 * 1024 * 1024;

// POST /api/v1/login and /api/v1/token/refresh.
Result<Tokens> parseTokens(const QByteArray &body, qsizetype maxBytes = kMaxJsonBytes);
// GET /api/v1/regions: {"items": [{id, name, parentId}]}.
Result<QList<Region>> parseRegions(const QByteArray &body, qsizetype maxBytes = kMaxJsonBytes);
// GET /api/v1/cameras: {"items": [...], "total", "page", "nextPage"}.
Result<CameraPage> parseCameraPage(const QByteArray &body, qsizetype maxBytes = kMaxJsonBytes);
// GET /api/v1/cameras/{id}/live: {"url", "expiresAt"}.
Result<LiveUrl> parseLiveUrl(const QByteArray &body, qsizetype maxBytes = kMaxJsonBytes);
// GET /api/v1/cameras/{id}/recordings: {"items": [{start, end, kind, sizeBytes}]}, sorted by start on return;
// a segment that ends before it starts is an error. GET .../playback answers as parseLiveUrl.
Result<QList<RecordingSegment>> parseRecordings(const QByteArray &body, qsizetype maxBytes = kMaxJsonBytes);
// GET /api/v1/units: {"items": [...]}.
Result<QList<UnitFix>> parseUnits(const QByteArray &body, qsizetype maxBytes = kMaxJsonBytes);
// One WebSocket text message of /api/v1/push.
Result<PushMessage> parsePushMessage(const QByteArray &body, qsizetype maxBytes = kMaxJsonBytes);

// The error shape {"error": {"code", "message"}}: fills serverCode and the platform's message; false when the
// body is not that shape (then both stay empty).
bool parseErrorBody(const QByteArray &body, QString *serverCode, QString *message);

// Region paths ("Deqing County / Wukang / Dongqiao"), root first, built once from a tree and memoised so
// 400,000 cameras over 10,000 regions cost one hash look-up each. Unknown ids give "", a cycle or a missing
// parent ends the path there.
class RegionPaths
{
public:
    explicit RegionPaths(const QList<Region> &regions, QString separator = QStringLiteral(" / "));
    QString path(const QString &regionId) const;

private:
    QHash<QString, qsizetype> m_index;
    QList<Region> m_regions;
    QString m_separator;
    mutable QHash<QString, QString> m_memo;
};

} // namespace vigil::backend
