// The JS surface of the wasm module, and nothing else. One plain exported C function for the
// per-call path (no embind conversions on it, see et_call below), and embind functions on
// JSON text and bytes for the rest:
//   open(configJson) -> envelope
//   close(handle) -> envelope        errorCodes() -> JSON array of {code, description}
//   resultBytes(handle) -> Uint8Array view of the bytes the last call handed out (its reply
//       said bytes = n); the caller copies it (slice) before the next call
//   manifest() -> JSON array: every operation's declaration (api/operations.h ManifestJson)
#include <algorithm>
#include <cstdint>

#include <emscripten/bind.h>
#include <emscripten/emscripten.h>
#include <emscripten/val.h>

#include "api/operations.h"
#include "bindings/engine_registry.h"

namespace {

edgetally::EngineRegistry& Registry() {
  static edgetally::EngineRegistry registry;
  return registry;
}

std::string Open(std::string config) { return Registry().Open(config); }
emscripten::val ResultBytes(int handle) {
  std::string_view bytes = Registry().ResultBytes(handle);
  return emscripten::val(emscripten::typed_memory_view(bytes.size(), reinterpret_cast<const uint8_t*>(bytes.data())));
}
std::string Close(int handle) { return Registry().Close(handle); }
std::string ErrorCodes() { return edgetally::ErrorCodeTable().dump(); }
std::string Manifest() { return edgetally::ManifestJson().dump(); }

// The last call's reply, read by JS straight from wasm memory (js/engine-host.js): the words
// below, then the two window ends as doubles. Valid until the next call.
struct CallReplyWords {
  uint32_t ok;           // 1: text is the result's JSON; 0: text is the error object
  const char* text;
  uint32_t text_length;
  const char* events;    // a JSON array of notifications, events_length 0 when none
  uint32_t events_length;
  int32_t bytes;         // bytes handed out (resultBytes), -1 for none
  uint32_t has_keep;     // 1: the answer holds for clock readings in [keep_from, keep_until)
  uint32_t padding;
  double keep_from;
  double keep_until;
};
static_assert(sizeof(CallReplyWords) == 48, "js/engine-host.js reads this layout");

edgetally::CallReply last_reply;
CallReplyWords last_words;

}  // namespace

// Runs operation `op` (op_length bytes of ASCII) of store `handle` on `args_length` bytes of
// UTF-8 JSON, both in a buffer the caller owns (TextEncoder.encodeInto writes them, far faster
// than embind's string copies), and returns the reply's address (CallReplyWords).
extern "C" EMSCRIPTEN_KEEPALIVE const CallReplyWords* et_call(int handle, const char* op, size_t op_length,
                                                              const char* args, size_t args_length) {
  last_reply = Registry().Call(handle, std::string_view(op, op_length), std::string_view(args, args_length));
  // JS numbers hold integers exactly up to 2^53: the open ends of a window are clamped there,
  // far beyond any clock reading.
  constexpr int64_t kEdge = int64_t{1} << 53;
  const edgetally::CallReply& r = last_reply;
  last_words = {r.ok ? 1u : 0u,
                r.text.data(),
                static_cast<uint32_t>(r.text.size()),
                r.events.data(),
                static_cast<uint32_t>(r.events.size()),
                static_cast<int32_t>(r.bytes),
                r.keep ? 1u : 0u,
                0,
                r.keep ? static_cast<double>(std::clamp(r.keep->from, -kEdge, kEdge)) : 0,
                r.keep ? static_cast<double>(std::clamp(r.keep->until, -kEdge, kEdge)) : 0};
  return &last_words;
}

EMSCRIPTEN_BINDINGS(edgetally) {
  emscripten::function("open", &Open);
  emscripten::function("close", &Close);
  emscripten::function("resultBytes", &ResultBytes);
  emscripten::function("errorCodes", &ErrorCodes);
  emscripten::function("manifest", &Manifest);
}
