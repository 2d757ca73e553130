#ifndef KEELSON_DSL_STACK_H_
#define KEELSON_DSL_STACK_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/construct.h"
#include "dsl/module_call.h"
#include "dsl/resource.h"
#include "dsl/value.h"

namespace keelson {

class App;

/// How an output is described.
struct OutputOptions {
  std::string description{};
  bool sensitive = false;
  /// What a plan of every environment must compute for this output: a number,
  /// bool or string, or an expression over parameters such as
  /// `when(single_nat, 1, zones)` (see evaluate()). Each root's generated
  /// `tests/plan.tftest.json` asserts it with the environment's values, so
  /// `tofu test` proves that the engine reads the configuration as keelson
  /// does. Null: no assertion.
  Value expect{};
};

/// A declared stack output: a value other stacks, or the environment root,
/// can read.
struct Output {
  std::string name;
  Value value;
  OutputOptions options;
  SourceLocation where;
};

/// A stack becomes one reusable Terraform module (`terraform/modules/<id>/`),
/// called once from every environment root. Stacks are children of the App.
class Stack : public Construct {
 public:
  Stack(Construct& scope, const Id& id);

  App& app() const { return *app_; }
  /// The stack id: the module's directory and its name in the roots.
  const std::string& name() const { return node().id(); }

  /// Calls an existing Terraform module from this stack.
  ModuleCall& module(const Id& id, std::string source, std::string version = {});

  /// Declares an output of the module, re-exported by every environment root
  /// as `<stack>_<name>`.
  Stack& output(const Id& name, Value value, OutputOptions options = {});
  const std::vector<Output>& outputs() const { return outputs_; }

  /// The stack's one `data "<type>" "current"` of a data source that takes no
  /// arguments (`aws_partition`, `aws_caller_identity`, `aws_region`):
  /// declared the first time it is asked for and the same afterwards, so the
  /// constructs of a stack share it and its module reads it once. Its
  /// construct id is `current_<type>`.
  Resource& shared_data(std::string_view type);

  /// The resources, data sources and module calls of this stack, at any
  /// depth, in the order they were declared.
  const std::vector<const Resource*>& resources() const { return resources_; }
  const std::vector<const ModuleCall*>& module_calls() const { return module_calls_; }

 private:
  friend class Resource;
  friend class ModuleCall;
  App* app_;
  std::vector<Output> outputs_;
  std::vector<const Resource*> resources_;
  std::vector<const ModuleCall*> module_calls_;
  std::map<std::string, Resource*, std::less<>> shared_data_;
};

/// The Terraform name of a construct inside `stack`: its path below the stack
/// with `Default` components dropped, joined by `_` (`Vpc/Default/main` is
/// `Vpc_main`). Wrapping a construct in a `Default` scope keeps its name.
std::string logical_id_below(const Construct& construct, const Stack& stack);

}  // namespace keelson

#endif  // KEELSON_DSL_STACK_H_
