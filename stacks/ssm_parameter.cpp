#include "stacks/ssm_parameter.h"

namespace keelson {

// Written once so AWS accepts the parameter; the real value is set out of band.
constexpr const char* kPlaceholder = "set-out-of-band";

SsmParameter::SsmParameter(Construct& scope, const Id& id, SsmParameterProps props)
    : Construct(scope, id) {
  const std::string name = props.name;
  const bool secure = props.secure;
  const bool literal = !props.value.is_null() && !props.value.contains_expr();
  const bool missing = props.value.is_null();
  node().add_validation([name, secure, literal, missing] {
    std::vector<std::string> problems;
    if (name.empty() || name.front() != '/') {
      problems.push_back("an SSM parameter name is a path starting with \"/\", got \"" + name +
                         "\"");
    }
    if (secure && literal) {
      problems.push_back(
          "a secure parameter must not be given a literal value: it would be a "
          "secret in plain text; set it out of band or pass a reference");
    }
    if (!secure && missing) problems.push_back("a plain SSM parameter needs a value");
    return problems;
  });
  parameter_ = &resource("aws_ssm_parameter", "Default")
                    .set("name", name)
                    .set("type", secure ? "SecureString" : "String")
                    .set("tags", Value::map({{"Name", name}}));
  if (!props.description.empty()) parameter_->set("description", props.description);
  if (!secure) {
    parameter_->suppress("CKV2_AWS_34", "Configuration, not a secret: secrets are SecureString "
                                        "parameters (secure) or Secrets Manager");
  }
  if (secure) {
    if (!props.kms_key_arn.is_null()) parameter_->set("key_id", props.kms_key_arn);
    if (props.value.is_null()) {
      parameter_->set("value", kPlaceholder).lifecycle({.ignore_changes = {"value"}});
    } else {
      parameter_->set("value", props.value);
    }
  } else if (!props.value.is_null()) {
    parameter_->set("value", props.value);
  }
}

PolicyStatement SsmParameter::read_statement() const {
  return PolicyStatement{.actions = {"ssm:GetParameter", "ssm:GetParameters"},
                         .resources = {arn()}};
}

}  // namespace keelson
