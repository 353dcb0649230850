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

std::string WithEvents(std::string envelope, const std::vector<nlohmann::json>& events) {
  if (events.empty()) return envelope;
  envelope.pop_back();  // the closing brace
  return envelope + ",\"events\":" + nlohmann::json(events).dump() + "}";
}

std::string WithKeep(std::string envelope, const TimeWindow& window) {
  // JS numbers hold integers exactly up to 2^53: the open ends of a window are clamped there,
  // far beyond any clock reading.
  constexpr int64_t kEdge = int64_t{1} << 53;
  envelope.pop_back();  // the closing brace
  return envelope + ",\"keep\":[" + std::to_string(std::clamp(window.from, -kEdge, kEdge)) + "," +
         std::to_string(std::clamp(window.until, -kEdge, kEdge)) + "]}";
}

std::string OkTextEnvelope(std::string_view result_json) {
  std::string envelope = "{\"ok\":true,\"result\":";
  envelope.reserve(envelope.size() + result_json.size() + 1);
  envelope.append(result_json);
  envelope.push_back('}');
  return envelope;
}

std::string OkEnvelope(const nlohmann::json& result) {
  nlohmann::json envelope = {{"ok", true}, {"result", result}};
  return envelope.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string ErrorEnvelope(const Status& status) {
  nlohmann::json error = {{"code", ErrorCodeName(status.code())}, {"message", status.message()}};
  if (!status.details().is_null()) error["details"] = status.details();
  nlohmann::json envelope = {{"ok", false}, {"error", error}};
  return envelope.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string EngineRegistry::Open(const std::string& config_json) {
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

std::string EngineRegistry::Call(int handle, const std::string& op, std::string_view args_json) {
  auto it = engines_.find(handle);
  if (it == engines_.end()) return ErrorEnvelope(Status(ErrorCode::StoreClosed, "the store is closed"));
  result_bytes_.erase(handle);
  Result<std::string> result = it->second->CallForText(op, args_json);
  std::string envelope = result.ok() ? OkTextEnvelope(result.value()) : ErrorEnvelope(result.status());
  std::optional<std::string> bytes = it->second->TakeResultBytes();
  if (bytes && result.ok()) {
    envelope.pop_back();  // the closing brace
    envelope += ",\"bytes\":" + std::to_string(bytes->size()) + "}";
    result_bytes_[handle] = std::move(*bytes);
  }
  std::optional<TimeWindow> keep = it->second->TakeAnswerWindow();
  if (result.ok() && keep) envelope = WithKeep(std::move(envelope), *keep);
  return WithEvents(std::move(envelope), it->second->TakeNotifications());
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
