#include "generators/terraform_plan_test.h"

#include "dsl/evaluate.h"
#include "dsl/expression.h"
#include "plan/expression_renderer.h"

namespace keelson {
namespace {

// Renders a literal for HCL; no expression reaches here, so no reference
// needs rendering.
std::string literal(const Value& value) {
  return render_hcl(value, [](const Expr&) -> std::string { return {}; });
}

}  // namespace

Value plan_test_document(const Plan& plan, const Environment& environment,
                         const Value::Map& values) {
  const auto parameters = plan.app->parameters();
  const VariableLookup variable = environment_values(parameters, values);
  Value::List asserts;
  for (const auto& stack : plan.stacks) {
    for (const auto& output : stack.stack->outputs()) {
      if (output.options.expect.is_null()) continue;
      const auto expected = evaluate(output.options.expect, variable);
      if (!expected) continue;
      const std::string address = "module." + stack.stack->name() + "." + output.name;
      const std::string shown = literal(*expected);
      asserts.push_back(
          Value::map({{"condition", raw(address + " == " + shown)},
                      {"error_message", "In " + environment.name + ", " + address + " must be " +
                                            shown + ": " + output.options.description}}));
    }
  }
  if (asserts.empty()) return {};
  return Value::map(
      {{"run", Value::map({{"plan",
                            Value::map({{"command", "plan"}, {"assert", std::move(asserts)}})}})}});
}

}  // namespace keelson
