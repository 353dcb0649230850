// Sha256: the SHA-256 digest (FIPS 180-4) of a chunk's gzip bytes, in the core, so a chunk's
// name is computed from the bytes the store holds and checked again on every read; nothing
// trusts a hash handed in from outside. Written from the standard, no third-party code.
#pragma once

#include <string>
#include <string_view>

namespace edgetally {

// The digest of `bytes` as 64 lowercase hex characters.
std::string Sha256Hex(std::string_view bytes);

}  // namespace edgetally
