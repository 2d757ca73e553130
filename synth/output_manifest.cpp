#include "synth/output_manifest.h"

#include <algorithm>
#include <fstream>

namespace keelson {

namespace fs = std::filesystem;

Manifest Manifest::read(const fs::path& out) {
  Manifest manifest;
  const fs::path file = out / kFileName;
  if (!fs::exists(fs::symlink_status(file))) return manifest;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw fs::filesystem_error("cannot read", file, std::make_error_code(std::errc::io_error));
  }
  manifest.found = true;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    manifest.files.insert(line);
  }
  return manifest;
}

std::string Manifest::render() const {
  std::string text =
      "# Files keelson wrote in this directory; it deletes no others. Written by synth.\n";
  for (const auto& file : files) text += file + "\n";
  return text;
}

namespace {

// `relative` is built while descending rather than computed, so symbolic
// links in the output directory's own path do not matter.
void collect(const fs::path& out, const std::string& relative,
             const std::function<bool(const std::string&)>& is_keelson_file,
             std::vector<std::string>& foreign) {
  const fs::path path = out / relative;
  const auto status = fs::symlink_status(path);
  if (!fs::exists(status)) return;
  if (fs::is_directory(status)) {
    for (const auto& entry : fs::directory_iterator(path)) {
      collect(out, relative + "/" + entry.path().filename().string(), is_keelson_file, foreign);
    }
    return;
  }
  if (!is_keelson_file(relative)) foreign.push_back(relative);
}

}  // namespace

std::vector<std::string> foreign_files(
    const fs::path& out, const std::vector<std::string>& owned,
    const std::function<bool(const std::string&)>& is_keelson_file) {
  std::vector<std::string> foreign;
  for (const auto& dir : owned) collect(out, dir, is_keelson_file, foreign);
  std::sort(foreign.begin(), foreign.end());
  return foreign;
}

}  // namespace keelson
