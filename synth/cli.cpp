#include "synth/cli.h"

#include <fmt/core.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "charts/chart.h"
#include "dsl/app.h"
#include "dsl/suggest.h"
#include "environments/environment.h"
#include "environments/isolation.h"
#include "plan/wiring.h"
#include "policy/check.h"
#include "policy/environment_check.h"
#include "policy/plan_views.h"
#include "policy/report.h"
#include "policy/rule_packs.h"
#include "policy/rules_reference.h"
#include "synth/cost_command.h"
#include "synth/diff_command.h"
#include "synth/docs_command.h"
#include "synth/drift_command.h"
#include "synth/engine_check.h"
#include "synth/output_errors.h"
#include "synth/output_writer.h"
#include "synth/schema_check.h"

#ifndef KEELSON_VERSION
#define KEELSON_VERSION "0.0.0"
#endif

namespace keelson {
namespace {

namespace fs = std::filesystem;

// `path` relative to the working directory when below it, for short messages.
std::string display(const fs::path& path) {
  std::error_code ec;
  const fs::path relative = fs::relative(path, fs::current_path(), ec);
  if (ec || relative.empty() || *relative.begin() == "..") return path.generic_string();
  return relative.generic_string();
}

// True when `path` is `dir` or below it, comparing resolved paths.
bool is_within(const fs::path& path, const fs::path& dir) {
  const auto resolved = [](const fs::path& p) {
    std::error_code ec;
    fs::path out = fs::weakly_canonical(fs::absolute(p), ec);
    // A path the system cannot resolve (too long, say) is compared as written;
    // writing to it reports the problem.
    return ec ? fs::absolute(p).lexically_normal() : out;
  };
  const fs::path a = resolved(path);
  const fs::path b = resolved(dir);
  auto ai = a.begin();
  for (auto bi = b.begin(); bi != b.end(); ++bi, ++ai) {
    if (bi->empty() && std::next(bi) == b.end()) break;  // a trailing separator
    if (ai == a.end() || *ai != *bi) return false;
  }
  return true;
}

constexpr int kOk = 0;
constexpr int kFindings = 1;
constexpr int kBadInput = 2;

struct Command {
  const char* name;
  const char* summary;
  const char* usage;
  std::vector<std::string> options;  // accepted options; a trailing '=' takes a value
};

const std::vector<Command>& commands() {
  static const std::vector<Command> kCommands = {
      {"synth",
       "synthesize Terraform for one, several or all environments",
       "synth [--env NAME]... [--all] [--out DIR] [--environments DIR] [--force] [--check]\n"
       "  --env NAME          synthesize this environment (repeatable; default: all)\n"
       "  --all               synthesize every environment (the default)\n"
       "  --out DIR           output directory (default: generated/ beside the app)\n"
       "  --environments DIR  environment files (default: environments/ beside the app)\n"
       "  --force             delete files keelson did not write from the directories\n"
       "                      it replaces, instead of refusing\n"
       "  --check             write nothing; exit 1 with a summary of what differs when\n"
       "                      the output directory is stale, 0 when it is current\n",
       {"env=", "all", "out=", "environments=", "force", "check"}},
      {"diff",
       "show what a fresh synthesis changes in a directory; exit 1 when they differ",
       "diff [--env NAME]... [--against DIR] [--format text|markdown|json] [--schema FILE]...\n"
       "     [--environments DIR]\n"
       "  --env NAME          compare this environment (repeatable; default: all)\n"
       "  --against DIR       directory to compare with (default: the synth output)\n"
       "  --format FORMAT     text (default), markdown (a pull-request comment) or json\n"
       "  --schema FILE       `terraform providers schema -json` output whose sensitive\n"
       "                      attributes are masked (repeatable; default: the bundled\n"
       "                      aws schema)\n"
       "  --environments DIR  environment files (default: environments/ beside the app)\n",
       {"env=", "against=", "format=", "schema=", "environments="}},
      {"list",
       "list stacks, their resources, parameters and environments",
       "list [--environments DIR]\n",
       {"environments="}},
      {"validate",
       "check the output against provider schemas, and with --engine by tofu or terraform",
       "validate [--schema FILE]... [--env NAME]... [--format text|json] [--environments DIR]\n"
       "         [--engine tofu|terraform [--plan]]\n"
       "  --schema FILE       `terraform providers schema -json` output (repeatable;\n"
       "                      default: the bundled aws 6.25.0, helm 3.1.1 and\n"
       "                      kubernetes 2.38.0 schemas)\n"
       "  --env NAME          validate this environment (repeatable; default: all)\n"
       "  --format FORMAT     text (default) or json\n"
       "  --environments DIR  environment files (default: environments/ beside the app)\n"
       "  --engine ENGINE     then run ENGINE (on PATH) in a copy of each environment's\n"
       "                      root: init -backend=false, validate; any error or warning\n"
       "                      fails\n"
       "  --plan              with --engine, also `test`: plan each root with its tfvars\n"
       "                      and check tests/plan.tftest.json (needs AWS credentials)\n",
       {"schema=", "env=", "format=", "environments=", "engine=", "plan"}},
      {"check",
       "check policy rules on the synthesized model or on a plan; exit 1 on an error finding",
       "check [--env NAME]... [--plan FILE] [--format text|json|sarif] [--environments DIR]\n"
       "  --env NAME          check this environment (repeatable; default: all); with\n"
       "                      --plan, the environment whose severities apply\n"
       "  --plan FILE         check this plan (`tofu show -json plan.out`) instead of\n"
       "                      the model, so changes made outside keelson are caught\n"
       "  --format FORMAT     text (default), json or sarif (SARIF 2.1.0)\n"
       "  --environments DIR  environment files (default: environments/ beside the app)\n",
       {"env=", "plan=", "format=", "environments="}},
      {"drift",
       "compare an environment's code with Terraform's state; exit 2 on drift",
       "drift --env NAME (--state FILE | --plan FILE) [--format text|json] [--environments DIR]\n"
       "  --env NAME          the environment whose state it is\n"
       "  --state FILE        the state, as `tofu show -json` (or `terraform show -json`)\n"
       "                      prints it in the environment's root\n"
       "  --plan FILE         a refresh-only plan as `tofu show -json PLANFILE` prints it\n"
       "                      (`tofu plan -refresh-only -out PLANFILE`)\n"
       "  --format FORMAT     text (default) or json\n"
       "  --environments DIR  environment files (default: environments/ beside the app)\n"
       "exit codes (as `terraform plan -detailed-exitcode`): 0 in sync, 2 drift,\n"
       "1 an error (bad usage or input)\n",
       {"env=", "state=", "plan=", "format=", "environments="}},
      {"cost",
       "estimate each environment's monthly cost; exit 1 when one is over its budget",
       "cost [--env NAME]... [--format text|markdown|json] [--against DIR] [--environments DIR]\n"
       "  --env NAME          estimate this environment (repeatable; default: all)\n"
       "  --format FORMAT     text (default), markdown or json\n"
       "  --against DIR       report the change since the synth output in DIR (its\n"
       "                      cost/<env>/estimate.json), e.g. for a pull request comment\n"
       "  --environments DIR  environment files (default: environments/ beside the app)\n",
       {"env=", "format=", "against=", "environments="}},
      {"docs",
       "write Markdown docs, an architecture diagram and runbooks from the model",
       "docs [--env NAME]... [--out DIR] [--environments DIR]\n"
       "  --env NAME          document this environment (repeatable; default: all)\n"
       "  --out DIR           docs directory (default: generated/docs/ beside the app);\n"
       "                      its pages are replaced as a whole\n"
       "  --environments DIR  environment files (default: environments/ beside the app)\n",
       {"env=", "out=", "environments="}},
      {"rules",
       "print the reference of every built-in policy rule",
       "rules [--format markdown|json]\n"
       "  --format FORMAT     markdown (default; docs/rules.md) or json\n",
       {"format="}},
  };
  return kCommands;
}

std::string general_usage(const std::string& program) {
  std::string text = fmt::format(
      "usage: {} <command> [options]\n\nSynthesizes Terraform from this program's keelson "
      "app.\n\ncommands:\n",
      program);
  for (const auto& c : commands()) text += fmt::format("  {:<10} {}\n", c.name, c.summary);
  text += fmt::format(
      "\noptions:\n  -h, --help     show help (also `{0} <command> --help`)\n"
      "  --version      show the keelson version\n\n"
      "exit codes: 0 success, 1 findings or differences, 2 bad usage or bad input;\n"
      "drift: 0 in sync, 2 drift, 1 an error (as `terraform plan -detailed-exitcode`)\n",
      program);
  return text;
}

struct Invocation {
  const Command* command = nullptr;
  std::map<std::string, std::vector<std::string>> options;
  bool help = false;

