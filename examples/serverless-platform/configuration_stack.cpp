#include "configuration_stack.h"

#include <fmt/core.h>

namespace serverless_platform {

using namespace keelson;

ConfigurationStack::ConfigurationStack(Construct& scope, const Id& id, Props props)
    : Stack(scope, id), parameter_path_("/" + props.name + "/") {
  key_ = &add<KmsKey>(
      "key",
      KmsKeyProps{.description = fmt::format("Encrypts the configuration of {}.", props.name),
                  .alias = fmt::format("alias/{}-configuration", props.name)});

  // Plain parameters: what differs between environments and what other stacks
  // made, read by name at cold start instead of baked into the functions.
  struct Entry {
    const char* id;
    const char* path;
    const char* description;
    Value value;
  };
  const Entry entries[] = {
      {"database_host", "database/host", "Host name of the PostgreSQL instance.",
       props.database_host},
      {"database_secret", "database/secret-arn",
       "ARN of the secret with the database's master user credentials (managed by RDS).",
       props.database_secret_arn},
      {"redis_host", "redis/host", "Primary endpoint of the Redis replication group.",
       props.redis_host},
      {"redis_user", "redis/user", "Redis user the functions sign in as (IAM authentication).",
       props.redis_user},
      {"assets_bucket", "assets/bucket", "Bucket of the uploaded assets.", props.assets_bucket},
      {"log_level", "log-level", "Log level of the functions.", props.log_level},
      {"feature_flags", "feature-flags", "Feature flags, a JSON object.", props.feature_flags},
  };
  for (const Entry& e : entries) {
    parameters_.push_back(&add<SsmParameter>(
        e.id, SsmParameterProps{.name = fmt::format("/{}/{}", props.name, e.path),
                                .description = e.description,
                                .value = e.value}));
  }

  // Secrets: set by the team that owns them, rotated by hand (neither is a
  // credential Secrets Manager has a rotation function for).
  auto secret = [&](const char* secret_id, const char* what) -> Secret& {
    auto& s = add<Secret>(secret_id,
                          SecretProps{.name = fmt::format("{}/{}", props.name, what),
                                      .description = fmt::format("The {} of {}.", what, props.name),
                                      .kms_key_arn = key_->arn()});
    s.secret().suppress("CKV2_AWS_57",
                        "A third-party or signing key: rotated by its owner with "
                        "put-secret-value (runbook), no rotation function exists for it");
    return s;
  };
  payment_api_key_ = &secret("payment_api_key", "payment-api-key");
  session_signing_key_ = &secret("session_signing_key", "session-signing-key");

  output("parameter_path", parameter_path_,
         {.description = "SSM path below which the functions' parameters are."});
  output("payment_api_key_arn", payment_api_key_->arn(),
         {.description = "ARN of the payment provider's API key secret."});
  output("session_signing_key_arn", session_signing_key_->arn(),
         {.description = "ARN of the session signing key secret."});
}

Value ConfigurationStack::payment_api_key_arn() const { return payment_api_key_->arn(); }

Value ConfigurationStack::session_signing_key_arn() const { return session_signing_key_->arn(); }

std::vector<PolicyStatement> ConfigurationStack::read_statements() const {
  PolicyStatement parameters{.sid = "ReadParameters",
                             .actions = {"ssm:GetParameter", "ssm:GetParameters"}};
  for (const SsmParameter* p : parameters_) parameters.resources.push_back(p->arn());
  PolicyStatement secrets = payment_api_key_->read_statement();
  secrets.sid = "ReadSecrets";
  secrets.resources.push_back(session_signing_key_->arn());
  return {
      parameters, secrets,
      PolicyStatement{
          .sid = "DecryptConfiguration", .actions = {"kms:Decrypt"}, .resources = {key_->arn()}}};
}

}  // namespace serverless_platform
