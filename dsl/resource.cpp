#include "dsl/resource.h"

#include <algorithm>

#include "dsl/app.h"
#include "dsl/errors.h"
#include "dsl/provider.h"
#include "dsl/stack.h"

namespace keelson {
namespace {

bool is_valid_type(std::string_view type) {
  const auto underscore = type.find('_');
  if (underscore == 0 || underscore == std::string_view::npos || underscore + 1 == type.size()) {
    return false;
  }
  return std::all_of(type.begin(), type.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool is_meta_argument(std::string_view name) {
  static constexpr std::string_view kMeta[] = {"count",    "for_each",    "depends_on", "lifecycle",
                                               "provider", "provisioner", "connection"};
  return std::find(std::begin(kMeta), std::end(kMeta), name) != std::end(kMeta);
}

}  // namespace

Resource::Resource(Construct& scope, const Id& id, std::string type, Mode mode)
    : Construct(scope, id), type_(std::move(type)), mode_(mode), stack_(enclosing_stack()) {
  if (stack_ == nullptr) throw Error(errors::resource_outside_stack(node().path(), node().where()));
  if (!is_valid_type(type_)) report(errors::invalid_resource_type(node().path(), type_, node().where()));
  stack_->resources_.push_back(this);
}

Resource::Meta& Resource::mutable_meta() {
  if (!meta_) meta_ = std::make_unique<Meta>();
  return *meta_;
}

const std::string& Resource::logical_id() const {
  if (!logical_id_read_) {
    if (logical_id_.empty()) logical_id_ = logical_id_below(*this, *stack_);
    logical_id_read_ = true;
  }
  return logical_id_;
}

Resource& Resource::override_logical_id(std::string logical_id) {
  if (logical_id_read_) {
    report(errors::logical_id_already_read(node().path(), logical_id_, node().where()));
    return *this;
  }
  logical_id_ = std::move(logical_id);
  return *this;
}

Resource& Resource::set(std::string_view name, Value value) {
  if (is_meta_argument(name)) {
    report(errors::reserved_attribute(node().path(), name, node().where()));
    return *this;
  }
  auto it =
      std::lower_bound(attributes_.begin(), attributes_.end(), name,
                       [](const auto& entry, std::string_view key) { return entry.first < key; });
  if (it != attributes_.end() && it->first == name) {
    it->second = std::move(value);
  } else {
    attributes_.emplace(it, std::string(name), std::move(value));
  }
  return *this;
}

Resource& Resource::block(std::string_view name, Value::Map body) {
  blocks_.push_back(Block{std::string(name), Value(std::move(body))});
  return *this;
}

Resource& Resource::dynamic_block(std::string_view name, Value for_each, Value::Map content,
                                  std::string iterator) {
  mutable_meta().dynamic_blocks.push_back(DynamicBlock{
      std::string(name), std::move(for_each), Value(std::move(content)), std::move(iterator)});
  return *this;
}

Resource& Resource::count(Value count) {
  if (meta().for_each) report(errors::count_and_for_each(node().path(), node().where()));
  mutable_meta().count = std::move(count);
  return *this;
}

Resource& Resource::for_each(Value for_each) {
  if (meta().count) report(errors::count_and_for_each(node().path(), node().where()));
  mutable_meta().for_each = std::move(for_each);
  return *this;
}

Resource& Resource::depends_on(const Referenceable& other) {
  if (&other.construct() == this) {
    report(errors::depends_on_itself(node().path(), node().where()));
    return *this;
  }
  mutable_meta().depends_on.push_back(&other);
  return *this;
}

Resource& Resource::lifecycle(Lifecycle lifecycle) {
  mutable_meta().lifecycle = std::move(lifecycle);
  return *this;
}

Resource& Resource::provider(const Provider& provider) {
  mutable_meta().provider = &provider;
  return *this;
}

Resource& Resource::add_override(std::string path, Value value) {
  const bool valid = !path.empty() && path.front() != '.' && path.back() != '.' &&
                     path.find("..") == std::string::npos;
  if (!valid) {
    report(errors::invalid_override_path(node().path(), path, node().where()));
    return *this;
  }
  mutable_meta().overrides.push_back(Override{std::move(path), std::move(value)});
  return *this;
}

Resource& Resource::suppress(std::string_view rule_id, std::string_view reason,
                             std::source_location where) {
  const bool blank = reason.find_first_not_of(" \t") == std::string_view::npos;
  const bool multi_line = reason.find_first_of("\r\n") != std::string_view::npos;
  bool valid = true;
  if (!is_valid_rule_id(rule_id)) {
    report(errors::invalid_rule_id(node().path(), rule_id, to_source_location(where)));
    valid = false;
  }
  if (blank || multi_line) {
    report(errors::invalid_suppression_reason(node().path(), rule_id, multi_line,
                                              to_source_location(where)));
    valid = false;
  }
  if (!valid) return *this;
  auto& suppressions = mutable_meta().suppressions;
  Suppression suppression{std::string(rule_id), std::string(reason), to_source_location(where)};
  auto same = std::find_if(suppressions.begin(), suppressions.end(),
                           [&](const Suppression& s) { return s.rule_id == rule_id; });
  if (same != suppressions.end()) {
    *same = std::move(suppression);
  } else {
    suppressions.push_back(std::move(suppression));
  }
  return *this;
}

Value Resource::attr(std::string name) const { return make_reference(*this, std::move(name)); }

Instance Resource::at(Value key) const { return Instance(*this, std::move(key)); }

Value Resource::all(std::string name) const {
  return make_reference(*this, std::move(name), Expr::Instances::kAll);
}

std::string Resource::address() const {
  return (mode_ == Mode::kData ? "data." : "") + type_ + "." + logical_id();
}

Repetition Resource::repetition() const {
  if (meta().count) return Repetition::kCount;
  if (meta().for_each) return Repetition::kForEach;
  return Repetition::kSingle;
}

std::string Resource::output_stem() const {
  const std::string thing = type_.substr(type_.find('_') + 1);
  const std::string& id = logical_id();
  return id == "this" ? thing : thing + "_" + id;
}

}  // namespace keelson
