#ifndef KEELSON_STACKS_LAMBDA_RUNTIME_H_
#define KEELSON_STACKS_LAMBDA_RUNTIME_H_

#include <optional>
#include <string>
#include <string_view>

#include "dsl/value.h"

namespace keelson {

/// Checks a literal Lambda runtime identifier against the runtimes Lambda no
/// longer creates functions on (its runtime deprecation schedule, end of
/// November 2026): such a function fails at apply, however valid the plan.
/// Returns the problem, naming `field` and the current runtimes of the same
/// language, or nothing when the runtime is fine, unknown (a newer one), or an
/// expression (a parameter checks itself).
std::optional<std::string> check_lambda_runtime(std::string_view field, const Value& runtime);

}  // namespace keelson

#endif  // KEELSON_STACKS_LAMBDA_RUNTIME_H_
