// JsonScanner: accepts exactly RFC 8259 JSON, decodes strings, keeps raw text, reports where.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include <catch2/catch.hpp>

#include "common/json_scanner.h"
#include "common/json_writer.h"

using edgetally::JsonScanner;

namespace {
bool Valid(std::string_view text) {
  JsonScanner s(text);
  return s.SkipValue() && s.AtEnd();
}
}  // namespace

TEST_CASE("scanner accepts valid JSON and rejects invalid JSON", "[json]") {
  for (const char* ok : {"{}", "[]", "0", "-0.5e+3", "\"\"", "true", "null", " [1, [2, {}], {\"a\": []}] ",
                         "\"\\u00e9\\ud83d\\ude00\\n\"", "{\"a\":{\"b\":{\"c\":[null,false]}}}",
                         "\"caf\xc3\xa9 \xf0\x9f\x98\x80\""}) {
    INFO(ok);
    CHECK(Valid(ok));
  }
  for (const char* bad : {"", "{", "[1,]", "{\"a\":1,}", "{a:1}", "01", "1.", "-", ".5", "1e", "tru",
                          "nul", "\"abc", "\"\\x\"", "\"\\ud800\"", "\"\\udc00x\"", "[1 2]",
                          "{\"a\" 1}", "\"\x01\"", "\"\xff\"", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"",
                          "\"\xe2\x82\"", "1 2", "[", "{\"a\":}", "NaN", "Infinity",
                          "1e999", "-1e400"}) {
    INFO(bad);
    CHECK_FALSE(Valid(bad));
  }
}

TEST_CASE("scanner walks objects and arrays and keeps raw values", "[json]") {
  JsonScanner s(R"({"name": "a\"b", "n": 2.5, "props": {"x": [1, 2]}, "flag": true, "none": null})");
  REQUIRE(s.EnterObject());
  std::string key, text;
  double number = 0;
  bool flag = false;
  std::string_view raw;
  REQUIRE(s.NextKey(&key));
  CHECK(key == "name");
  REQUIRE(s.ReadString(&text));
  CHECK(text == "a\"b");
  REQUIRE(s.NextKey(&key));
  REQUIRE(s.ReadNumber(&number));
  CHECK(number == 2.5);
  REQUIRE(s.NextKey(&key));
  CHECK(s.Peek() == JsonScanner::Kind::Object);
  REQUIRE(s.SkipValue(&raw));
  CHECK(raw == R"({"x": [1, 2]})");
  REQUIRE(s.NextKey(&key));
  REQUIRE(s.ReadBool(&flag));
  CHECK(flag);
  REQUIRE(s.NextKey(&key));
  REQUIRE(s.ReadNull());
  CHECK_FALSE(s.NextKey(&key));
  CHECK_FALSE(s.failed());
  CHECK(s.AtEnd());
}

TEST_CASE("scanner reports the first error with its line and column", "[json]") {
  JsonScanner s("[1,\n 2,\n x]");
  REQUIRE(s.EnterArray());
  while (s.NextElement()) {
    if (!s.SkipValue()) break;
  }
  REQUIRE(s.failed());
  CHECK(s.line() == 3);
  CHECK(s.column() == 2);
  CHECK(s.error() == "expected a JSON value");
  std::string ignored;
  CHECK_FALSE(s.ReadString(&ignored));  // failed is sticky
}

TEST_CASE("scanner refuses nesting deeper than its limit instead of overflowing", "[json]") {
  std::string deep(100000, '[');
  CHECK_FALSE(Valid(deep));
  std::string ok = std::string(200, '[') + std::string(200, ']');
  CHECK(Valid(ok));
}

TEST_CASE("NextKey replaces the previous key", "[json]") {  // regression: keys were appended
  JsonScanner s(R"({"first": 1, "second": 2})");
  std::string key;
  REQUIRE(s.EnterObject());
  REQUIRE(s.NextKey(&key));
  REQUIRE(s.SkipValue());
  REQUIRE(s.NextKey(&key));
  CHECK(key == "second");
}

TEST_CASE("column is 1-based even at the very start of a text", "[json]") {  // regression
  JsonScanner s("\n]");
  CHECK(s.column() == 1);
  CHECK_FALSE(s.SkipValue());
  CHECK(s.line() == 2);
  CHECK(s.column() == 1);
}

TEST_CASE("scanner reads numbers exactly as strtod does", "[json]") {
  for (const char* literal : {"0", "-0", "1", "19.99", "0.1", "0.3", "-12.5", "123456789012345",
                              "1234567890123456", "0.30000000000000004", "9007199254740993", "1e2",
                              "2.5E-3", "0.0000000000000000000001", "0.00000000000000000000001",
                              "179769313486231570000000000000000000000", "4.9e-324", "1.7976931348623157e308"}) {
    INFO(literal);
    JsonScanner s(literal);
    double number = 0;
    REQUIRE(s.ReadNumber(&number));
    double expected = std::strtod(literal, nullptr);
    CHECK(std::signbit(number) == std::signbit(expected));
    CHECK(number == expected);
  }
}

TEST_CASE("writer prints doubles as %.15g does", "[json]") {
  std::vector<double> values = {0, -0.0, 1, -1, 80, 80.5, 0.1, 0.3, 0.1 + 0.2, -0.1, 33.3, 99.9, 100, 1e13, 99999999999999.9,
                                1e14, 1e15, 1e16, 2.675, 0.05, -12.25, 1.0 / 3, 4.9e-324, 1.7976931348623157e308};
  for (int i = 0; i <= 20000; ++i) values.push_back(std::round(i * 1000.0 / 137) / 10);  // percentages
  for (double value : values) {
    INFO(value);
    char expected[32];
    std::snprintf(expected, sizeof expected, "%.15g", value);
    edgetally::JsonWriter writer;
    writer.Double(value);
    CHECK(writer.text() == expected);
  }
}
