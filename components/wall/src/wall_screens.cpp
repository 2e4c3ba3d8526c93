#include "vigil/wall/wall_screens.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QRegularExpression>

namespace vigil::wall {

namespace {

// Only characters that are safe in a file name and an MQTT topic level.
QString keySafe(const QString &text)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._@,#-]+"));
    QString out = text.simplified();
    out.replace(unsafe, QStringLiteral("-"));
    return out;
}

} // namespace

QStringList screenKeys(const QList<ScreenInfo> &screens)
{
    QStringList keys;
    keys.reserve(screens.size());
    for (const ScreenInfo &s : screens) {
        QStringList words;
        for (const QString &w : {s.manufacturer, s.model, s.serial}) {
            if (!w.trimmed().isEmpty())
                words.append(w.trimmed());
        }
        if (words.isEmpty())
            words.append(s.name.trimmed().isEmpty() ? QStringLiteral("screen") : s.name.trimmed());
        QString key = keySafe(words.join(QLatin1Char('-')));
        key += QStringLiteral("@%1,%2").arg(s.geometry.x()).arg(s.geometry.y());
        if (key.startsWith(kConsoleKey))
            key.prepend(QLatin1Char('_')); // never the console's own key
        keys.append(key);
    }
    // Identical screens: number the repeats in their order.
    for (int i = 0; i < keys.size(); ++i) {
        int seen = 1;
        for (int j = 0; j < i; ++j) {
            if (keys.at(j) == keys.at(i) || keys.at(j).startsWith(keys.at(i) + QLatin1Char('#')))
                ++seen;
        }
        if (seen > 1)
            keys[i] += QStringLiteral("#%1").arg(seen);
    }
    return keys;
}

std::optional<QList<int>> parseScreenSelection(const QString &text, int screenCount, QString *error)
{
    const QString t = text.trimmed().toLower();
    QList<int> out;
    if (t.isEmpty() || t == QLatin1String("none"))
        return out;
    if (t == QLatin1String("all")) {
        for (int i = 0; i < screenCount; ++i)
            out.append(i);
        return out;
    }
    const QStringList parts = t.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        bool ok = false;
        const int n = part.trimmed().toInt(&ok);
        if (!ok) {
            if (error)
                *error = QStringLiteral("'%1' is not a screen number: use 'all', 'none' or numbers like "
                                        "2,3 (screens count from 1).")
                             .arg(part.trimmed());
            return std::nullopt;
        }
        if (n < 1 || n > screenCount) {
            if (error)
                *error = QStringLiteral("there is no screen %1: this PC has %2 screen(s), numbered from 1.")
                             .arg(n)
                             .arg(screenCount);
            return std::nullopt;
        }
        if (!out.contains(n - 1))
            out.append(n - 1);
    }
    std::sort(out.begin(), out.end());
    return out;
}

QString wallFileName(const QString &screenKey)
{
    if (screenKey == kConsoleKey)
        return QStringLiteral("wall.json");
    return QStringLiteral("wall-%1.json").arg(keySafe(screenKey).replace(QLatin1Char('#'), QLatin1Char('_')));
}

int SceneBook::indexOf(const QString &name) const
{
    for (int i = 0; i < scenes.size(); ++i) {
        if (scenes.at(i).name == name)
            return i;
    }
    return -1;
}

SceneBook putScene(SceneBook book, const QString &name, const QMap<QString, WallState> &walls)
{
    const QString n = name.simplified().left(kMaxSceneNameLength);
    if (n.isEmpty())
        return book;
    Scene scene{n, walls};
    for (WallState &w : scene.walls) {
        for (Tour &t : w.tours)
            t.skipped.clear(); // a runtime fact, not part of a scene
    }
    const int i = book.indexOf(n);
    if (i >= 0)
        book.scenes[i] = scene;
    else
        book.scenes.append(scene);
    return book;
}

SceneBook removeScene(SceneBook book, const QString &name)
{
    const int i = book.indexOf(name);
    if (i >= 0)
        book.scenes.removeAt(i);
    return book;
}

SceneBook renameScene(SceneBook book, const QString &from, const QString &to)
{
    const QString n = to.simplified().left(kMaxSceneNameLength);
    const int i = book.indexOf(from);
    if (i < 0 || n.isEmpty() || (n != from && book.indexOf(n) >= 0))
        return book;
    book.scenes[i].name = n;
    return book;
}

QByteArray toJsonBytes(const SceneBook &book)
{
    QJsonArray scenes;
    for (const Scene &s : book.scenes) {
        QJsonObject walls;
        for (auto it = s.walls.cbegin(); it != s.walls.cend(); ++it)
            walls.insert(it.key(), toJson(*it));
        scenes.append(QJsonObject{{QStringLiteral("name"), s.name}, {QStringLiteral("walls"), walls}});
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("version"), kScenesJsonVersion},
                                     {QStringLiteral("scenes"), scenes}})
        .toJson(QJsonDocument::Indented);
}

std::optional<SceneBook> sceneBookFromJson(const QByteArray &json, QString *error)
{
    const auto fail = [error](const QString &why) -> std::optional<SceneBook> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parse);
    if (parse.error != QJsonParseError::NoError)
        return fail(parse.errorString());
    if (!doc.isObject())
        return fail(QStringLiteral("not a JSON object"));
    const QJsonObject root = doc.object();
    const int version = root.value(QLatin1String("version")).toInt(-1);
    if (version != kScenesJsonVersion)
        return fail(version > kScenesJsonVersion
                        ? QStringLiteral("written by a newer Vigil (version %1)").arg(version)
                        : QStringLiteral("no valid version"));
    if (!root.value(QLatin1String("scenes")).isArray())
        return fail(QStringLiteral("'scenes' is not a list"));
    SceneBook book;
    for (const QJsonValue &v : root.value(QLatin1String("scenes")).toArray()) {
        const QJsonObject o = v.toObject();
        const QString name = o.value(QLatin1String("name")).toString().simplified().left(kMaxSceneNameLength);
        if (name.isEmpty() || book.indexOf(name) >= 0)
            continue;
        Scene scene{name, {}};
        const QJsonObject walls = o.value(QLatin1String("walls")).toObject();
        for (auto it = walls.constBegin(); it != walls.constEnd(); ++it) {
            if (auto w = fromJson(it.value().toObject()))
                scene.walls.insert(it.key(), *w);
        }
        book.scenes.append(scene);
    }
    return book;
}

} // namespace vigil::wall
