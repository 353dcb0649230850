// Operations: name -> function table.
#include "api/operations.h"

#include "api/store_ops.h"

namespace edgetally {

namespace {
constexpr Operation kOperations[] = {
    {"info", OpInfo},
    {"checkIntegrity", OpCheckIntegrity},
    {"createGroup", OpCreateGroup},
    {"getGroup", OpGetGroup},
    {"insertThing", OpInsertThing},
    {"batchInsertThings", nullptr, OpBatchInsertThings},
    {"getThing", OpGetThing},
    {"countThings", OpCountThings},
};
}  // namespace

const Operation* FindOperation(std::string_view name) {
  for (const Operation& op : kOperations) {
    if (op.name == name) return &op;
  }
  return nullptr;
}

}  // namespace edgetally
