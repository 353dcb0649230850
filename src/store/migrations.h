// Migrations: the numbered schema steps. PRAGMA user_version holds the number of steps
// applied. Migrate() applies the missing ones in one transaction each, and refuses a database
// whose version is newer than this build knows (SchemaTooNew) without writing to it.
#pragma once

#include "common/status.h"

namespace edgetally {

class Database;

// The schema version this build writes.
int LatestSchemaVersion();

// The SQL of schema step `version` (1-based), nullptr outside 1..LatestSchemaVersion(): for
// tests that build a store as an older version wrote it.
const char* SchemaStepSql(int version);

// Reads the database's version; NotADatabase/CorruptDatabase if the file is not usable.
Result<int> ReadSchemaVersion(Database& db);

// Brings the database to LatestSchemaVersion(). Reads before it writes, so a rejected file
// (not a database, corrupt, too new) is left byte-for-byte unchanged.
Status Migrate(Database& db);

}  // namespace edgetally
