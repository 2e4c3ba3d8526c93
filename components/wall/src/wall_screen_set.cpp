#include "vigil/wall/wall_screen_set.h"

#include "vigil/access/audit_sink.h"

#include "vigil/core/atomic_file.h"
#include "vigil/core/logging.h"
#include "vigil/core/paths.h"
#include "vigil/wall/wall_store.h"

#include <QtCore/QDir>
#include <QtQml/QJSEngine>

namespace vigil::wall {

WallScreenSet *WallScreenSet::s_instance = nullptr;

namespace {
QString validateScenes(const QByteArray &data)
{
    QString error;
    if (!sceneBookFromJson(data, &error))
        return error.isEmpty() ? QStringLiteral("unreadable") : error;
    return {};
}
} // namespace

WallScreenSet::WallScreenSet(WallStore *console, QObject *parent)
    : QObject(parent)
    , m_console(console)
    , m_path(QDir(core::configDir()).filePath(QStringLiteral("scenes.json")))
{
    watch(console, kConsoleKey.toString());
    connect(&m_sceneTour, &QTimer::timeout, this, &WallScreenSet::advanceSceneTour);
}

WallScreenSet::~WallScreenSet()
{
    if (s_instance == this)
        s_instance = nullptr;
}

WallScreenSet *WallScreenSet::create(QQmlEngine *, QJSEngine *)
{
    if (!s_instance) {
        qCCritical(vigilWall) << "WallScreens used before WallScreenSet::setInstance()";
        return nullptr;
    }
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void WallScreenSet::setInstance(WallScreenSet *instance)
{
    s_instance = instance;
    if (instance)
        QJSEngine::setObjectOwnership(instance, QJSEngine::CppOwnership);
}

WallScreenSet *WallScreenSet::instance()
{
    return s_instance;
}

void WallScreenSet::watch(WallStore *store, const QString &key)
{
    if (!store)
        return;
    connect(store, &WallStore::stepRecorded, this, [this, key] {
        if (m_recalling) {
            m_recallStep.append(key);
            return;
        }
        // The operator changed the wall by hand: a scene tour gives way (a tile's own tour stepping, or
        // another PC's change, is no operator step and does not end it).
        if (m_sceneTour.isActive())
            endSceneTour(QStringLiteral("the operator changed %1").arg(key));
        m_undoLog.append({key});
        while (m_undoLog.size() > WallStore::kUndoDepth)
            m_undoLog.removeFirst();
        m_redoLog.clear();
        emit undoChanged();
    });
    // Any change made after a recall means the wall no longer shows that scene.
    connect(store, &WallStore::stateChanged, this, [this] {
        if (!m_recalling)
            setCurrentScene({});
    });
}

void WallScreenSet::addScreen(const QString &key, int number, WallStore *store, const QString &title)
{
    for (Screen &s : m_screens) {
        if (s.key == key) {
            s.number = number;
            s.title = title;
            s.connected = true;
            emit screensChanged();
            return;
        }
    }
    m_screens.append({key, number, title, true, store});
    QJSEngine::setObjectOwnership(store, QJSEngine::CppOwnership);
    watch(store, key);
    emit screensChanged();
}

void WallScreenSet::setConnected(const QString &key, bool connected)
{
    for (Screen &s : m_screens) {
        if (s.key == key && s.connected != connected) {
            s.connected = connected;
            emit screensChanged();
        }
    }
}

WallStore *WallScreenSet::store(const QString &key) const
{
    if (key == kConsoleKey)
        return m_console;
    for (const Screen &s : m_screens) {
        if (s.key == key)
            return s.store;
    }
    return nullptr;
}

QStringList WallScreenSet::keys() const
{
    QStringList out;
    for (const Screen &s : m_screens)
        out.append(s.key);
    return out;
}

QVariantList WallScreenSet::screens() const
{
    QVariantList out;
    for (const Screen &s : m_screens) {
        out.append(QVariantMap{
            {QStringLiteral("key"), s.key},
            {QStringLiteral("number"), s.number},
            {QStringLiteral("title"), s.title.isEmpty() ? tr("Screen %1").arg(s.number) : s.title},
            {QStringLiteral("connected"), s.connected},
            {QStringLiteral("store"), QVariant::fromValue<QObject *>(s.store.data())}});
    }
    return out;
}

QStringList WallScreenSet::sceneNames() const
{
    QStringList names;
    for (const Scene &s : m_book.scenes)
        names.append(s.name);
    return names;
}

QMap<QString, WallState> WallScreenSet::snapshot() const
{
    QMap<QString, WallState> walls;
    if (m_console)
        walls.insert(kConsoleKey.toString(), m_console->state());
    for (const Screen &s : m_screens) {
        if (s.store)
            walls.insert(s.key, s.store->state());
    }
    return walls;
}

bool WallScreenSet::load()
{
    const core::LoadedFile loaded = core::readFileWithBackup(m_path, &validateScenes);
    SceneBook book;
    if (loaded.exists) {
        if (auto parsed = sceneBookFromJson(loaded.data))
            book = *parsed;
    }
    QString problem;
    if (!loaded.error.isEmpty()) {
        problem =
            loaded.fromBackup
                ? tr("The saved scenes %1 were damaged (%2). Vigil restored them from their backup, so "
                     "the latest changes may be missing; the damaged file was kept as %3.")
                      .arg(m_path, loaded.error, loaded.keptAs)
                : tr("The saved scenes %1 were damaged (%2) and no usable backup exists, so there are no "
                     "scenes. The damaged file was kept as %3; save the scenes again.")
                      .arg(m_path, loaded.error, loaded.keptAs);
        qCWarning(vigilWall).noquote() << problem;
    }
    setScenesError(problem);
    m_book = book;
    emit scenesChanged();
    return loaded.error.isEmpty();
}

void WallScreenSet::setBook(const SceneBook &book)
{
    if (book == m_book)
        return;
    QString why;
    if (!core::writeFileAtomically(m_path, toJsonBytes(book), &why)) {
        qCWarning(vigilWall).noquote() << "cannot save the scenes to" << m_path << ":" << why;
        setScenesError(tr("Vigil could not save the scenes to %1 (%2). The change was not kept: check that "
                          "the folder is writable and the disk is not full.")
                           .arg(m_path, why));
        return; // what the operator sees stays what is on disk
    }
    setScenesError({});
    m_book = book;
    emit scenesChanged();
}

bool WallScreenSet::saveScene(const QString &name)
{
    const SceneBook next = putScene(m_book, name, snapshot());
    if (next == m_book)
        return m_book.indexOf(name.simplified()) >= 0; // saved again, unchanged
    setBook(next);
    const bool saved = m_book == next;
    if (saved) {
        qCInfo(vigilWall).noquote() << "scene saved:" << name.simplified();
        setCurrentScene(name.simplified().left(kMaxSceneNameLength));
    }
    return saved;
}

bool WallScreenSet::recallScene(const QString &name)
{
    if (m_book.indexOf(name) < 0)
        return false;
    if (m_sceneTour.isActive())
        endSceneTour(QStringLiteral("scene %1 recalled by hand").arg(name));
    return applyScene(name, true);
}

bool WallScreenSet::applyScene(const QString &name, bool operatorStep)
{
    const int i = m_book.indexOf(name);
    if (i < 0)
        return false;
    const Scene &scene = m_book.scenes.at(i);
    m_recalling = true;
    m_recallStep.clear();
    int applied = 0;
    for (auto it = scene.walls.cbegin(); it != scene.walls.cend(); ++it) {
        if (WallStore *s = store(it.key())) {
            s->replaceState(*it, operatorStep);
            ++applied;
        }
    }
    m_recalling = false;
    if (operatorStep && !m_recallStep.isEmpty()) {
        m_undoLog.append(m_recallStep);
        m_redoLog.clear();
        emit undoChanged();
    }
    qCInfo(vigilWall).noquote() << (operatorStep ? "scene recalled:" : "scene tour:") << name << "on"
                                << applied << "of" << scene.walls.size() << "screens";
    setCurrentScene(name);
    if (operatorStep)
        access::audit(u"wall", QStringLiteral("scene %1 recalled on %2 screens").arg(name).arg(applied));
    emit sceneRecalled(name);
    return true;
}

bool WallScreenSet::startSceneTour(int dwellSeconds)
{
    if (m_book.scenes.size() < 2)
        return false;
    m_sceneTourDwell = clampTourDwell(dwellSeconds);
    m_sceneTour.start(m_sceneTourDwell * 1000);
    qCInfo(vigilWall) << "scene tour started:" << m_book.scenes.size() << "scenes," << m_sceneTourDwell
                      << "s each";
    access::audit(u"wall", QStringLiteral("scene tour started: %1 scenes, %2 s each")
                               .arg(m_book.scenes.size())
                               .arg(m_sceneTourDwell));
    emit sceneTourChanged();
    advanceSceneTour();
    return true;
}

void WallScreenSet::stopSceneTour()
{
    if (m_sceneTour.isActive())
        endSceneTour(QStringLiteral("stopped"));
}

void WallScreenSet::endSceneTour(const QString &why)
{
    m_sceneTour.stop();
    qCInfo(vigilWall).noquote() << "scene tour ended:" << why;
    access::audit(u"wall", QStringLiteral("scene tour ended: %1").arg(why));
    emit sceneTourChanged();
}

void WallScreenSet::advanceSceneTour()
{
    if (m_book.scenes.size() < 2) {
        if (m_sceneTour.isActive())
            endSceneTour(QStringLiteral("fewer than two scenes left"));
        return;
    }
    const int current = m_book.indexOf(m_currentScene);
    applyScene(m_book.scenes.at((current + 1) % int(m_book.scenes.size())).name, false);
}

bool WallScreenSet::recallSceneAt(int index)
{
    return index >= 0 && index < m_book.scenes.size() && recallScene(m_book.scenes.at(index).name);
}

void WallScreenSet::deleteScene(const QString &name)
{
    setBook(removeScene(m_book, name));
    if (m_currentScene == name && m_book.indexOf(name) < 0)
        setCurrentScene({});
}

bool WallScreenSet::renameScene(const QString &from, const QString &to)
{
    const SceneBook next = wall::renameScene(m_book, from, to);
    if (next == m_book)
        return false;
    setBook(next);
    if (m_book == next && m_currentScene == from)
        setCurrentScene(to.simplified());
    return m_book == next;
}

bool WallScreenSet::undo()
{
    return moveStep(m_undoLog, m_redoLog, &WallStore::undo);
}

bool WallScreenSet::redo()
{
    return moveStep(m_redoLog, m_undoLog, &WallStore::redo);
}

bool WallScreenSet::moveStep(QList<QStringList> &from, QList<QStringList> &to, bool (WallStore::*move)())
{
    if (from.isEmpty())
        return false;
    const QStringList step = from.takeLast();
    m_recalling = true; // the stores' own undo/redo is not a new step
    for (const QString &key : step) {
        if (WallStore *s = store(key))
            (s->*move)();
    }
    m_recalling = false;
    to.append(step);
    setCurrentScene({});
    emit undoChanged();
    return true;
}

void WallScreenSet::setScenesError(const QString &text)
{
    if (m_scenesError == text)
        return;
    m_scenesError = text;
    emit scenesErrorChanged();
}

void WallScreenSet::setCurrentScene(const QString &name)
{
    if (m_currentScene == name)
        return;
    m_currentScene = name;
    emit currentSceneChanged();
}

} // namespace vigil::wall
