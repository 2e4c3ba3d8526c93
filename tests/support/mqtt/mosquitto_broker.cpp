#include "mosquitto_broker.h"

#include <QtCore/QDeadlineTimer>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QStandardPaths>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>

#include <unistd.h>

namespace vigil::testing {

MosquittoBroker::MosquittoBroker()
    : MosquittoBroker(Options{})
{}

MosquittoBroker::MosquittoBroker(Options options)
    : m_options(std::move(options))
{
    // A free port: the kernel's pick for a socket closed right away (kept for restarts).
    QTcpServer probe;
    if (probe.listen(QHostAddress::LocalHost, 0))
        m_port = probe.serverPort();
}

MosquittoBroker::~MosquittoBroker()
{
    stop(true);
}

QString MosquittoBroker::executable()
{
    for (const QString &p :
         {QStringLiteral("/usr/sbin/mosquitto"), QStringLiteral("/usr/local/sbin/mosquitto")})
        if (QFile::exists(p))
            return p;
    return QStandardPaths::findExecutable(QStringLiteral("mosquitto"));
}

bool MosquittoBroker::writeConfig(QString *error)
{
    const QString dir = m_dir.path();
    QString conf = QStringLiteral("listener %1 127.0.0.1\n").arg(m_port);
    if (m_options.tls) {
        if (!QFile::exists(dir + QStringLiteral("/server.pem")) && !makeCertificates(error))
            return false;
        conf += QStringLiteral("cafile %1/ca.pem\ncertfile %1/server.pem\nkeyfile %1/server.key\n").arg(dir);
    }
    conf += QStringLiteral(
        "log_dest stderr\nlog_type error\nlog_type warning\nlog_type notice\nlog_type information\n");
    if (m_options.persistence)
        conf += QStringLiteral("persistence true\npersistence_location %1/\n").arg(dir);
    else
        conf += QStringLiteral("persistence false\n");
    if (::geteuid() == 0)
        conf += QStringLiteral(
            "user root\n"); // else it drops to the `mosquitto` user, who cannot read our folder
    if (m_options.user.isEmpty()) {
        conf += QStringLiteral("allow_anonymous true\n");
    } else {
        const QString pwfile = dir + QStringLiteral("/passwd");
        QFile::remove(pwfile);
        QProcess pw;
        pw.start(QStringLiteral("mosquitto_passwd"),
                 {QStringLiteral("-c"), QStringLiteral("-b"), pwfile, m_options.user, m_options.password});
        if (!pw.waitForFinished(10000) || pw.exitCode() != 0) {
            if (error)
                *error = QStringLiteral("mosquitto_passwd failed: ") + QString::fromLocal8Bit(pw.readAll());
            return false;
        }
        QFile::setPermissions(pwfile, QFile::ReadOwner | QFile::WriteOwner);
        conf += QStringLiteral("allow_anonymous false\npassword_file %1\n").arg(pwfile);
    }
    QFile f(dir + QStringLiteral("/mosquitto.conf"));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(conf.toUtf8()) < 0) {
        if (error)
            *error = QStringLiteral("cannot write ") + f.fileName();
        return false;
    }
    return true;
}

QString MosquittoBroker::caFile() const
{
    return m_dir.path() + QStringLiteral("/ca.pem");
}

bool MosquittoBroker::makeCertificates(QString *error)
{
    const QString dir = m_dir.path();
    QFile ext(dir + QStringLiteral("/san.ext"));
    if (!ext.open(QIODevice::WriteOnly) || ext.write("subjectAltName=DNS:localhost,IP:127.0.0.1\n") < 0)
        return false;
    ext.close();
    const QList<QStringList> steps = {
        {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
         QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
         dir + QStringLiteral("/ca.key"), QStringLiteral("-out"), dir + QStringLiteral("/ca.pem"),
         QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
         QStringLiteral("/CN=Vigil test CA")},
        {QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
         QStringLiteral("-nodes"), QStringLiteral("-keyout"), dir + QStringLiteral("/server.key"),
         QStringLiteral("-out"), dir + QStringLiteral("/server.csr"), QStringLiteral("-subj"),
         QStringLiteral("/CN=localhost")},
        {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
         dir + QStringLiteral("/server.csr"), QStringLiteral("-CA"), dir + QStringLiteral("/ca.pem"),
         QStringLiteral("-CAkey"), dir + QStringLiteral("/ca.key"), QStringLiteral("-CAcreateserial"),
         QStringLiteral("-out"), dir + QStringLiteral("/server.pem"), QStringLiteral("-days"),
         QStringLiteral("2"), QStringLiteral("-extfile"), ext.fileName()},
    };
    for (const QStringList &args : steps) {
        QProcess openssl;
        openssl.setProcessChannelMode(QProcess::MergedChannels);
        openssl.start(QStringLiteral("openssl"), args);
        if (!openssl.waitForFinished(30000) || openssl.exitStatus() != QProcess::NormalExit ||
            openssl.exitCode() != 0) {
            if (error)
                *error = QStringLiteral("openssl %1 failed: %2")
                             .arg(args.first(), QString::fromLocal8Bit(openssl.readAll()));
            return false;
        }
    }
    return true;
}

bool MosquittoBroker::start(QString *error)
{
    const auto fail = [&](const QString &why) {
        if (error)
            *error = why + QStringLiteral("\nbroker log:\n") + m_log;
        return false;
    };
    if (executable().isEmpty())
        return fail(
            QStringLiteral("mosquitto is not installed (apt install mosquitto; scripts/setup-deps.sh)"));
    if (!m_dir.isValid() || m_port == 0)
        return fail(QStringLiteral("no temporary folder or free port"));
    stop(true);
    QString why;
    if (!writeConfig(&why))
        return fail(why);
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->start(executable(), {QStringLiteral("-c"), m_dir.path() + QStringLiteral("/mosquitto.conf")});
    if (!m_process->waitForStarted(5000))
        return fail(QStringLiteral("mosquitto did not start: ") + m_process->errorString());
    // "mosquitto version X running" comes once the listener is open; then prove it with a connection.
    const QDeadlineTimer deadline(10000);
    const qsizetype from = m_log.size(); // a restart: only this run's lines count
    while (m_log.indexOf(QLatin1String(" running"), from) < 0) {
        if (m_process->state() != QProcess::Running)
            return fail(QStringLiteral("mosquitto exited with code %1").arg(m_process->exitCode()));
        if (deadline.hasExpired())
            return fail(QStringLiteral("mosquitto did not say it was running within 10 s"));
        m_process->waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
        m_log += QString::fromLocal8Bit(m_process->readAll());
    }
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(m_port));
    if (!socket.waitForConnected(int(std::max<qint64>(1, deadline.remainingTime()))))
        return fail(QStringLiteral("mosquitto runs but port %1 refuses connections: %2")
                        .arg(m_port)
                        .arg(socket.errorString()));
    return true;
}

void MosquittoBroker::stop(bool crash)
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        if (crash)
            m_process->kill();
        else
            m_process->terminate();
        if (!m_process->waitForFinished(10000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_log += QString::fromLocal8Bit(m_process->readAll());
    m_process.reset();
}

bool MosquittoBroker::running() const
{
    return m_process && m_process->state() == QProcess::Running;
}

} // namespace vigil::testing
