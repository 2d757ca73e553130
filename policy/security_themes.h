#ifndef KEELSON_POLICY_SECURITY_THEMES_H_
#define KEELSON_POLICY_SECURITY_THEMES_H_

#include <vector>

#include "policy/rule.h"

// The security pack (`security_rules()`) by theme, one file each.
namespace keelson::policy {

/// Encryption at rest: S3 with KMS, EBS, EKS secrets, SNS, SQS.
void add_encryption_rules(std::vector<Rule>& rules);
/// Encryption in transit: HTTPS load balancers, TLS-only buckets, RDS force_ssl.
void add_transit_rules(std::vector<Rule>& rules);
/// Who may do what: RDS subnet groups and IAM auth, IAM wildcards, CloudTrail.
void add_access_rules(std::vector<Rule>& rules);

}  // namespace keelson::policy

#endif  // KEELSON_POLICY_SECURITY_THEMES_H_
