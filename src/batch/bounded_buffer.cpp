// BoundedBuffer: growth is geometric but capped at the limit, so the capacity never exceeds it.
#include "batch/bounded_buffer.h"

#include <algorithm>

namespace edgetally {

void BoundedBuffer::Append(std::string_view bytes) {
  if (overflowed_ || bytes.empty()) return;
  if (bytes.size() > limit_ - data_.size()) {
    overflowed_ = true;
    data_.clear();
    return;
  }
  size_t needed = data_.size() + bytes.size();
  if (needed > data_.capacity()) {
    data_.reserve(std::min(limit_, std::max(needed, 2 * data_.capacity())));
  }
  data_.insert(data_.end(), bytes.begin(), bytes.end());
  high_water_ = std::max(high_water_, data_.capacity());
}

void BoundedBuffer::Clear() {
  data_.clear();
  overflowed_ = false;
}

}  // namespace edgetally
