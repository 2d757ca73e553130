#include "generators/github_workflow.h"

#include <fmt/format.h>

#include <algorithm>
#include <regex>

#include "generators/terraform_root.h"
#include "generators/yaml_writer.h"

namespace keelson {
namespace {

// The actions' major versions that run on Node.js 24: GitHub removed
// Node.js 20 from its runners in September 2026.
constexpr const char* kCheckout = "actions/checkout@v6";
constexpr const char* kUploadArtifact = "actions/upload-artifact@v6";
constexpr const char* kDownloadArtifact = "actions/download-artifact@v7";
constexpr const char* kAwsCredentials = "aws-actions/configure-aws-credentials@v6";
constexpr const char* kSetupTofu = "opentofu/setup-opentofu@v2";
constexpr const char* kSetupTerraform = "hashicorp/setup-terraform@v4";
constexpr const char* kUploadSarif = "github/codeql-action/upload-sarif@v4";
constexpr const char* kRunner = "ubuntu-24.04";

using Map = Value::Map;
using List = Value::List;

std::string joined(const std::string& directory, const std::string& path) {
  return directory.empty() || directory == "." ? path : directory + "/" + path;
}

Value step(std::string name, std::string run) {
  return Value::map({{"name", std::move(name)}, {"run", std::move(run)}});
}

Value action(std::string name, std::string uses, Map with = {}) {
  Map out{{"name", std::move(name)}, {"uses", std::move(uses)}};
  if (!with.empty()) out["with"] = Value::map(std::move(with));
  return Value::map(std::move(out));
}

// `aws`, or the partition of China's and GovCloud's regions.
std::string partition(const std::string& region) {
  if (region.rfind("cn-", 0) == 0) return "aws-cn";
  if (region.rfind("us-gov-", 0) == 0) return "aws-us-gov";
  return "aws";
}

std::string role_arn(const WorkflowEnvironment& env, const std::string& role) {
  return fmt::format("arn:{}:iam::{}:role/{}", partition(env.region), env.account, role);
}

class WorkflowBuilder {
 public:
  WorkflowBuilder(const WorkflowOptions& options, const std::vector<WorkflowEnvironment>& envs)
      : o_(options), envs_(envs) {
    engine_ = o_.engine;
    version_ = o_.engine_version.empty() ? kDefaultTofuVersion : o_.engine_version;
    output_ = joined(o_.directory, "generated");
    environments_dir_ = joined(o_.directory, "environments");
  }

  Value document() const {
    Map on{{"pull_request", Value::map({{"branches", Value::list({o_.branch})}})},
           {"push", Value::map({{"branches", Value::list({o_.branch})}})},
           {"workflow_dispatch", Value::map({})}};
    if (!o_.drift_schedule.empty()) {
      on["schedule"] = Value::list({Value::map({{"cron", o_.drift_schedule}})});
    }
    Map jobs{{"check", check_job()}, {"plan", plan_job()}};
    for (std::size_t i = 0; i < envs_.size(); ++i) {
      jobs["apply-" + envs_[i].name] = apply_job(i);
    }
    if (!o_.drift_schedule.empty()) jobs["drift"] = drift_job();
    return Value::map(
        {{"name", o_.name},
         {"on", Value::map(std::move(on))},
         // Least privilege by default; jobs that need more say so.
         {"permissions", Value::map({{"contents", "read"}})},
         // One run per branch at a time, never cancelled half-way through an apply.
         {"concurrency", Value::map({{"group", fmt::format("{}-${{{{ github.ref }}}}", o_.name)},
                                     {"cancel-in-progress", false}})},
         {"env", Value::map({{"TF_IN_AUTOMATION", "1"}, {"TF_INPUT", "0"}})},
         {"jobs", Value::map(std::move(jobs))}});
  }

 private:
  std::string root(const std::string& env) const {
    return fmt::format("{}/{}", output_, root_directory(env));
  }
  std::string matrix_root() const { return root("${{ matrix.environment }}"); }
  std::string tool(const std::string& root, const std::string& args) const {
    return fmt::format("{} -chdir={} {}", engine_, root, args);
  }
  std::string environments_flag() const { return "--environments " + environments_dir_; }

  Value setup_engine() const {
    if (engine_ == "terraform") {
      return action("Install Terraform", kSetupTerraform,
                    {{"terraform_version", version_}, {"terraform_wrapper", false}});
    }
    // Without the wrapper, `show -json` writes bare JSON to stdout.
    return action("Install OpenTofu", kSetupTofu,
                  {{"tofu_version", version_}, {"tofu_wrapper", false}});
  }

  Value credentials(const std::string& role, const std::string& region) const {
    return action("AWS credentials through OIDC", kAwsCredentials,
                  {{"role-to-assume", role},
                   {"aws-region", region},
                   {"role-session-name", fmt::format("{}-${{{{ github.run_id }}}}", o_.name)}});
  }

