#include "vigil/core/worker_threads.h"

#include <QtCore/QByteArray>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#if defined(__linux__)
#include <pthread.h>
#endif

namespace vigil::core {

namespace {

bool matches(const QString &name, QStringView prefix)
{
    return prefix.isEmpty() || name.startsWith(prefix);
}

struct Registry
{
    struct Entry
    {
        QString name;
        std::thread thread;
        bool finished = false;
    };
    std::mutex mutex;
    std::condition_variable changed;
    std::map<quint64, Entry> threads; // started and not joined yet
    quint64 nextId = 1;
    quint64 started = 0;

    // Joins the threads that have said they are done (they only return from their function after that, so
    // the join is short). Called with `mutex` held; the finishing threads never take it again.
    void reap(QStringView prefix)
    {
        for (auto it = threads.begin(); it != threads.end();) {
            if (it->second.finished && matches(it->second.name, prefix)) {
                it->second.thread.join();
                it = threads.erase(it);
            } else {
                ++it;
            }
        }
    }
    bool busy(QStringView prefix) const
    {
        for (const auto &[id, e] : threads)
            if (!e.finished && matches(e.name, prefix))
                return true;
        return false;
    }
};

Registry &registry()
{
    static auto *r = new Registry; // never destroyed: a thread may end after main(), and a joinable
                                   // std::thread left at exit must not be destroyed (std::terminate)
    return *r;
}

void nameThisThread(const QString &name)
{
#if defined(__linux__)
    pthread_setname_np(pthread_self(), name.left(15).toUtf8().constData());
#else
    Q_UNUSED(name);
#endif
}

} // namespace

void WorkerThreads::start(const QString &name, std::function<void()> fn)
{
    Registry &r = registry();
    std::lock_guard lock(r.mutex);
    r.reap({});
    const quint64 id = r.nextId++;
    ++r.started;
    Registry::Entry &entry = r.threads[id];
    entry.name = name;
    entry.thread = std::thread([id, name, fn = std::move(fn)]() mutable {
        nameThisThread(name);
        {
            auto run = std::move(fn); // what it captured is released before the thread counts as finished
            run();
        }
        Registry &reg = registry();
        {
            std::lock_guard done(reg.mutex);
            reg.threads[id].finished = true;
        }
        reg.changed.notify_all();
    });
}

bool WorkerThreads::wait(int timeoutMs, QStringView prefix)
{
    Registry &r = registry();
    std::unique_lock lock(r.mutex);
    const bool done = r.changed.wait_for(lock, std::chrono::milliseconds(std::max(timeoutMs, 0)),
                                         [&r, prefix] { return !r.busy(prefix); });
    r.reap(prefix);
    return done;
}

QStringList WorkerThreads::running(QStringView prefix)
{
    Registry &r = registry();
    std::lock_guard lock(r.mutex);
    QStringList out;
    for (const auto &[id, e] : r.threads)
        if (!e.finished && matches(e.name, prefix))
            out << e.name;
    out.sort();
    return out;
}

quint64 WorkerThreads::startedCount()
{
    Registry &r = registry();
    std::lock_guard lock(r.mutex);
    return r.started;
}

} // namespace vigil::core