  std::optional<std::string> value(const std::string& name) const {
    const auto it = options.find(name);
    if (it == options.end() || it->second.empty()) return std::nullopt;
    return it->second.back();
  }
  std::vector<std::string> values(const std::string& name) const {
    const auto it = options.find(name);
    return it == options.end() ? std::vector<std::string>{} : it->second;
  }
};

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::vector<std::string> option_names(const Command& command) {
  std::vector<std::string> out;
  for (auto name : command.options) {
    if (name.back() == '=') name.pop_back();
    out.push_back("--" + name);
  }
  return out;
}

Invocation parse(const Command& command, const std::vector<std::string>& args) {
  Invocation inv;
  inv.command = &command;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      inv.help = true;
      continue;
    }
    if (arg.rfind("--", 0) != 0) {
      throw UsageError(fmt::format("{}: unexpected argument \"{}\"", command.name, arg));
    }
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    if (const auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    bool known = false;
    bool takes_value = false;
    for (const auto& option : command.options) {
      if (option == name || option == name + "=") {
        known = true;
        takes_value = option.back() == '=';
      }
    }
    if (!known) {
      const std::string hint = did_you_mean("--" + name, option_names(command));
      throw UsageError(fmt::format("{}: unknown option \"--{}\"{}", command.name, name,
                                   hint.empty() ? "" : "; " + hint));
    }
    if (takes_value && !value) {
      if (i + 1 >= args.size()) {
        throw UsageError(fmt::format("{}: option \"--{}\" needs a value", command.name, name));
      }
      value = args[++i];
    }
    if (!takes_value && value) {
      throw UsageError(fmt::format("{}: option \"--{}\" takes no value", command.name, name));
    }
    inv.options[name].push_back(value.value_or(""));
  }
  return inv;
}

class Cli {
 public:
  Cli(const App& app, std::string program, std::ostream& out, std::ostream& err)
      : app_(app), program_(std::move(program)), out_(out), err_(err) {}

