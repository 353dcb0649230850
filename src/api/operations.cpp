// Operations: name -> function table.
#include "api/operations.h"

#include <utility>

#include "api/store_ops.h"

namespace edgetally {

namespace {
constexpr std::pair<std::string_view, Operation> kOperations[] = {
    {"info", OpInfo},
    {"checkIntegrity", OpCheckIntegrity},
    {"createGroup", OpCreateGroup},
    {"getGroup", OpGetGroup},
    {"insertThing", OpInsertThing},
    {"batchInsertThings", OpBatchInsertThings},
    {"getThing", OpGetThing},
    {"countThings", OpCountThings},
};
}  // namespace

const Operation* FindOperation(std::string_view name) {
  for (const auto& [op_name, op] : kOperations) {
    if (op_name == name) return &op;
  }
  return nullptr;
}

}  // namespace edgetally
