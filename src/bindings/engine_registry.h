// EngineRegistry: the open engines of one wasm instance, by integer handle. JS holds only the
// handle (no embind object handles); every call returns a JSON envelope string:
//   {"ok":true,"result":...} or {"ok":false,"error":{"code","message","details"}},
// plus "events":[...] when the call raised notifications (quota alerts) for the JS side, and
// "keep":[from, until] when the answer is a cached read's (Engine::TakeAnswerWindow): the JS
// host may hand it out again for the same arguments while Date.now() is in [from, until) and
// no other call reached the store.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/engine.h"

namespace edgetally {

class EngineRegistry {
 public:
  // config: {"storage": "memory"} or {"storage": "js", "backendId": n, "path": "..."}.
  // Result: {"handle": n, ...Engine::Info()}.
  std::string Open(const std::string& config_json);
  std::string Call(int handle, const std::string& op, std::string_view args_json);
  std::string Close(int handle);
  // The bytes the last call of `handle` handed out (its envelope said "bytes": n), valid until
  // the next call; empty when there are none.
  std::string_view ResultBytes(int handle) const;

 private:
  std::map<int, std::unique_ptr<Engine>> engines_;
  std::map<int, std::string> result_bytes_;
  int next_handle_ = 1;
};

// The envelopes, exposed for the bindings' other entry points.
std::string OkEnvelope(const nlohmann::json& result);
std::string ErrorEnvelope(const Status& status);
// The success envelope around a result that is already JSON text.
std::string OkTextEnvelope(std::string_view result_json);
// Appends "keep" (see above) to a success envelope.
std::string WithKeep(std::string envelope, const TimeWindow& window);
// Appends "events" to an envelope when there are any.
std::string WithEvents(std::string envelope, const std::vector<nlohmann::json>& events);

}  // namespace edgetally
