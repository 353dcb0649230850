// StoreFormat: what makes a SQLite file an edgetally store, and bringing a file to it before
// the schema migrations run. An edgetally store carries PRAGMA application_id kApplicationId
// and page checksums (page_checksum.h). At open:
//   - an empty file becomes a new store (checksums from its first page on);
//   - a store of this format opens as is (with verify: 'quick', every page is checked first);
//   - a store written before this format (no application id, edgetally's tables) is checked
//     whole (PRAGMA quick_check), then marked and rewritten with checksums by one VACUUM;
//   - any other SQLite file is refused with NotADatabase, and a damaged one with
//     CorruptDatabase, without a byte written.
#pragma once

#include "common/status.h"

namespace edgetally {

class Database;
class Vfs;

struct OpenOptions {
  bool verify_quick = false;  // check every page's checksum before opening
};

// Recognises, verifies and upgrades the file `db` has open through `vfs`, ready for Migrate().
// Writes nothing unless the file is (or becomes) an edgetally store.
Status PrepareStoreFormat(Database& db, Vfs& vfs, const OpenOptions& options);

// Sets the application id inside a write transaction the caller holds (every migration step).
Status MarkAsStore(Database& db);

}  // namespace edgetally
