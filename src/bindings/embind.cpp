// The embind surface of the wasm module, and nothing else: five functions on JSON text and bytes.
//   open(configJson) -> envelope
//   call(handle, op, argsPtr, argsLength) -> envelope: the arguments are UTF-8 JSON that the
//       caller wrote into a buffer from _malloc (TextEncoder.encodeInto is far faster than
//       embind's string copy for multi-megabyte batches); the caller frees it after the call
//   close(handle) -> envelope        errorCodes() -> JSON array of {code, description}
//   resultBytes(handle) -> Uint8Array view of the bytes the last call handed out (its envelope
//       said "bytes": n); the caller copies it (slice) before the next call
//   manifest() -> JSON array: every operation's declaration (api/operations.h ManifestJson)
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "api/operations.h"
#include "bindings/engine_registry.h"

namespace {

edgetally::EngineRegistry& Registry() {
  static edgetally::EngineRegistry registry;
  return registry;
}

std::string Open(std::string config) { return Registry().Open(config); }
std::string Call(int handle, std::string op, uintptr_t args, size_t length) {
  return Registry().Call(handle, op, std::string_view(reinterpret_cast<const char*>(args), length));
}
emscripten::val ResultBytes(int handle) {
  std::string_view bytes = Registry().ResultBytes(handle);
  return emscripten::val(emscripten::typed_memory_view(bytes.size(), reinterpret_cast<const uint8_t*>(bytes.data())));
}
std::string Close(int handle) { return Registry().Close(handle); }
std::string ErrorCodes() { return edgetally::ErrorCodeTable().dump(); }
std::string Manifest() { return edgetally::ManifestJson().dump(); }

}  // namespace

EMSCRIPTEN_BINDINGS(edgetally) {
  emscripten::function("open", &Open);
  emscripten::function("call", &Call);
  emscripten::function("close", &Close);
  emscripten::function("resultBytes", &ResultBytes);
  emscripten::function("errorCodes", &ErrorCodes);
  emscripten::function("manifest", &Manifest);
}
