#ifndef KEELSON_SCHEMA_PROVIDER_SCHEMA_H_
#define KEELSON_SCHEMA_PROVIDER_SCHEMA_H_

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace keelson::schema {

struct ObjectAttribute;

/// A Terraform (cty) type constraint as a provider schema states it.
struct CtyType {
  /// The type's constructor; `kDynamic` accepts any value.
  enum class Kind : std::uint8_t {
    kString,
    kNumber,
    kBool,
    kDynamic,
    kList,
    kSet,
    kMap,
    kObject,
    kTuple,
  };

  /// Which constructor; decides which of the vectors below is used.
  Kind kind = Kind::kDynamic;
  /// list/set/map: the one element type; tuple: one type per element.
  std::vector<CtyType> elements;
  /// object only: the attributes, sorted by name.
  std::vector<ObjectAttribute> attributes;

  /// Terraform's type syntax, e.g. `list(string)`; with `brief`, object
  /// attributes are shown as `object({...})`.
  std::string to_string(bool brief = false) const;
};

/// One attribute of an object type.
struct ObjectAttribute {
  /// The attribute's name.
  std::string name;
  /// The attribute's type.
  CtyType type;
  /// Marked optional in the type (`["object", {...}, ["name"]]`), so it may be
  /// left out; otherwise it must be present (possibly null).
  bool optional = false;
};

/// An attribute (argument) of a block.
struct Attribute {
  /// The argument name, e.g. `cidr_block`.
  std::string name;
  /// Its type constraint.
  CtyType type;
  /// Configuration must set it (non-null).
  bool required = false;
  /// Configuration may set it.
  bool optional = false;
  /// The provider may set it; alone (without `optional`), only the provider can.
  bool computed = false;
  /// The provider marks its value sensitive (`password`): Terraform hides it
  /// in output, review diffs and drift reports mask it.
  bool sensitive = false;

  /// Set by the provider only; configuration may not set it.
  bool computed_only() const { return computed && !optional && !required; }
};

/// How a nested block type may be repeated.
enum class NestingMode : std::uint8_t { kSingle, kGroup, kList, kSet, kMap };

struct BlockType;

/// A block's schema: its attributes and nested block types.
struct Block {
  /// A name that must be given: a required attribute, or a block type with
  /// `min_items` > 0. Indexes `attributes` or `block_types`.
  struct Requirement {
    /// True: `index` is into `block_types`; false: into `attributes`.
    bool is_block = false;
    /// Position in `attributes` or `block_types`.
    std::uint32_t index = 0;
  };

  /// The attributes, sorted by name.
  std::vector<Attribute> attributes;
  /// The nested block types, sorted by name; no name is both an attribute and
  /// a block type.
  std::vector<BlockType> block_types;
  /// Required attributes and blocks, sorted by name.
  std::vector<Requirement> requirements;

  /// The attribute called `name`, or nullptr.
  const Attribute* find_attribute(std::string_view name) const;
  /// The block type called `name`, or nullptr.
  const BlockType* find_block_type(std::string_view name) const;
  /// The name a requirement refers to.
  const std::string& requirement_name(const Requirement& requirement) const;
};

/// A nested block type of a block.
struct BlockType {
  /// The block type name, e.g. `ebs_block_device`.
  std::string name;
  /// How often the block may appear and how it is written.
  NestingMode nesting = NestingMode::kList;
  /// The fewest blocks allowed; more than 0 makes the block required.
  std::uint32_t min_items = 0;
  /// The most blocks allowed; 0 means no limit.
  std::uint32_t max_items = 0;
  /// The schema does not describe the contents (`x_nested_schema_unknown`);
  /// they are not checked.
  bool contents_unknown = false;
  /// The schema of each block's body.
  Block block;
};

/// Hash for heterogeneous (`std::string_view`) lookups in string-keyed maps.
struct StringHash {
  /// Enables heterogeneous lookup.
  using is_transparent = void;
  /// Hashes like `std::hash<std::string_view>`, so `std::string` keys agree.
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

/// Blocks by type name, looked up with `std::string_view`.
using BlockMap = std::unordered_map<std::string, Block, StringHash, std::equal_to<>>;

/// The schemas of one provider.
struct ProviderSchema {
  /// The provider's source address, e.g. `registry.terraform.io/hashicorp/aws`.
  std::string source;
  /// The last segment of `source`, e.g. `aws`.
  std::string local_name;
  /// The `provider "aws" {}` configuration block.
  Block config;
  /// Resource schemas by type name, e.g. `aws_vpc`.
  BlockMap resources;
  /// Data source schemas by type name, e.g. `aws_ami`.
  BlockMap data_sources;
  /// Sorted type names, for "did you mean" suggestions.
  std::vector<std::string> resource_names;
  /// Sorted type names, for "did you mean" suggestions.
  std::vector<std::string> data_source_names;
};

/// Provider schemas in the format `terraform providers schema -json` prints,
/// indexed by provider local name and type name.
class ProviderSchemas {
 public:
  /// Providers by local name.
  using Providers = std::unordered_map<std::string, ProviderSchema, StringHash, std::equal_to<>>;

  /// Parses `terraform providers schema -json` output. `source_name` names the
  /// input in diagnostics. Throws keelson::Error (K3001 not JSON, K3002 not that
  /// format, K3004 unsupported format_version).
  static ProviderSchemas parse(std::string_view json_text, std::string_view source_name);

  /// Reads and parses a schema file; throws keelson::Error (K3003 when the file
  /// cannot be read, K3005 when it holds no provider, else as parse()).
  static ProviderSchemas load(const std::filesystem::path& file);

  /// The hashicorp/aws schema embedded in the binary, parsed on first use.
  static const ProviderSchemas& bundled_aws();
  /// Every embedded schema (aws, helm, kubernetes), parsed on first use: the
  /// default of `validate`.
  static const ProviderSchemas& bundled();

  /// Adds `other`'s providers; a provider with a local name already present
  /// replaces the earlier one.
  void merge(ProviderSchemas other);

  /// The provider whose local name is `local_name`, or nullptr.
  const ProviderSchema* provider(std::string_view local_name) const;

  /// The schema of resource type `type` (e.g. `aws_vpc`), or nullptr. The
  /// provider its prefix names is searched first, then the others.
  const Block* resource(std::string_view type) const;

  /// The schema of data source type `type` (e.g. `aws_ami`), or nullptr;
  /// searched like resource().
  const Block* data_source(std::string_view type) const;

  /// The configuration block of provider `local_name`, or nullptr.
  const Block* provider_config(std::string_view local_name) const;

  /// Local names of the loaded providers, sorted.
  std::vector<std::string> provider_names() const;

  /// True when no provider is loaded.
  bool empty() const { return providers_.empty(); }

  /// The provider local name a type name implies: the text before the first
  /// `_` (`aws_vpc` -> `aws`).
  static std::string_view provider_of_type(std::string_view type);

  /// The local name of a provider source address: its last path segment.
  static std::string_view local_name_of_source(std::string_view source);

 private:
  Providers providers_;
};

}  // namespace keelson::schema

#endif  // KEELSON_SCHEMA_PROVIDER_SCHEMA_H_
