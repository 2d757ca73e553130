#ifndef KEELSON_DSL_REFERENCEABLE_H_
#define KEELSON_DSL_REFERENCEABLE_H_

#include <string>

namespace keelson {

class Construct;
class Stack;

/// How many instances a resource, data source or module call has.
enum class Repetition { kSingle, kCount, kForEach };

/// Anything whose attributes an expression can reference: resources, data
/// sources and module calls. References know their target, so the library
/// decides how each renders (same module, or wired across stacks).
class Referenceable {
 public:
  virtual ~Referenceable() = default;

  /// The address inside its module: `aws_vpc.main`, `data.aws_ami.ubuntu`,
  /// `module.vpc`.
  virtual std::string address() const = 0;
  /// The stack (and so the Terraform module) it lives in.
  virtual const Stack& owner() const = 0;
  /// The construct, for its path and source location.
  virtual const Construct& construct() const = 0;
  virtual Repetition repetition() const = 0;
  /// The `<thing>` part of generated output names: `vpc_main` for
  /// `aws_vpc.main`, `vpc` for `aws_vpc.this`, `ami_ubuntu` for a data source.
  virtual std::string output_stem() const = 0;
};

}  // namespace keelson

#endif  // KEELSON_DSL_REFERENCEABLE_H_
