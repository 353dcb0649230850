// UTF-8 validation, the one implementation: the file readers check records with it (they hand
// the importer views into their buffers, so every byte must already be valid UTF-8) and the
// JSON scanner checks the multi-byte sequences inside strings.
#pragma once

#include <cstddef>
#include <string_view>

namespace edgetally {

// True when `text` is well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates
// (U+D800-U+DFFF), nothing above U+10FFFF, no truncated sequence at the end. The empty string
// is valid.
bool IsValidUtf8(std::string_view text);

// The length (2-4) of the well-formed multi-byte sequence starting at text[at], or 0 when the
// bytes there are not one (text[at] must be >= 0x80).
size_t Utf8SequenceAt(std::string_view text, size_t at);

}  // namespace edgetally
