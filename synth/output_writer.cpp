#include "synth/output_writer.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

namespace keelson {
namespace {

namespace fs = std::filesystem;

void write_file(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(content.data(), static_cast<std::streamsize>(content.size()));
  file.close();
  if (!file) {
    throw fs::filesystem_error("cannot write", path, std::make_error_code(std::errc::io_error));
  }
}

std::string read_file(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

bool is_below(const std::string& path, const std::string& dir) {
  return path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 &&
         path[dir.size()] == '/';
}

bool is_owned(const Synthesis& synthesis, const std::string& path) {
  for (const auto& dir : synthesis.owned) {
    if (is_below(path, dir)) return true;
  }
  return false;
}

// Files currently below the owned directories of `dir`, by relative path.
std::map<std::string, fs::path> existing_files(const Synthesis& synthesis, const fs::path& dir) {
  std::map<std::string, fs::path> out;
  for (const auto& owned : synthesis.owned) {
    if (!fs::is_directory(dir / owned)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(dir / owned)) {
      if (entry.is_regular_file()) {
        out.emplace(fs::relative(entry.path(), dir).generic_string(), entry.path());
      }
    }
  }
  return out;
}

std::string json_path(const std::string& pointer) {
  std::string out;
  for (const char c : pointer) out += c == '/' ? '.' : c;
  return out.empty() ? "." : out.substr(1);
}

std::vector<std::string> json_details(const std::string& before, const std::string& after) {
  const auto old_doc = nlohmann::json::parse(before, nullptr, false);
  const auto new_doc = nlohmann::json::parse(after, nullptr, false);
  if (old_doc.is_discarded() || new_doc.is_discarded()) return {};
  std::vector<std::string> out;
  for (const auto& op : nlohmann::json::diff(old_doc, new_doc)) {
    const std::string pointer = op["path"].get<std::string>();
    const std::string path = json_path(pointer);
    const std::string kind = op["op"].get<std::string>();
    if (kind == "add") {
      out.push_back("+ " + path + ": " + op["value"].dump());
    } else if (kind == "remove") {
      out.push_back("- " + path + ": " + old_doc.at(nlohmann::json::json_pointer(pointer)).dump());
    } else {
      out.push_back("~ " + path + ": " + old_doc.at(nlohmann::json::json_pointer(pointer)).dump() +
                    " -> " + op["value"].dump());
    }
  }
  return out;
}

}  // namespace

void write_output(const Synthesis& synthesis, const fs::path& out) {
  const fs::path staging = out / ".keelson-staging";
  const fs::path previous = out / ".keelson-previous";
  fs::remove_all(staging);
  fs::remove_all(previous);
  for (const auto& [path, content] : synthesis.files) write_file(staging / path, content);

  // Swap each owned directory in; on failure, put back what was moved away.
  std::vector<std::pair<fs::path, fs::path>> moved;  // (original, parked)
  try {
    for (std::size_t i = 0; i < synthesis.owned.size(); ++i) {
      const fs::path target = out / synthesis.owned[i];
      if (fs::exists(target)) {
        const fs::path parked = previous / std::to_string(i);
        fs::create_directories(previous);
        fs::rename(target, parked);
        moved.emplace_back(target, parked);
      }
      if (fs::exists(staging / synthesis.owned[i])) {
        fs::create_directories(target.parent_path());
        fs::rename(staging / synthesis.owned[i], target);
      }
    }
  } catch (...) {
    for (auto it = moved.rbegin(); it != moved.rend(); ++it) {
      std::error_code ignored;
      fs::remove_all(it->first, ignored);
      fs::rename(it->second, it->first, ignored);
    }
    fs::remove_all(staging);
    throw;
  }
  fs::remove_all(previous);
  fs::remove_all(staging);
}

std::vector<FileChange> diff_output(const Synthesis& synthesis, const fs::path& dir) {
  std::vector<FileChange> changes;
  const auto existing = existing_files(synthesis, dir);
  for (const auto& [path, content] : synthesis.files) {
    if (!is_owned(synthesis, path)) continue;
    const auto it = existing.find(path);
    if (it == existing.end()) {
      changes.push_back({FileChange::Kind::kAdded, path, {}});
      continue;
    }
    const std::string before = read_file(it->second);
    if (before == content) continue;
    std::vector<std::string> details = json_details(before, content);
    // Same value, other bytes: still a change, since output must be byte-stable.
    if (details.empty()) details.push_back("~ formatting only");
    changes.push_back({FileChange::Kind::kChanged, path, std::move(details)});
  }
  for (const auto& [path, file] : existing) {
    if (synthesis.files.count(path) == 0) changes.push_back({FileChange::Kind::kRemoved, path, {}});
  }
  std::sort(changes.begin(), changes.end(),
            [](const FileChange& a, const FileChange& b) { return a.path < b.path; });
  return changes;
}

}  // namespace keelson
