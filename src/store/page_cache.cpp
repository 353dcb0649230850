// PageCache: pcache1 behind a wrapper that skips truncations with nothing to drop (see the
// header for why).
#include "store/page_cache.h"

#include <new>

#include <sqlite3.h>

namespace edgetally {

namespace {

sqlite3_pcache_methods2 g_inner;  // SQLite's default page cache (pcache1)
bool g_installed = false;

struct Cache {
  sqlite3_pcache* inner;
  unsigned max_key = 0;  // >= every key pcache1 may hold, but `parked`
  unsigned parked = 0;   // a page moved above max_key and not moved since; 0: none
};

Cache* Of(sqlite3_pcache* cache) { return reinterpret_cast<Cache*>(cache); }

int Init(void*) { return g_inner.xInit(g_inner.pArg); }
void Shutdown(void*) {
  if (g_inner.xShutdown) g_inner.xShutdown(g_inner.pArg);
}

sqlite3_pcache* Create(int page_size, int extra, int purgeable) {
  sqlite3_pcache* inner = g_inner.xCreate(page_size, extra, purgeable);
  if (!inner) return nullptr;
  Cache* cache = new (std::nothrow) Cache{inner};
  if (!cache) g_inner.xDestroy(inner);
  return reinterpret_cast<sqlite3_pcache*>(cache);
}

void Cachesize(sqlite3_pcache* cache, int pages) { g_inner.xCachesize(Of(cache)->inner, pages); }
int Pagecount(sqlite3_pcache* cache) { return g_inner.xPagecount(Of(cache)->inner); }

sqlite3_pcache_page* Fetch(sqlite3_pcache* cache, unsigned key, int create) {
  Cache* c = Of(cache);
  sqlite3_pcache_page* page = g_inner.xFetch(c->inner, key, create);
  if (page && key > c->max_key && key != c->parked) c->max_key = key;
  return page;
}

void Unpin(sqlite3_pcache* cache, sqlite3_pcache_page* page, int discard) {
  g_inner.xUnpin(Of(cache)->inner, page, discard);  // a dropped page only loosens the bound
}

void Rekey(sqlite3_pcache* cache, sqlite3_pcache_page* page, unsigned old_key, unsigned new_key) {
  Cache* c = Of(cache);
  g_inner.xRekey(c->inner, page, old_key, new_key);
  if (old_key == c->parked) c->parked = 0;  // keys are unique: the parked page moved away
  if (new_key <= c->max_key) return;
  if (c->parked == 0) {
    c->parked = new_key;
  } else {  // a second page above the bound: fold both into it
    c->max_key = new_key > c->parked ? new_key : c->parked;
    c->parked = 0;
  }
}

void Truncate(sqlite3_pcache* cache, unsigned limit) {
  Cache* c = Of(cache);
  bool parked_above = c->parked != 0 && c->parked >= limit;
  if (c->max_key < limit && !parked_above) return;  // no page at or above `limit`
  g_inner.xTruncate(c->inner, limit);
  if (limit <= c->max_key) c->max_key = limit == 0 ? 0 : limit - 1;
  if (parked_above) c->parked = 0;
}

void Destroy(sqlite3_pcache* cache) {
  g_inner.xDestroy(Of(cache)->inner);
  delete Of(cache);
}

void Shrink(sqlite3_pcache* cache) { g_inner.xShrink(Of(cache)->inner); }

}  // namespace

void InstallPageCache() {
  static bool done = false;
  if (done) return;
  done = true;
  if (sqlite3_config(SQLITE_CONFIG_GETPCACHE2, &g_inner) != SQLITE_OK || !g_inner.xCreate) return;
  sqlite3_pcache_methods2 wrapper = {1,        nullptr,   Init,   Shutdown, Create,  Cachesize,
                                     Pagecount, Fetch,    Unpin,  Rekey,    Truncate, Destroy, Shrink};
  g_installed = sqlite3_config(SQLITE_CONFIG_PCACHE2, &wrapper) == SQLITE_OK;
}

bool PageCacheInstalled() { return g_installed; }

}  // namespace edgetally