  // The program built by `check`, with its executable bit back.
  List program_steps() const {
    const auto slash = o_.program.rfind('/');
    const std::string dir = slash == std::string::npos ? "." : o_.program.substr(0, slash);
    return {action("Download the synthesizer", kDownloadArtifact,
                   {{"name", "synthesizer"}, {"path", dir}}),
            step("Make it executable", "chmod +x " + o_.program)};
  }

  // Checks out the repository and builds the program.
  List build_steps() const {
    std::string packages;
    for (const auto& p : o_.packages) packages += " " + p;
    return {action("Check out", kCheckout),
            step("Install build dependencies",
                 "sudo apt-get update\nsudo apt-get install -y --no-install-recommends" + packages),
            step("Build the synthesizer", o_.build)};
  }

  Value check_job() const {
    List steps = build_steps();
    steps.push_back(step(
        "The committed output is current",
        fmt::format("{} synth --check --out {} {}", o_.program, output_, environments_flag())));
    steps.push_back(step("Resources match the provider schemas",
                         fmt::format("{} validate {}", o_.program, environments_flag())));
    steps.push_back(step("Policy rules", fmt::format("{} check --format sarif {} > keelson.sarif",
                                                     o_.program, environments_flag())));
    // Uploaded also when a rule failed, so the findings show in code scanning.
    steps.push_back(Value::map(
        {{"name", "Upload the findings to code scanning"},
         {"if", "success() || failure()"},
         {"uses", kUploadSarif},
         {"with", Value::map({{"sarif_file", "keelson.sarif"}, {"category", "keelson"}})}}));
    steps.push_back(action("Keep the synthesizer for the next jobs", kUploadArtifact,
                           {{"name", "synthesizer"}, {"path", o_.program}, {"retention-days", 7}}));
    return Value::map(
        {{"name", "Synthesis, schemas and policy"},
         {"if", "github.event_name != 'schedule'"},
         {"runs-on", kRunner},
         {"permissions", Value::map({{"contents", "read"}, {"security-events", "write"}})},
         {"steps", Value::list(std::move(steps))}});
  }

  Value matrix(const std::string& role) const {
    List include;
    for (const auto& env : envs_) {
      include.push_back(Value::map(
          {{"environment", env.name}, {"region", env.region}, {"role", role_arn(env, role)}}));
    }
    return Value::map(
        {{"fail-fast", false}, {"matrix", Value::map({{"include", Value::list(include)}})}});
  }

  Value plan_job() const {
    const std::string r = matrix_root();
    List steps{action("Check out", kCheckout)};
    for (auto& s : program_steps()) steps.push_back(std::move(s));
    steps.push_back(credentials("${{ matrix.role }}", "${{ matrix.region }}"));
    steps.push_back(setup_engine());
    steps.push_back(step("Init", tool(r, "init")));
    steps.push_back(step("Format", tool(r, "fmt -check -recursive")));
    steps.push_back(step("Validate", tool(r, "validate")));
    steps.push_back(step("Plan", tool(r, "plan -lock-timeout=5m -out=plan.out") + "\n" +
                                     tool(r, "show -json plan.out") + " > plan.json"));
    steps.push_back(
        step("Policy rules on the plan",
             fmt::format("{} check --plan {}/plan.json --env ${{{{ matrix.environment }}}} {}",
                         o_.program, r, environments_flag())));
    // The estimate, and on a pull request its change since the base
    // branch's committed output; over the environment's budget, it fails.
    steps.push_back(Value::map(
        {{"name", "Cost"},
         {"env", Value::map({{"BASE_REF", "${{ github.base_ref }}"}})},
         {"run", fmt::format("against=\n"
                             "if [ -n \"$BASE_REF\" ]; then\n"
                             "  git fetch --depth=1 origin \"$BASE_REF\"\n"
                             "  git worktree add --detach \"$RUNNER_TEMP/base\" FETCH_HEAD\n"
                             "  against=\"--against $RUNNER_TEMP/base/{}\"\n"
                             "fi\n"
                             "{} cost --env ${{{{ matrix.environment }}}} --format markdown "
                             "$against {} >> \"$GITHUB_STEP_SUMMARY\"",
                             output_, o_.program, environments_flag())}}));
    steps.push_back(
        step("Summary", fmt::format("{{\n  echo \"### ${{{{ matrix.environment }}}}\"\n  {} | "
                                    "grep -E '^(Plan:|No changes)' || true\n}} >> "
                                    "\"$GITHUB_STEP_SUMMARY\"",
                                    tool(r, "show -no-color plan.out"))));
    // The plan the reviewers approve is the one applied. It holds the
    // values of sensitive arguments: keep the artifact short-lived.
    steps.push_back(action("Keep the plan", kUploadArtifact,
                           {{"name", "plan-${{ matrix.environment }}"},
                            {"path", r + "/plan.out"},
                            {"retention-days", 7}}));
    return Value::map({{"name", "Plan ${{ matrix.environment }}"},
                       {"needs", "check"},
                       {"if", "github.event_name != 'schedule'"},
                       {"runs-on", kRunner},
                       {"strategy", matrix(o_.plan_role)},
                       {"permissions", Value::map({{"contents", "read"}, {"id-token", "write"}})},
                       {"steps", Value::list(std::move(steps))}});
  }

