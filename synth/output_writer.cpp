#include "synth/output_writer.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "synth/file_text.h"
#include "synth/output_errors.h"
#include "synth/output_lock.h"
#include "synth/output_manifest.h"
#include "synth/path_limits.h"

namespace keelson {
namespace {

namespace fs = std::filesystem;

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

// Paths the operating system would refuse under `out`, found before anything
// is written (staging is the longest place files go). Synthesis has already
// checked each name; only the output directory can make a path too long.
void check_output_path_lengths(const Synthesis& synthesis, const fs::path& out) {
  const fs::path staging = fs::absolute(staging_directory(out));
  for (const auto& [path, content] : synthesis.files) {
    const fs::path full = staging / path;
    if (full.native().size() > kMaxPathBytes) {
      throw Error(errors::output_path_too_long(full, full.native().size(), kMaxPathBytes));
    }
  }
}

// keelson's files in an output directory: those its manifest lists and those
// this synthesis writes (output from before manifests is adopted that way).
std::function<bool(const std::string&)> keelson_files(const Manifest& manifest,
                                                      const Synthesis& synthesis) {
  return [&](const std::string& path) {
    return manifest.files.count(path) > 0 || synthesis.files.count(path) > 0;
  };
}

// A file where an owned directory's parent must be: writing would fail.
void check_parents(const Synthesis& synthesis, const fs::path& out) {
  for (const auto& owned : synthesis.owned) {
    fs::path dir = out;
    const fs::path relative(owned);
    for (auto it = relative.begin(); std::next(it) != relative.end(); ++it) {
      dir /= *it;
      std::error_code ec;
      if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
        throw Error(errors::output_not_a_directory(dir));
      }
    }
  }
}

Error write_failed(const fs::filesystem_error& e, const fs::path& fallback, bool swapped) {
  return Error(errors::output_write_failed(e.path1().empty() ? fallback : e.path1(),
                                           e.code().message(), swapped));
}

// Creates `out` when needed; it must be a directory to be locked.
void prepare(const fs::path& out) {
  std::error_code ec;
  if (fs::exists(out, ec) && !fs::is_directory(out, ec)) {
    throw Error(errors::output_not_a_directory(out));
  }
  try {
    fs::create_directories(out);
  } catch (const fs::filesystem_error& e) {
    throw write_failed(e, out, false);
  }
}

}  // namespace

WriteReport write_output(const Synthesis& synthesis, const fs::path& out,
                         const WriteOptions& options) {
  check_output_path_lengths(synthesis, out);
  prepare(out);
  const OutputLock lock(out, options.lock_timeout, options.on_wait);
  recover_output(out);
  check_parents(synthesis, out);

  const Manifest manifest = Manifest::read(out);
  WriteReport report;
  report.deleted = foreign_files(out, synthesis.owned, keelson_files(manifest, synthesis));
  if (!report.deleted.empty() && !options.force) {
    throw Error(errors::foreign_files(out, report.deleted));
  }

  // Files outside the replaced directories (other environments' roots) stay
  // in the manifest while they exist.
  Manifest next;
  for (const auto& path : manifest.files) {
    if (!is_owned(synthesis, path) && fs::is_regular_file(fs::symlink_status(out / path))) {
      next.files.insert(path);
    }
  }
  for (const auto& [path, content] : synthesis.files) next.files.insert(path);

  const fs::path staging = staging_directory(out);
  try {
    for (const auto& [path, content] : synthesis.files) options.ops.write(staging / path, content);
    options.ops.write(staging / Manifest::kFileName, next.render());
  } catch (const fs::filesystem_error& e) {
    std::error_code ignored;
    fs::remove_all(staging, ignored);
    throw write_failed(e, staging, false);
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(staging, ignored);
    throw;
  }

  std::vector<std::string> entries = synthesis.owned;
  entries.emplace_back(Manifest::kFileName);
  try {
    swap_in(out, entries, options.ops);
  } catch (const fs::filesystem_error& e) {
    throw write_failed(e, out, true);
  }
  return report;
}

OutputDiff diff_output(const Synthesis& synthesis, const fs::path& dir,
                       const WriteOptions& options) {
  std::optional<OutputLock> lock;
  Manifest manifest;
  std::error_code ec;
  if (fs::is_directory(dir, ec)) {
    lock.emplace(dir, options.lock_timeout, options.on_wait);
    recover_output(dir);
    manifest = Manifest::read(dir);
  } else if (fs::exists(dir, ec)) {
    throw Error(errors::output_not_a_directory(dir));
  }
  OutputDiff result;
  result.ignored = foreign_files(dir, synthesis.owned, keelson_files(manifest, synthesis));
  auto& changes = result.changes;
  const auto existing = existing_files(synthesis, dir);
  for (const auto& [path, content] : synthesis.files) {
    if (!is_owned(synthesis, path)) continue;
    const auto it = existing.find(path);
    if (it == existing.end()) {
      changes.push_back({FileChange::Kind::kAdded, path, {}});
      continue;
    }
    const std::string before = file_text(it->second);
    if (before == content) continue;
    std::vector<std::string> details = json_details(before, content);
    // Same value, other bytes: still a change, since output must be byte-stable.
    if (details.empty()) details.push_back("~ formatting only");
    changes.push_back({FileChange::Kind::kChanged, path, std::move(details)});
  }
  for (const auto& [path, file] : existing) {
    if (synthesis.files.count(path) == 0 && manifest.files.count(path) > 0) {
      changes.push_back({FileChange::Kind::kRemoved, path, {}});
    }
  }
  std::sort(changes.begin(), changes.end(),
            [](const FileChange& a, const FileChange& b) { return a.path < b.path; });
  return result;
}

CommittedOutput read_output(const Synthesis& synthesis, const fs::path& dir,
                            const WriteOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw Error(errors::output_missing(dir));
  const OutputLock lock(dir, options.lock_timeout, options.on_wait);
  recover_output(dir);
  const Manifest manifest = Manifest::read(dir);
  const auto is_keelson_file = keelson_files(manifest, synthesis);
  CommittedOutput out;
  out.ignored = foreign_files(dir, synthesis.owned, is_keelson_file);
  for (const auto& [path, file] : existing_files(synthesis, dir)) {
    if (!is_keelson_file(path)) continue;
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      throw fs::filesystem_error("cannot read", file, std::make_error_code(std::errc::io_error));
    }
    std::ostringstream content;
    content << in.rdbuf();
    out.files.emplace(path, content.str());
  }
  return out;
}

}  // namespace keelson
