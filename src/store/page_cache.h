// PageCache: SQLite's own page cache (pcache1) behind a thin wrapper that skips the
// truncations that cannot drop a page.
//
// Why: when a B-tree balance reorders sibling pages, SQLite 3.53 (balance_nonroot) moves one
// page through a temporary page number, the pending-byte page's (1 GiB / page size + 1:
// 262,145 at 4 KiB), and back. pcache1 then remembers that number as its largest key, and the
// transaction's end (pager_end_transaction truncates the cache to the database size) finds a
// key above the limit and, the gap being wider than its hash table, walks every bucket and
// every cached page. A memory store keeps all its pages cached, so each small write that lands
// in the middle of an index (an event's per-target index, a connection's unique key, a random
// key) paid a walk over the whole store: 40% of the CPU of one-row transactions with random
// keys on 200K rows, 9% of one-event logEvents calls on a small store (native perf).
//
// The wrapper keeps, per cache, an upper bound of the keys pcache1 holds (every key fetched or
// moved to) apart from one page parked above it (the balance's temporary number, until it
// moves back), and forwards a truncation only when a page at or above the limit may exist.
// Everything else goes to pcache1 unchanged, so what SQLite reads and writes is not affected.
#pragma once

namespace edgetally {

// Installs the wrapper as SQLite's page cache, once per process. Must run before SQLite
// initializes (the first sqlite3_open or sqlite3_vfs_register); later calls do nothing. If
// SQLite was already initialized, its default page cache stays (same behaviour, slower).
void InstallPageCache();

// True when the wrapper is SQLite's page cache in this process (for tests).
bool PageCacheInstalled();

}  // namespace edgetally
