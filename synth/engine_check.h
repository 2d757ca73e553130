#ifndef KEELSON_SYNTH_ENGINE_CHECK_H_
#define KEELSON_SYNTH_ENGINE_CHECK_H_

#include <filesystem>
#include <ostream>
#include <string>

#include "synth/synthesizer.h"

namespace keelson {

/// How `validate --engine` runs Terraform's own engine on a synthesis.
struct EngineCheckOptions {
  /// The executable on PATH: `tofu` or `terraform`.
  std::string engine = "tofu";
  /// Also `test`: plan every root with its terraform.tfvars.json and check
  /// the assertions of its tests/plan.tftest.json. A plan reads the cloud
  /// (availability zones, the caller identity), so it needs credentials.
  bool plan = false;
};

/// Writes `synthesis` to a new scratch directory (never the output: init
/// writes a lock file and `.terraform/`) and runs the engine in every
/// environment root: `init -backend=false`, `validate`, and with `plan`,
/// `test`. Prints one line per root to `out`, and the engine's own output of
/// a step that failed or warned. Returns true when every step passed with no
/// warning; the scratch directory is removed then, and kept (and named) when
/// not. Throws keelson::Error when the engine is not on PATH (K5001) or cannot be
/// started (K5002).
bool check_with_engine(const Synthesis& synthesis, const EngineCheckOptions& options,
                       std::ostream& out);

}  // namespace keelson

#endif  // KEELSON_SYNTH_ENGINE_CHECK_H_
