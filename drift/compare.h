#ifndef KEELSON_DRIFT_COMPARE_H_
#define KEELSON_DRIFT_COMPARE_H_

#include "drift/desired_state.h"
#include "drift/drift_report.h"
#include "drift/terraform_state.h"
#include "schema/provider_schema.h"

namespace keelson::drift {

/// Compares what the code declares with what Terraform recorded, instance by
/// instance, and fills `report`'s lists (its names are left as they are).
///
/// Only the values the code knows before apply are compared: what the cloud
/// computes (`id`, `arn`...), arguments the code leaves to the provider's
/// default, and values that read another resource are not drift. Within an
/// argument, a map the code sets (`tags`) must match key for key; a set
/// (an attribute of set type, or a block nested as a set) in any order;
/// `tags_all` only for the keys the code knows (the default tags and the
/// resource's own), since the provider may add its own. Numbers, booleans
/// and strings compare as Terraform converts them (`"3"` is 3), and two JSON
/// documents (policies) by content. A value is masked when the state marks
/// it sensitive (`sensitive_values`), the provider schema does, or its name
/// looks like a secret's (`password`, `auth_token`).
void compare(const DesiredState& desired, const TerraformState& state,
             const schema::ProviderSchemas& schemas, DriftReport& report);

}  // namespace keelson::drift

#endif  // KEELSON_DRIFT_COMPARE_H_
