#include "synth/output_errors.h"

#include <fmt/core.h>

namespace keelson::errors {
namespace {

Diagnostic make(std::string code, std::string message, std::string hint) {
  return make_error(std::move(code), std::move(message), {}, std::move(hint));
}

std::string quoted(const std::filesystem::path& path) {
  return fmt::format("\"{}\"", path.generic_string());
}

}  // namespace

Diagnostic output_locked(const std::filesystem::path& dir, std::chrono::milliseconds waited) {
  return make("K4001",
              fmt::format("another keelson run holds the output directory {} (waited {} s)",
                          quoted(dir), waited.count() / 1000.0),
              "two runs writing one directory would mix their files; let the other finish, or "
              "give each its own --out");
}

Diagnostic output_not_lockable(const std::filesystem::path& dir, std::string_view reason) {
  return make("K4002", fmt::format("cannot lock the output directory {}: {}", quoted(dir), reason),
              "use a directory on a local file system that supports flock(2)");
}

Diagnostic foreign_files(const std::filesystem::path& dir, const std::vector<std::string>& files) {
  constexpr std::size_t kShown = 10;
  std::string list;
  for (std::size_t i = 0; i < files.size() && i < kShown; ++i) {
    list += (i == 0 ? "" : ", ") + files[i];
  }
  if (files.size() > kShown) list += fmt::format(" and {} more", files.size() - kShown);
  return make("K4003",
              fmt::format("{} holds {} file(s) keelson did not write, in directories it replaces: "
                          "{}",
                          quoted(dir), files.size(), list),
              "move them elsewhere, or run `synth --force` to delete them");
}

Diagnostic output_is_source_tree(const std::filesystem::path& out,
                                 const std::filesystem::path& root) {
  return make("K4004",
              fmt::format("the output directory {} is the app's source directory {} or contains "
                          "it; synth replaces whole directories there",
                          quoted(out), quoted(root)),
              fmt::format("write to a directory of its own, e.g. {}", quoted(root / "generated")));
}

Diagnostic output_in_environments(const std::filesystem::path& out,
                                  const std::filesystem::path& environments) {
  return make("K4005",
              fmt::format("the output directory {} is inside the environments directory {}",
                          quoted(out), quoted(environments)),
              "environment files are input; write the output to a directory of its own");
}

Diagnostic output_write_failed(const std::filesystem::path& path, std::string_view reason,
                               bool swapped) {
  return make("K4006", fmt::format("cannot write {}: {}", quoted(path), reason),
              swapped ? "nothing was changed: the previous output was put back in place"
                      : "nothing was changed: the previous output is as it was");
}

Diagnostic output_path_too_long(const std::filesystem::path& path, std::size_t bytes,
                                std::size_t limit) {
  const std::string shown = path.generic_string().substr(0, 120);
  return make(
      "K4007",
      fmt::format("the output path \"{}{}\" is {} bytes long; at most {} are allowed", shown,
                  shown.size() < path.generic_string().size() ? "..." : "", bytes, limit),
      "choose a shorter --out directory");
}

Diagnostic unjournaled_previous(const std::filesystem::path& previous) {
  return make("K4008",
              fmt::format("{} holds output an earlier run moved aside, without the record of "
                          "where it came from",
                          quoted(previous)),
              "it may be your previous output: move its contents back by hand, or delete it, "
              "then synth again");
}

Diagnostic output_not_a_directory(const std::filesystem::path& path) {
  return make("K4009", fmt::format("{} is a file where the output needs a directory", quoted(path)),
              "move the file away or choose another --out");
}

Diagnostic output_missing(const std::filesystem::path& path) {
  std::error_code ec;
  const bool exists = std::filesystem::exists(path, ec);
  return make("K4011",
              fmt::format("{} {}", quoted(path), exists ? "is not a directory" : "does not exist"),
              "give the directory synth wrote (--against DIR, or --out DIR for synth --check), "
              "or run synth first");
}

}  // namespace keelson::errors
