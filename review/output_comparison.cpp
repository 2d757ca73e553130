#include "review/output_comparison.h"

#include <fmt/core.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>

#include "dsl/diagnostic.h"
#include "dsl/secret_names.h"
#include "review/replacement_table.h"
#include "schema/provider_schema.h"

namespace keelson::review {
namespace {

using nlohmann::json;

constexpr const char* kMasked = "(sensitive)";

// ---- reading files ---------------------------------------------------------

Error unreadable(const std::string& file, const std::string& format, const std::string& what) {
  return Error(make_error("K4010", fmt::format("\"{}\" is not valid {}: {}", file, format, what),
                          {},
                          "keelson wrote this file; restore it from version control or run "
                          "synth to write it again"));
}

json parse_json(const std::string& text, const std::string& file) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    throw unreadable(file, "JSON", e.what());
  }
}

// A YAML scalar as the YAML core schema resolves it: quoted ones are strings.
json yaml_scalar(const YAML::Node& node) {
  const std::string& text = node.Scalar();
  if (node.Tag() == "!") return text;
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL")
    return nullptr;
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  const json number = json::parse(text, nullptr, false);
  if (!number.is_discarded() && number.is_number()) return number;
  return text;
}

json yaml_to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      return yaml_scalar(node);
    case YAML::NodeType::Sequence: {
      json out = json::array();
      for (const auto& item : node) out.push_back(yaml_to_json(item));
      return out;
    }
    case YAML::NodeType::Map: {
      json out = json::object();
      for (const auto& entry : node)
        out[entry.first.as<std::string>()] = yaml_to_json(entry.second);
      return out;
    }
    default:
      return nullptr;
  }
}

json parse_yaml(const std::string& text, const std::string& file) {
  try {
    return yaml_to_json(YAML::Load(text));
  } catch (const YAML::Exception& e) {
    throw unreadable(
        file, "YAML",
        fmt::format("line {}, column {}: {}", e.mark.line + 1, e.mark.column + 1, e.msg));
  }
}

// ---- value paths -----------------------------------------------------------

bool is_identifier(const std::string& key) {
  if (key.empty() || std::isdigit(static_cast<unsigned char>(key[0]))) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

std::string join_key(const std::string& base, const std::string& key) {
  if (!is_identifier(key)) return base + "[" + json(key).dump() + "]";
  return base.empty() ? key : base + "." + key;
}

// A leaf difference: its printable path and the names along it (object keys
// only, no indices), for schema and secret-name look-ups.
using Emit = std::function<void(const std::string& path, const std::vector<std::string>& names,
                                const json* before, const json* after)>;

// Terraform JSON's `//` property is a comment: not a value.
bool is_comment(const std::string& key) { return key == "//"; }

void diff_values(const json* before, const json* after, const std::string& path,
                 std::vector<std::string>& names, const Emit& emit) {
  if (before != nullptr && after != nullptr && *before == *after) return;
  if (before != nullptr && after != nullptr && before->is_object() && after->is_object()) {
    std::set<std::string> keys;
    for (const auto& [key, value] : before->items()) keys.insert(key);
    for (const auto& [key, value] : after->items()) keys.insert(key);
    for (const auto& key : keys) {
      if (is_comment(key)) continue;
      const auto b = before->find(key);
      const auto a = after->find(key);
      names.push_back(key);
      diff_values(b == before->end() ? nullptr : &*b, a == after->end() ? nullptr : &*a,
                  join_key(path, key), names, emit);
      names.pop_back();
    }
    return;
  }
  if (before != nullptr && after != nullptr && before->is_array() && after->is_array()) {
    const std::size_t n = std::max(before->size(), after->size());
    for (std::size_t i = 0; i < n; ++i) {
      diff_values(i < before->size() ? &(*before)[i] : nullptr,
                  i < after->size() ? &(*after)[i] : nullptr, path + "[" + std::to_string(i) + "]",
                  names, emit);
    }
    return;
  }
  // A map or list on one side only is listed key by key, so that each value
  // is masked by its own name (`env.API_TOKEN`).
  const json* only = before == nullptr ? after : after == nullptr ? before : nullptr;
  if (only != nullptr && !only->empty() && (only->is_object() || only->is_array())) {
    const bool is_before = only == before;
    if (only->is_object()) {
      for (const auto& [key, value] : only->items()) {
        if (is_comment(key)) continue;
        names.push_back(key);
        diff_values(is_before ? &value : nullptr, is_before ? nullptr : &value, join_key(path, key),
                    names, emit);
        names.pop_back();
      }
    } else {
      for (std::size_t i = 0; i < only->size(); ++i) {
        const json* value = &(*only)[i];
        diff_values(is_before ? value : nullptr, is_before ? nullptr : value,
                    path + "[" + std::to_string(i) + "]", names, emit);
      }
    }
    return;
  }
  emit(path, names, before, after);
}

// A value without its `//` comments, so a comment alone is no change.
json without_comments(const json& value) {
  if (value.is_object()) {
    json out = json::object();
    for (const auto& [key, item] : value.items()) {
      if (!is_comment(key)) out[key] = without_comments(item);
    }
    return out;
  }
  if (value.is_array()) {
    json out = json::array();
    for (const auto& item : value) out.push_back(without_comments(item));
    return out;
  }
  return value;
}

std::optional<std::string> render(const json* value) {
  if (value == nullptr) return std::nullopt;
  return without_comments(*value).dump();
}

// ---- masking ---------------------------------------------------------------

bool any_secret_name(const std::vector<std::string>& names) {
  return std::any_of(names.begin(), names.end(),
                     [](const std::string& n) { return looks_like_secret_name(n); });
}

// `var.NAME` references in a value's text.
bool references_any(const std::string& text, const std::set<std::string>& variables) {
  if (variables.empty()) return false;
  for (std::size_t at = text.find("var."); at != std::string::npos;
       at = text.find("var.", at + 4)) {
    if (at > 0 && (std::isalnum(static_cast<unsigned char>(text[at - 1])) || text[at - 1] == '_'))
      continue;
    std::size_t end = at + 4;
    while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) ||
                                 text[end] == '_' || text[end] == '-')) {
      ++end;
    }
    if (variables.count(text.substr(at + 4, end - at - 4)) > 0) return true;
  }
  return false;
}