  int run(const std::vector<std::string>& args) {
    if (args.empty()) {
      err_ << general_usage(program_);
      return kBadInput;
    }
    if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
      if (args.size() > 1) {
        if (const Command* c = find_command(args[1])) return help(*c);
      }
      out_ << general_usage(program_);
      return kOk;
    }
    if (args[0] == "--version") {
      out_ << "keelson " << KEELSON_VERSION << "\n";
      return kOk;
    }
    const Command* command = find_command(args[0]);
    if (command == nullptr) {
      std::vector<std::string> names;
      for (const auto& c : commands()) names.emplace_back(c.name);
      const std::string hint = did_you_mean(args[0], names);
      err_ << fmt::format("{}: unknown command \"{}\"{}\nrun \"{} --help\" for the commands\n",
                          program_, args[0], hint.empty() ? "" : "; " + hint, program_);
      return kBadInput;
    }
    // drift follows `terraform plan -detailed-exitcode`, where 2 is drift.
    const int bad_input = std::string(command->name) == "drift" ? kFindings : kBadInput;
    try {
      const Invocation inv = parse(*command, args);
      if (inv.help) return help(*command);
      const std::string name = command->name;
      if (name == "synth") return synth(inv);
      if (name == "diff") return diff(inv);
      if (name == "list") return list(inv);
      if (name == "check") return check(inv);
      if (name == "rules") return rules(inv);
      if (name == "drift") return drift(inv);
      if (name == "cost") return cost(inv);
      if (name == "docs") return docs(inv);
      return validate(inv);
    } catch (const UsageError& e) {
      err_ << program_ << " " << e.what() << "\n";
      return bad_input;
    } catch (const Error& e) {
      err_ << e.what() << "\n";
      return bad_input;
    } catch (const fs::filesystem_error& e) {
      err_ << "error: " << e.what() << "\n";
      return bad_input;
    }
  }

 private:
  static const Command* find_command(const std::string& name) {
    for (const auto& c : commands()) {
      if (name == c.name) return &c;
    }
    return nullptr;
  }

  int help(const Command& command) {
    out_ << fmt::format("usage: {} {}", program_, command.usage);
    return kOk;
  }

