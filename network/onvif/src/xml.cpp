#include "vigil/onvif/xml.h"

#include <QtCore/QXmlStreamReader>

namespace vigil::onvif {

const XmlElement *XmlElement::child(QStringView localName) const
{
    for (const XmlElement &c : children)
        if (c.name == localName)
            return &c;
    return nullptr;
}

const XmlElement *XmlElement::child(QStringView nsUri, QStringView localName) const
{
    for (const XmlElement &c : children)
        if (c.is(nsUri, localName))
            return &c;
    return nullptr;
}

QList<const XmlElement *> XmlElement::childrenNamed(QStringView localName) const
{
    QList<const XmlElement *> out;
    for (const XmlElement &c : children)
        if (c.name == localName)
            out.append(&c);
    return out;
}

const XmlElement *XmlElement::find(QStringView localName) const
{
    for (const XmlElement &c : children) {
        if (c.name == localName)
            return &c;
        if (const XmlElement *f = c.find(localName))
            return f;
    }
    return nullptr;
}

QString XmlElement::childText(QStringView localPath) const
{
    const XmlElement *e = this;
    for (const auto part : localPath.split(u'/')) {
        e = e->child(part);
        if (!e)
            return {};
    }
    return e->trimmedText();
}

QString XmlElement::attribute(QStringView localName) const
{
    for (const XmlAttribute &a : attributes)
        if (a.name == localName)
            return a.value;
    return {};
}

bool XmlElement::hasAttribute(QStringView localName) const
{
    for (const XmlAttribute &a : attributes)
        if (a.name == localName)
            return true;
    return false;
}

std::optional<XmlElement> parseXml(const QByteArray &data, QString *error, XmlLimits limits)
{
    auto failed = [error](const QString &why) -> std::optional<XmlElement> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (data.size() > limits.maxBytes)
        return failed(QStringLiteral("document larger than %1 bytes").arg(limits.maxBytes));

    QXmlStreamReader r(data);
    XmlElement root;
    bool haveRoot = false;
    std::vector<XmlElement *> stack; // pointers stay valid: a parent's children vector only grows while its
                                     // last child is the top of the stack, and we re-fetch after each push.
    int elements = 0;
    while (!r.atEnd()) {
        switch (r.readNext()) {
        case QXmlStreamReader::StartElement: {
            if (++elements > limits.maxElements)
                return failed(QStringLiteral("more than %1 elements").arg(limits.maxElements));
            if (int(stack.size()) >= limits.maxDepth)
                return failed(QStringLiteral("nested deeper than %1 elements").arg(limits.maxDepth));
            XmlElement e;
            e.ns = r.namespaceUri().toString();
            e.name = r.name().toString();
            const auto attrs = r.attributes();
            e.attributes.reserve(std::size_t(attrs.size()));
            for (const auto &a : attrs)
                e.attributes.push_back(
                    {a.namespaceUri().toString(), a.name().toString(), a.value().toString()});
            if (stack.empty()) {
                if (haveRoot)
                    return failed(QStringLiteral("more than one root element"));
                root = std::move(e);
                haveRoot = true;
                stack.push_back(&root);
            } else {
                XmlElement *parent = stack.back();
                parent->children.push_back(std::move(e));
                stack.push_back(&parent->children.back());
            }
            break;
        }
        case QXmlStreamReader::EndElement:
            if (!stack.empty())
                stack.pop_back();
            break;
        case QXmlStreamReader::Characters:
            if (!stack.empty() && !r.isWhitespace())
                stack.back()->text += r.text();
            else if (!stack.empty() && !stack.back()->text.isEmpty())
                stack.back()->text += r.text();
            break;
        default:
            break;
        }
    }
    if (r.hasError())
        return failed(QStringLiteral("line %1, column %2: %3")
                          .arg(r.lineNumber())
                          .arg(r.columnNumber())
                          .arg(r.errorString()));
    if (!haveRoot)
        return failed(QStringLiteral("no XML element in the document"));
    return root;
}

} // namespace vigil::onvif
