#ifndef KEELSON_DSL_CONSTRUCT_H_
#define KEELSON_DSL_CONSTRUCT_H_

#include <functional>
#include <memory>
#include <source_location>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "dsl/diagnostic.h"

namespace keelson {

class Construct;
class Resource;
class Stack;

/// An id as written by the user, with the place it was written. Taking an
/// `Id` instead of a string lets every factory record the caller's file and
/// line without the caller passing anything.
struct Id {
  Id(const char* id, std::source_location where = std::source_location::current())
      : value(id), where(where) {}
  Id(std::string_view id, std::source_location where = std::source_location::current())
      : value(id), where(where) {}
  Id(const std::string& id, std::source_location where = std::source_location::current())
      : value(id), where(where) {}

  std::string value;
  std::source_location where;
};

/// The place `where` refers to, with the file made relative to the working
/// directory when it lies below it (so messages stay short and portable).
SourceLocation to_source_location(const std::source_location& where);

/// `file` as messages show it: relative to the working directory when it is
/// below it, as given otherwise.
std::string shown_path(std::string file);

/// A validation hook: returns one message per problem, empty when all is well.
using Validation = std::function<std::vector<std::string>()>;

/// The tree machinery of a construct, kept apart from the construct itself so
/// user-facing classes stay free for domain members (`bucket.node().path()`).
class Node {
 public:
  /// The id, unique among siblings; empty only for the root (the App).
  const std::string& id() const { return id_; }
  /// Ids from the root's child down, joined with `/`: `network/vpc`.
  /// Built on request (it is needed only for messages), not stored.
  std::string path() const;
  /// The parent, or nullptr for the root.
  Construct* scope() const { return scope_; }
  /// Children in the order they were added.
  const std::vector<Construct*>& children() const { return children_; }
  /// The child with `id`, or nullptr.
  Construct* try_find_child(std::string_view id) const;
  /// The child with `id`; throws keelson::Error naming this path and the
  /// caller's line when absent.
  Construct& find_child(std::string_view id,
                        std::source_location where = std::source_location::current()) const;
  /// Where the construct was declared in the user's code.
  SourceLocation where() const { return to_source_location(where_); }

  /// Registers a check that runs before synthesis; every message it returns
  /// becomes an error reported with this construct's path and location.
  void add_validation(Validation validation) { validations_.push_back(std::move(validation)); }
  const std::vector<Validation>& validations() const { return validations_; }

  /// After locking, adding a child anywhere in the tree is an error.
  void lock() { locked_ = true; }
  bool locked() const;

 private:
  friend class Construct;
  std::string id_;
  Construct* scope_ = nullptr;
  std::source_location where_;  // converted only when a message needs it
  std::vector<Construct*> children_;
  std::unordered_map<std::string, Construct*> by_id_;
  std::vector<std::unique_ptr<Construct>> owned_;
  std::vector<Validation> validations_;
  bool locked_ = false;
  bool adopted_ = false;  // set once the parent owns it; a half-built child unregisters
};

/// A node of the construct tree: App → Stack → constructs → resources.
///
/// Constructs are created through `add<T>()` (or the `resource()`, `data()`
/// and `module()` shorthands), which gives ownership to the parent.
/// Ids must match `[A-Za-z][A-Za-z0-9_-]*` and be unique among siblings,
/// whatever the construct's kind. A bad or duplicate id is reported (and
/// fails synthesis) but declaration goes on, so every problem is listed at
/// once; the duplicate gets the id `<id>~<n>` meanwhile.
class Construct {
 public:
  /// Registers this construct as a child of `scope`. Throws keelson::Error
  /// when the tree is locked.
  Construct(Construct& scope, const Id& id);
  virtual ~Construct();
  Construct(const Construct&) = delete;
  Construct& operator=(const Construct&) = delete;

  Node& node() { return node_; }
  const Node& node() const { return node_; }

  /// Creates a child construct `T(*this, id, args...)`, owned by this one.
  template <typename T, typename... Args>
  T& add(const Id& id, Args&&... args) {
    auto child = std::make_unique<T>(*this, id, std::forward<Args>(args)...);
    T& ref = *child;
    child->node_.adopted_ = true;
    node_.owned_.push_back(std::move(child));
    return ref;
  }

  /// Declares a managed resource of any Terraform type, e.g. `aws_vpc`.
  Resource& resource(std::string type, const Id& id);
  /// Declares a data source of any Terraform type, e.g. `aws_ami`.
  Resource& data(std::string type, const Id& id);

  /// The stack this construct belongs to, or nullptr (App, or a stack itself).
  Stack* enclosing_stack() const;

  /// Records a problem found while declaring, to be reported with all others
  /// before synthesis. The root (the App) collects them; a tree without an
  /// App throws keelson::Error at once.
  void report(Diagnostic diagnostic);

 protected:
  /// How the root handles a reported problem (see `report`).
  virtual void collect_problem(Diagnostic diagnostic) { throw Error(std::move(diagnostic)); }

  /// The root construct (the App): empty id, no scope.
  explicit Construct(std::source_location where);

 private:
  Node node_;
};

}  // namespace keelson

#endif  // KEELSON_DSL_CONSTRUCT_H_