  fs::path environments_dir(const Invocation& inv) const {
    if (auto dir = inv.value("environments")) return *dir;
    return app_.options().root / "environments";
  }

  fs::path output_dir(const Invocation& inv, const char* option) const {
    if (auto dir = inv.value(option)) return *dir;
    return app_.options().root / "generated";
  }

  Synthesis run_synthesis(const Invocation& inv) const {
    if (inv.value("all") && inv.value("env"))
      throw UsageError("synth: give --env or --all, not both");
    return synthesize(app_, environments_dir(inv), inv.values("env"));
  }

  // The output directory's contents are replaced: it must not be where the
  // user's sources or environment files are.
  void check_output_dir(const fs::path& out, const fs::path& environments) const {
    const fs::path& root = app_.options().root;
    if (!root.empty() && is_within(root, out)) {
      throw Error(errors::output_is_source_tree(out, root));
    }
    if (is_within(out, environments)) {
      throw Error(errors::output_in_environments(out, environments));
    }
  }

  // Says once that the directory is busy, so a wait is not taken for a hang.
  WriteOptions output_options(const fs::path& dir) const {
    WriteOptions options;
    options.on_wait = [this, dir, seconds = options.lock_timeout.count() / 1000] {
      err_ << fmt::format("waiting for another keelson run to release {} (up to {} s)\n",
                          display(dir), seconds);
    };
    return options;
  }

  int synth(const Invocation& inv) {
    const fs::path out = output_dir(inv, "out");
    if (inv.value("check")) {
      if (inv.value("force")) throw UsageError("synth: --check writes nothing; drop --force");
      const Synthesis s = run_synthesis(inv);
      const DiffRequest request{out, display(out), "text", nullptr, output_options(out)};
      return run_check(s, request, program_, out_);
    }
    check_output_dir(out, environments_dir(inv));
    const Synthesis s = run_synthesis(inv);
    if (!s.warnings.empty()) err_ << format_diagnostics(s.warnings);
    WriteOptions options = output_options(out);
    options.force = inv.value("force").has_value();
    const WriteReport report = write_output(s, out, options);
    if (!report.deleted.empty()) {
      err_ << fmt::format("deleted {} file(s) keelson did not write (--force):\n",
                          report.deleted.size());
      for (const auto& file : report.deleted) err_ << "  " << file << "\n";
    }
    std::string envs;
    for (const auto& e : s.environments) envs += (envs.empty() ? "" : ", ") + e;
    const std::size_t charts = charts_of(app_).size();
    out_ << fmt::format("synthesized {} stack(s){} for {} into {} ({} files)\n",
                        s.plan.stacks.size(),
                        charts == 0 ? "" : fmt::format(" and {} chart(s)", charts), envs,
                        display(out), s.files.size());
    return kOk;
  }

  int docs(const Invocation& inv) {
    const fs::path out =
        inv.value("out") ? fs::path(*inv.value("out")) : app_.options().root / "generated" / "docs";
    check_output_dir(out, environments_dir(inv));
    const DocsReport report = write_docs(app_, {.out = out,
                                                .environments = environments_dir(inv),
                                                .names = inv.values("env"),
                                                .write = output_options(out)});
    if (!report.warnings.empty()) err_ << format_diagnostics(report.warnings);
    std::string envs;
    for (const auto& e : report.environments) envs += (envs.empty() ? "" : ", ") + e;
    out_ << fmt::format("documented {} stack(s) for {} into {} ({} files{})\n", report.stacks, envs,
                        display(out), report.files,
                        report.svg ? "" : "; no architecture.svg: Graphviz's dot is not on PATH");
    return kOk;
  }

  int diff(const Invocation& inv) {
    const std::string format = inv.value("format").value_or("text");
    if (format != "text" && format != "markdown" && format != "json") {
      throw UsageError("diff: --format must be text, markdown or json, not \"" + format + "\"");
    }
    schema::ProviderSchemas loaded;
    const auto files = inv.values("schema");
    for (const auto& file : files) loaded.merge(schema::ProviderSchemas::load(file));
    const Synthesis s = run_synthesis(inv);
    const fs::path against = output_dir(inv, "against");
    DiffRequest request{against, display(against), format, files.empty() ? nullptr : &loaded,
                        output_options(against)};
    return run_diff(s, request, out_);
  }

