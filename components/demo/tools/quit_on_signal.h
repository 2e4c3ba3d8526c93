#pragma once
// The demo tools' clean exit: SIGINT/SIGTERM quit the Qt event loop (the handler only writes a byte to a
// socket pair; a QSocketNotifier on the other end calls QCoreApplication::quit() on the main thread, so
// nothing but write() runs in the signal handler). Header-only, for the tools' main(); one per process.
#include <QtCore/QCoreApplication>
#include <QtCore/QSocketNotifier>

#include <csignal>
#include <memory>
#include <sys/socket.h>
#include <unistd.h>

namespace vigil::demo::tools {

inline int s_quitFds[2] = {-1, -1};

extern "C" inline void quitOnSignalHandler(int) noexcept
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t n = ::write(s_quitFds[0], &byte, 1);
}

// Installs the handlers; returns the notifier to keep alive for the run, or null when the socket pair could
// not be made.
inline std::unique_ptr<QSocketNotifier> quitOnSignal()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, s_quitFds) != 0)
        return nullptr;
    auto notifier = std::make_unique<QSocketNotifier>(s_quitFds[1], QSocketNotifier::Read);
    QObject::connect(notifier.get(), &QSocketNotifier::activated, qApp, [] { QCoreApplication::quit(); });
    std::signal(SIGINT, quitOnSignalHandler);
    std::signal(SIGTERM, quitOnSignalHandler);
    return notifier;
}

} // namespace vigil::demo::tools
