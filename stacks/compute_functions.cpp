// The serverless side of a ComputeStack: Lambda functions behind one HTTP API,
// each served through its `live` alias.
#include <fmt/core.h>

#include "dsl/expression.h"
#include "stacks/compute_props.h"
#include "stacks/compute_stack.h"
#include "stacks/iam.h"
#include "stacks/log_retention.h"
#include "stacks/props.h"

namespace keelson {
namespace {

// The alias the API calls. Publishing a version per change and moving the
// alias makes a deploy blue/green: requests in flight finish on the old
// version, and rolling back is pointing the alias at the previous one.
constexpr const char* kLiveAlias = "live";

}  // namespace

void ComputeStack::add_functions(const Props& p) {
  if (p.functions.empty()) return;
  const std::string api_name = p.name + "-http-api";
  auto& api_logs = resource("aws_cloudwatch_log_group", "http_api_logs")
                       .set("name", "/aws/apigateway/" + api_name)
                       .set("retention_in_days", p.log_retention_days)
                       .set("tags", name_tags(api_name))
                       .suppress("CKV_AWS_158", kLogKeyReason);
  auto& api = resource("aws_apigatewayv2_api", "http_api")
                  .set("name", api_name)
                  .set("protocol_type", "HTTP")
                  .set("tags", name_tags(api_name));
  api_endpoint_ = api.attr("api_endpoint");
  api_id_ = api.id();
  resource("aws_apigatewayv2_stage", "http_api_stage")
      .set("api_id", api.id())
      .set("name", "$default")
      .set("auto_deploy", true)
      .block("access_log_settings",
             {{"destination_arn", api_logs.arn()},
              {"format", fn::jsonencode(Value::map(
                             {{"requestId", "$context.requestId"},
                              {"sourceIp", "$context.identity.sourceIp"},
                              {"requestTime", "$context.requestTime"},
                              {"httpMethod", "$context.httpMethod"},
                              {"routeKey", "$context.routeKey"},
                              {"status", "$context.status"},
                              {"responseLength", "$context.responseLength"},
                              {"integrationError", "$context.integrationErrorMessage"}}))}})
      .set("tags", name_tags(api_name));

  Resource* authorizer = nullptr;
  if (!p.api.jwt_issuer.is_null()) {
    authorizer = &resource("aws_apigatewayv2_authorizer", "jwt")
                      .set("api_id", api.id())
                      .set("name", "jwt")
                      .set("authorizer_type", "JWT")
                      .set("identity_sources", Value::list({"$request.header.Authorization"}))
                      .block("jwt_configuration",
                             {{"issuer", p.api.jwt_issuer}, {"audience", p.api.jwt_audience}});
  }

  auto& functions = add<Construct>("functions");
  for (const auto& f : p.functions) {
    if (!detail::valid_function_name(f.name)) continue;  // reported by the props check
    const std::string function_name = fmt::format("{}-{}", p.name, f.name);
    auto& scope = functions.add<Construct>(f.name);
    // Logs and X-Ray for active tracing; the network interfaces in the VPC.
    std::vector<std::string> managed = {
        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"};
    if (f.in_vpc) {
      managed.emplace_back("arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole");
    }
    auto& role = scope.add<IamRole>(
        "role", IamRoleProps{.description = fmt::format("Lambda function {}.", function_name),
                             .trust = trust_services({"lambda.amazonaws.com"}),
                             .managed_policy_arns = std::move(managed),
                             .inline_policy = f.statements,
                             .permissions_boundary = p.permissions_boundary});
    role.role().set("tags", name_tags(function_name));
    auto& logs = scope.resource("aws_cloudwatch_log_group", "logs")
                     .set("name", "/aws/lambda/" + function_name)
                     .set("retention_in_days", p.log_retention_days)
                     .set("tags", name_tags(function_name))
                     .suppress("CKV_AWS_158", kLogKeyReason);
    auto& function =
        scope.resource("aws_lambda_function", "Default")
            .set("function_name", function_name)
            .set("role", role.arn())
            .set("runtime", f.runtime)
            .set("handler", f.handler)
            .set("memory_size", f.memory_size)
            .set("timeout", f.timeout)
            .set("publish", true)
            .block("tracing_config", {{"mode", "Active"}})
            .block("logging_config", {{"log_format", "Text"}, {"log_group", logs.attr("name")}})
            .set("tags", name_tags(function_name))
            .suppress("CKV_AWS_116",
                      "Invoked synchronously by the HTTP API, which returns the "
                      "error: a dead-letter queue only receives asynchronous events");
    for (Resource* grant : role.permissions()) function.depends_on(*grant);
    if (!f.filename.is_null()) function.set("filename", f.filename);
    if (!f.s3_bucket.is_null()) function.set("s3_bucket", f.s3_bucket);
    if (!f.s3_key.is_null()) function.set("s3_key", f.s3_key);
    if (!f.environment.is_null()) {
      function.block("environment", {{"variables", f.environment}});
      if (f.kms_key_arn.is_null()) {
        function.suppress("CKV_AWS_173",
                          "Encrypted with Lambda's own key: kms_key_arn, null "
                          "here, gives a customer key");
      }
    }
    if (!f.kms_key_arn.is_null()) function.set("kms_key_arn", f.kms_key_arn);
    if (f.code_signing_config_arn.is_null()) {
      function.suppress("CKV_AWS_272",
                        "No signature check: code_signing_config_arn, null here, "
                        "makes Lambda deploy only signed packages");
    } else {
      function.set("code_signing_config_arn", f.code_signing_config_arn);
    }
    if (f.reserved_concurrency.is_null()) {
      function.suppress("CKV_AWS_115",
                        "Unreserved: reserved_concurrency, null here, reserves "
                        "(and caps) the function's concurrent executions");
    } else {
      function.set("reserved_concurrent_executions", f.reserved_concurrency);
    }
    if (!f.in_vpc) {
      function.suppress("CKV_AWS_117",
                        "Outside the VPC: in_vpc, off here, puts the function in "
                        "the private subnets");
    } else {
      function.block("vpc_config",
                     {{"subnet_ids", p.private_subnet_ids},
                      {"security_group_ids", Value::list({p.node_security_group_id})}});
    }
    function_names_.emplace(f.name, function.attr("function_name"));

    auto& alias = scope.resource("aws_lambda_alias", "live")
                      .set("name", kLiveAlias)
                      .set("description", "The version the HTTP API serves.")
                      .set("function_name", function.attr("function_name"))
                      .set("function_version", function.attr("version"));
    auto& integration = scope.resource("aws_apigatewayv2_integration", "integration")
                            .set("api_id", api.id())
                            .set("integration_type", "AWS_PROXY")
                            .set("integration_method", "POST")
                            .set("integration_uri", alias.attr("invoke_arn"))
                            .set("payload_format_version", "2.0");
    auto& route = scope.resource("aws_apigatewayv2_route", "route")
                      .set("api_id", api.id())
                      .set("route_key", f.route.empty() ? "ANY /" + f.name : f.route)
                      .set("target", str("integrations/", integration.id()))
                      .set("authorization_type", f.authorization);
    if (f.authorization == "JWT" && authorizer != nullptr) {
      route.set("authorizer_id", authorizer->id());
    } else if (f.authorization == "NONE") {
      route.suppress("CKV_AWS_309", "Public by declaration (authorization = \"NONE\")");
    }
    scope.resource("aws_lambda_permission", "invoke")
        .set("statement_id", "AllowHttpApiInvoke")
        .set("action", "lambda:InvokeFunction")
        .set("function_name", function.attr("function_name"))
        .set("qualifier", alias.attr("name"))
        .set("principal", "apigateway.amazonaws.com")
        .set("source_arn", str(api.attr("execution_arn"), "/*/*"));
  }
}

}  // namespace keelson
