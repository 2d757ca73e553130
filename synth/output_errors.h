#ifndef KEELSON_SYNTH_OUTPUT_ERRORS_H_
#define KEELSON_SYNTH_OUTPUT_ERRORS_H_

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/diagnostic.h"

namespace keelson::errors {

/// The catalogue of output directory errors (K4xxx): one function per
/// condition. Each names the directory or file and says how to get out of it.

Diagnostic output_locked(const std::filesystem::path& dir, std::chrono::milliseconds waited);
Diagnostic output_not_lockable(const std::filesystem::path& dir, std::string_view reason);
Diagnostic foreign_files(const std::filesystem::path& dir, const std::vector<std::string>& files);
Diagnostic output_is_source_tree(const std::filesystem::path& out,
                                 const std::filesystem::path& root);
Diagnostic output_in_environments(const std::filesystem::path& out,
                                  const std::filesystem::path& environments);
Diagnostic output_write_failed(const std::filesystem::path& path, std::string_view reason,
                               bool swapped);
Diagnostic output_path_too_long(const std::filesystem::path& path, std::size_t bytes,
                                std::size_t limit);
Diagnostic unjournaled_previous(const std::filesystem::path& previous);
Diagnostic output_not_a_directory(const std::filesystem::path& path);

/// K4011: the directory `diff` or `synth --check` compares with is missing.
Diagnostic output_missing(const std::filesystem::path& path);

}  // namespace keelson::errors

#endif  // KEELSON_SYNTH_OUTPUT_ERRORS_H_
