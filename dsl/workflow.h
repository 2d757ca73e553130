#ifndef KEELSON_DSL_WORKFLOW_H_
#define KEELSON_DSL_WORKFLOW_H_

#include <string>
#include <vector>

#include "dsl/diagnostic.h"

namespace keelson {

/// A GitHub Actions workflow for the app's generated output, declared with
/// `app.workflow({...})`; `synth` writes it to `generated/workflows/<name>.yml`
/// (copy it to `.github/workflows/`). It checks the output on every pull
/// request, plans each environment, applies them one after the other behind
/// GitHub environment approvals, and looks for drift on a schedule. It holds
/// no secret: AWS is reached through OIDC, by assuming a role of each
/// environment's account.
struct WorkflowOptions {
  /// The workflow's name and file name: lower-case letters, digits and `-`.
  std::string name = "infrastructure";
  /// Shell commands, run at the repository's root, that build the program.
  std::string build = "cmake -S . -B build -DCMAKE_BUILD_TYPE=Release\ncmake --build build -j 4";
  /// The program `build` makes, from the repository's root (required).
  std::string program{};
  /// The app's directory (holding environments/ and generated/) from the
  /// repository's root.
  std::string directory = ".";
  /// Ubuntu packages `build` needs.
  std::vector<std::string> packages = {"cmake",           "g++",        "libfmt-dev",
                                       "libyaml-cpp-dev", "libre2-dev", "nlohmann-json3-dev"};
  /// Environments applied in this order, each once the one before it is;
  /// each is a GitHub environment whose protection rules (reviewers) gate it.
  std::vector<std::string> promotion = {"dev", "staging", "prod"};
  /// `tofu` or `terraform`, and the version the workflow installs (for tofu
  /// by default 1.12.6, the version keelson's own tests plan with).
  std::string engine = "tofu";
  std::string engine_version{};
  /// The roles of each environment's account (`account:` in its file) that
  /// the workflow assumes through GitHub's OIDC provider: read-only for
  /// plans and drift, another for applies.
  std::string plan_role = "github-actions-plan";
  std::string apply_role = "github-actions-apply";
  /// The branch whose pushes are applied.
  std::string branch = "main";
  /// When to look for drift (cron, UTC); empty: never.
  std::string drift_schedule = "0 6 * * 1-5";
};

/// A declared workflow and where it was declared.
struct Workflow {
  WorkflowOptions options;
  SourceLocation where;
};

}  // namespace keelson

#endif  // KEELSON_DSL_WORKFLOW_H_
