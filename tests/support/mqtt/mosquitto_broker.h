#pragma once
// MosquittoBroker: Debian's mosquitto (/usr/sbin/mosquitto) run by a test on 127.0.0.1 at a free port, with
// its config, password file and persistence database in its own temporary folder. start() returns once the
// broker says it is running and its port accepts a connection; stop() ends it (SIGTERM: it saves its
// database, as a service restart does; or SIGKILL: a crash, nothing saved) and keeps port and folder, so
// start() again is "the broker restarted". Thread: the test's.
#include <QtCore/QProcess>
#include <QtCore/QString>
#include <QtCore/QTemporaryDir>

#include <memory>

namespace vigil::testing {

class MosquittoBroker
{
public:
    struct Options
    {
        bool persistence = true;
        QString user; // non-empty: anonymous clients are refused, this user/password is the only account
        QString password;
        // TLS listener (mqtts) instead of plain TCP: a throwaway CA and a server certificate for "localhost"
        // and 127.0.0.1 are made with the openssl command; caFile() is the CA to trust.
        bool tls = false;
    };
    MosquittoBroker();
    explicit MosquittoBroker(Options options);
    ~MosquittoBroker();

    // Starts (or restarts) the broker; false and a sentence in `error` when it did not come up in 10 s.
    bool start(QString *error = nullptr);
    // Stops it: `crash` kills it (SIGKILL) instead of asking it to stop (SIGTERM). Waits for the exit.
    void stop(bool crash = false);
    bool running() const;
    int port() const { return m_port; }
    QString caFile() const;
    QString log() const { return m_log; }
    static QString executable();

private:
    bool writeConfig(QString *error);
    bool makeCertificates(QString *error);

    Options m_options;
    QTemporaryDir m_dir;
    int m_port = 0;
    std::unique_ptr<QProcess> m_process;
    QString m_log;
};

} // namespace vigil::testing
