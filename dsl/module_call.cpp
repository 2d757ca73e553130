#include "dsl/module_call.h"

#include "dsl/errors.h"
#include "dsl/expression.h"
#include "dsl/stack.h"

namespace keelson {

ModuleCall::ModuleCall(Construct& scope, const Id& id, std::string source, std::string version)
    : Construct(scope, id),
      source_(std::move(source)),
      version_(std::move(version)),
      stack_(enclosing_stack()) {
  if (stack_ == nullptr) throw Error(errors::resource_outside_stack(node().path(), node().where()));
  stack_->module_calls_.push_back(this);
}

ModuleCall& ModuleCall::set(std::string_view name, Value value) {
  inputs_.insert_or_assign(std::string(name), std::move(value));
  return *this;
}

Value ModuleCall::output(std::string name) const { return make_reference(*this, std::move(name)); }

std::string ModuleCall::address() const { return "module." + logical_id_below(*this, *stack_); }

std::string ModuleCall::output_stem() const { return logical_id_below(*this, *stack_); }

}  // namespace keelson
