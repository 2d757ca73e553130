#ifndef KEELSON_GENERATORS_GITHUB_WORKFLOW_H_
#define KEELSON_GENERATORS_GITHUB_WORKFLOW_H_

#include <string>
#include <vector>

#include "dsl/workflow.h"

namespace keelson {

/// What the workflow needs of one environment.
struct WorkflowEnvironment {
  std::string name;
  std::string region;
  std::string account;  ///< 12 digits
};

/// The engine version the workflow installs when none is given: the
/// OpenTofu that keelson's own tests plan with.
inline constexpr const char* kDefaultTofuVersion = "1.12.6";

/// `workflows/<name>.yml`, below the output directory.
std::string workflow_path(const WorkflowOptions& options);

/// The workflow's YAML for `environments` (in promotion order, those of
/// `options.promotion` that exist). Checks every pull request and push
/// (output current, provider schemas, policy rules as SARIF), plans each
/// environment with its read-only role, checks the plan and its cost,
/// applies pushes to the branch environment by environment behind GitHub
/// environments, and runs `drift` on a refresh-only plan on the schedule.
/// The options are assumed valid (`workflow_problems`).
std::string github_workflow(const WorkflowOptions& options,
                            const std::vector<WorkflowEnvironment>& environments);

/// What is wrong with `options` for these environment names: an unknown
/// engine, a bad name, no program, a promotion naming no environment or
/// leaving one out. Empty when nothing is.
std::vector<std::string> workflow_problems(const WorkflowOptions& options,
                                           const std::vector<std::string>& environment_names);

}  // namespace keelson

#endif  // KEELSON_GENERATORS_GITHUB_WORKFLOW_H_
