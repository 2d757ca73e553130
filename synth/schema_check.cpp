#include "synth/schema_check.h"

#include <map>
#include <nlohmann/json.hpp>

#include "generators/terraform_module.h"

namespace keelson {
namespace {

bool ends_with(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::string LocatedFinding::to_string() const {
  std::string out;
  if (where.known()) out += where.to_string() + ": ";
  out += finding.severity == schema::Finding::Severity::kError ? "error: " : "warning: ";
  if (!path.empty()) out += "[" + path + "] ";
  return out + finding.to_string();
}

std::vector<LocatedFinding> check_schemas(const Synthesis& synthesis,
                                          const schema::ProviderSchemas& schemas) {
  // Which construct each module file's addresses came from.
  std::map<std::string, std::map<std::string, const Construct*>> constructs;
  for (const auto& stack : synthesis.plan.stacks) {
    auto& by_address = constructs[module_directory(*stack.stack) + "/main.tf.json"];
    for (const Resource* r : stack.stack->resources()) by_address[r->address()] = r;
  }
  std::vector<LocatedFinding> out;
  for (const auto& [path, content] : synthesis.files) {
    if (!ends_with(path, "/main.tf.json") && !ends_with(path, "/providers.tf.json")) continue;
    const auto document = nlohmann::json::parse(content);
    for (auto& finding : schema::validate_terraform_json(document, schemas, path)) {
      LocatedFinding located{std::move(finding), {}, {}};
      if (const auto file = constructs.find(path); file != constructs.end()) {
        if (const auto c = file->second.find(located.finding.address); c != file->second.end()) {
          located.path = c->second->node().path();
          located.where = c->second->node().where();
        }
      }
      out.push_back(std::move(located));
    }
  }
  return out;
}

}  // namespace keelson