  Value apply_job(std::size_t index) const {
    const WorkflowEnvironment& env = envs_[index];
    const std::string r = root(env.name);
    const std::string needs = index == 0 ? "plan" : "apply-" + envs_[index - 1].name;
    List steps{
        action("Check out", kCheckout),
        credentials(role_arn(env, o_.apply_role), env.region),
        setup_engine(),
        action("Download the plan", kDownloadArtifact, {{"name", "plan-" + env.name}, {"path", r}}),
        step("Init", tool(r, "init")),
        step("Apply the reviewed plan", tool(r, "apply plan.out"))};
    return Value::map(
        {{"name", "Apply " + env.name},
         {"needs", needs},
         {"if",
          fmt::format("github.event_name == 'push' && github.ref == 'refs/heads/{}'", o_.branch)},
         {"runs-on", kRunner},
         // The GitHub environment's protection rules (required reviewers) gate it.
         {"environment", env.name},
         {"concurrency", Value::map({{"group", fmt::format("{}-apply-{}", o_.name, env.name)},
                                     {"cancel-in-progress", false}})},
         {"permissions", Value::map({{"contents", "read"}, {"id-token", "write"}})},
         {"steps", Value::list(std::move(steps))}});
  }

  // Scheduled runs have no check job: the program is built here.
  Value drift_job() const {
    const std::string r = matrix_root();
    List steps = build_steps();
    steps.push_back(credentials("${{ matrix.role }}", "${{ matrix.region }}"));
    steps.push_back(setup_engine());
    steps.push_back(step("Init", tool(r, "init")));
    steps.push_back(
        step("Refresh-only plan", tool(r, "plan -refresh-only -lock=false -out=drift.out") + "\n" +
                                      tool(r, "show -json drift.out") + " > drift.json"));
    // Exit code 2: what is deployed differs from the code, and the job fails.
    steps.push_back(step(
        "Drift", fmt::format("{} drift --env ${{{{ matrix.environment }}}} --plan {}/drift.json {}",
                             o_.program, r, environments_flag())));
    return Value::map({{"name", "Drift ${{ matrix.environment }}"},
                       {"if", "github.event_name == 'schedule'"},
                       {"runs-on", kRunner},
                       {"strategy", matrix(o_.plan_role)},
                       {"permissions", Value::map({{"contents", "read"}, {"id-token", "write"}})},
                       {"steps", Value::list(std::move(steps))}});
  }

  const WorkflowOptions& o_;
  const std::vector<WorkflowEnvironment>& envs_;
  std::string engine_, version_, output_, environments_dir_;
};

}  // namespace

std::string workflow_path(const WorkflowOptions& options) {
  return "workflows/" + options.name + ".yml";
}

std::string github_workflow(const WorkflowOptions& options,
                            const std::vector<WorkflowEnvironment>& environments) {
  return to_yaml(WorkflowBuilder(options, environments).document(),
                 {.header = {"Generated by keelson synth from the app's workflow(); do not edit.",
                             "Copy it to .github/workflows/ (a test can compare the two)."},
                  .key_order = {"name", "on", "permissions", "concurrency", "env", "jobs"}});
}

std::vector<std::string> workflow_problems(const WorkflowOptions& options,
                                           const std::vector<std::string>& environment_names) {
  std::vector<std::string> out;
  static const std::regex kName("[a-z0-9][a-z0-9-]*");
  if (!std::regex_match(options.name, kName)) {
    out.push_back(fmt::format("the workflow's name \"{}\" is not lower-case letters, digits and -",
                              options.name));
  }
  if (options.program.empty()) out.push_back("the workflow needs the program its build makes");
  if (options.engine != "tofu" && options.engine != "terraform") {
    out.push_back(
        fmt::format("the workflow's engine must be tofu or terraform, got \"{}\"", options.engine));
  } else if (options.engine == "terraform" && options.engine_version.empty()) {
    out.push_back("the workflow's engine_version is required with terraform");
  }
  for (const auto& name : options.promotion) {
    if (std::find(environment_names.begin(), environment_names.end(), name) ==
        environment_names.end()) {
      out.push_back(
          fmt::format("the workflow promotes to \"{}\", which has no environment file", name));
    }
  }
  for (const auto& name : environment_names) {
    if (std::find(options.promotion.begin(), options.promotion.end(), name) ==
        options.promotion.end()) {
      out.push_back(
          fmt::format("environment \"{}\" is not in the workflow's promotion order", name));
    }
  }
  return out;
}

}  // namespace keelson
