#ifndef KEELSON_DSL_RESOURCE_H_
#define KEELSON_DSL_RESOURCE_H_

#include <memory>
#include <optional>
#include <source_location>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dsl/construct.h"
#include "dsl/expression.h"
#include "dsl/referenceable.h"
#include "dsl/suppression.h"
#include "dsl/value.h"

namespace keelson {

class Provider;

/// The `lifecycle` meta-argument.
struct Lifecycle {
  bool prevent_destroy = false;
  bool create_before_destroy = false;
  std::vector<std::string> ignore_changes{};  ///< attribute names
  bool ignore_all_changes = false;            ///< `ignore_changes = all`
};

/// One instance of a repeated resource, as `resource.at(key)` gives it.
class Instance {
 public:
  Instance(const Referenceable& target, Value key) : target_(&target), key_(std::move(key)) {}
  /// `aws_subnet.private[<key>].<name>`.
  Value attr(std::string name) const {
    return make_reference(*target_, std::move(name), Expr::Instances::kKey, key_);
  }

 private:
  const Referenceable* target_;
  Value key_;
};

/// Any Terraform resource or data source, declared generically: a type, a
/// name (the logical id), attributes, nested blocks and meta-arguments.
///
/// The logical id (the block label in Terraform) is the construct path below
/// the stack with `Default` components dropped and the rest joined by `_`:
/// a resource `vpc` directly in a stack is `aws_vpc.vpc`; `Vpc/Default/main`
/// is `aws_vpc.Vpc_main`. Two resources of one type that end up with the same
/// logical id are an error; `override_logical_id()` settles it.
class Resource : public Construct, public Referenceable {
 public:
  enum class Mode { kManaged, kData };

  /// A nested block instance: its name and body.
  struct Block {
    std::string name;
    Value body;  ///< a map
  };
  /// A `dynamic` block: repeated over `for_each`, content uses `iterator`.
  struct DynamicBlock {
    std::string name;
    Value for_each;
    Value content;  ///< a map
    std::string iterator;
  };
  /// A raw override: a dotted path into the rendered body, applied last.
  struct Override {
    std::string path;
    Value value;
  };

  Resource(Construct& scope, const Id& id, std::string type, Mode mode);

  Mode mode() const { return mode_; }
  const std::string& type() const { return type_; }

  /// The block label; reading it fixes it (see `override_logical_id`).
  const std::string& logical_id() const;
  /// Sets the block label explicitly. Throws if the id was already read,
  /// because references rendered earlier would point at the old name.
  Resource& override_logical_id(std::string logical_id);

  /// Sets an argument. A later call for the same name replaces the value.
  Resource& set(std::string_view name, Value value);
  /// Appends one nested block (blocks of a name keep their order).
  Resource& block(std::string_view name, Value::Map body);
  /// Appends a `dynamic` block generating one `name` block per element.
  Resource& dynamic_block(std::string_view name, Value for_each, Value::Map content,
                          std::string iterator = {});

  /// Meta-arguments. `count` and `for_each` exclude each other.
  Resource& count(Value count);
  Resource& for_each(Value for_each);
  Resource& depends_on(const Referenceable& other);
  Resource& lifecycle(Lifecycle lifecycle);
  Resource& provider(const Provider& provider);

  /// Escape hatch: writes `value` at the dotted `path` of the rendered body
  /// after everything else (`lifecycle.prevent_destroy`, `tags.Owner`).
  /// A null value removes what is there.
  Resource& add_override(std::string path, Value value);

  /// Declares that policy rule `rule_id` does not apply to this resource,
  /// and why: `bucket.suppress("CKV_AWS_144", "Replicas are made by ...")`.
  /// checkov's rules (`CKV_`, `CKV2_`) are written as its skip comment in
  /// the resource's JSON (`"//": "checkov:skip=CKV_AWS_144:<reason>"`);
  /// every suppression is kept with the caller's line for other policy
  /// checks. A blank or multi-line reason (K1033) and a malformed id (K1034)
  /// are reported; suppressing a rule again replaces its reason.
  Resource& suppress(std::string_view rule_id, std::string_view reason,
                     std::source_location where = std::source_location::current());

  /// `aws_vpc.main.<name>`: a reference to an attribute of this resource.
  /// For a repeated resource this is the whole collection of instances.
  Value attr(std::string name) const;
  /// `id` and `arn`, the attributes referenced most.
  Value id() const { return attr("id"); }
  Value arn() const { return attr("arn"); }
  /// One instance of a resource with `count` (an index) or `for_each` (a key).
  Instance at(Value key) const;
  /// `name` of every instance, as a list: `aws_subnet.private[*].id` for
  /// `count`, `values(aws_subnet.private)[*].id` for `for_each`.
  Value all(std::string name) const;

  /// Arguments sorted by name. A sorted vector rather than a map: resources
  /// are many and have few arguments each, so this keeps the model small.
  using Attributes = std::vector<std::pair<std::string, Value>>;
  const Attributes& attributes() const { return attributes_; }
  const std::vector<Block>& blocks() const { return blocks_; }
  const std::vector<DynamicBlock>& dynamic_blocks() const { return meta().dynamic_blocks; }
  const std::optional<Value>& count_value() const { return meta().count; }
  const std::optional<Value>& for_each_value() const { return meta().for_each; }
  const std::vector<const Referenceable*>& dependencies() const { return meta().depends_on; }
  const std::optional<Lifecycle>& lifecycle_value() const { return meta().lifecycle; }
  const Provider* provider_value() const { return meta().provider; }
  const std::vector<Override>& overrides() const { return meta().overrides; }
  /// In the order declared.
  const std::vector<Suppression>& suppressions() const { return meta().suppressions; }

  // Referenceable
  std::string address() const override;
  const Stack& owner() const override { return *stack_; }
  const Construct& construct() const override { return *this; }
  Repetition repetition() const override;
  std::string output_stem() const override;

 private:
  std::string type_;
  Mode mode_;
  Stack* stack_;
  mutable std::string logical_id_;
  mutable bool logical_id_read_ = false;
  Attributes attributes_;
  std::vector<Block> blocks_;
  // Meta-arguments and overrides, which most resources do not use: kept out
  // of line so a resource without them stays small.
  struct Meta {
    std::vector<DynamicBlock> dynamic_blocks;
    std::optional<Value> count;
    std::optional<Value> for_each;
    std::vector<const Referenceable*> depends_on;
    std::optional<Lifecycle> lifecycle;
    const Provider* provider = nullptr;
    std::vector<Override> overrides;
    std::vector<Suppression> suppressions;
  };
  const Meta& meta() const {
    static const Meta kNone;
    return meta_ ? *meta_ : kNone;
  }
  Meta& mutable_meta();
  std::unique_ptr<Meta> meta_;
};

}  // namespace keelson

#endif  // KEELSON_DSL_RESOURCE_H_
