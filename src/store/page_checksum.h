// PageChecksum: the per-page checksum of edgetally's store files, and the page-1 header fields
// that say whether a file carries them. Each page ends in kReservedBytes bytes that SQLite
// leaves alone (the database's "reserved bytes per page"); the VFS keeps there a 64-bit hash of
// the rest of the page and its page number, so damaged bytes, a torn page or a page written at
// the wrong offset are seen when the page is read. A file is checksummed when its header says
// kReservedBytes reserved bytes AND carries edgetally's application id (both live in page 1).
#pragma once

#include <cstdint>
#include <optional>

namespace edgetally {

// PRAGMA application_id of every edgetally store ("ETLY").
inline constexpr int32_t kApplicationId = 0x45544C59;
inline constexpr int kReservedBytes = 8;

// The hash of the first `usable` bytes of a page, mixed with its (1-based) page number.
uint64_t PageChecksum(const uint8_t* page, int usable, uint32_t page_number);
// Writes the checksum into the page's last kReservedBytes bytes (little-endian).
void StampPage(uint8_t* page, int page_size, uint32_t page_number);
// True when the page's last kReservedBytes bytes hold its checksum.
bool PageIntact(const uint8_t* page, int page_size, uint32_t page_number);

// What page 1's first 100 bytes say; nullopt when they are not a SQLite header.
struct HeaderFacts {
  int page_size;
  bool checksummed;  // kReservedBytes reserved bytes and edgetally's application id
};
std::optional<HeaderFacts> ReadHeader(const uint8_t* header, int length);

}  // namespace edgetally
