// Anchor for the vigil_translations library: the compiled translations are embedded as Qt resources
// (:/i18n/vigil_<lang>.qm) by qt_add_translations; a static library needs at least one source of its own.
namespace vigil::i18n {
extern const char *const kChineseTranslation;
const char *const kChineseTranslation = ":/i18n/vigil_zh_CN.qm";
} // namespace vigil::i18n
