// Operations: the table of named engine operations the JS API calls. An operation takes its
// arguments either as parsed JSON (small calls) or as the raw JSON text (bulk calls, read in
// one pass with JsonScanner, see arg_scan.h). Either way it checks every field, calls the typed
// module functions and returns a JSON result. Adding an operation: one function in the
// module's api file and one row in operations.cpp.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace edgetally {

class Engine;

using JsonOperation = Result<nlohmann::json> (*)(Engine&, const nlohmann::json&);
using TextOperation = Result<nlohmann::json> (*)(Engine&, std::string_view args_json);

struct Operation {
  std::string_view name;
  JsonOperation json = nullptr;  // exactly one of json/text is set
  TextOperation text = nullptr;
  bool bulk = false;  // part of a chunked batch: allowed while a bulk session runs
  // The result is a JSON string holding ready-made JSON text (written with JsonWriter on hot
  // paths); the engine hands the text out as is, or parses it for C++ callers.
  bool raw_result = false;
};

// The operation with this name, or nullptr.
const Operation* FindOperation(std::string_view name);

}  // namespace edgetally
