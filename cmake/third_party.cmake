# Third-party headers come from Debian packages (nlohmann-json3-dev, catch2). An emscripten
# build must not see /usr/include (glibc headers clash with emscripten's libc), so both builds
# read them through a folder of symlinks in the build tree that exposes just these two.
set(ET_THIRD_PARTY_INCLUDE ${CMAKE_BINARY_DIR}/third_party/include)
foreach(dir nlohmann catch2)
  if(NOT EXISTS /usr/include/${dir})
    message(FATAL_ERROR "/usr/include/${dir} is missing: run scripts/setup")
  endif()
  file(MAKE_DIRECTORY ${ET_THIRD_PARTY_INCLUDE})
  file(CREATE_LINK /usr/include/${dir} ${ET_THIRD_PARTY_INCLUDE}/${dir} SYMBOLIC)
endforeach()
add_library(et_third_party INTERFACE)
target_include_directories(et_third_party SYSTEM INTERFACE ${ET_THIRD_PARTY_INCLUDE})
