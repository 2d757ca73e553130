#include "generators/file_set.h"

#include <nlohmann/json.hpp>

namespace keelson {

std::string json_text(const nlohmann::json& document) { return document.dump(2) + "\n"; }

}  // namespace keelson
