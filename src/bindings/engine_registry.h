// EngineRegistry: the open engines of one wasm instance, by integer handle. JS holds only the
// handle (no embind object handles). Open and Close return a JSON envelope string:
//   {"ok":true,"result":...} or {"ok":false,"error":{"code","message","details"}}.
// An operation's call returns its reply in parts (CallReply), so the hot path builds no
// envelope around the result and JS parses only what is there: the result's JSON text (or the
// error object), the notifications it raised (quota alerts, change events) for the JS side,
// the length of bytes it handed out, and `keep`, the clock window of a cached read's answer
// (Engine::TakeAnswerWindow): the JS host may hand it out again for the same arguments while
// Date.now() is in [from, until) and no other call reached the store.
#pragma once

#include <map>
#include <optional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/engine.h"

namespace edgetally {

// One operation call's reply (see above).
struct CallReply {
  bool ok = false;
  std::string text;    // the result's JSON text, or the error object {code, message, details}
  std::string events;  // a JSON array of notifications; empty when there are none
  int64_t bytes = -1;  // how many bytes the call handed out (ResultBytes); -1 for none
  std::optional<TimeWindow> keep;  // a cached read's answer window (successful calls only)
};

class EngineRegistry {
 public:
  // config: {"storage": "memory"} or {"storage": "js", "backendId": n, "path": "..."}.
  // Result: {"handle": n, ...Engine::Info()}.
  std::string Open(const std::string& config_json);
  // Runs operation `op` of store `handle` on its JSON argument text.
  CallReply Call(int handle, std::string_view op, std::string_view args_json);
  std::string Close(int handle);
  // The bytes the last call of `handle` handed out (its envelope said "bytes": n), valid until
  // the next call; empty when there are none.
  std::string_view ResultBytes(int handle) const;

 private:
  // Open and Call without the catch of a C++ exception the core let escape.
  std::string OpenUnguarded(const std::string& config_json);
  CallReply CallUnguarded(int handle, std::string_view op, std::string_view args_json);

  std::map<int, std::unique_ptr<Engine>> engines_;
  std::map<int, std::string> result_bytes_;
  int next_handle_ = 1;
};

// The envelopes, exposed for the bindings' other entry points.
std::string OkEnvelope(const nlohmann::json& result);
std::string ErrorEnvelope(const Status& status);
// The error object of an envelope: {code, message, details?}.
std::string ErrorJson(const Status& status);

}  // namespace edgetally
