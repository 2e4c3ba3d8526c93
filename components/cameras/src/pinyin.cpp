#include "vigil/cameras/pinyin.h"

#include <algorithm>

namespace vigil::cameras::pinyin {

namespace {
#include "pinyin_table.inc"

const char *syllableOf(char32_t c)
{
    if (c < kPinyinFirst || c > kPinyinLast)
        return nullptr;
    const unsigned short i = kPinyinIndex[c - kPinyinFirst];
    return i == 0 ? nullptr : kPinyinSyllables[i];
}
} // namespace

bool available()
{
    return kPinyinReadings > 0;
}

std::optional<Spelling> spell(QStringView text)
{
    // Most names searched at province scale are not Chinese at all: say so before building anything.
    if (std::none_of(text.begin(), text.end(), [](QChar ch) { return syllableOf(ch.unicode()) != nullptr; }))
        return std::nullopt;
    Spelling s;
    s.initials.reserve(text.size());
    s.full.reserve(text.size() * 4);
    for (const QChar ch : text) { // the table is within the BMP: a surrogate is never a Hanzi it knows
        if (const char *syllable = syllableOf(ch.unicode())) {
            s.initials += QLatin1Char(syllable[0]);
            s.full += QLatin1String(syllable);
        } else {
            const QChar folded = ch.toCaseFolded();
            s.initials += folded;
            s.full += folded;
        }
    }
    return s;
}

} // namespace vigil::cameras::pinyin