  int list(const Invocation& inv) {
    const Plan plan = plan_app(app_);
    out_ << "app " << app_.name() << "\n\nstacks (dependency order):\n";
    for (const auto& stack : plan.stacks) {
      out_ << "  " << stack.stack->name();
      if (!stack.inputs.empty()) {
        std::vector<std::string> producers;
        for (const auto& input : stack.inputs) {
          if (std::find(producers.begin(), producers.end(), input.producer->name()) ==
              producers.end()) {
            producers.push_back(input.producer->name());
          }
        }
        std::string joined;
        for (const auto& p : producers) joined += (joined.empty() ? "" : ", ") + p;
        out_ << "  (reads " << joined << ")";
      }
      out_ << "\n";
      for (const Resource* r : stack.stack->resources()) {
        out_ << fmt::format("    {:<44} {}\n", r->address(), r->node().path());
      }
      for (const ModuleCall* m : stack.stack->module_calls()) {
        out_ << fmt::format("    {:<44} {}\n", m->address(), m->node().path());
      }
    }
    out_ << "\nparameters:\n";
    for (const Parameter* p : app_.parameters()) {
      out_ << fmt::format("  {:<24} {:<16} {}\n", p->name(), p->type().terraform(),
                          p->spec().description);
    }
    out_ << "\nenvironments (" << display(environments_dir(inv)) << "):\n";
    for (const auto& name : list_environments(environments_dir(inv))) out_ << "  " << name << "\n";
    return kOk;
  }

  int validate(const Invocation& inv) {
    const std::string format = inv.value("format").value_or("text");
    if (format != "text" && format != "json") {
      throw UsageError("validate: --format must be text or json, not \"" + format + "\"");
    }
    const auto engine = inv.value("engine");
    if (engine && *engine != "tofu" && *engine != "terraform") {
      throw UsageError("validate: --engine must be tofu or terraform, not \"" + *engine + "\"");
    }
    if (engine && format == "json") {
      throw UsageError("validate: --engine reports the engine's own text; use --format text");
    }
    if (!engine && inv.value("plan").has_value()) {
      throw UsageError("validate: --plan needs --engine");
    }
    const Synthesis s = synthesize(app_, environments_dir(inv), inv.values("env"));
    schema::ProviderSchemas loaded;
    const auto files = inv.values("schema");
    for (const auto& file : files) loaded.merge(schema::ProviderSchemas::load(file));
    const schema::ProviderSchemas& schemas =
        files.empty() ? schema::ProviderSchemas::bundled() : loaded;
    const auto findings = check_schemas(s, schemas);

    std::size_t errors = 0;
    for (const auto& f : findings)
      errors += f.finding.severity == schema::Finding::Severity::kError;
    if (format == "json") {
      auto list = nlohmann::json::array();
      for (const auto& f : findings) {
        list.push_back(
            {{"severity",
              f.finding.severity == schema::Finding::Severity::kError ? "error" : "warning"},
             {"code", f.finding.code},
             {"file", f.finding.file},
             {"address", f.finding.address},
             {"attribute", f.finding.attribute},
             {"message", f.finding.message},
             {"construct", f.path},
             {"source", f.where.to_string()}});
      }
      out_ << list.dump(2) << "\n";
    } else {
      for (const auto& f : findings) out_ << f.to_string() << "\n";
      std::size_t resources = 0;
      for (const auto& stack : s.plan.stacks) resources += stack.stack->resources().size();
      out_ << fmt::format("{} error(s), {} warning(s) in {} resource(s) and data source(s)\n",
                          errors, findings.size() - errors, resources);
    }
    bool engine_passed = true;
    if (engine) {
      engine_passed =
          check_with_engine(s, {.engine = *engine, .plan = inv.value("plan").has_value()}, out_);
    }
    return errors == 0 && engine_passed ? kOk : kFindings;
  }

