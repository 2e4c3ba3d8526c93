#pragma once
// A tiny HTTPS/1.1 server on 127.0.0.1 for HttpClient tests: self-signed EC certificate made at start,
// keep-alive, answers every request with 200 and a fixed SOAP-ish body. Thread: its own; methods thread-safe.
#include <QtCore/QByteArray>

#include <memory>

namespace vigil::network::test {

class TlsServer
{
public:
    TlsServer();
    ~TlsServer();
    bool start();
    quint16 port() const;
    int connections() const;
    int requests() const;

    struct Private;

private:
    std::unique_ptr<Private> d;
};

} // namespace vigil::network::test
