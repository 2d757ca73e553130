// Fuzz target: any bytes, read as an environment file, must either be
// accepted or rejected with keelson::Error. The input is parsed, its values
// are resolved against parameters of every kind and constraint, and the
// environment's root configuration is generated, the whole path an
// environment file takes through `synth`. A crash, a hang, a sanitizer report
// or any other exception is a bug.
//
// Built two ways: with libFuzzer (`make fuzz`), and linked with
// corpus_replay.cpp into a plain program that replays the corpus in `make test`.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/app.h"
#include "dsl/diagnostic.h"
#include "environments/environment.h"
#include "generators/file_set.h"
#include "generators/terraform_root.h"
#include "plan/wiring.h"

namespace {

using namespace keelson;

// One parameter of every type and constraint. Names follow the examples where
// the kinds coincide, so the examples' environment files in the corpus reach
// the constraint checks; all but two have defaults, so those files resolve.
App& fuzz_app() {
  static App* app = [] {
    AppOptions options;
    options.root = ".";
    auto* a = new App("fuzz", options);
    auto zones = a->param<int>("az_count", {.description = "Zones.", .min = 1, .max = 3});
    auto cidr = a->param<std::string>(
        "vpc_cidr", {.description = "VPC range.",
                     .pattern = R"(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/(1[6-9]|2[0-4]))"});
    auto db_class = a->param<std::string>(
        "db_instance_class", {.description = "RDS class.",
                              .pattern = R"(db\.[a-z0-9]+\.[a-z0-9]+)",
                              .default_value = Value("db.t4g.micro")});
    auto nat = a->param<bool>("single_nat_gateway",
                              {.description = "One NAT gateway.", .default_value = Value(true)});
    auto budget = a->param<std::int64_t>(
        "monthly_budget", {.description = "Budget.", .min = 1, .default_value = Value(100)});
    auto ratio = a->param<double>("spot_ratio",
                                  {.description = "Spot share.", .default_value = Value(0.5)});
    auto types = a->param<std::vector<std::string>>(
        "node_instance_types",
        {.description = "Node types.", .default_value = Value::list({"t3.small"})});
    auto sizes = a->param<std::vector<int>>(
        "disk_sizes", {.description = "Disk sizes.", .default_value = Value::list({})});
    auto cidrs = a->param<std::map<std::string, std::string>>(
        "admin_cidrs", {.description = "Admin ranges.", .default_value = Value::map({})});
    const Parameter& database = a->param(
        "database",
        ParamType::object({{"engine_version", ParamType::string()},
                           {"storage_gb", ParamType::number()},
                           {"replicas", ParamType::list(ParamType::map(ParamType::boolean()))}}),
        {.description = "Database settings.",
         .default_value = Value::map({{"engine_version", "16"},
                                      {"storage_gb", 20},
                                      {"replicas", Value::list({})}})});
    auto retention = a->param<int>(
        "log_retention_days",
        {.description = "Log days.", .allowed = {7, 14, 30}, .default_value = Value(7)});
    auto tier = a->param<std::string>(
        "tier", {.description = "Size.", .allowed = {"small", "large"}, .default_value = Value("small")});
    auto certificate = a->param<std::string>(
        "certificate_arn",
        {.description = "TLS certificate.", .pattern = "(arn:aws:acm:.+)?", .default_value = Value("")});
    auto email = a->param<std::string>("alarm_email", {.description = "Alarms.", .sensitive = true});
    const Parameter& anything =
        a->param("extra", ParamType::any(), {.description = "Anything.", .default_value = Value("none")});

    // Every parameter used once, so the generated root declares them all.
    auto& stack = a->stack("network");
    stack.resource("aws_vpc", "main")
        .set("cidr_block", cidr)
        .set("tags", Value::map({{"Class", db_class}, {"Tier", tier}, {"Email", email}}))
        .set("certificate", certificate);
    stack.resource("aws_subnet", "private")
        .count(zones)
        .set("enable", nat)
        .set("budget", budget)
        .set("ratio", ratio)
        .set("types", types)
        .set("sizes", sizes)
        .set("cidrs", cidrs)
        .set("database", database.ref())
        .set("retention", retention)
        .set("extra", anything.ref());
    return a;
  }();
  return *app;
}

const Plan& fuzz_plan() {
  static const Plan plan = plan_app(fuzz_app());
  return plan;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const Plan& plan = fuzz_plan();
    const Environment env = parse_environment(text, "environments/fuzz.yaml", "fuzz");
    const Value::Map values = resolve_parameters(env, plan.app->parameters());
    FileSet files;
    emit_root(plan, env, values, files);
  } catch (const Error& e) {
    // Rejected with diagnostics: expected. Rendering them must not fail either;
    // KEELSON_FUZZ_VERBOSE=1 prints them, to see why a corpus file is rejected.
    const std::string rendered = format_diagnostics(e.diagnostics());
    if (std::getenv("KEELSON_FUZZ_VERBOSE") != nullptr) {
      std::fprintf(stderr, "%s\n", rendered.c_str());
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "environment_fuzz: unexpected exception: %s\n", e.what());
    std::abort();
  } catch (...) {
    std::fprintf(stderr, "environment_fuzz: unexpected exception of unknown type\n");
    std::abort();
  }
  return 0;
}
