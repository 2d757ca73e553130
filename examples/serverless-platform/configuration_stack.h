#ifndef KEELSON_EXAMPLES_SERVERLESS_PLATFORM_CONFIGURATION_STACK_H_
#define KEELSON_EXAMPLES_SERVERLESS_PLATFORM_CONFIGURATION_STACK_H_

#include <string>
#include <vector>

#include "dsl/stack.h"
#include "stacks/iam.h"
#include "stacks/kms_key.h"
#include "stacks/secret.h"
#include "stacks/ssm_parameter.h"

namespace serverless_platform {

/// The configuration the functions read at run time: per-environment
/// parameters in SSM Parameter Store under `/<name>/`, and every sensitive
/// setting in Secrets Manager under a key of its own. Nothing secret is in
/// the output: the secrets' values are set out of band.
class ConfigurationStack : public keelson::Stack {
 public:
  struct Props {
    std::string name{};  ///< the application: the parameters' path and the secrets' prefix
    keelson::Value database_host{};
    keelson::Value database_secret_arn{};  ///< the RDS-managed master user secret
    keelson::Value redis_host{};
    keelson::Value redis_user{};
    keelson::Value assets_bucket{};
    keelson::Value log_level{};      ///< a parameter: DEBUG in development, INFO elsewhere
    keelson::Value feature_flags{};  ///< a parameter: a JSON object of flags
  };

  ConfigurationStack(keelson::Construct& scope, const keelson::Id& id, Props props);

  /// The SSM path prefix the functions read their parameters below.
  keelson::Value parameter_path() const { return parameter_path_; }
  /// ARN of the secret with the payment provider's API key.
  keelson::Value payment_api_key_arn() const;
  /// ARN of the secret with the key that signs session tokens.
  keelson::Value session_signing_key_arn() const;
  /// ARN of the key encrypting the secrets (and the functions' environment).
  keelson::Value key_arn() const { return key_->arn(); }
  /// What a function reading the configuration needs: its parameters and
  /// secrets, and decrypting with the stack's key.
  std::vector<keelson::PolicyStatement> read_statements() const;

 private:
  keelson::Value parameter_path_;
  keelson::KmsKey* key_;
  std::vector<keelson::SsmParameter*> parameters_;
  keelson::Secret* payment_api_key_;
  keelson::Secret* session_signing_key_;
};

}  // namespace serverless_platform

#endif  // KEELSON_EXAMPLES_SERVERLESS_PLATFORM_CONFIGURATION_STACK_H_
