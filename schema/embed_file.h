#ifndef KEELSON_SCHEMA_EMBED_FILE_H_
#define KEELSON_SCHEMA_EMBED_FILE_H_

#include <cstddef>
#include <string_view>

// KEELSON_EMBED_FILE(name, "file") puts the bytes of a file, read when the
// translation unit is compiled, into the binary as
// `std::string_view keelson_embedded_<name>()`.
//
// The file is embedded with the assembler rather than generated into a C++
// array: a multi-megabyte initializer would slow every compile. The symbols
// are global so link-time optimization may move the reader to another
// partition, and hidden so a shared library does not export them. A NUL byte
// follows the data so the text can also be used as a C string. Use it in one
// source file per name, at namespace scope.
// clang-format off
#define KEELSON_EMBED_FILE(name, file)                                           \
  asm(".section .rodata\n"                                                       \
      ".balign 16\n"                                                             \
      ".globl keelson_embedded_" #name "_begin\n"                                \
      ".hidden keelson_embedded_" #name "_begin\n"                               \
      ".globl keelson_embedded_" #name "_end\n"                                  \
      ".hidden keelson_embedded_" #name "_end\n"                                 \
      "keelson_embedded_" #name "_begin:\n"                                      \
      ".incbin \"" file "\"\n"                                                   \
      "keelson_embedded_" #name "_end:\n"                                        \
      ".byte 0\n"                                                                \
      ".previous\n");                                                            \
  extern "C" __attribute__((visibility("hidden"))) const char                    \
      keelson_embedded_##name##_begin[];                                         \
  extern "C" __attribute__((visibility("hidden"))) const char                    \
      keelson_embedded_##name##_end[];                                           \
  static std::string_view keelson_embedded_##name() {                            \
    const char* const begin = keelson_embedded_##name##_begin;                   \
    return std::string_view(                                                     \
        begin, static_cast<std::size_t>(keelson_embedded_##name##_end - begin)); \
  }
// clang-format on

#endif  // KEELSON_SCHEMA_EMBED_FILE_H_
