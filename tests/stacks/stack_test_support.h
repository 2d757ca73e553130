#ifndef KEELSON_TESTS_STACKS_STACK_TEST_SUPPORT_H_
#define KEELSON_TESTS_STACKS_STACK_TEST_SUPPORT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dsl/app.h"

namespace keelson::testing {

/// The rendered `main.tf.json` of stack `stack` of `app` (planned, no
/// environment needed), parsed.
nlohmann::json module_json(const App& app, const std::string& stack);

/// The rendered `variables.tf.json` / `outputs.tf.json` of a stack, parsed
/// (null when the module has none).
nlohmann::json module_variables(const App& app, const std::string& stack);
nlohmann::json module_outputs(const App& app, const std::string& stack);

/// Every schema finding of every module of `app` against the bundled
/// schemas (aws, helm, kubernetes), one line each; empty when the output is valid.
std::vector<std::string> schema_findings(const App& app);

/// The messages of every problem planning `app` reports; empty when none.
std::vector<std::string> plan_problems(const App& app);

}  // namespace keelson::testing

#endif  // KEELSON_TESTS_STACKS_STACK_TEST_SUPPORT_H_
