#include "synth/file_text.h"

#include <fstream>
#include <sstream>

namespace keelson {

std::string file_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace keelson
