// Space: how many pages the store file has and how many are free, and giving free pages back
// to the file system. New stores are created with auto_vacuum = INCREMENTAL (store_format.cpp),
// so the free pages an archival run leaves are returned by PRAGMA incremental_vacuum in small
// steps (each a short write transaction: a dashboard call waits at most one step). Stores
// created before that have auto_vacuum = NONE: switching needs a full VACUUM (rewrites the
// whole file, twice its size on disk, seconds at a million events) which edgetally does not
// run behind the app's back; there the freed pages stay in the file and are reused by later
// writes (reported as free pages, reclaim "reuse").
#pragma once

#include <cstdint>

#include "common/status.h"

namespace edgetally {

class Database;

struct PageCounts {
  int64_t pages = 0;       // the file's size in pages
  int64_t free_pages = 0;  // on the freelist
  int64_t page_size = 0;
  bool incremental = false;  // auto_vacuum = INCREMENTAL: free pages can be given back
};

Result<PageCounts> CountPages(Database& db);
// Gives back up to `max_pages` free pages (incremental stores; a no-op otherwise). In the
// caller's write transaction.
Status ReclaimPages(Database& db, int64_t max_pages);

// Keeps an archive commit's dirty pages in memory until it commits, for as long as it lives
// (PRAGMA cache_spill = -kib). By default SQLite spills once its page cache (cache_size) is full
// of dirty pages: it syncs the rollback journal (twice at synchronous = FULL) and writes pages
// to the database file mid-transaction, and the commit then syncs the journal twice again; a
// chunk's delete plus the first reclaim step (the run's last commit) went over the 8 MiB cache
// and paid two fsyncs more. The commit is the same transaction either way; memory is bounded
// by `kib` (spilling resumes past it). The destructor restores the default (spill when full).
class SpillThreshold {
 public:
  SpillThreshold(Database& db, int64_t kib);
  ~SpillThreshold();
  SpillThreshold(const SpillThreshold&) = delete;
  SpillThreshold& operator=(const SpillThreshold&) = delete;

 private:
  Database& db_;
  bool raised_;
};

}  // namespace edgetally
