#pragma once
// Pinyin of Chinese names for search: operators type the initials ("xxl") or the full pinyin ("xinxianglu")
// of 新乡路. The Hanzi -> pinyin table is generated at build time from Unihan's kMandarin readings (Debian's
// unicode-data, tools/pinyin_table_gen.cpp): each Hanzi's most common reading, without tones, ü as "v".
// Thread: any (constant data).
#include <QtCore/QString>
#include <QtCore/QStringView>

#include <optional>

namespace vigil::cameras::pinyin {

// False when the build had no Unihan data (then spell() always answers nullopt and search is by text only).
bool available();

struct Spelling
{
    QString initials; // "xxl"
    QString full;     // "xinxianglu"
};

// The spelling of `text` when it holds at least one Hanzi the table knows; other characters are kept,
// case-folded, in both forms ("A区3号" -> "aq3h", "aqu3hao").
std::optional<Spelling> spell(QStringView text);

} // namespace vigil::cameras::pinyin
