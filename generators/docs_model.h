#ifndef KEELSON_GENERATORS_DOCS_MODEL_H_
#define KEELSON_GENERATORS_DOCS_MODEL_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "generators/file_set.h"
#include "plan/wiring.h"

namespace keelson {

/// A resource of a module, as its module JSON declares it.
struct DocResource {
  std::string type;
  std::string name;
  /// `count = <expr>` or `for_each = <expr>`, empty for a single instance.
  std::string repeat;
  nlohmann::json body;
  std::string address() const { return type + "." + name; }
};

/// A variable of a module (`variables.tf.json`).
struct DocVariable {
  std::string name;
  std::string type;
  std::string description;
  std::optional<nlohmann::json> default_value;
  bool sensitive = false;
};

/// An output of a module (`outputs.tf.json`).
struct DocOutput {
  std::string name;
  std::string description;
  bool sensitive = false;
  /// The value as written, `${aws_vpc.main.id}`.
  std::string value;
};

/// One stack's module, in the plan's dependency order.
struct DocModule {
  std::string name;
  std::vector<DocResource> resources;  ///< sorted by address
  std::vector<DocVariable> variables;  ///< sorted by name
  std::vector<DocOutput> outputs;      ///< sorted by name
  const DocResource* find(const std::string& address) const;
};

/// A cross-stack reference: a producer's output feeding a consumer's variable.
struct DocWire {
  std::string producer;
  std::string output;
  /// The producer's resource behind the output (`aws_vpc.main`), empty when
  /// the output is not one resource's attribute.
  std::string producer_resource;
  std::string consumer;
  std::string variable;
};

/// One environment's root, as synthesized.
struct DocEnvironment {
  std::string name;
  std::string region;
  std::string account;
  nlohmann::json module_calls = nlohmann::json::object();  ///< `module` of main.tf.json
  nlohmann::json tfvars = nlohmann::json::object();        ///< terraform.tfvars.json
  nlohmann::json variables = nlohmann::json::object();     ///< the root's variables
};

/// A value of the model in one environment: known (`value`), or the
/// expression it depends on, known only after apply (`expression`).
struct Resolved {
  std::optional<nlohmann::json> value;
  std::string expression;
};

/// Everything the docs generators read: the synthesized modules and roots
/// (the same files terraform-docs would read), the plan's wiring, the charts.
struct DocsModel {
  std::string app;
  std::vector<DocModule> modules;
  std::vector<DocWire> wires;                ///< sorted
  std::vector<DocEnvironment> environments;  ///< sorted by name
  std::vector<std::string> charts;           ///< chart names, sorted
  const FileSet* files = nullptr;

  const DocModule* module(const std::string& name) const;

  /// What the module's variable is in `env`: its root argument, through the
  /// root's tfvars, or the variable's default.
  Resolved input(const DocEnvironment& env, const std::string& module,
                 const std::string& variable) const;

  /// `value`, taken from module `module`'s JSON, in `env`: every `${var.X}`
  /// replaced by the variable's value, and `${T.N.A}` by resource T.N's
  /// literal attribute A of the same module. Unknown when anything else
  /// (a value known only after apply, a function) remains.
  Resolved evaluate(const DocEnvironment& env, const std::string& module,
                    const nlohmann::json& value) const;
};

/// Module `name` as the files `terraform/modules/<name>/*.tf.json` declare it.
DocModule doc_module(const std::string& name, const FileSet& files);

/// Builds the model from a synthesis's files and plan. `environments` gives
/// each synthesized environment's name, region and account.
DocsModel docs_model(const Plan& plan, const FileSet& files,
                     const std::vector<DocEnvironment>& environments);

/// A JSON value as a Markdown table shows it: strings as written, the rest
/// as compact JSON.
std::string display_value(const nlohmann::json& value);

/// `text` safe inside a Markdown table cell (pipes and newlines escaped).
std::string table_cell(const std::string& text);

}  // namespace keelson

#endif  // KEELSON_GENERATORS_DOCS_MODEL_H_
