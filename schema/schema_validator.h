#ifndef KEELSON_SCHEMA_SCHEMA_VALIDATOR_H_
#define KEELSON_SCHEMA_SCHEMA_VALIDATOR_H_

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace keelson::schema {

class ProviderSchemas;

/// One problem found in a Terraform JSON file by validate_terraform_json().
///
/// Codes are stable:
/// - V001 unknown resource type; V002 unknown data source type
/// - V003 unknown attribute, block, object attribute or key
/// - V004 value of the wrong type
/// - V005 required attribute (or object attribute) missing or null
/// - V006 computed-only attribute set
/// - V007 block given as an attribute or the reverse, or a body that is not
///   an object
/// - V008 more blocks than `max_items`; V009 fewer than `min_items`
/// - V010 (warning) no schema loaded for the provider of a type
struct Finding {
  enum class Severity { kError, kWarning };

  Severity severity = Severity::kError;
  std::string code;     ///< "V001" .. "V010"
  std::string file;     ///< the file name given to the validator
  std::string address;  ///< "aws_vpc.main", "data.aws_ami.ubuntu", "provider.aws"
  std::string
      attribute;        ///< path inside the block, e.g. "ingress[1].from_port"; empty for the block
  std::string message;  ///< what is wrong, with a "did you mean" when one is close

  /// `file: address.attribute: message (code)`, leaving out what is empty.
  std::string to_string() const;
};

/// Checks the `resource`, `data` and `provider` sections of one Terraform JSON
/// configuration file against provider schemas. Other top-level sections are
/// not checked. `file` is copied into each finding. Findings come in document
/// order (types, then names, then attributes, each sorted by name).
std::vector<Finding> validate_terraform_json(const nlohmann::json& document,
                                             const ProviderSchemas& schemas, std::string_view file);

}  // namespace keelson::schema

#endif  // KEELSON_SCHEMA_SCHEMA_VALIDATOR_H_
