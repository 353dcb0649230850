// Writes a store as an older schema version left it, through the real storage path, for the
// migration tests: schema steps 1..version, then the test's rows, then user_version = version.
#pragma once

#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "store/database.h"
#include "store/migrations.h"
#include "store/posix_storage.h"
#include "store/vfs.h"

namespace edgetally::test {

inline void WriteOldStore(const std::string& path, int version, const std::string& rows_sql) {
  PosixStorage storage;
  Vfs vfs(storage);
  auto opened = Database::Open(path, vfs.name());
  REQUIRE(opened.ok());
  std::unique_ptr<Database> db = std::move(opened).value();
  REQUIRE(db->Exec("PRAGMA locking_mode = EXCLUSIVE").ok());
  for (int step = 1; step <= version; ++step) REQUIRE(db->Exec(SchemaStepSql(step)).ok());
  REQUIRE(db->Exec(rows_sql).ok());
  REQUIRE(db->Exec("PRAGMA user_version = " + std::to_string(version)).ok());
}

}  // namespace edgetally::test
