#include "schema/bundled_aws_schema.h"

#include <cstddef>

#ifndef KEELSON_AWS_SCHEMA_FILE
#error "KEELSON_AWS_SCHEMA_FILE must name the AWS provider schema JSON file to embed"
#endif

// The file is embedded with the assembler rather than generated into a C++
// array: a 2.5 MB initializer would slow every compile of this file.
// The symbols are global so link-time optimization may move the reader to
// another partition, and hidden so a shared library does not export them. A
// NUL byte follows the data so the text can also be used as a C string.
// clang-format off
asm(".section .rodata\n"
    ".balign 16\n"
    ".globl keelson_bundled_aws_schema_begin\n"
    ".hidden keelson_bundled_aws_schema_begin\n"
    ".globl keelson_bundled_aws_schema_end\n"
    ".hidden keelson_bundled_aws_schema_end\n"
    "keelson_bundled_aws_schema_begin:\n"
    ".incbin \"" KEELSON_AWS_SCHEMA_FILE "\"\n"
    "keelson_bundled_aws_schema_end:\n"
    ".byte 0\n"
    ".previous\n");
// clang-format on

extern "C" __attribute__((visibility("hidden"))) const char keelson_bundled_aws_schema_begin[];
extern "C" __attribute__((visibility("hidden"))) const char keelson_bundled_aws_schema_end[];

namespace keelson::schema {

std::string_view bundled_aws_schema_json() {
  return std::string_view(
      keelson_bundled_aws_schema_begin,
      static_cast<std::size_t>(keelson_bundled_aws_schema_end - keelson_bundled_aws_schema_begin));
}

}  // namespace keelson::schema
