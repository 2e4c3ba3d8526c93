#include "vigil/app/wall_windows.h"

#include "vigil/cameras/camera_directory.h"
#include "vigil/core/logging.h"
#include "vigil/wall/wall_screen_set.h"
#include "vigil/wall/wall_screens.h"
#include "vigil/wall/wall_store.h"

#include <QtGui/QGuiApplication>
#include <QtGui/QScreen>
#include <QtQml/QQmlApplicationEngine>
#include <QtQuick/QQuickItem>
#include <QtQuick/QQuickWindow>

namespace vigil::app {

struct WallWindows::Screen
{
    QString key;
    int number = 0; // 1-based, as the operator counts screens
    std::unique_ptr<wall::WallStore> store;
    std::unique_ptr<QQmlApplicationEngine> engine; // null while the monitor is away
    QPointer<QQuickWindow> window;
    QPointer<QScreen> screen;
};

namespace {

QList<wall::ScreenInfo> screenInfos()
{
    QList<wall::ScreenInfo> out;
    for (QScreen *s : QGuiApplication::screens())
        out.append({s->name(), s->manufacturer(), s->model(), s->serialNumber(), s->geometry()});
    return out;
}

} // namespace

WallWindows::WallWindows(cameras::CameraDirectory *directory, wall::WallScreenSet *screens, QObject *parent)
    : QObject(parent)
    , m_directory(directory)
    , m_set(screens)
{
    connect(qApp, &QGuiApplication::screenRemoved, this, &WallWindows::onScreenRemoved);
    connect(qApp, &QGuiApplication::screenAdded, this, &WallWindows::onScreensChanged);
}

WallWindows::~WallWindows()
{
    closeAll();
}

int WallWindows::open(const QList<int> &screenIndices)
{
    const QList<QScreen *> all = QGuiApplication::screens();
    const QStringList keys = wall::screenKeys(screenInfos());
    int opened = 0;
    for (int index : screenIndices) {
        if (index < 0 || index >= all.size())
            continue;
        auto s = std::make_unique<Screen>();
        s->key = keys.at(index);
        s->number = index + 1;
        s->store = std::make_unique<wall::WallStore>(m_directory, nullptr, wall::wallFileName(s->key));
        s->store->load();
        if (m_set)
            m_set->addScreen(s->key, s->number, s->store.get());
        show(*s, all.at(index));
        opened += s->window ? 1 : 0;
        m_screens.push_back(std::move(s));
    }
    emit windowsChanged();
    return opened;
}

void WallWindows::show(Screen &s, QScreen *screen)
{
    auto engine = std::make_unique<QQmlApplicationEngine>();
    engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
    wall::WallStore::setInstanceForEngine(engine.get(), s.store.get());
    engine->setInitialProperties({{QStringLiteral("screenTitle"), tr("Screen %1").arg(s.number)},
                                  {QStringLiteral("screenKey"), s.key}});
    engine->load(QUrl(QStringLiteral("qrc:/qt/qml/Vigil/Views/Wall/WallWindow.qml")));
    auto *window = engine->rootObjects().isEmpty()
                       ? nullptr
                       : qobject_cast<QQuickWindow *>(engine->rootObjects().constFirst());
    if (!window) {
        qCCritical(vigilApp).noquote() << "the wall window for screen" << s.number << "failed to load";
        wall::WallStore::setInstanceForEngine(engine.get(), nullptr);
        return;
    }
    window->setScreen(screen);
    window->setGeometry(screen->geometry());
    window->showFullScreen();
    s.engine = std::move(engine);
    s.window = window;
    s.screen = screen;
    if (m_set)
        m_set->setConnected(s.key, true);
    qCInfo(vigilApp).noquote() << "wall window on screen" << s.number << "(" << s.key << ")"
                               << screen->geometry();
}

void WallWindows::hide(Screen &s)
{
    if (!s.engine)
        return;
    // The roots go first: their players stop their streams; then the engine.
    const auto roots = s.engine->rootObjects();
    for (QObject *root : roots)
        delete root;
    wall::WallStore::setInstanceForEngine(s.engine.get(), nullptr);
    s.engine.reset();
    s.window = nullptr;
    s.screen = nullptr;
    if (m_set)
        m_set->setConnected(s.key, false);
}

void WallWindows::closeAll()
{
    for (auto &s : m_screens) {
        s->store->saveNow();
        hide(*s);
    }
}

WallHit WallWindows::hitTest(const QPointF &global) const
{
    for (const auto &s : m_screens) {
        QQuickWindow *window = s->window;
        if (!window || !window->isVisible() || !window->geometry().contains(global.toPoint()))
            continue;
        WallHit hit{s->key, s->number, -1, s->store.get()};
        auto *view = window->findChild<QQuickItem *>(QStringLiteral("wallView"));
        if (view) {
            const QPointF local = view->mapFromScene(window->mapFromGlobal(global));
            int tile = -1;
            if (!QMetaObject::invokeMethod(view, "tileIndexAt", Q_RETURN_ARG(int, tile),
                                           Q_ARG(double, local.x()), Q_ARG(double, local.y())))
                qCWarning(vigilApp) << "WallView.tileIndexAt() could not be called";
            hit.tile = tile;
        }
        return hit;
    }
    return {};
}

void WallWindows::onScreenRemoved(QScreen *screen)
{
    for (auto &s : m_screens) {
        if (s->screen == screen) {
            qCWarning(vigilApp).noquote() << "screen" << s->number << "(" << s->key
                                          << ") was disconnected; its wall is kept for when it is back";
            hide(*s);
            emit windowsChanged();
        }
    }
}

void WallWindows::onScreensChanged()
{
    const QList<QScreen *> all = QGuiApplication::screens();
    const QStringList keys = wall::screenKeys(screenInfos());
    bool changed = false;
    for (auto &s : m_screens) {
        if (s->engine)
            continue;
        const int i = int(keys.indexOf(s->key));
        if (i < 0)
            continue;
        qCInfo(vigilApp).noquote() << "screen" << s->key << "is back: its wall window opens again";
        s->number = i + 1;
        show(*s, all.at(i));
        changed = true;
    }
    if (changed)
        emit windowsChanged();
}

int WallWindows::windowCount() const
{
    return int(windows().size());
}

QList<QQuickWindow *> WallWindows::windows() const
{
    QList<QQuickWindow *> out;
    for (const auto &s : m_screens) {
        if (s->window)
            out.append(s->window);
    }
    return out;
}

QStringList WallWindows::keys() const
{
    QStringList out;
    for (const auto &s : m_screens)
        out.append(s->key);
    return out;
}

} // namespace vigil::app
