// Meta: one SELECT and one upsert on the meta table.
#include "store/meta.h"

#include "store/database.h"
#include "store/statement.h"

namespace edgetally {

namespace {
constexpr const char* kRead = "SELECT value FROM meta WHERE key = ?1";
constexpr const char* kWrite =
    "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
}  // namespace

Result<std::optional<std::string>> ReadMeta(Database& db, std::string_view key) {
  ET_ASSIGN_OR_RETURN(Statement * read, db.Cached(kRead));
  read->Bind(1, key);
  ET_ASSIGN_OR_RETURN(bool found, read->Step());
  std::optional<std::string> value;
  if (found) value = read->ColumnText(0);
  read->Reset();
  return value;
}

Status WriteMeta(Database& db, std::string_view key, std::string_view value) {
  ET_ASSIGN_OR_RETURN(Statement * write, db.Cached(kWrite));
  write->Bind(1, key).Bind(2, value);
  return write->Run();
}

}  // namespace edgetally
