# SQLite: the pinned amalgamation, fetched and checksum-verified by scripts/fetch-sqlite (the
# one place the version and checksums live), compiled once per build tree.
execute_process(
  COMMAND ${CMAKE_SOURCE_DIR}/scripts/fetch-sqlite
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
  OUTPUT_VARIABLE ET_SQLITE_DIR OUTPUT_STRIP_TRAILING_WHITESPACE
  RESULT_VARIABLE ET_SQLITE_FETCH)
if(NOT ET_SQLITE_FETCH EQUAL 0)
  message(FATAL_ERROR "scripts/fetch-sqlite failed")
endif()
set(ET_SQLITE_DIR ${CMAKE_SOURCE_DIR}/${ET_SQLITE_DIR})

add_library(et_sqlite3 STATIC ${ET_SQLITE_DIR}/sqlite3.c)
target_include_directories(et_sqlite3 SYSTEM PUBLIC ${ET_SQLITE_DIR})
# OS_OTHER: no built-in unix VFS; src/store/vfs.cpp provides the only ones. The rest are
# SQLite's recommended size/speed options plus features edgetally never uses.
target_compile_definitions(et_sqlite3 PUBLIC
  SQLITE_OS_OTHER=1
  SQLITE_THREADSAFE=0
  SQLITE_TEMP_STORE=3
  SQLITE_DQS=0
  SQLITE_DEFAULT_MEMSTATUS=0
  SQLITE_LIKE_DOESNT_MATCH_BLOBS
  SQLITE_MAX_EXPR_DEPTH=0
  SQLITE_OMIT_DECLTYPE
  SQLITE_OMIT_DEPRECATED
  SQLITE_OMIT_PROGRESS_CALLBACK
  SQLITE_OMIT_SHARED_CACHE
  SQLITE_OMIT_LOAD_EXTENSION
  SQLITE_OMIT_UTF16
  SQLITE_OMIT_COMPLETE
  SQLITE_OMIT_GET_TABLE
  SQLITE_OMIT_TCL_VARIABLE
  SQLITE_OMIT_WAL
  SQLITE_USE_ALLOCA)
# More features no edgetally code or test uses, left out for size: the authorizer, tracing,
# incremental blob I/O, the introspection and case_sensitive_like pragmas, mmap, localtime,
# serialize/deserialize, compile-option listing and test hooks. Only options the amalgamation
# honours as they are (#ifdef'd code, pragma table entries): none changes the grammar or the
# keyword table (SQLITE_OMIT_EXPLAIN would, so it stays out). PRIVATE: sqlite3.h is unchanged
# for the calls the core makes.
target_compile_definitions(et_sqlite3 PRIVATE
  SQLITE_OMIT_AUTHORIZATION
  SQLITE_OMIT_TRACE
  SQLITE_OMIT_INCRBLOB
  SQLITE_OMIT_INTROSPECTION_PRAGMAS
  SQLITE_OMIT_CASE_SENSITIVE_LIKE_PRAGMA
  SQLITE_MAX_MMAP_SIZE=0
  SQLITE_OMIT_LOCALTIME
  SQLITE_OMIT_DESERIALIZE
  SQLITE_OMIT_COMPILEOPTION_DIAGS
  SQLITE_UNTESTABLE)
# In wasm, -Oz shrinks SQLite by a third (gzipped ~350 KB instead of ~460 KB for the module)
# at no measurable cost on the insert benchmark (the core stays at -O3); natively -O2.
if(EMSCRIPTEN)
  set(ET_SQLITE_OPT -Oz CACHE STRING "optimization flag for SQLite")
else()
  set(ET_SQLITE_OPT -O2 CACHE STRING "optimization flag for SQLite")
endif()
target_compile_options(et_sqlite3 PRIVATE ${ET_SQLITE_OPT} -w)
