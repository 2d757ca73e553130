#include "stacks/iam.h"

#include <fmt/core.h>

#include "dsl/errors.h"
#include "dsl/stack.h"

namespace keelson {
namespace {

Value statement_value(const PolicyStatement& s) {
  Value::Map out{{"Effect", s.effect}};
  if (!s.sid.empty()) out.emplace("Sid", s.sid);
  Value::List actions(s.actions.begin(), s.actions.end());
  out.emplace("Action", std::move(actions));
  if (!s.resources.empty()) out.emplace("Resource", s.resources);
  if (!s.principals.is_null()) out.emplace("Principal", s.principals);
  if (!s.conditions.is_null()) out.emplace("Condition", s.conditions);
  return out;
}

}  // namespace

Value policy_document(const std::vector<PolicyStatement>& statements) {
  Value::List list;
  for (const auto& s : statements) list.push_back(statement_value(s));
  return fn::jsonencode(Value::map({{"Version", "2012-10-17"}, {"Statement", std::move(list)}}));
}

std::vector<PolicyStatement> trust_services(const std::vector<std::string>& services) {
  Value::List names(services.begin(), services.end());
  return {PolicyStatement{.actions = {"sts:AssumeRole"},
                          .principals = Value::map({{"Service", std::move(names)}})}};
}

IamRole::IamRole(Construct& scope, const Id& id, IamRoleProps props) : Construct(scope, id) {
  if (props.trust.empty()) {
    node().add_validation([] {
      return std::vector<std::string>{"an IAM role needs a trust policy (who may assume it)"};
    });
  }
  if (!props.inline_policy.empty() && !props.inline_policy_document.is_null()) {
    node().add_validation([] {
      return std::vector<std::string>{
          "give the role's own permissions as inline_policy statements or as "
          "inline_policy_document, not both"};
    });
  }
  // `Default` keeps the role's address `aws_iam_role.<id>`.
  role_ =
      &resource("aws_iam_role", "Default").set("assume_role_policy", policy_document(props.trust));
  if (!props.description.empty()) role_->set("description", props.description);
  if (!props.permissions_boundary.is_null()) {
    role_->set("permissions_boundary", props.permissions_boundary);
  }
  if (!props.managed_policy_arns.empty()) {
    // AWS-managed policies exist in every partition (aws, aws-us-gov, aws-cn);
    // their ARNs are written for the partition the role is created in.
    constexpr std::string_view kAwsManaged = "arn:aws:iam::aws:policy/";
    Resource* partition = nullptr;
    Value::Map by_name;
    for (const auto& arn : props.managed_policy_arns) {
      Value value = arn;
      if (arn.starts_with(kAwsManaged)) {
        if (partition == nullptr) {
          partition = &enclosing_stack()->shared_data("aws_partition");
        }
        value = str("arn:", partition->attr("partition"), ":iam::aws:policy/",
                    arn.substr(kAwsManaged.size()));
      }
      by_name.insert_or_assign(arn.substr(arn.rfind('/') + 1), std::move(value));
    }
    // Same address stem, another type: a nested `Default` would collide.
    resource("aws_iam_role_policy_attachment", "managed")
        .override_logical_id(role_->logical_id())
        .for_each(Value(std::move(by_name)))
        .set("role", name())
        .set("policy_arn", each_value());
  }
  Value inline_policy = props.inline_policy.empty() ? props.inline_policy_document
                                                    : policy_document(props.inline_policy);
  if (!inline_policy.is_null()) {
    resource("aws_iam_role_policy", "inline")
        .override_logical_id(role_->logical_id())
        .set("role", role_->id())
        .set("policy", std::move(inline_policy));
  }
  for (const char* grant : {"managed", "inline"}) {
    if (Construct* child = node().try_find_child(grant)) {
      permissions_.push_back(&dynamic_cast<Resource&>(*child));
    }
  }
}

std::vector<PolicyStatement> trust_service_account(const ServiceAccountIdentity& account) {
  // IAM keys its conditions by the issuer without the scheme; keys computed
  // by Terraform need zipmap, as an object's keys in keelson are literals.
  const Value issuer = fn::call("replace", {account.oidc_issuer, "https://", ""});
  const Value conditions = fn::call(
      "zipmap",
      {Value::list({str(issuer, ":sub"), str(issuer, ":aud")}),
       Value::list({fmt::format("system:serviceaccount:{}:{}", account.namespace_name,
                                account.name),
                    "sts.amazonaws.com"})});
  return {PolicyStatement{.sid = "ServiceAccount",
                          .actions = {"sts:AssumeRoleWithWebIdentity"},
                          .principals = Value::map({{"Federated", account.oidc_provider_arn}}),
                          .conditions = Value::map({{"StringEquals", conditions}})}};
}

IamRole& irsa_role(Construct& scope, const Id& id, const ServiceAccountIdentity& account,
                   RolePermissions permissions, std::string description) {
  if (description.empty()) {
    description = fmt::format("Service account {}/{} (IAM roles for service accounts).",
                              account.namespace_name, account.name);
  }
  auto& role = scope.add<IamRole>(
      id, IamRoleProps{.description = std::move(description),
                       .trust = trust_service_account(account),
                       .managed_policy_arns = std::move(permissions.managed_policy_arns),
                       .inline_policy = std::move(permissions.statements),
                       .inline_policy_document = std::move(permissions.document),
                       .permissions_boundary = std::move(permissions.permissions_boundary)});
  auto problem = [&](std::string message) {
    role.report(errors::validation_failed(role.node().path(), message, role.node().where()));
  };
  if (account.namespace_name.empty()) problem("the service account's namespace is required");
  if (account.name.empty()) problem("the service account's name is required");
  if (account.oidc_provider_arn.is_null()) {
    problem("the cluster's OIDC provider ARN is required (e.g. compute.oidc_provider_arn())");
  }
  if (account.oidc_issuer.is_null()) {
    problem("the cluster's OIDC issuer is required (e.g. compute.oidc_issuer())");
  }
  return role;
}

}  // namespace keelson
