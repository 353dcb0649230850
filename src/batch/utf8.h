// UTF-8 validation for text read from import files: the readers hand records to the importer as
// views into their buffers, so every byte must already be known to be valid UTF-8.
#pragma once

#include <string_view>

namespace edgetally {

// True when `text` is well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates
// (U+D800-U+DFFF), nothing above U+10FFFF, no truncated sequence at the end. The empty string
// is valid.
bool IsValidUtf8(std::string_view text);

}  // namespace edgetally
