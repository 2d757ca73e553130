#ifndef KEELSON_GENERATORS_TERRAFORM_PLAN_TEST_H_
#define KEELSON_GENERATORS_TERRAFORM_PLAN_TEST_H_

#include "environments/environment.h"
#include "plan/wiring.h"

namespace keelson {

/// The test file of an environment's root (`tests/plan.tftest.json`): one
/// `run` that plans the root and asserts, for every stack output declared
/// with `expect`, the value keelson computes for this environment from
/// `values` (the environment's parameter values; a parameter it does not give
/// takes its default). An expectation that reads a parameter with no known
/// value (a sensitive one) is left out. Null when nothing is asserted.
Value plan_test_document(const Plan& plan, const Environment& environment,
                         const Value::Map& values);

}  // namespace keelson

#endif  // KEELSON_GENERATORS_TERRAFORM_PLAN_TEST_H_
