#ifndef KEELSON_DSL_APP_H_
#define KEELSON_DSL_APP_H_

#include <filesystem>
#include <memory>
#include <optional>
#include <source_location>
#include <string>
#include <vector>

#include "dsl/construct.h"
#include "dsl/parameter.h"
#include "dsl/provider.h"
#include "dsl/stack.h"
#include "dsl/workflow.h"

namespace keelson {

/// Every option of an App, explicit: nothing is read from the process
/// environment, so output never depends on the shell it ran in.
struct AppOptions {
  /// Directory holding `environments/` (input) and `generated/` (default
  /// output). Empty: the directory of the source file that constructs the App.
  std::filesystem::path root{};
  /// The `required_version` of every generated configuration.
  std::string terraform_version = ">= 1.10.0";
  /// The pinned AWS provider version; the bundled schema is 6.25.0.
  std::string aws_provider_version = "~> 6.25";
  /// Tags put on every AWS resource through the provider's `default_tags`,
  /// before the environment's own tags (which win).
  std::map<std::string, std::string> tags{};
};

/// The root of the construct tree: stacks, parameters and providers. A
/// user's program builds one and hands it the command line with `run()`.
class App : public Construct {
 public:
  explicit App(std::string name, AppOptions options = {},
               std::source_location where = std::source_location::current());
  ~App() override;

  const std::string& name() const { return name_; }
  const AppOptions& options() const { return options_; }

  /// Adds a stack: `app.stack<NetworkStack>("network", props)`, or a plain
  /// `app.stack("network")` to fill with resources by hand.
  template <typename T = Stack, typename... Args>
    requires(!requires { typename T::Props; })
  T& stack(const Id& id, Args&&... args) {
    return add<T>(id, std::forward<Args>(args)...);
  }
  /// A stack configured by props, so designated initializers work:
  /// `app.stack<NetworkStack>("network", {.cidr = "10.0.0.0/16"})`.
  template <typename T>
    requires requires { typename T::Props; }
  T& stack(const Id& id, typename T::Props props = {}) {
    return add<T>(id, std::move(props));
  }

  /// Declares a parameter typed by `T`; each environment file gives its value.
  template <typename T>
  Param<T> param(const Id& name, ParamSpec spec = {}) {
    return Param<T>(param(name, ParamType::of<T>(), std::move(spec)));
  }
  /// Declares a parameter of any type (e.g. `ParamType::object(...)`).
  const Parameter& param(const Id& name, ParamType type, ParamSpec spec = {});

  /// A rule relating parameters, checked by Terraform before it plans:
  /// `condition` (a bool expression over parameters) must hold, or Terraform
  /// stops with `error_message` (a sentence: a capital letter first, a period
  /// last) on the variable of `on`, the parameter the message is about.
  /// `app.rule(certificate, logical_or(logical_not(https), ne(certificate, "")),
  ///           "A certificate_arn is required when alb_https is true.")`.
  template <typename T>
  void rule(const Param<T>& on, Value condition, std::string error_message) {
    rule(on.parameter(), std::move(condition), std::move(error_message));
  }
  void rule(const Parameter& on, Value condition, std::string error_message);

  /// Declares a provider configuration: another provider (`random`, with its
  /// source and version) or an aliased AWS provider (`{.alias = "replica"}`).
  const Provider& provider(const Id& local_name, ProviderOptions options = {});
  /// The default AWS provider configuration.
  const Provider& aws() const { return *providers_.front(); }

  /// Parameters and providers in declaration order.
  std::vector<const Parameter*> parameters() const;
  std::vector<const Provider*> providers() const;
  /// The provider declared for local name `name` (default configuration), or nullptr.
  const Provider* find_provider(std::string_view local_name) const;
  /// Stacks in declaration order.
  std::vector<const Stack*> stacks() const;

  /// Declares the GitHub Actions workflow `synth` writes for the output
  /// (see WorkflowOptions); declaring a second one replaces the first.
  void workflow(WorkflowOptions options,
                std::source_location where = std::source_location::current());
  /// The declared workflow, or nullptr.
  const Workflow* workflow() const { return workflow_ ? &*workflow_ : nullptr; }

  /// Problems reported while declaring; synthesis fails with all of them.
  const std::vector<Diagnostic>& reported() const { return reported_; }

  /// Locks the construct tree (declaring is over: a validation hook that
  /// adds constructs fails, naming them) and runs the command line (`synth`,
  /// `diff`, `list`, `validate`, ...); returns the process exit code: 0 ok,
  /// 1 findings or changes, 2 bad input. Defined with the command line
  /// (synth/app_run.cpp), so the model itself knows nothing of it.
  int run(int argc, char** argv);

 protected:
  void collect_problem(Diagnostic diagnostic) override {
    reported_.push_back(std::move(diagnostic));
  }

 private:
  std::string name_;
  AppOptions options_;
  std::vector<std::unique_ptr<Parameter>> parameters_;
  std::vector<std::unique_ptr<Provider>> providers_;
  std::vector<Diagnostic> reported_;
  std::optional<Workflow> workflow_;
};

}  // namespace keelson

#endif  // KEELSON_DSL_APP_H_