// Whether the schema marks the attribute at `names` sensitive; nested blocks
// are walked, and anything inside a sensitive attribute is sensitive.
bool schema_sensitive(const schema::Block* block, const std::vector<std::string>& names,
                      std::size_t from = 0) {
  for (std::size_t i = from; block != nullptr && i < names.size(); ++i) {
    if (const auto* attribute = block->find_attribute(names[i])) return attribute->sensitive;
    const auto* nested = block->find_block_type(names[i]);
    block = nested == nullptr ? nullptr : &nested->block;
  }
  return false;
}

ValueChange make_change(const std::string& path, const json* before, const json* after,
                        bool sensitive) {
  ValueChange change{path, render(before), render(after), sensitive, false};
  if (sensitive) {
    if (change.before) change.before = kMasked;
    if (change.after) change.after = kMasked;
  }
  return change;
}

// ---- Terraform configurations ----------------------------------------------

// The `*.tf.json` documents of one module or root, merged by top-level key
// (`resource`, `variable`, ...) as Terraform merges a directory's files.
struct Configuration {
  json doc = json::object();
  void add(const json& file) {
    if (!file.is_object()) return;
    for (const auto& [key, value] : file.items()) {
      if (value.is_object() && doc.contains(key) && doc[key].is_object()) {
        for (const auto& [inner, item] : value.items()) doc[key][inner] = item;
      } else {
        doc[key] = value;
      }
    }
  }
  const json* block(const std::string& key) const {
    const auto it = doc.find(key);
    return it == doc.end() ? nullptr : &*it;
  }
};

std::set<std::string> sensitive_variables(const Configuration& before, const Configuration& after) {
  std::set<std::string> out;
  for (const Configuration* config : {&before, &after}) {
    const json* variables = config->block("variable");
    if (variables == nullptr || !variables->is_object()) continue;
    for (const auto& [name, spec] : variables->items()) {
      if (spec.is_object() && spec.value("sensitive", false)) out.insert(name);
    }
  }
  return out;
}

struct ConfigurationChanges {
  std::vector<ResourceChange> resources;
  std::vector<ValueChange> settings;
};

const json* member(const json* object, const std::string& key) {
  if (object == nullptr || !object->is_object()) return nullptr;
  const auto it = object->find(key);
  return it == object->end() ? nullptr : &*it;
}

