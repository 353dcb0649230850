// BoundedBuffer: the one buffer a batch reader keeps, holding the record being read. It never
// grows past its limit: an append that would overflow drops the contents instead and the buffer
// stays "overflowed" (discarding later appends) until Clear(), so a reader skips an oversized
// record without holding it. This is what bounds a reader's memory whatever the input.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace edgetally {

class BoundedBuffer {
 public:
  explicit BoundedBuffer(size_t limit) : limit_(limit) {}

  // Appends `bytes`, unless the total would pass the limit: then empties the buffer and marks it
  // overflowed. While overflowed, appends are ignored.
  void Append(std::string_view bytes);
  // Empties the buffer and clears the overflow mark; keeps the capacity for the next record.
  void Clear();

  bool overflowed() const { return overflowed_; }
  std::string_view view() const { return std::string_view(data_.data(), data_.size()); }
  size_t size() const { return data_.size(); }
  // The largest capacity the buffer ever had: never much more than the limit.
  size_t high_water() const { return high_water_; }

 private:
  size_t limit_;
  std::vector<char> data_;  // not std::string: its reserve() may round a request up to 2x
  bool overflowed_ = false;
  size_t high_water_ = 0;
};

}  // namespace edgetally
