#include "dsl/app.h"

#include <algorithm>

#include "dsl/errors.h"
#include "dsl/pattern.h"
#include "dsl/uncaught_error.h"

namespace keelson {
namespace {

bool is_valid_parameter_name(std::string_view name) {
  static const Pattern kName("[a-z][a-z0-9_]*");
  // Module call arguments Terraform reserves, and `environment`, the
  // variable keelson passes to modules that use environment_name().
  static constexpr std::string_view kReserved[] = {"source",     "version",  "providers",
                                                   "count",      "for_each", "lifecycle",
                                                   "depends_on", "locals",   "environment"};
  return kName.full_match(name) &&
         std::find(std::begin(kReserved), std::end(kReserved), name) == std::end(kReserved);
}

}  // namespace

App::App(std::string name, AppOptions options, std::source_location where)
    : Construct(where), name_(std::move(name)), options_(std::move(options)) {
  exit_cleanly_on_uncaught_errors();
  if (options_.root.empty()) options_.root = std::filesystem::path(where.file_name()).parent_path();
  ProviderOptions aws;
  aws.source = "hashicorp/aws";
  aws.version = options_.aws_provider_version;
  providers_.push_back(std::make_unique<Provider>("aws", std::move(aws), node().where()));
}

App::~App() = default;

void App::workflow(WorkflowOptions options, std::source_location where) {
  workflow_ = Workflow{std::move(options), to_source_location(where)};
}

const Parameter& App::param(const Id& name, ParamType type, ParamSpec spec) {
  SourceLocation where = to_source_location(name.where);
  if (!is_valid_parameter_name(name.value)) {
    report(errors::invalid_parameter_name(name.value, where));
  }
  for (const auto& existing : parameters_) {
    if (existing->name() == name.value) {
      report(errors::duplicate_parameter(name.value, where, existing->where()));
      return *existing;
    }
  }
  auto parameter = std::make_unique<Parameter>(name.value, std::move(type), std::move(spec), where);
  if (!parameter->pattern_error().empty()) {
    report(errors::invalid_parameter_pattern(name.value, parameter->spec().pattern,
                                             parameter->pattern_error(), where));
  }
  if (parameter->spec().sensitive && parameter->spec().default_value) {
    report(errors::sensitive_parameter_default(name.value, where));
  }
  if (const auto& fallback = parameter->spec().default_value) {
    for (const auto& problem : parameter->check(*fallback)) {
      report(errors::invalid_parameter_default(name.value, problem, where));
    }
  }
  parameters_.push_back(std::move(parameter));
  return *parameters_.back();
}

const Provider& App::provider(const Id& local_name, ProviderOptions options) {
  SourceLocation where = to_source_location(local_name.where);
  if (local_name.value == "aws") {
    if (options.source.empty()) options.source = "hashicorp/aws";
    if (options.version.empty()) options.version = options_.aws_provider_version;
  }
  // An aliased configuration takes what an earlier one of the same provider gave.
  for (const auto& existing : providers_) {
    if (existing->local_name() != local_name.value) continue;
    if (options.source.empty()) options.source = existing->source();
    if (options.version.empty()) options.version = existing->version();
  }
  if (options.source.empty() || options.version.empty()) {
    std::string reference = local_name.value;
    if (!options.alias.empty()) reference += "." + options.alias;
    report(errors::provider_without_source(reference, options.source.empty(),
                                           options.version.empty(), where));
  }
  auto provider = std::make_unique<Provider>(local_name.value, std::move(options), where);
  for (const auto& existing : providers_) {
    if (existing->reference() == provider->reference()) {
      report(errors::duplicate_provider(provider->reference(), where));
      return *existing;
    }
  }
  providers_.push_back(std::move(provider));
  return *providers_.back();
}

void App::rule(const Parameter& on, Value condition, std::string error_message) {
  for (auto& parameter : parameters_) {
    if (parameter.get() == &on) {
      parameter->add_rule({std::move(condition), std::move(error_message)});
      return;
    }
  }
}

std::vector<const Parameter*> App::parameters() const {
  std::vector<const Parameter*> out;
  for (const auto& p : parameters_) out.push_back(p.get());
  return out;
}

std::vector<const Provider*> App::providers() const {
  std::vector<const Provider*> out;
  for (const auto& p : providers_) out.push_back(p.get());
  return out;
}

const Provider* App::find_provider(std::string_view local_name) const {
  for (const auto& p : providers_) {
    if (p->local_name() == local_name && p->alias().empty()) return p.get();
  }
  return nullptr;
}

std::vector<const Stack*> App::stacks() const {
  std::vector<const Stack*> out;
  for (const Construct* child : node().children()) {
    if (const auto* stack = dynamic_cast<const Stack*>(child)) out.push_back(stack);
  }
  return out;
}

}  // namespace keelson
