// The operation manifest and argument declarations (api/operations.h, common/arg_spec.h): a walk
// over EVERY declared operation tries a misspelled field at every object of its declaration (top
// level and nested), so an operation added later is covered without anyone remembering to.
#include <functional>
#include <set>

#include "api/operations.h"
#include "common/spelling.h"
#include "test_support.h"

using edgetally::ArgField;
using edgetally::ArgSpec;
using edgetally::ArgType;
using edgetally::Engine;
using edgetally::ErrorCode;
using edgetally::Operation;
using Json = nlohmann::json;

namespace {

// A value that satisfies `spec`, with only the required fields of objects.
Json Example(const ArgSpec& spec) {
  switch (spec.type) {
    case ArgType::String: return spec.one_of.empty() ? Json("x") : Json(spec.one_of[0]);
    case ArgType::Integer: return std::clamp<int64_t>(1, spec.min, spec.max);
    case ArgType::Number: return 1;
    case ArgType::Boolean: return false;
    case ArgType::Map: return Json::object();
    case ArgType::Array:
    case ArgType::Rows: return Json::array();
    case ArgType::AnyOf: return Example(spec.items[0]);
    case ArgType::Object: {
      Json out = Json::object();
      for (const ArgField& f : spec.fields) {
        if (f.required) out[f.name] = Example(f.spec);
      }
      return out;
    }
    case ArgType::Any: return 1;
  }
  return nullptr;
}

// A misspelling of `name` that is no declared field: the last two letters swapped, or one more.
std::string Misspell(const std::string& name, const ArgSpec& object) {
  std::string typo = name;
  if (typo.size() >= 2 && typo[typo.size() - 1] != typo[typo.size() - 2]) {
    std::swap(typo[typo.size() - 1], typo[typo.size() - 2]);
  } else {
    typo += "x";
  }
  return object.Field(typo) ? name + "_" : typo;
}

std::string Join(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

struct Case {
  Json args;
  std::string field;       // the path the error must name
  std::string suggestion;  // the field it must suggest ("" when the object has no fields)
};

using Wrap = std::function<Json(Json)>;  // puts a value at the walked spot of a whole argument object

void Walk(const ArgSpec& spec, const std::string& path, const Wrap& wrap, std::vector<Case>& out) {
  switch (spec.type) {
    case ArgType::Object: {
      Json base = Example(spec);
      if (spec.fields.empty()) {
        Json bad = base;
        bad["unexpected"] = 1;
        out.push_back({wrap(bad), Join(path, "unexpected"), ""});
      }
      for (const ArgField& f : spec.fields) {
        std::string typo = Misspell(f.name, spec);
        Json bad = base;
        bad[typo] = Example(f.spec);
        out.push_back({wrap(bad), Join(path, typo), f.name});
        Walk(f.spec, Join(path, f.name), [=](Json v) { Json b = base; b[f.name] = std::move(v); return wrap(b); }, out);
      }
      return;
    }
    case ArgType::Map:
      Walk(spec.items[0], Join(path, "k"), [=](Json v) { return wrap(Json{{"k", std::move(v)}}); }, out);
      return;
    case ArgType::Array:
      Walk(spec.items[0], path + "[0]", [=](Json v) { return wrap(Json::array({std::move(v)})); }, out);
      return;
    case ArgType::AnyOf:
      for (const ArgSpec& alternative : spec.items) Walk(alternative, path, wrap, out);
      return;
    default: return;  // Rows are checked row by row by the operation (each bad row a row error)
  }
}

edgetally::Result<Json> Run(Engine& engine, const Operation& op, const Json& args) {
  return op.text ? engine.CallText(op.name, args.dump()) : engine.Call(op.name, args);
}

}  // namespace

TEST_CASE("every declared operation refuses a misspelled field at every level, naming it", "[manifest][args]") {
  auto engine = Engine::Open(nullptr, "").value();
  size_t cases = 0;
  for (const Operation* op : edgetally::AllOperations()) {
    if (op->bytes) continue;  // raw file bytes: no argument object
    std::vector<Case> walk;
    Walk(op->args, "", [](Json v) { return v; }, walk);
    REQUIRE(!walk.empty());
    for (const Case& c : walk) {
      INFO(op->name << " " << c.args.dump());
      auto result = Run(*engine, *op, c.args);
      REQUIRE(!result.ok());
      CHECK(result.status().code() == ErrorCode::InvalidArgument);
      CHECK(result.status().details()["rule"] == "unknown_field");
      CHECK(result.status().details()["field"] == c.field);
      if (!c.suggestion.empty()) {
        CHECK(result.status().details()["suggestion"] == c.suggestion);
        CHECK(result.status().message().find("did you mean '" + c.suggestion + "'?") != std::string::npos);
      }
      ++cases;
    }
  }
  CHECK(cases > 60);
}

TEST_CASE("every declared operation accepts its own minimal example and names a missing field 'required'", "[manifest][args]") {
  for (const Operation* op : edgetally::AllOperations()) {
    INFO(op->name);
    CHECK(edgetally::CheckArgs(op->args, Example(op->args)).ok());
    for (const ArgField& f : op->args.fields) {
      if (!f.required) continue;
      Json args = Example(op->args);
      args.erase(f.name);
      edgetally::Status status = edgetally::CheckArgs(op->args, args);
      CHECK(status.details()["rule"] == "required");
      CHECK(status.details()["field"] == f.name);
    }
  }
}

TEST_CASE("the manifest names each operation once, with a result and a summary", "[manifest]") {
  std::set<std::string> names;
  for (const Operation* op : edgetally::AllOperations()) {
    INFO(op->name);
    CHECK(names.insert(std::string(op->name)).second);
    CHECK((op->json == nullptr) != (op->text == nullptr));
    CHECK(!op->result.empty());
    CHECK(!op->summary.empty());
    CHECK(edgetally::FindOperation(op->name) == op);
  }
  Json manifest = edgetally::ManifestJson();
  CHECK(manifest.size() == names.size());
  CHECK(manifest[0]["args"]["type"] == "object");
}

TEST_CASE("regression: mdoe: 'partial' is refused, not run atomic", "[manifest][args][regression]") {
  edgetally::test::EngineFixture f("pro");
  Json things = Json::array({{{"type", "t"}, {"name", "a"}}, {{"type", "t"}}});
  auto result = f.engine->CallText("batchInsertThings",
                                   Json{{"groupId", f.group}, {"things", things}, {"mdoe", "partial"}}.dump());
  REQUIRE(!result.ok());
  CHECK(result.status().details()["field"] == "mdoe");
  CHECK(result.status().details()["suggestion"] == "mode");
  CHECK(result.status().message() == "unknown field 'mdoe' (did you mean 'mode'?)");
  CHECK(f.Call("countThings", {{"groupId", f.group}}) == 0);
  // The same when the misspelled member comes before the bulk array.
  result = f.engine->CallText("batchInsertThings", R"({"mdoe":"partial","groupId":")" + f.group + R"(","things":[]})");
  CHECK(result.status().details()["field"] == "mdoe");
}

TEST_CASE("regression: recordID, perod, overides, plann and allowedTyeps are refused", "[manifest][args][regression]") {
  edgetally::test::EngineFixture f("pro");
  auto field = [&](const std::string& op, const Json& args) {
    auto result = f.engine->Call(op, args);
    REQUIRE(!result.ok());
    CHECK(result.status().code() == ErrorCode::InvalidArgument);
    return std::pair(result.status().details()["field"], result.status().details().value("suggestion", ""));
  };
  auto usage = [&](const char* key, const char* value) {
    return Json{{"groupId", f.group}, {"metric", "api_calls_per_month"}, {"amount", 1}, {key, value}};
  };
  CHECK(field("recordUsage", usage("recordID", "r1")) == std::pair(Json("recordID"), std::string("recordId")));
  CHECK(field("recordUsage", usage("perod", "daily")) == std::pair(Json("perod"), std::string("period")));
  CHECK(field("setGroupPlan", {{"groupId", f.group}, {"plan", "pro"}, {"overides", {{"users", 1}}}}) ==
        std::pair(Json("overides"), std::string("overrides")));
  CHECK(field("createGroup", {{"name", "x"}, {"plann", "pro"}}).second == "plan");
  CHECK(field("setValidationRules", {{"rules", {{"allowedTyeps", {"a"}}}}}) ==
        std::pair(Json("rules.allowedTyeps"), std::string("allowedTypes")));
  Json plan = {{"id", "team"}, {"name", "Team"}, {"priceCents", 1}, {"limits", Json::object()}, {"color", "red"}};
  CHECK(field("definePlans", {{"plans", {plan}}}).first == "plans[0].color");
  CHECK(f.Call("getGroupQuotas", {{"groupId", f.group}})["quotas"]["api_calls_per_month"]["current"] == 0);
}

TEST_CASE("did you mean: close names only", "[manifest][args]") {
  CHECK(edgetally::EditDistance("mdoe", "mode") == 1);
  CHECK(edgetally::EditDistance("recordID", "recordId") == 0);
  CHECK(edgetally::ClosestName("storgae", {"name", "storage", "path"}) == "storage");
  CHECK(edgetally::ClosestName("colour", {"name", "storage", "path"}).empty());
  CHECK(edgetally::ClosestName("x", {"id"}).empty());
}