void compare_resources(const json* before, const json* after, const std::string& prefix, bool data,
                       const std::set<std::string>& sensitive_vars, const CompareOptions& options,
                       std::vector<ResourceChange>& out) {
  std::set<std::string> types;
  for (const json* side : {before, after}) {
    if (side == nullptr || !side->is_object()) continue;
    for (const auto& [type, items] : side->items()) types.insert(type);
  }
  for (const auto& type : types) {
    const json* b_type = member(before, type);
    const json* a_type = member(after, type);
    std::set<std::string> names;
    for (const json* side : {b_type, a_type}) {
      if (side == nullptr || !side->is_object()) continue;
      for (const auto& [name, body] : side->items()) names.insert(name);
    }
    const schema::Block* block = nullptr;
    if (options.schemas != nullptr) {
      block = data ? options.schemas->data_source(type) : options.schemas->resource(type);
    }
    for (const auto& name : names) {
      const json* b = member(b_type, name);
      const json* a = member(a_type, name);
      ResourceChange change;
      change.address = prefix + (data ? "data." : "") + type + "." + name;
      if (b == nullptr || a == nullptr) {
        change.action = b == nullptr ? Action::kCreate : Action::kDelete;
        out.push_back(std::move(change));
        continue;
      }
      std::vector<std::string> path_names;
      diff_values(
          b, a, "", path_names,
          [&](const std::string& path, const std::vector<std::string>& names_along,
              const json* old_value, const json* new_value) {
            const bool sensitive =
                schema_sensitive(block, names_along) || any_secret_name(names_along) ||
                (old_value != nullptr && references_any(old_value->dump(), sensitive_vars)) ||
                (new_value != nullptr && references_any(new_value->dump(), sensitive_vars));
            ValueChange value = make_change(path, old_value, new_value, sensitive);
            std::string schema_path;
            for (const auto& n : names_along) schema_path += (schema_path.empty() ? "" : ".") + n;
            value.forces_replacement = !data && forces_replacement(type, schema_path);
            change.attributes.push_back(std::move(value));
          });
      if (change.attributes.empty()) continue;
      const bool replace = std::any_of(change.attributes.begin(), change.attributes.end(),
                                       [](const ValueChange& v) { return v.forces_replacement; });
      change.action = replace ? Action::kReplace : Action::kUpdate;
      out.push_back(std::move(change));
    }
  }
}

ConfigurationChanges compare_configurations(const Configuration& before, const Configuration& after,
                                            const std::string& prefix,
                                            const CompareOptions& options) {
  ConfigurationChanges out;
  const std::set<std::string> sensitive_vars = sensitive_variables(before, after);
  compare_resources(before.block("resource"), after.block("resource"), prefix, false,
                    sensitive_vars, options, out.resources);
  compare_resources(before.block("data"), after.block("data"), prefix, true, sensitive_vars,
                    options, out.resources);
  std::sort(out.resources.begin(), out.resources.end(),
            [](const ResourceChange& a, const ResourceChange& b) { return a.address < b.address; });

  json b = before.doc;
  json a = after.doc;
  for (json* doc : {&b, &a}) {
    doc->erase("resource");
    doc->erase("data");
  }
  std::vector<std::string> names;
  diff_values(&b, &a, "", names,
              [&](const std::string& path, const std::vector<std::string>& along,
                  const json* old_value, const json* new_value) {
                // variable.<name>.default of a sensitive variable, or a value
                // built from one (a module call's input, an output).
                const bool sensitive_variable =
                    along.size() >= 2 && along[0] == "variable" && sensitive_vars.count(along[1]);
                const bool sensitive =
                    sensitive_variable || any_secret_name(along) ||
                    (old_value != nullptr && references_any(old_value->dump(), sensitive_vars)) ||
                    (new_value != nullptr && references_any(new_value->dump(), sensitive_vars));
                out.settings.push_back(make_change(path, old_value, new_value, sensitive));
              });
  return out;
}

// ---- classifying files -----------------------------------------------------

