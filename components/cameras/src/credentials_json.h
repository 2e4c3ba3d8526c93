#pragma once
// The credentials document shared by the file store (credentials.json) and the keyring store (one keyring
// entry): {"version": 1, "credentials": {"<ref>": {"password": "<secret>"}}}. Thread: pure, any thread.
#include <QtCore/QByteArray>
#include <QtCore/QHash>
#include <QtCore/QJsonDocument>
#include <QtCore/QString>

namespace vigil::cameras::detail {

inline constexpr int kCredentialsVersion = 1;

QByteArray credentialsToJson(const QHash<QString, QString> &secrets, QJsonDocument::JsonFormat format);
// Adds the document's secrets to `out`. False (and `out` untouched) when `data` is not a JSON object.
bool credentialsFromJson(const QByteArray &data, QHash<QString, QString> *out);

} // namespace vigil::cameras::detail
