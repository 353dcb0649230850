// JsonCanonical: one recursive pass over the text, refusing anything it cannot vouch for.
#include "common/json_canonical.h"

namespace edgetally {

namespace {

class Checker {
 public:
  explicit Checker(std::string_view text) : text_(text) {}

  bool Whole() { return Value(0) && at_ == text_.size(); }

 private:
  bool Value(int depth) {
    if (at_ >= text_.size() || depth > 64) return false;
    switch (text_[at_]) {
      case '{': return Object(depth + 1);
      case '[': return Array(depth + 1);
      case '"': return String(nullptr);
      case 't': return Word("true");
      case 'f': return Word("false");
      case 'n': return Word("null");
      default: return Integer();
    }
  }

  bool Object(int depth) {
    ++at_;  // '{'
    if (Take('}')) return true;
    std::string_view previous;
    for (bool first = true;; first = false) {
      std::string_view key;
      if (!String(&key) || (!first && !(previous < key)) || !Take(':') || !Value(depth)) return false;
      previous = key;
      if (Take('}')) return true;
      if (!Take(',')) return false;
    }
  }

  bool Array(int depth) {
    ++at_;  // '['
    if (Take(']')) return true;
    for (;;) {
      if (!Value(depth)) return false;
      if (Take(']')) return true;
      if (!Take(',')) return false;
    }
  }

  // A string of printable ASCII without escapes; *out gets its characters.
  bool String(std::string_view* out) {
    if (!Take('"')) return false;
    size_t start = at_;
    for (; at_ < text_.size(); ++at_) {
      unsigned char c = static_cast<unsigned char>(text_[at_]);
      if (c == '"') break;
      if (c < 0x20 || c >= 0x7f || c == '\\') return false;
    }
    if (at_ >= text_.size()) return false;
    if (out) *out = text_.substr(start, at_ - start);
    ++at_;  // closing quote
    return true;
  }

  // -?(0|[1-9][0-9]*), at most 18 digits, never "-0": what an int64 dumps as.
  bool Integer() {
    bool negative = Take('-');
    size_t start = at_;
    while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
    size_t digits = at_ - start;
    if (digits == 0 || digits > 18) return false;
    if (text_[start] == '0' && (digits > 1 || negative)) return false;
    return at_ >= text_.size() || (text_[at_] != '.' && text_[at_] != 'e' && text_[at_] != 'E');
  }

  bool Word(std::string_view word) {
    if (text_.substr(at_, word.size()) != word) return false;
    at_ += word.size();
    return true;
  }

  bool Take(char c) {
    if (at_ >= text_.size() || text_[at_] != c) return false;
    ++at_;
    return true;
  }

  std::string_view text_;
  size_t at_ = 0;
};

}  // namespace

bool IsCanonicalJson(std::string_view text) { return Checker(text).Whole(); }

}  // namespace edgetally
