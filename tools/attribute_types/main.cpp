// Writes the attribute type table (schema/attribute_type_table.h) of provider
// schema files, at build time, so synthesis never parses the schemas.
//
//   keelson_attribute_types OUTPUT SCHEMA.json...

#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "schema/attribute_type_table.h"
#include "schema/provider_schema.h"

namespace {

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s OUTPUT SCHEMA.json...\n", argv[0]);
    return 2;
  }
  try {
    keelson::schema::ProviderSchemas schemas;
    for (int i = 2; i < argc; ++i) schemas.merge(keelson::schema::ProviderSchemas::load(argv[i]));
    const std::string table = keelson::schema::AttributeTypeTable::build(schemas);
    const std::filesystem::path output = argv[1];
    // Left untouched when unchanged, so the library is not rebuilt for nothing.
    if (std::filesystem::exists(output) && read_file(output) == table) return 0;
    if (output.has_parent_path()) std::filesystem::create_directories(output.parent_path());
    const std::filesystem::path temporary = output.string() + ".new";
    {
      std::ofstream out(temporary, std::ios::binary);
      out << table;
      if (!out.flush()) {
        std::fprintf(stderr, "cannot write %s\n", temporary.string().c_str());
        return 1;
      }
    }
    std::filesystem::rename(temporary, output);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}
