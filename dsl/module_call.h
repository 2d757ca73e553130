#ifndef KEELSON_DSL_MODULE_CALL_H_
#define KEELSON_DSL_MODULE_CALL_H_

#include <string>
#include <string_view>

#include "dsl/construct.h"
#include "dsl/referenceable.h"
#include "dsl/value.h"

namespace keelson {

/// A call to an existing Terraform module (from a registry, git or a path)
/// inside a stack: `module "<id>" { source = ..., version = ..., inputs }`.
class ModuleCall : public Construct, public Referenceable {
 public:
  ModuleCall(Construct& scope, const Id& id, std::string source, std::string version);

  const std::string& source() const { return source_; }
  const std::string& version() const { return version_; }

  /// Sets an input variable of the module.
  ModuleCall& set(std::string_view name, Value value);
  const Value::Map& inputs() const { return inputs_; }

  /// `module.<id>.<name>`: a reference to an output of the module.
  Value output(std::string name) const;

  // Referenceable
  std::string address() const override;
  const Stack& owner() const override { return *stack_; }
  const Construct& construct() const override { return *this; }
  Repetition repetition() const override { return Repetition::kSingle; }
  std::string output_stem() const override;

 private:
  std::string source_;
  std::string version_;
  Stack* stack_;
  Value::Map inputs_;
};

}  // namespace keelson

#endif  // KEELSON_DSL_MODULE_CALL_H_
