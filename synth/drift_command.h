#ifndef KEELSON_SYNTH_DRIFT_COMMAND_H_
#define KEELSON_SYNTH_DRIFT_COMMAND_H_

#include <filesystem>
#include <iosfwd>
#include <string>

namespace keelson {

class App;

/// What `drift` compares, from its command line.
struct DriftOptions {
  std::string environment{};
  std::string file{};           ///< `terraform show -json` of the state, or of a refresh-only plan
  bool plan = false;            ///< `file` is a plan (--plan), not a state (--state)
  std::string format = "text";  ///< text or json
  std::filesystem::path environments{};
};

/// Compares `options.environment`'s desired configuration with the state in
/// `options.file` and prints the report to `out`. Returns 0 when they agree,
/// 2 on drift, as `terraform plan -detailed-exitcode` does. Throws
/// keelson::Error on bad input (K7001 the file cannot be read, K7002-K7005
/// not the expected JSON, an unknown environment).
int run_drift(const App& app, const DriftOptions& options, std::ostream& out);

}  // namespace keelson

#endif  // KEELSON_SYNTH_DRIFT_COMMAND_H_
