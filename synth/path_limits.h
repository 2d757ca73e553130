#ifndef KEELSON_SYNTH_PATH_LIMITS_H_
#define KEELSON_SYNTH_PATH_LIMITS_H_

#include <cstddef>
#include <vector>

#include "dsl/diagnostic.h"
#include "generators/file_set.h"
#include "plan/wiring.h"

namespace keelson {

/// The longest file or directory name common file systems accept, in bytes.
inline constexpr std::size_t kMaxNameBytes = 255;
/// The longest path the operating system accepts, in bytes (PATH_MAX less
/// the terminating NUL).
inline constexpr std::size_t kMaxPathBytes = 4095;

/// Problems with the names of the generated files, found before anything is
/// written: a stack id too long to be a directory name is K1040 with the
/// stack's path and where it was declared; any other over-long name K1041.
std::vector<Diagnostic> check_path_lengths(const Plan& plan, const FileSet& files);

}  // namespace keelson

#endif  // KEELSON_SYNTH_PATH_LIMITS_H_
