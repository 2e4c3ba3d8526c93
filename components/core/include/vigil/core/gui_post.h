#pragma once
// postToApp(): run `fn` on the application's (GUI) thread, from any thread. For worker threads that report to
// a GUI-thread object they hold only a QPointer to: the call is posted to the application object, never to
// the target (which the GUI thread may delete between a check and the post: the event would go to freed
// memory), and `fn` checks its QPointer when it runs. Dropped when the application object is gone (late
// threads at exit).
#include <QtCore/QCoreApplication>
#include <QtCore/QMetaObject>

#include <utility>

namespace vigil::core {

template<typename F> void postToApp(F &&fn)
{
    if (QCoreApplication *app = QCoreApplication::instance())
        QMetaObject::invokeMethod(app, std::forward<F>(fn), Qt::QueuedConnection);
}

} // namespace vigil::core
