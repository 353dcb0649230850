// IsCanonicalJson (common/json_canonical.h), the fast path that hands a thing's stored
// properties out as they are: whenever it says yes, the text is exactly nlohmann's compact dump
// of its parse (what the slow path writes), on hand-picked shapes and on random texts built from
// the pieces where canonical and stored forms differ (key order, duplicates, whitespace, number
// forms, escapes, non-ASCII); and it says yes to the shapes apps store.
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/json_canonical.h"
#include "test_support.h"

using edgetally::IsCanonicalJson;

namespace {

// What the slow path writes for `text` (invalid JSON: never canonical).
bool DumpEquals(const std::string& text) {
  nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
  if (parsed.is_discarded()) return false;
  return parsed.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) == text;
}

std::string RandomValue(std::mt19937& rng, int depth) {
  static const std::vector<std::string> kScalars = {
      "0", "-0", "7", "-12", "007", "1.5", "1e3", "2E1", "1.0", "123456789012345678", "1234567890123456789",
      "true", "false", "null", "\"\"", "\"a\"", "\"x y\"", "\"a\\\"b\"", "\"\\u0041\"", "\"\\n\"", "\"caf\xc3\xa9\"",
      "\"/\"", "\"\x7f\"", " 1", "1 ", "tru", "\"open"};
  static const std::vector<std::string> kKeys = {"a", "b", "B", "ab", "", "n", "tag", "_x", "a b", "\\u0061"};
  int kind = depth > 3 ? 0 : static_cast<int>(rng() % 3);
  if (kind == 0) return kScalars[rng() % kScalars.size()];
  std::string out(1, kind == 1 ? '{' : '[');
  int n = static_cast<int>(rng() % 4);
  for (int i = 0; i < n; ++i) {
    if (i) out += rng() % 10 == 0 ? ", " : ",";
    if (kind == 1) out += "\"" + kKeys[rng() % kKeys.size()] + "\"" + (rng() % 10 == 0 ? " :" : ":");
    out += RandomValue(rng, depth + 1);
  }
  return out + (kind == 1 ? '}' : ']');
}

}  // namespace

TEST_CASE("IsCanonicalJson says yes only for nlohmann's own dump", "[json]") {
  for (const std::string text : {"{}", "[]", "{\"a\":1,\"b\":[true,null,\"x\"]}", "{\"n\":3,\"tag\":\"xxx\"}",
                                 "{\"a\":{\"b\":{\"c\":-5}}}", "{\"B\":1,\"a\":2}", "{\"\":0,\"a\":0}"}) {
    INFO(text);
    CHECK(IsCanonicalJson(text));
    CHECK(DumpEquals(text));
  }
  for (const std::string text : {"{\"b\":1,\"a\":2}", "{\"a\":1,\"a\":2}", "{ \"a\":1}", "{\"a\":1.0}", "{\"a\":-0}",
                                 "{\"a\":01}", "{\"a\":\"\\u0041\"}", "{\"a\":\"caf\xc3\xa9\"}", "{\"a\":1", "",
                                 "{\"a\":1}x", "{\"a\":1e2}"}) {
    INFO(text);
    CHECK_FALSE(IsCanonicalJson(text));
  }
  std::mt19937 rng(7);
  int yes = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text = RandomValue(rng, 0);
    if (!IsCanonicalJson(text)) continue;
    ++yes;
    INFO(text);
    REQUIRE(DumpEquals(text));
  }
  CHECK(yes > 1000);  // the random texts reach the yes side often enough to mean something
}

TEST_CASE("a thing's properties come back canonical whichever path stored them", "[json]") {
  edgetally::test::EngineFixture f("enterprise");
  // As text, the way the JS edge sends it: the scanner path keeps the caller's text.
  auto inserted = f.engine->CallText("batchInsertThings", "{\"groupId\":\"" + f.group + R"(","things":[
      {"type":"post","name":"p","properties":{"z":1,"a":{"y":2,"b":[1.50,"\u00e9"]}}},
      {"type":"post","name":"q","properties":{"a":1,"tag":"x"}},
      {"type":"post","name":"r","properties":{ "a" : 1 }}]})");
  REQUIRE(inserted.ok());
  for (const auto& id : inserted.value()["created"]) {
    nlohmann::json thing = f.Call("getThing", {{"thingId", id}});
    nlohmann::json stats = f.Call("getCreatorStats", {{"creatorId", id}});
    auto text = f.engine->CallForText("getCreatorStats", "{\"creatorId\":" + id.dump() + "}");
    REQUIRE(text.ok());
    CHECK(text.value() == stats.dump());  // the text path writes what the tree's dump writes
    CHECK(stats["properties"].dump() == thing["properties"].dump());
  }
  CHECK(f.Call("getThing", {{"thingId", inserted.value()["created"][0]}})["properties"].dump() ==
        "{\"a\":{\"b\":[1.5,\"\xc3\xa9\"],\"y\":2},\"z\":1}");
}
