#ifndef KEELSON_DRIFT_DRIFT_REPORT_H_
#define KEELSON_DRIFT_DRIFT_REPORT_H_

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dsl/diagnostic.h"

namespace keelson::drift {

/// One argument whose value in the state is not the one the code sets.
struct AttributeDrift {
  std::string path{};  ///< `versioning_configuration[0].status`, `tags.Owner`
  /// The values; null where one side has none. Both are left null when
  /// `sensitive`: the report never shows such a value.
  nlohmann::json desired{};
  nlohmann::json actual{};
  bool sensitive = false;
};

/// A declared resource instance that is in the state with other values.
struct ChangedResource {
  std::string address{};
  std::string type{};
  std::string construct{};                   ///< the construct path that declares it
  SourceLocation where{};                    ///< the line to change
  std::vector<AttributeDrift> attributes{};  ///< sorted by path
  /// What a refresh-only plan saw change outside Terraform (`update`), if given.
  std::string outside_change{};
};

/// A declared resource instance that the state does not hold.
struct MissingResource {
  std::string address{};
  std::string type{};
  std::string construct{};
  SourceLocation where{};
  /// `delete` when a refresh-only plan found it deleted outside Terraform.
  std::string outside_change{};
};

/// A resource instance in the state that the code does not declare.
struct UndeclaredResource {
  std::string address{};
  std::string type{};
  std::string outside_change{};
};

/// The comparison of one environment's code with Terraform's state.
struct DriftReport {
  std::string environment{};
  std::string input{};                           ///< the file, as given
  std::string kind{};                            ///< "state" or "plan"
  std::vector<ChangedResource> changed{};        ///< sorted by address
  std::vector<MissingResource> missing{};        ///< sorted by address
  std::vector<UndeclaredResource> undeclared{};  ///< sorted by address
  std::size_t in_sync = 0;  ///< declared instances found with the values the code sets
  /// Instances in the state made by module calls inside stacks: not compared.
  std::size_t in_module_calls = 0;

  bool drifted() const { return !changed.empty() || !missing.empty() || !undeclared.empty(); }
};

/// The report as text: each kind of drift under its heading, then a summary
/// line. Deterministic; values longer than a line are shortened.
std::string text_report(const DriftReport& report);

/// The report as JSON for machines: every value in full (sensitive ones
/// left out), two-space indented, with a trailing newline.
std::string json_report(const DriftReport& report);

}  // namespace keelson::drift

#endif  // KEELSON_DRIFT_DRIFT_REPORT_H_