// `a/b/c/d` after `prefix` (which ends with '/'): {b, c/d}.
std::optional<std::pair<std::string, std::string>> below(const std::string& path,
                                                         const std::string& prefix) {
  if (path.rfind(prefix, 0) != 0) return std::nullopt;
  const std::string tail = path.substr(prefix.size());
  const auto slash = tail.find('/');
  if (slash == std::string::npos || slash == 0) return std::nullopt;
  return std::make_pair(tail.substr(0, slash), tail.substr(slash + 1));
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Both sides of one file; a side is null when the file is not there.
struct FilePair {
  const std::string* before = nullptr;
  const std::string* after = nullptr;
  bool same() const { return before != nullptr && after != nullptr && *before == *after; }
  FileChange::Kind kind() const {
    return before == nullptr  ? FileChange::Kind::kAdded
           : after == nullptr ? FileChange::Kind::kRemoved
                              : FileChange::Kind::kChanged;
  }
};

struct Group {
  std::map<std::string, FilePair> files;  // by path relative to the group
};

struct Sorted {
  std::map<std::string, Group> modules;
  std::map<std::string, Group> environments;
  std::map<std::string, Group> charts;
  Group other;
};

std::vector<ValueChange> compare_documents(
    const json& before, const json& after,
    const std::function<bool(const std::vector<std::string>&)>& is_sensitive) {
  std::vector<ValueChange> out;
  std::vector<std::string> names;
  diff_values(&before, &after, "", names,
              [&](const std::string& path, const std::vector<std::string>& along,
                  const json* old_value, const json* new_value) {
                out.push_back(make_change(path, old_value, new_value, is_sensitive(along)));
              });
  return out;
}

// A whole-file entry for a file whose values were compared: files added or
// removed, and changed ones whose values are all the same.
void note_file(std::vector<FileChange>& files, const std::string& path, const FilePair& pair,
               bool values_changed) {
  if (pair.kind() != FileChange::Kind::kChanged) {
    files.push_back({pair.kind(), path, false});
  } else if (!values_changed) {
    files.push_back({FileChange::Kind::kChanged, path, true});
  }
}

class Comparer {
 public:
  Comparer(const CompareOptions& options, std::string before_name)
      : options_(options), before_name_(std::move(before_name)) {}

  json read(const std::string& path, const std::string* text, bool yaml) const {
    if (text == nullptr) return json::object();
    const std::string name = before_name_ + path;
    json doc = yaml ? parse_yaml(*text, name) : parse_json(*text, name);
    return doc.is_null() ? json::object() : doc;
  }
  // Only the directory's side can be malformed; the synthesis is keelson's own.
  json read_pair_side(const std::string& path, const FilePair& pair, bool before, bool yaml) const {
    return read(path, before ? pair.before : pair.after, yaml);
  }

  ModuleChanges module(const std::string& name, const Group& group) const {
    ModuleChanges out;
    out.name = name;
    const std::string base = "terraform/modules/" + name + "/";
    Configuration before;
    Configuration after;
    std::map<std::string, const FilePair*> config_files;
    for (const auto& [path, pair] : group.files) {
      if (ends_with(path, ".tf.json") && path.find('/') == std::string::npos) {
        before.add(read_pair_side(base + path, pair, true, false));
        after.add(read_pair_side(base + path, pair, false, false));
        config_files[path] = &pair;
      } else if (!pair.same()) {
        out.files.push_back({pair.kind(), base + path, false});
      }
    }
    ConfigurationChanges changes =
        compare_configurations(before, after, "module." + name + ".", options_);
    out.resources = std::move(changes.resources);
    out.settings = std::move(changes.settings);
    for (const auto& [path, pair] : config_files) {
      if (pair->same()) continue;
      // Which file a value lives in does not matter to Terraform; a changed
      // file whose values all stayed is formatting.
      const bool changed = file_values_differ(base + path, *pair);
      note_file(out.files, base + path, *pair, changed);
    }
    sort_files(out.files);
    return out;
  }

  EnvironmentChanges environment(const std::string& name, const Group& group) const {
    EnvironmentChanges out;
    out.name = name;
    const std::string base = "terraform/environments/" + name + "/";
    Configuration before;
    Configuration after;
    std::map<std::string, const FilePair*> config_files;
    const FilePair* tfvars = nullptr;
    for (const auto& [path, pair] : group.files) {
      if (path == "terraform.tfvars.json") {
        tfvars = &pair;
      } else if (ends_with(path, ".tf.json") && path.find('/') == std::string::npos) {
        before.add(read_pair_side(base + path, pair, true, false));
        after.add(read_pair_side(base + path, pair, false, false));
        config_files[path] = &pair;
      } else if (!pair.same()) {
        out.files.push_back({pair.kind(), base + path, false});
      }
    }
    std::set<std::string> sensitive = sensitive_variables(before, after);
    for (const auto& variable : module_sensitive_) sensitive.insert(variable);

    ConfigurationChanges changes = compare_configurations(before, after, "", options_);
    out.resources = std::move(changes.resources);
    for (auto& change : changes.settings) {
      if (change.path.rfind("terraform.backend", 0) == 0) {
        out.backend.push_back(std::move(change));
      } else if (change.path.rfind("provider", 0) == 0) {
        out.providers.push_back(std::move(change));
      } else {
        out.root.push_back(std::move(change));
      }
    }
    for (const auto& [path, pair] : config_files) {
      if (!pair->same())
        note_file(out.files, base + path, *pair, file_values_differ(base + path, *pair));
    }
    if (tfvars != nullptr && !tfvars->same()) {
      const std::string path = base + "terraform.tfvars.json";
      out.tfvars = compare_documents(
          read_pair_side(path, *tfvars, true, false), read_pair_side(path, *tfvars, false, false),
          [&](const std::vector<std::string>& along) {
            return (!along.empty() && sensitive.count(along[0]) > 0) || any_secret_name(along);
          });
      note_file(out.files, path, *tfvars, !out.tfvars.empty());
    }
    std::set<std::string> modules;
    for (const Configuration* config : {&before, &after}) {
      const json* calls = config->block("module");
      if (calls == nullptr || !calls->is_object()) continue;
      for (const auto& [call, body] : calls->items()) {
        const std::string source = body.is_object() ? body.value("source", "") : "";
        const auto slash = source.find_last_of('/');
        modules.insert(slash == std::string::npos ? source : source.substr(slash + 1));
      }
    }
    out.modules.assign(modules.begin(), modules.end());
    sort_files(out.files);
    return out;
  }

  ChartChanges chart(const std::string& name, const Group& group) const {
    ChartChanges out;
    out.name = name;
    const std::string base = "helm-charts/" + name + "/";
    const auto secret = [](const std::vector<std::string>& along) {
      return any_secret_name(along);
    };
    for (const auto& [path, pair] : group.files) {
      if (pair.same()) continue;
      const std::string full = base + path;
      if (path == "Chart.yaml") {
        out.chart = compare_documents(read_pair_side(full, pair, true, true),
                                      read_pair_side(full, pair, false, true), secret);
        note_file(out.files, full, pair, !out.chart.empty());
      } else if (path == "values.yaml" ||
                 (path.rfind("values-", 0) == 0 && ends_with(path, ".yaml") &&
                  path.find('/') == std::string::npos)) {
        auto changes = compare_documents(read_pair_side(full, pair, true, true),
                                         read_pair_side(full, pair, false, true), secret);
        note_file(out.files, full, pair, !changes.empty());
        if (!changes.empty()) out.values[path] = std::move(changes);
      } else if (path.rfind("templates/", 0) == 0) {
        out.templates.push_back({pair.kind(), full, false});
      } else {
        out.files.push_back({pair.kind(), full, false});
      }
    }
    sort_files(out.files);
    sort_files(out.templates);
    return out;
  }

  void set_module_sensitive(std::set<std::string> variables) {
    module_sensitive_ = std::move(variables);
  }

 private:
  bool file_values_differ(const std::string& path, const FilePair& pair) const {
    return without_comments(read_pair_side(path, pair, true, false)) !=
           without_comments(read_pair_side(path, pair, false, false));
  }

  static void sort_files(std::vector<FileChange>& files) {
    std::sort(files.begin(), files.end(),
              [](const FileChange& a, const FileChange& b) { return a.path < b.path; });
  }

  const CompareOptions& options_;
  std::string before_name_;
  // Variables declared sensitive in any module: the roots pass them through
  // under the same name, so their tfvars are masked too.
  std::set<std::string> module_sensitive_;
};

Sorted sort_files(const FileSet& before, const FileSet& after) {
  Sorted out;
  const auto add = [&](const std::string& path, const std::string* text, bool is_before) {
    Group* group = &out.other;
    std::string relative = path;
    if (auto m = below(path, "terraform/modules/")) {
      group = &out.modules[m->first];
      relative = m->second;
    } else if (auto e = below(path, "terraform/environments/")) {
      group = &out.environments[e->first];
      relative = e->second;
    } else if (auto c = below(path, "helm-charts/")) {
      group = &out.charts[c->first];
      relative = c->second;
    }
    FilePair& pair = group->files[relative];
    (is_before ? pair.before : pair.after) = text;
  };
  for (const auto& [path, text] : before) add(path, &text, true);
  for (const auto& [path, text] : after) add(path, &text, false);
  return out;
}

void count(const ResourceChange& change, Summary& summary) {
  switch (change.action) {
    case Action::kCreate:
      ++summary.add;
      break;
    case Action::kUpdate:
      ++summary.change;
      break;
    case Action::kReplace:
      ++summary.replace;
      break;
    case Action::kDelete:
      ++summary.destroy;
      break;
  }
}

}  // namespace

