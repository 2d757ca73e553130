#ifndef KEELSON_EXAMPLES_FINOPS_PLATFORM_GUARDRAILS_STACK_H_
#define KEELSON_EXAMPLES_FINOPS_PLATFORM_GUARDRAILS_STACK_H_

#include <keelson.h>

#include <string>

namespace finops_platform {

/// The classes of data the platform keeps, each encrypted with a key of its
/// own so that access to one class is granted (and audited) apart from the others.
enum class DataClass { kPii, kFinancial, kLogs };

/// What every other stack builds on: a customer-managed KMS key per data
/// class (`alias/<name>-pii`, `-financial`, `-logs`) and the permissions
/// boundary every IAM role of the platform gets.
class GuardrailsStack : public keelson::Stack {
 public:
  struct Props {
    std::string name = "finops";
  };

  GuardrailsStack(keelson::Construct& scope, const keelson::Id& id, Props props);

  /// ARN of the key of `data_class`.
  keelson::Value key_arn(DataClass data_class) const;
  /// ARN of the permissions boundary of the workload roles.
  keelson::Value boundary_arn() const { return boundary_arn_; }

 private:
  keelson::Value pii_key_arn_;
  keelson::Value financial_key_arn_;
  keelson::Value logs_key_arn_;
  keelson::Value boundary_arn_;
};

}  // namespace finops_platform

#endif  // KEELSON_EXAMPLES_FINOPS_PLATFORM_GUARDRAILS_STACK_H_
