// Operations: the modules' manifests joined, looked up by name, and described as JSON.
#include "api/operations.h"

#include <map>

#include "api/archive_ops.h"
#include "api/batch_ops.h"
#include "api/bulk_ops.h"
#include "api/metrics_ops.h"
#include "api/quota_ops.h"
#include "api/store_ops.h"
#include "api/sync_ops.h"

namespace edgetally {

namespace {

// One line per module of operations (not per operation: those live in their module).
constexpr OperationModule kModules[] = {
    {"store", StoreOperations},
    {"batch", BatchOperations},
    {"bulk", BulkOperations},
    {"quota", QuotaOperations},
    {"sync", SyncOperations},
    {"metrics", MetricsOperations},
    {"archive", ArchiveOperations},
};

const char* JsSurfaceName(JsSurface js) {
  switch (js) {
    case JsSurface::Method: return "method";
    case JsSurface::Custom: return "custom";
    case JsSurface::Internal: return "internal";
  }
  return "method";
}

struct Index {
  std::map<std::string_view, const Operation*, std::less<>> by_name;
  std::vector<std::pair<std::string_view, const Operation*>> ordered;  // module, operation
};

const Index& TheIndex() {
  static const Index index = [] {
    Index built;
    for (const OperationModule& module : kModules) {
      for (const Operation& op : module.operations()) {
        // A name declared twice would make one of them unreachable: a bug caught by every test.
        assert(!built.by_name.count(op.name));
        built.by_name.emplace(op.name, &op);
        built.ordered.emplace_back(module.name, &op);
      }
    }
    return built;
  }();
  return index;
}

}  // namespace

const Operation* FindOperation(std::string_view name) {
  const auto& by_name = TheIndex().by_name;
  auto it = by_name.find(name);
  return it == by_name.end() ? nullptr : it->second;
}

std::vector<const Operation*> AllOperations() {
  std::vector<const Operation*> out;
  for (const auto& [module, op] : TheIndex().ordered) out.push_back(op);
  return out;
}

nlohmann::json ManifestJson() {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [module, op] : TheIndex().ordered) {
    nlohmann::json entry = {{"name", op->name},         {"module", module},
                            {"args", DescribeSpec(op->args)}, {"bytes", op->bytes},
                            {"result", op->result},     {"writes", op->writes},
                            {"bulk", op->bulk},         {"rawResult", op->raw_result},
                            {"js", JsSurfaceName(op->js)}, {"summary", op->summary}};
    if (!op->js_method.empty()) entry["jsMethod"] = op->js_method;
    if (!op->js_args.empty()) entry["jsArgs"] = op->js_args;
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace edgetally
