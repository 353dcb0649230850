// PageGuard: format learning, stamping, checking, and the whole-file scan of verify: 'quick'.
#include "store/page_guard.h"

#include <algorithm>
#include <string>
#include <vector>

#include "store/page_checksum.h"

namespace edgetally {

void PageGuard::Learn(const uint8_t* data, int amount, int64_t offset) {
  if (offset != 0) return;
  std::optional<HeaderFacts> header = ReadHeader(data, amount);
  if (!header) return;
  page_size_ = header->page_size;
  checksummed_ = header->checksummed;
}

bool PageGuard::IsWholePage(int amount, int64_t offset) const {
  return checksummed_ && page_size_ > 0 && amount == page_size_ && offset % page_size_ == 0;
}

void PageGuard::MarkDamaged(uint32_t page_number) {
  if (!damage_.ok()) return;
  damage_ = Status(ErrorCode::CorruptDatabase,
                   "the store file is damaged: page " + std::to_string(page_number) +
                       " fails its checksum; writes to this store are refused",
                   {{"page", page_number}, {"rule", "page_checksum"}});
}

bool PageGuard::AfterRead(const uint8_t* data, int amount, int64_t offset) {
  Learn(data, amount, offset);
  if (!IsWholePage(amount, offset)) return true;
  auto page_number = static_cast<uint32_t>(offset / page_size_ + 1);
  if (PageIntact(data, amount, page_number)) return true;
  MarkDamaged(page_number);
  return false;
}

bool PageGuard::BeforeWrite(uint8_t* data, int amount, int64_t offset) {
  if (!damage_.ok()) return false;
  Learn(data, amount, offset);
  if (IsWholePage(amount, offset)) StampPage(data, amount, static_cast<uint32_t>(offset / page_size_ + 1));
  return true;
}

Status PageGuard::VerifyAll(StorageFile& file) {
  if (!checksummed_ || page_size_ == 0) return Status::Ok();
  ET_ASSIGN_OR_RETURN(int64_t size, file.Size());
  constexpr int kPagesPerRead = 64;  // few backend calls (each crosses into JS in the package)
  std::vector<uint8_t> buffer(static_cast<size_t>(page_size_) * kPagesPerRead);
  int64_t pages = size / page_size_;
  for (int64_t first = 0; first < pages; first += kPagesPerRead) {
    int64_t count = std::min<int64_t>(kPagesPerRead, pages - first);
    ET_ASSIGN_OR_RETURN(int64_t got, file.Read(buffer.data(), count * page_size_, first * page_size_));
    if (got < count * page_size_) return Status(ErrorCode::IoError, "short read while verifying the store");
    for (int64_t i = 0; i < count; ++i) {
      auto page_number = static_cast<uint32_t>(first + i + 1);
      if (!PageIntact(buffer.data() + i * page_size_, page_size_, page_number)) {
        MarkDamaged(page_number);
        return damage_;
      }
    }
  }
  return Status::Ok();
}

}  // namespace edgetally
