#pragma once
// WorkerThreads: the one owner of the plain worker threads Vigil starts by hand (a device probe, a PTZ
// command queue, an ONVIF event poll loop, the demo site's preparation). Use it instead of
// `std::thread(...).detach()`:
//
//     core::WorkerThreads::start(QStringLiteral("onvif-probe"), [=] { ...; core::postToApp(...); });
//     ...
//     // main(), after the QML engine (and so every object that feeds a worker) is gone:
//     core::WorkerThreads::wait(2000, u"ptz");   // let the PTZ Stops go out
//
// Every thread is named (the OS thread name, shown by top -H, gdb and perf; Linux keeps 15 bytes), counted
// while it runs, and joined once it has finished: wait() blocks until the threads whose name starts with a
// prefix (or all) have ended, at most a timeout, and reports false with the stragglers still named by
// running(). A thread still running at exit is left to the OS, as a detached one was; the registry is never
// destroyed, so a thread may end after main().
//
// The function must not throw (an exception leaving it ends the process, as with std::thread) and, like any
// worker, reports to GUI objects only through core::postToApp() and a QPointer. It should watch a stop flag
// of its owner so that wait() at exit is short.
//
// Thread: any thread. start() never blocks on a running thread (it only reaps ones that have finished).
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QStringView>

#include <functional>

namespace vigil::core {

class WorkerThreads
{
public:
    WorkerThreads() = delete;

    // Runs `fn` on a new thread called `name` (use a short kebab-case name that says the owner first:
    // "ptz-queue", "onvif-events"; it is also the prefix wait() matches).
    static void start(const QString &name, std::function<void()> fn);

    // Blocks until every started thread whose name starts with `prefix` ("" = all) has finished, then joins
    // them; at most `timeoutMs`. False on timeout (running(prefix) names the ones still busy).
    static bool wait(int timeoutMs, QStringView prefix = {});

    // Names of the threads started and not yet finished (a name repeats for each thread), sorted.
    static QStringList running(QStringView prefix = {});
    static int runningCount(QStringView prefix = {}) { return int(running(prefix).size()); }
    // How many threads were started since the process began (for tests and the log).
    static quint64 startedCount();
};

} // namespace vigil::core
