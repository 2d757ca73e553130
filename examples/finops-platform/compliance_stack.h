#ifndef KEELSON_EXAMPLES_FINOPS_PLATFORM_COMPLIANCE_STACK_H_
#define KEELSON_EXAMPLES_FINOPS_PLATFORM_COMPLIANCE_STACK_H_

#include <keelson.h>

#include <map>
#include <string>
#include <vector>

namespace finops_platform {

/// One AWS Config managed rule and the keelson policy rule it mirrors in the
/// running account: what `check` refuses before deploy, Config reports after.
struct ConfigRule {
  std::string name;          ///< the rule's name in AWS Config
  std::string identifier;    ///< the managed rule's source identifier
  std::string keelson_rule;  ///< the keelson rule it matches; empty for none
  std::map<std::string, std::string> parameters{};
};

/// The managed rules the compliance stack deploys, with their parameters.
std::vector<ConfigRule> config_rules(const std::vector<std::string>& required_tags);

/// AWS Config in the account: a recorder of every supported resource type
/// (global ones too) through Config's service-linked role, a delivery channel
/// to a bucket, and the managed rules of `config_rules`.
class ComplianceStack : public keelson::Stack {
 public:
  struct Props {
    std::string name = "finops";
    /// Tag keys every resource carries (REQUIRED_TAGS takes up to 6).
    std::vector<std::string> required_tags{};
    /// Name of the bucket Config delivers to; its policy must let Config write
    /// (`StorageStack::Bucket::config_delivery`). Required.
    keelson::Value bucket{};
    /// The KMS key encrypting what Config delivers; its policy lets Config use it.
    keelson::Value kms_key_arn{};
    /// How often Config delivers snapshots: One_Hour, Three_Hours, Six_Hours,
    /// Twelve_Hours or TwentyFour_Hours.
    keelson::Value snapshot_frequency = "TwentyFour_Hours";
  };

  ComplianceStack(keelson::Construct& scope, const keelson::Id& id, Props props);
};

}  // namespace finops_platform

#endif  // KEELSON_EXAMPLES_FINOPS_PLATFORM_COMPLIANCE_STACK_H_