const char* action_name(Action action) {
  switch (action) {
    case Action::kCreate:
      return "create";
    case Action::kUpdate:
      return "update";
    case Action::kReplace:
      return "replace";
    case Action::kDelete:
      return "delete";
  }
  return "update";
}

const char* kind_name(FileChange::Kind kind) {
  switch (kind) {
    case FileChange::Kind::kAdded:
      return "added";
    case FileChange::Kind::kRemoved:
      return "removed";
    case FileChange::Kind::kChanged:
      return "changed";
  }
  return "changed";
}

Summary ModuleChanges::summary() const {
  Summary out;
  for (const auto& r : resources) count(r, out);
  return out;
}

Summary Comparison::summary() const {
  Summary out;
  for (const auto& m : modules)
    for (const auto& r : m.resources) count(r, out);
  for (const auto& e : environments)
    for (const auto& r : e.resources) count(r, out);
  return out;
}

Summary Comparison::summary(const EnvironmentChanges& environment) const {
  Summary out;
  for (const auto& r : environment.resources) count(r, out);
  for (const auto& m : modules) {
    if (std::binary_search(environment.modules.begin(), environment.modules.end(), m.name)) {
      for (const auto& r : m.resources) count(r, out);
    }
  }
  return out;
}

bool Comparison::equal() const {
  const auto all_empty = [](const auto& list) {
    return std::all_of(list.begin(), list.end(), [](const auto& item) { return item.empty(); });
  };
  return all_empty(modules) && all_empty(environments) && all_empty(charts) && files.empty();
}

