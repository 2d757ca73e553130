#ifndef KEELSON_PLAN_WIRING_H_
#define KEELSON_PLAN_WIRING_H_

#include <map>
#include <string>
#include <vector>

#include "dsl/app.h"
#include "plan/expression_renderer.h"

namespace keelson {

/// A variable of a consumer's module, fed by an output of another stack.
struct CrossStackInput {
  std::string variable;   ///< `<producer>_<output>`, e.g. `network_vpc_main_id`
  const Stack* producer;  ///< the stack whose module exports the value
  std::string output;     ///< the producer's output name, e.g. `vpc_main_id`
  /// The variable's Terraform type, from the producer's attribute type in the
  /// provider schemas (`string`, `list(string)`, `map(string)`, ...); `any`
  /// when unknown. See input_type().
  std::string type = "any";
};

/// An output a producer's module exports because another stack, or a
/// provider configuration of the roots, reads it.
struct ExportedOutput {
  std::string name;                    ///< `<thing>_<attribute>`, plural for collections
  std::string expression;              ///< the value, inside the producer: `aws_vpc.main.id`
  std::vector<std::string> consumers;  ///< stacks that read it, sorted
  std::vector<std::string> providers;  ///< provider configurations that read it, sorted
};

/// Everything a generator needs about one stack's module, resolved.
struct StackPlan {
  const Stack* stack = nullptr;
  std::vector<const Parameter*> parameters;  ///< used by the module, sorted by name
  std::vector<CrossStackInput> inputs;       ///< sorted by variable
  std::vector<ExportedOutput> exports;       ///< sorted by name
  std::vector<const Stack*> depends_on;      ///< explicit cross-stack `depends_on`
  std::vector<const Provider*> providers;    ///< configurations the module uses, in app order
  /// The module uses `environment_name()`: it declares the `environment`
  /// variable and every root passes its name.
  bool uses_environment = false;
  /// How references render inside this module.
  ReferenceRenderer references;
};

/// The resolved model: stacks in dependency order (producers first, ties in
/// declaration order) with their wiring.
struct Plan {
  const App* app = nullptr;
  std::vector<StackPlan> stacks;
  /// How references render in a root (provider settings): a stack's
  /// resource as the output its module exports, `module.<stack>.<output>`.
  ReferenceRenderer root_references;
  const StackPlan& stack(const Stack& stack) const;
};

/// Validates the whole tree (reported problems, validation hooks, providers,
/// addresses, references, cycles) and resolves cross-stack references,
/// including those of provider settings, which the roots read from the
/// producers' module outputs.
/// Throws keelson::Error with every problem found.
Plan plan_app(const App& app);

}  // namespace keelson

#endif  // KEELSON_PLAN_WIRING_H_
