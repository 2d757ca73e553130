#ifndef KEELSON_SYNTH_CHILD_PROCESS_H_
#define KEELSON_SYNTH_CHILD_PROCESS_H_

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace keelson {

/// The directory on `PATH` holding an executable called `name`, as a shell
/// would find it; nullopt when there is none.
std::optional<std::filesystem::path> find_on_path(const std::string& name);

/// Runs `program` with `args` in `directory`, with this process's
/// environment plus `environment` (`NAME=value` entries, which win), its
/// standard output and error both written to `log`; returns its exit status
/// (128 + the signal when a signal ended it). Throws std::runtime_error when
/// it cannot be started.
int run_child(const std::filesystem::path& program, const std::vector<std::string>& args,
              const std::vector<std::string>& environment, const std::filesystem::path& directory,
              const std::filesystem::path& log);

}  // namespace keelson

#endif  // KEELSON_SYNTH_CHILD_PROCESS_H_
