#pragma once
// A small namespace-aware element tree built with QXmlStreamReader, for decoding SOAP answers. Vendors use
// any prefix (tt:, ns2:, trt2:) or none, so lookups go by namespace URI and/or local name, never by prefix.
// Bounded (depth, element count, input size) so hostile or broken input cannot exhaust memory or the stack.
// Thread: value type, any thread.
#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QString>

#include <optional>
#include <vector>

namespace vigil::onvif {

struct XmlAttribute
{
    QString ns;
    QString name;
    QString value;
};

struct XmlElement
{
    QString ns;   // namespace URI ("" when none)
    QString name; // local name
    QString text; // the element's own character data (not its children's), as written
    std::vector<XmlAttribute> attributes;
    std::vector<XmlElement> children;

    bool is(QStringView nsUri, QStringView localName) const { return name == localName && ns == nsUri; }
    // First child with that local name (any namespace), or nullptr.
    const XmlElement *child(QStringView localName) const;
    const XmlElement *child(QStringView nsUri, QStringView localName) const;
    // Children with that local name (any namespace).
    QList<const XmlElement *> childrenNamed(QStringView localName) const;
    // First element with that local name in this subtree (depth first, self excluded), or nullptr.
    const XmlElement *find(QStringView localName) const;
    // Trimmed text of a child / of a path of children ("Resolution/Width"), empty when absent.
    QString childText(QStringView localPath) const;
    QString trimmedText() const { return text.trimmed(); }
    // Attribute by local name (any namespace), empty when absent.
    QString attribute(QStringView localName) const;
    bool hasAttribute(QStringView localName) const;
};

struct XmlLimits
{
    int maxDepth = 64;
    int maxElements = 200000;
    qsizetype maxBytes = 16 * 1024 * 1024;
};

// Parses a whole document; nullopt and a reason ("line 3: ...") when it is not well-formed or over the
// limits.
std::optional<XmlElement> parseXml(const QByteArray &data, QString *error = nullptr, XmlLimits limits = {});

} // namespace vigil::onvif
