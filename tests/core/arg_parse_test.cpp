// ParseFlatArgs (api/arg_scan.h), the small calls' fast path into ParseArgsTree: for every
// text it either declines or builds exactly the tree nlohmann::json::parse builds, number
// types included (a call's checks and operations read them), and it takes the shapes the JS
// edge sends for the hot calls.
#include <string>
#include <vector>

#include "api/arg_scan.h"
#include "test_support.h"

using Json = nlohmann::json;

namespace {

// Same value, same JSON type at every level (== alone equates 5u and 5).
bool Same(const Json& a, const Json& b) {
  if (a.type() != b.type()) return false;
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
      if (!b.contains(it.key()) || !Same(it.value(), b.at(it.key()))) return false;
    }
    return true;
  }
  return a == b;
}

}  // namespace

TEST_CASE("the flat-argument fast path builds nlohmann's tree or declines", "[args]") {
  const std::vector<std::string> texts = {
      R"({})", R"({"thingId":1})", R"({"groupId":"g_0123456789abcdef"})",
      R"({"groupId":"g_1","metric":"api_calls_per_month","amount":1})", R"({"count":0})", R"({"n":-5})",
      R"({"n":-0})", R"({"n":123456789012345678})", R"({"n":1234567890123456789})",
      R"({"n":18446744073709551615})", R"({"n":1.5})", R"({"n":1e3})", R"({"n":01})", R"({"n":-})",
      R"({"a":true,"b":false,"c":null})", R"({"a":"x","a":"y"})", R"({"a":"x","a":1})",
      R"({"s":"with \"quote\""})", R"({"s":"caf\u00e9"})", "{\"s\":\"caf\xc3\xa9\"}", "{\"s\":\"bad\xff\"}",
      R"({"o":{"x":1}})", R"({"l":[1,2]})", R"({ "a":1})", R"({"a":1} )", R"({"a":1,})", R"({"a":1)",
      R"({"a":1}{)", R"({"a" :1})", R"({"":1})", R"({"a":tru})", R"({"a":nul})", R"([1])", R"("x")", R"()",
      R"({)", R"({"a":"unterminated)", "{\"t\":\"tab\there\"}", R"({"k\\":1})", R"({"a":truex})",
  };
  int taken = 0;
  for (const std::string& text : texts) {
    INFO(text);
    Json fast;
    Json full = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!edgetally::ParseFlatArgs(text, &fast)) continue;
    ++taken;
    REQUIRE(!full.is_discarded());
    CHECK(Same(fast, full));
  }
  CHECK(taken >= 10);
}

TEST_CASE("the hot calls' argument text takes the fast path", "[args]") {
  for (const char* text : {R"({"thingId":42})", R"({"groupId":"g_1","count":10})",
                           R"({"groupId":"g_1","metric":"api_calls_per_month","amount":1,"timestamp":1764547200000})",
                           R"({"creatorId":7})"}) {
    INFO(text);
    Json fast;
    CHECK(edgetally::ParseFlatArgs(text, &fast));
  }
}
