#include "dsl/errors.h"

#include <fmt/core.h>

#include "dsl/quote.h"
#include "dsl/suggest.h"

namespace keelson::errors {
namespace {

Diagnostic make(std::string code, std::string path, std::string message, std::string hint,
                SourceLocation where) {
  return make_error(std::move(code), std::move(message), std::move(where), std::move(hint),
                    std::move(path));
}

std::string scope_name(std::string_view parent_path) {
  return parent_path.empty() ? "the app" : fmt::format("\"{}\"", parent_path);
}

}  // namespace

Diagnostic invalid_id(std::string_view parent_path, std::string_view id, SourceLocation where) {
  std::string hint = id.find('/') != std::string_view::npos
                         ? "\"/\" separates path components; nest a construct instead"
                         : "start with a letter; use only letters, digits, \"_\" and \"-\"";
  return make("K1001", std::string(parent_path),
              fmt::format("invalid construct id \"{}\" in {}", id, scope_name(parent_path)),
              std::move(hint), std::move(where));
}

Diagnostic duplicate_id(std::string_view parent_path, std::string_view id, SourceLocation where,
                        const SourceLocation& first) {
  return make(
      "K1002", std::string(parent_path),
      fmt::format("there is already a construct with id \"{}\" in {}", id, scope_name(parent_path)),
      fmt::format("ids must be unique among siblings; the first was declared at {}",
                  first.known() ? first.to_string() : "an unknown place"),
      std::move(where));
}

Diagnostic tree_locked(std::string_view parent_path, std::string_view id, SourceLocation where) {
  return make("K1003", std::string(parent_path),
              fmt::format("cannot add \"{}\" to {}: the construct tree is locked for synthesis", id,
                          scope_name(parent_path)),
              "declare every construct before calling run()", std::move(where));
}

Diagnostic child_not_found(std::string_view parent_path, std::string_view id,
                           const std::vector<std::string>& children, SourceLocation where) {
  return make("K1004", std::string(parent_path),
              fmt::format("no construct with id \"{}\" in {}", id, scope_name(parent_path)),
              did_you_mean(id, children), std::move(where));
}

Diagnostic resource_outside_stack(std::string_view path, SourceLocation where) {
  return make("K1005", std::string(path), "resources must be declared inside a stack",
              "create it from a stack (stack.resource(...)) or a construct within one",
              std::move(where));
}

Diagnostic stack_not_under_app(std::string_view path, SourceLocation where) {
  return make("K1006", std::string(path), "a stack must be a direct child of the App",
              "create stacks with app.stack<T>(...)", std::move(where));
}

Diagnostic invalid_resource_type(std::string_view path, std::string_view type,
                                 SourceLocation where) {
  return make("K1007", std::string(path), fmt::format("invalid resource type \"{}\"", type),
              "a type is \"<provider>_<name>\" in lower case, e.g. \"aws_vpc\"", std::move(where));
}

Diagnostic logical_id_already_read(std::string_view path, std::string_view logical_id,
                                   SourceLocation where) {
  return make("K1008", std::string(path),
              fmt::format("cannot override the logical id: \"{}\" was already used", logical_id),
              "call override_logical_id() right after creating the resource", std::move(where));
}

Diagnostic duplicate_logical_id(std::string_view path, std::string_view address,
                                std::string_view other_path, SourceLocation where) {
  return make("K1009", std::string(path),
              fmt::format("\"{}\" is also the address of \"{}\"", address, other_path),
              "rename one of them or call override_logical_id()", std::move(where));
}

Diagnostic count_and_for_each(std::string_view path, SourceLocation where) {
  return make("K1010", std::string(path), "count and for_each cannot both be set",
              "use for_each over a map keyed by meaningful names", std::move(where));
}

Diagnostic reserved_attribute(std::string_view path, std::string_view name, SourceLocation where) {
  return make("K1012", std::string(path),
              fmt::format("\"{}\" is a meta-argument, not an attribute", name),
              fmt::format("use the {}() method instead of set()", name), std::move(where));
}

Diagnostic invalid_override_path(std::string_view path, std::string_view override_path,
                                 SourceLocation where) {
  return make(
      "K1013", std::string(path), fmt::format("invalid override path \"{}\"", override_path),
      "a path is names joined by \".\", e.g. \"lifecycle.prevent_destroy\"", std::move(where));
}

Diagnostic invalid_suppression_reason(std::string_view path, std::string_view rule_id,
                                      bool multi_line, SourceLocation where) {
  return make("K1033", std::string(path),
              multi_line ? fmt::format("the reason for suppressing \"{}\" spans lines", rule_id)
                         : fmt::format("suppressing \"{}\" needs a reason", rule_id),
              "say in one line why the rule does not apply to this resource; reviewers and "
              "the policy report read it",
              std::move(where));
}

Diagnostic invalid_rule_id(std::string_view path, std::string_view rule_id, SourceLocation where) {
  return make("K1034", std::string(path), fmt::format("invalid rule id \"{}\"", rule_id),
              "a rule id is upper-case letters and digits in words joined by \"_\" or \"-\", "
              "e.g. \"CKV_AWS_144\" (checkov) or \"KSL-S3-001\"",
              std::move(where));
}

Diagnostic validation_failed(std::string_view path, std::string_view message,
                             SourceLocation where) {
  return make("K1014", std::string(path), std::string(message), {}, std::move(where));
}

Diagnostic duplicate_parameter(std::string_view name, SourceLocation where,
                               const SourceLocation& first) {
  return make("K1015", {}, fmt::format("parameter \"{}\" is declared twice", name),
              fmt::format("the first declaration is at {}",
                          first.known() ? first.to_string() : "an unknown place"),
              std::move(where));
}

Diagnostic invalid_parameter_name(std::string_view name, SourceLocation where) {
  return make("K1016", {}, fmt::format("invalid parameter name \"{}\"", name),
              "use snake_case: a letter, then letters, digits or \"_\"; not a reserved name "
              "(source, version, providers, count, for_each, lifecycle, depends_on, locals, "
              "environment)",
              std::move(where));
}

Diagnostic invalid_parameter_default(std::string_view name, std::string_view problem,
                                     SourceLocation where) {
  return make("K1017", {}, fmt::format("the default of parameter \"{}\" {}", name, problem), {},
              std::move(where));
}

Diagnostic invalid_parameter_pattern(std::string_view name, std::string_view pattern,
                                     std::string_view problem, SourceLocation where) {
  return make("K1029", {},
              fmt::format("the pattern {} of parameter \"{}\" is not a valid regular expression: {}",
                          quote_shortened(pattern), name, problem),
              "patterns use RE2 syntax, as Terraform's regex() does: no lookaround or "
              "backreferences",
              std::move(where));
}

Diagnostic sensitive_parameter_default(std::string_view name, SourceLocation where) {
  return make("K1026", {},
              fmt::format("sensitive parameter \"{}\" has a default, which would be written in "
                          "plain text to variables.tf.json",
                          name),
              "drop the default; give the value at plan time or read it from a secret store",
              std::move(where));
}

Diagnostic duplicate_output(std::string_view path, std::string_view name, SourceLocation where) {
  return make("K1018", std::string(path), fmt::format("output \"{}\" is declared twice", name), {},
              std::move(where));
}

Diagnostic unevaluable_expectation(std::string_view path, std::string_view name,
                                   SourceLocation where) {
  return make("K1032", std::string(path),
              fmt::format("the expected value of output \"{}\" is not computable from parameters",
                          name),
              "expect a number, bool or string, or an expression of parameters, when(), "
              "comparisons, && || !, + - *, length, min, max or contains",
              std::move(where));
}

Diagnostic duplicate_provider(std::string_view reference, SourceLocation where) {
  return make("K1019", {}, fmt::format("provider \"{}\" is declared twice", reference),
              "give the second configuration an alias", std::move(where));
}

Diagnostic provider_not_declared(std::string_view path, std::string_view type,
                                 std::string_view local_name, SourceLocation where) {
  return make("K1020", std::string(path),
              fmt::format("\"{}\" needs provider \"{}\", which is not declared", type, local_name),
              fmt::format("declare it with app.provider(\"{}\", {{.source = ..., .version = ...}})",
                          local_name),
              std::move(where));
}

Diagnostic foreign_reference(std::string_view path, std::string_view target_path,
                             SourceLocation where) {
  return make("K1021", std::string(path),
              fmt::format("reference to \"{}\", which belongs to another App", target_path), {},
              std::move(where));
}

Diagnostic stack_cycle(const std::vector<std::string>& cycle, SourceLocation where) {
  std::string chain;
  for (const auto& stack : cycle) chain += (chain.empty() ? "" : " -> ") + stack;
  return make("K1022", cycle.empty() ? std::string() : cycle.front(),
              fmt::format("stacks reference each other in a cycle: {}", chain),
              "move the shared resources into a stack both can depend on", std::move(where));
}

Diagnostic no_stacks(std::string_view app) {
  return make("K1023", {}, fmt::format("app \"{}\" has no stacks", app),
              "add one with app.stack<T>(\"id\", ...)", {});
}

Diagnostic stack_id_too_long(std::string_view path, std::size_t bytes, std::size_t limit,
                             SourceLocation where) {
  return make("K1040", std::string(path),
              fmt::format("the stack id is {} bytes long; it names the module's directory, and a "
                          "file name may have at most {} bytes",
                          bytes, limit),
              "choose a shorter id", std::move(where));
}

Diagnostic generated_name_too_long(std::string_view file, std::size_t bytes, std::size_t limit) {
  return make("K1041", {},
              fmt::format("generated file \"{}\" has a name of {} bytes; at most {} are allowed",
                          file.substr(0, 120), bytes, limit),
              {}, {});
}

Diagnostic whole_reference_to_repeated(std::string_view path, std::string_view target_path,
                                       SourceLocation where) {
  return make(
      "K1024", std::string(path),
      fmt::format("\"{}\" has count or for_each, so its attributes need an instance", target_path),
      "use at(index_or_key).attr(...) for one instance or all(...) for every instance",
      std::move(where));
}

Diagnostic reference_to_unset_instance(std::string_view path, std::string_view target_path,
                                       SourceLocation where) {
  return make(
      "K1011", std::string(path),
      fmt::format("at() and all() on \"{}\", which has neither count nor for_each", target_path),
      "use attr() for a resource with a single instance", std::move(where));
}

Diagnostic unresolvable_provider_setting(std::string_view reference, std::string_view setting,
                                        std::string problem, SourceLocation where) {
  return make("K1031", {},
              fmt::format("setting \"{}\" of provider \"{}\" {}", setting, reference, problem),
              "a provider setting may use literals, parameters, environment_name() and "
              "attributes of resources, data sources and module calls of this app's stacks",
              std::move(where));
}

Diagnostic depends_on_itself(std::string_view path, SourceLocation where) {
  return make("K1027", std::string(path), "a resource cannot depend on itself",
              "remove the depends_on, or name the resource it should wait for",
              std::move(where));
}

Diagnostic provider_without_source(std::string_view reference, bool source_missing,
                                   bool version_missing, SourceLocation where) {
  const char* missing = source_missing && version_missing ? "a source and a version"
                        : source_missing                  ? "a source"
                                                          : "a version";
  return make("K1028", {}, fmt::format("provider \"{}\" needs {}", reference, missing),
              "e.g. app.provider(\"random\", {.source = \"hashicorp/random\", .version = "
              "\"~> 3.6\"}); only the AWS provider has defaults",
              std::move(where));
}

}  // namespace keelson::errors
