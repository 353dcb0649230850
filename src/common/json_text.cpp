// JsonText: escaping per RFC 8259 section 7; numbers checked with the scanner's grammar.
#include "common/json_text.h"

#include <cerrno>
#include <cstdlib>

#include "common/json_scanner.h"

namespace edgetally {

void AppendJsonString(std::string* out, std::string_view text) {
  static const char* kHex = "0123456789abcdef";
  out->push_back('"');
  size_t run = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 15]);
    }
  }
  out->append(text.data() + run, text.size() - run);
  out->push_back('"');
}

bool IsJsonNumber(std::string_view text) {
  if (text.empty() || (text[0] != '-' && (text[0] < '0' || text[0] > '9'))) return false;
  JsonScanner scanner(text);  // syntax only: converting to double (strtod) is slow in wasm
  return scanner.SkipValue() && scanner.AtEnd();
}

bool IsJsonInteger(std::string_view text) {
  if (!IsJsonNumber(text) || text.find_first_of(".eE") != std::string_view::npos) return false;
  std::string digits(text);
  errno = 0;
  std::strtoll(digits.c_str(), nullptr, 10);
  return errno != ERANGE;
}

}  // namespace edgetally
