#ifndef KEELSON_GENERATORS_FILE_SET_H_
#define KEELSON_GENERATORS_FILE_SET_H_

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace keelson {

/// Generated files by relative path (`terraform/modules/network/main.tf.json`),
/// built in memory so that nothing is written unless synthesis succeeds.
using FileSet = std::map<std::string, std::string>;

/// The bytes of a generated JSON file: keys sorted, 2-space indent, a
/// trailing newline. The one JSON layout of every generated file.
std::string json_text(const nlohmann::json& document);

}  // namespace keelson

#endif  // KEELSON_GENERATORS_FILE_SET_H_
