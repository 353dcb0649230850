// IsValidUtf8: a run of ASCII is skipped fast; a multi-byte sequence is checked against the
// ranges of RFC 3629 section 4, which rule out overlong forms and surrogates by its second byte.
#include "common/utf8.h"

#include <cstddef>

namespace edgetally {

namespace {
bool InRange(unsigned char c, unsigned char lo, unsigned char hi) { return c >= lo && c <= hi; }

// The allowed range of the byte after `lead` (the later ones are always 80..BF), and the
// sequence length; 0 when `lead` cannot start a sequence.
int SequenceLength(unsigned char lead, unsigned char* lo, unsigned char* hi) {
  *lo = 0x80;
  *hi = 0xBF;
  if (InRange(lead, 0xC2, 0xDF)) return 2;
  if (InRange(lead, 0xE0, 0xEF)) {
    if (lead == 0xE0) *lo = 0xA0;  // overlong below U+0800
    if (lead == 0xED) *hi = 0x9F;  // surrogates
    return 3;
  }
  if (InRange(lead, 0xF0, 0xF4)) {
    if (lead == 0xF0) *lo = 0x90;  // overlong below U+10000
    if (lead == 0xF4) *hi = 0x8F;  // above U+10FFFF
    return 4;
  }
  return 0;
}
}  // namespace

size_t Utf8SequenceAt(std::string_view text, size_t at) {
  unsigned char lo = 0, hi = 0;
  int length = SequenceLength(static_cast<unsigned char>(text[at]), &lo, &hi);
  if (length == 0 || text.size() - at < static_cast<size_t>(length)) return 0;
  if (!InRange(static_cast<unsigned char>(text[at + 1]), lo, hi)) return 0;
  for (int k = 2; k < length; ++k) {
    if (!InRange(static_cast<unsigned char>(text[at + k]), 0x80, 0xBF)) return 0;
  }
  return static_cast<size_t>(length);
}

bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t length = Utf8SequenceAt(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

}  // namespace edgetally
