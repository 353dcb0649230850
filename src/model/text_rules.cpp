// Text rules: trimming, UTF-8 length, id syntax.
#include "model/text_rules.h"

#include <cctype>

#include "common/args.h"

namespace edgetally {

std::string Trim(std::string_view text) {
  const char* space = " \t\r\n\f\v";
  size_t first = text.find_first_not_of(space);
  if (first == std::string_view::npos) return {};
  size_t last = text.find_last_not_of(space);
  return std::string(text.substr(first, last - first + 1));
}

size_t Utf8Length(std::string_view text) {
  size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

Result<std::string> CleanName(std::string_view raw, std::string_view field) {
  std::string name = Trim(raw);
  if (name.empty()) {
    return InvalidField(field, "required", std::string(field) + " must not be empty");
  }
  if (Utf8Length(name) > kMaxNameLength) {
    return InvalidField(field, "max_length",
                        std::string(field) + " must be at most " +
                            std::to_string(kMaxNameLength) + " characters");
  }
  return name;
}

Status CheckId(std::string_view id, std::string_view field) {
  bool ok = !id.empty() && id.size() <= kMaxIdLength;
  for (char c : id) {
    ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' ||
                c == '.' || c == ':');
  }
  if (ok) return Status::Ok();
  return InvalidField(field, "id_syntax",
                      std::string(field) + " must be 1-" + std::to_string(kMaxIdLength) +
                          " characters of letters, digits, '_', '-', '.', ':'");
}

}  // namespace edgetally
