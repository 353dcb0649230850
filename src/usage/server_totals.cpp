// ServerTotals: one upsert and one lookup.
#include "usage/server_totals.h"

#include "store/database.h"
#include "store/statement.h"
#include "usage/ledger.h"
#include "usage/quantity.h"

namespace edgetally {

namespace {
constexpr const char* kUpsert =
    "INSERT INTO server_totals (group_id, metric, bucket, value, as_of) VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT DO UPDATE SET value = excluded.value, as_of = excluded.as_of "
    "WHERE excluded.as_of >= server_totals.as_of";
constexpr const char* kRead =
    "SELECT value, as_of FROM server_totals WHERE group_id = ?1 AND metric = ?2 AND bucket = ?3";
}  // namespace

Status SetServerTotal(Database& db, const std::string& group_id, const std::string& metric,
                      int64_t bucket, const ServerTotal& total) {
  std::string field = "totals." + metric;
  ET_RETURN_IF_ERROR(CheckQuantity(total.value, field));
  ET_ASSIGN_OR_RETURN(BucketTotals local, ReadTotals(db, group_id, metric, bucket));
  ET_RETURN_IF_ERROR(AddQuantity(total.value, local.unacked, field, "the " + metric + " total with the unacknowledged records").status());
  ET_ASSIGN_OR_RETURN(Statement * stmt, db.Cached(kUpsert));
  stmt->Bind(1, group_id).Bind(2, metric).Bind(3, bucket).Bind(4, total.value).Bind(5, total.as_of);
  return stmt->Run();
}

Result<std::optional<ServerTotal>> ReadServerTotal(Database& db, const std::string& group_id,
                                                   const std::string& metric, int64_t bucket) {
  ET_ASSIGN_OR_RETURN(Statement * stmt, db.Cached(kRead));
  stmt->Bind(1, group_id).Bind(2, metric).Bind(3, bucket);
  ET_ASSIGN_OR_RETURN(bool found, stmt->Step());
  std::optional<ServerTotal> total;
  if (found) total = ServerTotal{stmt->ColumnInt(0), stmt->ColumnInt(1)};
  stmt->Reset();
  return total;
}

}  // namespace edgetally
