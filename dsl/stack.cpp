#include "dsl/stack.h"

#include <algorithm>

#include "dsl/app.h"
#include "dsl/errors.h"
#include "dsl/evaluate.h"

namespace keelson {
std::string logical_id_below(const Construct& construct, const Stack& stack) {
  std::vector<std::string_view> parts;
  for (const Construct* c = &construct; c != nullptr && c != &stack; c = c->node().scope()) {
    if (c->node().id() != "Default") parts.push_back(c->node().id());
  }
  std::string id;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    if (!id.empty()) id += '_';
    id += *it;
  }
  return id;
}

Stack::Stack(Construct& scope, const Id& id)
    : Construct(scope, id), app_(dynamic_cast<App*>(&scope)) {
  if (app_ == nullptr) throw Error(errors::stack_not_under_app(node().path(), node().where()));
}

ModuleCall& Stack::module(const Id& id, std::string source, std::string version) {
  return add<ModuleCall>(id, std::move(source), std::move(version));
}

Resource& Stack::shared_data(std::string_view type) {
  if (auto it = shared_data_.find(type); it != shared_data_.end()) return *it->second;
  Resource& shared =
      data(std::string(type), "current_" + std::string(type)).override_logical_id("current");
  shared_data_.emplace(std::string(type), &shared);
  return shared;
}

Stack& Stack::output(const Id& name, Value value, OutputOptions options) {
  SourceLocation where = to_source_location(name.where);
  const bool taken = std::any_of(outputs_.begin(), outputs_.end(),
                                 [&](const Output& o) { return o.name == name.value; });
  if (taken) {
    report(errors::duplicate_output(node().path(), name.value, std::move(where)));
    return *this;
  }
  if (!options.expect.is_null() && !evaluable(options.expect)) {
    report(errors::unevaluable_expectation(node().path(), name.value, where));
  }
  outputs_.push_back(Output{name.value, std::move(value), std::move(options), std::move(where)});
  return *this;
}

}  // namespace keelson