Comparison compare_outputs(const FileSet& before, const FileSet& after,
                           const CompareOptions& options, const std::string& before_name) {
  const Sorted sorted = sort_files(before, after);
  Comparer comparer(options, before_name);
  Comparison out;

  std::set<std::string> module_sensitive;
  for (const auto& [name, group] : sorted.modules) {
    for (const auto& [path, pair] : group.files) {
      if (path != "variables.tf.json") continue;
      Configuration b;
      Configuration a;
      b.add(comparer.read("terraform/modules/" + name + "/" + path, pair.before, false));
      a.add(comparer.read("terraform/modules/" + name + "/" + path, pair.after, false));
      for (const auto& v : sensitive_variables(b, a)) module_sensitive.insert(v);
    }
  }
  comparer.set_module_sensitive(module_sensitive);

  for (const auto& [name, group] : sorted.modules) {
    ModuleChanges changes = comparer.module(name, group);
    if (!changes.empty()) out.modules.push_back(std::move(changes));
  }
  // An environment is listed when its own files changed or a module it
  // calls did: its plan would change either way.
  for (const auto& [name, group] : sorted.environments) {
    EnvironmentChanges changes = comparer.environment(name, group);
    if (!changes.empty() || !out.summary(changes).empty()) {
      out.environments.push_back(std::move(changes));
    }
  }
  for (const auto& [name, group] : sorted.charts) {
    ChartChanges changes = comparer.chart(name, group);
    if (!changes.empty()) out.charts.push_back(std::move(changes));
  }
  for (const auto& [path, pair] : sorted.other.files) {
    if (!pair.same()) out.files.push_back({pair.kind(), path, false});
  }
  out.ignored = options.ignored;
  std::sort(out.ignored.begin(), out.ignored.end());
  return out;
}

}  // namespace keelson::review
