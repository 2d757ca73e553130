#include "schema/bundled_schemas.h"

#include <cstddef>

#if !defined(KEELSON_AWS_SCHEMA_FILE) || !defined(KEELSON_HELM_SCHEMA_FILE) || \
    !defined(KEELSON_KUBERNETES_SCHEMA_FILE)
#error "KEELSON_{AWS,HELM,KUBERNETES}_SCHEMA_FILE must name the provider schema files to embed"
#endif

// Each file is embedded with the assembler rather than generated into a C++
// array: a 2.5 MB initializer would slow every compile of this file.
// The symbols are global so link-time optimization may move the reader to
// another partition, and hidden so a shared library does not export them. A
// NUL byte follows the data so the text can also be used as a C string.
#define KEELSON_EMBED(name, file)                            \
  asm(".section .rodata\n"                                   \
      ".balign 16\n"                                         \
      ".globl keelson_bundled_" #name "_schema_begin\n"      \
      ".hidden keelson_bundled_" #name "_schema_begin\n"     \
      ".globl keelson_bundled_" #name "_schema_end\n"        \
      ".hidden keelson_bundled_" #name "_schema_end\n"       \
      "keelson_bundled_" #name "_schema_begin:\n"            \
      ".incbin \"" file "\"\n"                               \
      "keelson_bundled_" #name "_schema_end:\n"              \
      ".byte 0\n"                                            \
      ".previous\n");                                        \
  extern "C" __attribute__((visibility("hidden"))) const char \
      keelson_bundled_##name##_schema_begin[];               \
  extern "C" __attribute__((visibility("hidden"))) const char keelson_bundled_##name##_schema_end[];

KEELSON_EMBED(aws, KEELSON_AWS_SCHEMA_FILE)
KEELSON_EMBED(helm, KEELSON_HELM_SCHEMA_FILE)
KEELSON_EMBED(kubernetes, KEELSON_KUBERNETES_SCHEMA_FILE)

namespace keelson::schema {
namespace {

std::string_view view(const char* begin, const char* end) {
  return std::string_view(begin, static_cast<std::size_t>(end - begin));
}

}  // namespace

std::string_view bundled_aws_schema_json() {
  return view(keelson_bundled_aws_schema_begin, keelson_bundled_aws_schema_end);
}

std::string_view bundled_helm_schema_json() {
  return view(keelson_bundled_helm_schema_begin, keelson_bundled_helm_schema_end);
}

std::string_view bundled_kubernetes_schema_json() {
  return view(keelson_bundled_kubernetes_schema_begin, keelson_bundled_kubernetes_schema_end);
}

}  // namespace keelson::schema
