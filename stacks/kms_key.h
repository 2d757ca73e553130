#ifndef KEELSON_STACKS_KMS_KEY_H_
#define KEELSON_STACKS_KMS_KEY_H_

#include <string>
#include <vector>

#include "dsl/construct.h"
#include "dsl/resource.h"

namespace keelson {

/// How a customer-managed KMS key is made.
struct KmsKeyProps {
  std::string description{};
  /// `alias/<name>`; empty for no alias.
  std::string alias{};
  /// Service principals that may use the key through their service, e.g.
  /// `cloudwatch.amazonaws.com`; expressions are fine, for regional ones such
  /// as `str("logs.", region.attr("region"), ".amazonaws.com")`.
  Value::List service_principals{};
  /// Days between scheduling deletion and deletion: 7 to 30.
  int deletion_window_days = 30;
};

/// A customer-managed KMS key with rotation on and a key policy that gives
/// the account (through IAM) administration and the listed services use.
///
/// Resources, for a construct with id `data`: `aws_kms_key.data`,
/// `aws_kms_alias.data`, `data.aws_caller_identity.data` and
/// `data.aws_partition.data`.
class KmsKey : public Construct {
 public:
  KmsKey(Construct& scope, const Id& id, KmsKeyProps props);

  Value arn() const { return key_->arn(); }
  Value id() const { return key_->attr("key_id"); }
  Resource& key() const { return *key_; }

 private:
  Resource* key_;
};

}  // namespace keelson

#endif  // KEELSON_STACKS_KMS_KEY_H_