  int check(const Invocation& inv) {
    const std::string format = inv.value("format").value_or("text");
    if (format != "text" && format != "json" && format != "sarif") {
      throw UsageError("check: --format must be text, json or sarif, not \"" + format + "\"");
    }
    std::vector<policy::EnvironmentFindings> results;
    if (const auto plan_file = inv.value("plan")) {
      const auto envs = inv.values("env");
      if (envs.size() > 1) throw UsageError("check: --plan takes one --env at most");
      std::ifstream in(*plan_file, std::ios::binary);
      if (!in) throw UsageError("check: cannot read " + *plan_file);
      std::ostringstream text;
      text << in.rdbuf();
      // The environment's file, when there is one, gives its severities,
      // required tags and suppressions.
      policy::Context context{envs.empty() ? "plan" : envs[0], {}};
      const auto known = list_environments(environments_dir(inv));
      if (std::find(known.begin(), known.end(), context.environment) != known.end()) {
        context.settings = load_environment(environments_dir(inv), context.environment).policy;
      }
      // The model says where each planned resource is declared, so that
      // suppressions by construct path and in code apply to the plan too.
      results.push_back(
          policy::check_plan(policy::plan_views(text.str(), *plan_file), plan_app(app_), context));
    } else {
      const auto names =
          inv.values("env").empty() ? list_environments(environments_dir(inv)) : inv.values("env");
      const Plan plan = plan_app(app_);
      // Environments that share an account, state or role fail the check
      // as they fail a synth.
      std::vector<Environment> everyone;
      for (const auto& name : list_environments(environments_dir(inv)))
        everyone.push_back(load_environment(environments_dir(inv), name));
      if (auto shared = isolation_problems(everyone, app_.name()); !shared.empty())
        throw Error(std::move(shared));
      for (const auto& name : names) {
        const Environment env = load_environment(environments_dir(inv), name);
        results.push_back(
            policy::check_environment(plan, env, resolve_parameters(env, app_.parameters())));
      }
    }
    if (format == "json") {
      out_ << policy::json_report(results);
    } else if (format == "sarif") {
      // Paths relative to where `check` runs: the repository's root in CI.
      out_ << policy::sarif_report(results, {.root = fs::current_path().generic_string(),
                                             .input = inv.value("plan").value_or(""),
                                             .version = KEELSON_VERSION});
    } else {
      out_ << policy::text_report(results);
    }
    bool error = false;
    for (const auto& r : results) error = error || policy::has_error(r.findings);
    return error ? kFindings : kOk;
  }

  int drift(const Invocation& inv) {
    DriftOptions options;
    const auto envs = inv.values("env");
    if (envs.size() != 1) throw UsageError("drift: give the environment with one --env NAME");
    options.environment = envs[0];
    const auto state = inv.value("state");
    const auto plan = inv.value("plan");
    if (state.has_value() == plan.has_value())
      throw UsageError("drift: give either --state FILE or --plan FILE");
    options.file = state ? *state : *plan;
    options.plan = plan.has_value();
    options.format = inv.value("format").value_or("text");
    if (options.format != "text" && options.format != "json")
      throw UsageError("drift: --format must be text or json, not \"" + options.format + "\"");
    options.environments = environments_dir(inv);
    return run_drift(app_, options, out_);
  }

  int cost(const Invocation& inv) {
    CostOptions options{.environments = environments_dir(inv),
                        .names = inv.values("env"),
                        .format = inv.value("format").value_or("text"),
                        .against = std::nullopt};
    if (options.format != "text" && options.format != "markdown" && options.format != "json") {
      throw UsageError("cost: --format must be text, markdown or json, not \"" + options.format +
                       "\"");
    }
    if (const auto against = inv.value("against")) options.against = fs::path(*against);
    return run_cost(app_, options, out_) == 0 ? kOk : kFindings;
  }

  int rules(const Invocation& inv) {
    const std::string format = inv.value("format").value_or("markdown");
    if (format != "markdown" && format != "json") {
      throw UsageError("rules: --format must be markdown or json, not \"" + format + "\"");
    }
    out_ << (format == "json" ? policy::rules_json(policy::builtin_rules())
                              : policy::rules_markdown(policy::builtin_rules()));
    return kOk;
  }

  const App& app_;
  std::string program_;
  std::ostream& out_;
  std::ostream& err_;
};

}  // namespace

int run_cli(const App& app, const std::string& program, const std::vector<std::string>& args,
            std::ostream& out, std::ostream& err) {
  return Cli(app, program, out, err).run(args);
}

int run_cli(const App& app, int argc, char** argv) {
  const std::string program = argc > 0 ? fs::path(argv[0]).filename().string() : "keelson";
  return run_cli(app, program, std::vector<std::string>(argv + 1, argv + argc), std::cout,
                 std::cerr);
}

}  // namespace keelson
