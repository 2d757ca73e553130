#include "dsl/construct.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <unordered_map>

#include "dsl/errors.h"
#include "dsl/resource.h"
#include "dsl/stack.h"

namespace keelson {
namespace {

bool is_valid_id(std::string_view id) {
  if (id.empty() || !std::isalpha(static_cast<unsigned char>(id[0]))) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

}  // namespace

std::string shown_path(std::string file) {
  namespace fs = std::filesystem;
  static const fs::path cwd = [] {
    std::error_code ec;
    fs::path path = fs::current_path(ec);
    return ec ? fs::path() : path;
  }();
  if (!cwd.empty() && fs::path(file).is_absolute()) {
    const fs::path relative = fs::path(file).lexically_relative(cwd);
    if (!relative.empty() && *relative.begin() != "..") file = relative.generic_string();
  }
  return file;
}

SourceLocation to_source_location(const std::source_location& where) {
  // Every resource asks for its location, from few files: each file name is
  // shown once per thread. The compiler's file names are static strings.
  thread_local std::unordered_map<const char*, std::string> shown;
  auto it = shown.find(where.file_name());
  if (it == shown.end()) it = shown.emplace(where.file_name(), shown_path(where.file_name())).first;
  return SourceLocation{it->second, where.line(), where.column()};
}

std::string Node::path() const {
  if (scope_ == nullptr) return {};
  std::string parent = scope_->node().path();
  return parent.empty() ? id_ : parent + "/" + id_;
}

Construct* Node::try_find_child(std::string_view id) const {
  const auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? nullptr : it->second;
}

Construct& Node::find_child(std::string_view id, std::source_location where) const {
  if (Construct* child = try_find_child(id)) return *child;
  std::vector<std::string> ids;
  for (const Construct* child : children_) ids.push_back(child->node().id());
  throw Error(errors::child_not_found(path(), id, ids, to_source_location(where)));
}

bool Node::locked() const {
  for (const Node* n = this; n != nullptr; n = n->scope_ ? &n->scope_->node() : nullptr) {
    if (n->locked_) return true;
  }
  return false;
}

Construct::Construct(std::source_location where) { node_.where_ = where; }

Construct::Construct(Construct& scope, const Id& id) {
  Node& parent = scope.node();
  if (parent.locked()) {
    throw Error(errors::tree_locked(parent.path(), id.value, to_source_location(id.where)));
  }
  std::string unique_id = id.value;
  if (!is_valid_id(id.value)) {
    scope.report(errors::invalid_id(parent.path(), id.value, to_source_location(id.where)));
  }
  if (const Construct* existing = parent.try_find_child(id.value)) {
    scope.report(errors::duplicate_id(parent.path(), id.value, to_source_location(id.where),
                                      existing->node().where()));
    for (int n = 2; parent.try_find_child(unique_id) != nullptr; ++n) {
      unique_id = id.value + "~" + std::to_string(n);
    }
  }
  node_.id_ = std::move(unique_id);
  node_.scope_ = &scope;
  node_.where_ = id.where;
  parent.children_.push_back(this);
  parent.by_id_.emplace(node_.id_, this);
}

Construct::~Construct() {
  // A child whose constructor threw was registered but never adopted.
  if (node_.scope_ != nullptr && !node_.adopted_) {
    Node& parent = node_.scope_->node();
    parent.by_id_.erase(node_.id_);
    std::erase(parent.children_, this);
  }
}

Resource& Construct::resource(std::string type, const Id& id) {
  return add<Resource>(id, std::move(type), Resource::Mode::kManaged);
}

Resource& Construct::data(std::string type, const Id& id) {
  return add<Resource>(id, std::move(type), Resource::Mode::kData);
}

void Construct::report(Diagnostic diagnostic) {
  Construct* root = this;
  while (root->node().scope() != nullptr) root = root->node().scope();
  root->collect_problem(std::move(diagnostic));
}

Stack* Construct::enclosing_stack() const {
  for (Construct* c = node_.scope(); c != nullptr; c = c->node().scope()) {
    if (auto* stack = dynamic_cast<Stack*>(c)) return stack;
  }
  return nullptr;
}

}  // namespace keelson
