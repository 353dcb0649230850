// BatchResult: written with JsonWriter, no tree.
#include "api/batch_result.h"

#include "common/json_writer.h"

namespace edgetally {

std::string BatchResultText(std::string_view ids_key, const std::vector<int64_t>& ids,
                            const std::vector<RowError>& errors, int64_t total, int64_t failed,
                            std::optional<bool> cancelled, const std::vector<int64_t>* unchanged) {
  JsonWriter out;
  out.BeginObject().Key(ids_key).BeginArray();
  for (int64_t id : ids) out.Int(id);
  out.EndArray().Key("failed").Int(failed).Key("errors").BeginArray();
  for (const RowError& e : errors) {
    out.BeginObject().Key("index").Int(e.index);
    if (e.line > 0) out.Key("line").Int(e.line);
    out.Key("field").String(e.field).Key("code").String(e.rule).Key("message").String(e.message).EndObject();
  }
  out.EndArray().Key("summary").BeginObject().Key("total").Int(total);
  out.Key("success").Int(static_cast<int64_t>(ids.size())).Key("failed").Int(failed).EndObject();
  if (cancelled) out.Key("cancelled").Bool(*cancelled);
  if (unchanged) {
    out.Key("unchanged").BeginArray();
    for (int64_t id : *unchanged) out.Int(id);
    out.EndArray();
  }
  return out.EndObject().Take();
}

}  // namespace edgetally
