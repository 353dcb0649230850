// EngineRegistry: handle bookkeeping and JSON envelopes around Engine.
#include "bindings/engine_registry.h"

#include <algorithm>

#include "bindings/js_storage_backend.h"
#include "common/args.h"

namespace edgetally {

namespace {

Result<nlohmann::json> ParseArgs(const std::string& text) {
  nlohmann::json parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    return Status(ErrorCode::InvalidArgument, "arguments are not valid JSON");
  }
  return parsed;
}

Result<std::unique_ptr<Engine>> OpenFromConfig(const nlohmann::json& config) {
  ET_RETURN_IF_ERROR(RequireObject(config, "config"));
  ET_ASSIGN_OR_RETURN(std::string storage, RequireString(config, "storage"));
  if (storage == "memory") return Engine::Open(nullptr, "");
  if (storage != "js") {
    return Status(ErrorCode::UnknownStorage, "unknown storage '" + storage + "'");
  }
  ET_ASSIGN_OR_RETURN(int64_t backend_id, RequireInt(config, "backendId", 0, 1 << 30));
  ET_ASSIGN_OR_RETURN(std::string path, RequireString(config, "path"));
  ET_ASSIGN_OR_RETURN(std::optional<std::string> verify, OptionalString(config, "verify"));
  if (verify && *verify != "quick" && *verify != "none") {
    return Status(ErrorCode::InvalidArgument, "verify must be 'none' or 'quick'", {{"field", "verify"}});
  }
  OpenOptions options{.verify_quick = verify == "quick"};
  return Engine::Open(std::make_unique<JsStorageBackend>(static_cast<int>(backend_id)), path, options);
}

}  // namespace

static nlohmann::json ErrorObject(const Status& status) {
  nlohmann::json error = {{"code", ErrorCodeName(status.code())}, {"message", status.message()}};
  if (!status.details().is_null()) error["details"] = status.details();
  return error;
}

std::string ErrorJson(const Status& status) {
  return ErrorObject(status).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string OkEnvelope(const nlohmann::json& result) {
  nlohmann::json envelope = {{"ok", true}, {"result", result}};
  return envelope.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string ErrorEnvelope(const Status& status) {
  nlohmann::json envelope = {{"ok", false}, {"error", ErrorObject(status)}};
  return envelope.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Open and Call catch what the core let escape (std::bad_alloc when wasm memory cannot grow, a
// library's throw): an uncaught C++ exception reached JS as a WebAssembly.Exception with no
// message at all. It comes back as INTERNAL naming what was running and what() said.
static Status Escaped(std::string_view what, const char* detail) {
  return Status(ErrorCode::Internal, std::string(what) + " failed: C++ exception: " + detail);
}

std::string EngineRegistry::Open(const std::string& config_json) {
  try {
    return OpenUnguarded(config_json);
  } catch (const std::exception& e) {
    return ErrorEnvelope(Escaped("open", e.what()));
  } catch (...) {
    return ErrorEnvelope(Escaped("open", "unknown"));
  }
}

std::string EngineRegistry::OpenUnguarded(const std::string& config_json) {
  Result<nlohmann::json> config = ParseArgs(config_json);
  if (!config.ok()) return ErrorEnvelope(config.status());
  Result<std::unique_ptr<Engine>> engine = OpenFromConfig(config.value());
  if (!engine.ok()) return ErrorEnvelope(engine.status());
  Result<nlohmann::json> info = engine.value()->Info();
  if (!info.ok()) return ErrorEnvelope(info.status());
  int handle = next_handle_++;
  engines_[handle] = std::move(engine).value();
  info.value()["handle"] = handle;
  return OkEnvelope(info.value());
}

CallReply EngineRegistry::Call(int handle, std::string_view op, std::string_view args_json) {
  try {
    return CallUnguarded(handle, op, args_json);
  } catch (const std::exception& e) {
    return CallReply{.text = ErrorJson(Escaped(op, e.what()))};
  } catch (...) {
    return CallReply{.text = ErrorJson(Escaped(op, "unknown"))};
  }
}

CallReply EngineRegistry::CallUnguarded(int handle, std::string_view op, std::string_view args_json) {
  CallReply reply;
  auto it = engines_.find(handle);
  if (it == engines_.end()) {
    reply.text = ErrorJson(Status(ErrorCode::StoreClosed, "the store is closed"));
    return reply;
  }
  Engine& engine = *it->second;
  if (!result_bytes_.empty()) result_bytes_.erase(handle);
  Result<std::string> result = engine.CallForText(op, args_json);
  reply.ok = result.ok();
  reply.text = result.ok() ? std::move(result).value() : ErrorJson(result.status());
  std::optional<std::string> bytes = engine.TakeResultBytes();
  if (bytes && reply.ok) {
    reply.bytes = static_cast<int64_t>(bytes->size());
    result_bytes_[handle] = std::move(*bytes);
  }
  std::optional<TimeWindow> keep = engine.TakeAnswerWindow();
  if (reply.ok) reply.keep = keep;
  std::vector<nlohmann::json> events = engine.TakeNotifications();
  if (!events.empty()) {
    reply.events = nlohmann::json(std::move(events)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return reply;
}

std::string_view EngineRegistry::ResultBytes(int handle) const {
  auto it = result_bytes_.find(handle);
  return it == result_bytes_.end() ? std::string_view() : std::string_view(it->second);
}

std::string EngineRegistry::Close(int handle) {
  engines_.erase(handle);
  result_bytes_.erase(handle);
  return OkEnvelope(nullptr);
}

}  // namespace edgetally
