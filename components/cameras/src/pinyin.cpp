#include "vigil/cameras/pinyin.h"

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
    Spelling s;
    bool hanzi = false;
    for (const QChar ch : text) { // the table is within the BMP: a surrogate is never a Hanzi it knows
        if (const char *syllable = syllableOf(ch.unicode())) {
            hanzi = true;
            s.initials += QLatin1Char(syllable[0]);
            s.full += QLatin1String(syllable);
        } else {
            const QChar folded = ch.toCaseFolded();
            s.initials += folded;
            s.full += folded;
        }
    }
    if (!hanzi)
        return std::nullopt;
    return s;
}

} // namespace vigil::cameras::pinyin
