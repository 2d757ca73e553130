#ifndef KEELSON_GENERATORS_FILE_SET_H_
#define KEELSON_GENERATORS_FILE_SET_H_

#include <map>
#include <string>

namespace keelson {

/// Generated files by relative path (`terraform/modules/network/main.tf.json`),
/// built in memory so that nothing is written unless synthesis succeeds.
using FileSet = std::map<std::string, std::string>;

}  // namespace keelson

#endif  // KEELSON_GENERATORS_FILE_SET_H_
