// Operations: the manifest of named engine operations the JS API calls. Each module of src/api/
// declares its own operations, once, in its .cpp: name, function, argument declaration
// (common/arg_spec.h), result type, and flags by name. Everything else comes from that entry:
// the Engine checks every call's arguments against it before the operation runs (unknown
// fields anywhere, required fields, types, ranges); the wasm module exports it as JSON
// (manifest()), from which the build generates the JS method list (js/generated/operations.js)
// and the README's operation tables (scripts/gen-operations.mjs), and tests walk every entry.
//
// Declaring a new operation (touches only its module, plus its types in js/index.d.ts):
//   1. in your module's api file, write the function:
//        Result<nlohmann::json> OpGetGroupMetrics(OpContext& ctx, const nlohmann::json& args);
//      (args are already checked against the declaration: read them with args.at/value);
//   2. add an entry to the module's manifest function, e.g. in MetricsOperations():
//        {.name = "getGroupMetrics", .json = OpGetGroupMetrics,
//         .args = arg::Object({arg::Required("groupId", arg::Id()),
//                              arg::Optional("from", arg::Integer(0, kMaxTime))}),
//         .result = "GroupMetrics", .summary = "every computed metric of a group"},
//      with .writes = true for an operation that changes the store;
//   3. add the method and its types to the Store class in js/index.d.ts and run
//      `node scripts/gen-operations.mjs --readme` (the drift tests say so otherwise).
// A new module (a new file of operations) adds its manifest function to kModules in
// operations.cpp, once.
#pragma once

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/arg_spec.h"
#include "common/status.h"

namespace edgetally {

class OpContext;
struct Operation;

// An operation on its parsed, already checked argument object.
using JsonOperation = Result<nlohmann::json> (*)(OpContext&, const nlohmann::json&);
// An operation that reads its argument JSON text itself in one pass (bulk calls, see
// api/arg_scan.h, which checks every member against operation.args), or raw bytes.
using TextOperation = Result<nlohmann::json> (*)(OpContext&, const Operation&, std::string_view args_json);

// How the JS Store offers an operation.
enum class JsSurface {
  Method,    // a generated method of the same name: store.<name>(args)
  Custom,    // a hand-written Store method (js_method, or the same name) built on it
  Internal,  // a step of a Custom method (session calls); no method of its own
};

struct Operation {
  std::string_view name = {};
  JsonOperation json = nullptr;  // exactly one of json/text is set
  TextOperation text = nullptr;
  ArgSpec args = arg::None();  // the argument object's declaration
  bool bytes = false;          // the argument is raw bytes (a file chunk), not a JSON object
  std::string_view result = {};  // the result's type, as index.d.ts names it
  bool writes = false;         // changes the store
  bool bulk = false;           // part of a chunked batch: allowed while a bulk session runs
  // The result is a JSON string holding ready-made JSON text (written with JsonWriter on hot
  // paths); the engine hands the text out as is, or parses it for C++ callers.
  bool raw_result = false;
  // A read whose answer the engine may keep and hand out again for the same argument text
  // while the store, its config and the clock window stay the same (api/answer_cache.h). Only
  // for reads that narrow ctx.answer_window() wherever they use the clock.
  bool cached = false;
  JsSurface js = JsSurface::Method;
  std::string_view js_method = {};  // Custom: the Store method's name when it differs from `name`
  std::string_view js_args = {};    // Custom: what the JS method takes besides `args`, for the docs
  std::string_view summary = {};    // one line for the README's tables
};

// The operation with this name, or nullptr.
const Operation* FindOperation(std::string_view name);
// Every operation, module by module in declaration order.
std::vector<const Operation*> AllOperations();
// The manifest as JSON: [{name, module, args: DescribeSpec, bytes, result, writes, bulk,
// rawResult, js, jsMethod?, jsArgs?, summary}], what the wasm module's manifest() returns.
nlohmann::json ManifestJson();

// One module's operations: what each api module exports (e.g. QuotaOperations()).
struct OperationModule {
  std::string_view name;  // "store", "quota", ...: the README groups tables by it
  const std::vector<Operation>& (*operations)();
};

}  // namespace edgetally
