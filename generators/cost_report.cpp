#include "generators/cost_report.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace keelson {
namespace {

using cost::CostEstimate;
using cost::CostLine;

double usd(long long cents) { return static_cast<double>(cents) / 100.0; }

const char* kind_name(CostLine::Kind kind) {
  switch (kind) {
    case CostLine::Kind::kPriced:
      return "priced";
    case CostLine::Kind::kFree:
      return "free";
    case CostLine::Kind::kUnpriced:
      return "not priced";
  }
  return "";
}

std::string budget_line(const CostEstimate& e) {
  if (!e.budget) return "no budget set";
  const long long budget = std::llround(*e.budget * 100.0);
  return fmt::format("budget {}: {}", format_usd(budget),
                     e.over_budget()
                         ? fmt::format("OVER by {}", format_usd(e.total_cents() - budget))
                         : "within budget");
}

// Free resources by type: `aws_subnet ×4`.
std::map<std::string, std::size_t> free_by_type(const CostEstimate& e) {
  std::map<std::string, std::size_t> out;
  for (const auto& line : e.lines)
    if (line.kind == CostLine::Kind::kFree) out[line.type] += line.instances;
  return out;
}

std::string assumption_value(const cost::UsedAssumption& a) {
  return fmt::format("{} {} ({})", a.value, a.unit, a.from_environment ? "environment" : "default");
}

}  // namespace

std::string format_usd(long long cents) {
  const char* sign = cents < 0 ? "-" : "";
  const long long a = cents < 0 ? -cents : cents;
  return fmt::format("{}${}.{:02}", sign, a / 100, a % 100);
}

std::string cost_text(const std::vector<CostEstimate>& estimates) {
  std::string out;
  for (const auto& e : estimates) {
    if (!out.empty()) out += "\n";
    out += fmt::format("environment {} ({}): {} a month, {}\n", e.environment, e.region,
                       format_usd(e.total_cents()), budget_line(e));
    out += fmt::format("prices: on demand, {} h a month, as of {}; * marks a price not verified\n",
                       e.hours_per_month, e.price_as_of);
    out += "\nby stack:\n";
    for (const auto& [stack, cents] : e.by_stack())
      out += fmt::format("  {:<24} {:>12}\n", stack, format_usd(cents));
    out += "\nby CostCenter:\n";
    for (const auto& [center, cents] : e.by_cost_center())
      out += fmt::format("  {:<24} {:>12}\n", center, format_usd(cents));
    out += "\npriced resources:\n";
    for (const auto& line : e.lines) {
      if (line.kind != CostLine::Kind::kPriced) continue;
      out += fmt::format("  {:>10}{} {}\n      {}\n", format_usd(line.cents),
                         line.unverified ? "*" : " ", line.address, line.basis);
    }
    const auto free = free_by_type(e);
    if (!free.empty()) {
      out += "\nfree of charge:\n";
      for (const auto& [type, n] : free) out += fmt::format("  {} ×{}\n", type, n);
    }
    bool unpriced = false;
    for (const auto& line : e.lines) {
      if (line.kind != CostLine::Kind::kUnpriced) continue;
      if (!unpriced) out += "\nnot priced:\n";
      unpriced = true;
      out += fmt::format("  {}: {}\n", line.address, line.basis);
    }
    out += "\nassumptions:\n";
    for (const auto& a : e.assumptions)
      out += fmt::format("  {} = {}: {}\n", a.name, assumption_value(a), a.meaning);
  }
  if (!estimates.empty())
    out += fmt::format("\nprice source: {}\n", estimates.front().price_source);
  return out;
}

std::string cost_markdown(const std::vector<CostEstimate>& estimates) {
  std::string out = "# Monthly cost estimate\n";
  if (!estimates.empty()) {
    out += fmt::format(
        "\nOn-demand prices as of {}, {} hours a month. Source: {}. "
        "A * marks a price no public page confirmed.\n",
        estimates.front().price_as_of, estimates.front().hours_per_month,
        estimates.front().price_source);
  }
  out += "\n| environment | region | monthly | budget |\n| --- | --- | ---: | --- |\n";
  for (const auto& e : estimates)
    out += fmt::format("| {} | {} | {} | {} |\n", e.environment, e.region,
                       format_usd(e.total_cents()), budget_line(e));
  for (const auto& e : estimates) {
    out += fmt::format("\n## {}\n\n| stack | monthly |\n| --- | ---: |\n", e.environment);
    for (const auto& [stack, cents] : e.by_stack())
      out += fmt::format("| {} | {} |\n", stack, format_usd(cents));
    out += "\n| CostCenter | monthly |\n| --- | ---: |\n";
    for (const auto& [center, cents] : e.by_cost_center())
      out += fmt::format("| {} | {} |\n", center, format_usd(cents));
    out += "\n| resource | monthly | how |\n| --- | ---: | --- |\n";
    for (const auto& line : e.lines) {
      if (line.kind == CostLine::Kind::kFree) continue;
      out += fmt::format("| `{}` | {} | {} |\n", line.address,
                         line.kind == CostLine::Kind::kPriced
                             ? format_usd(line.cents) + (line.unverified ? " *" : "")
                             : std::string("not priced"),
                         line.basis);
    }
    const auto free = free_by_type(e);
    if (!free.empty()) {
      out += "\nFree of charge:";
      std::string sep = " ";
      for (const auto& [type, n] : free) {
        out += fmt::format("{}`{}` ×{}", sep, type, n);
        sep = ", ";
      }
      out += ".\n";
    }
    out += "\n| assumption | value | meaning |\n| --- | --- | --- |\n";
    for (const auto& a : e.assumptions)
      out += fmt::format("| `{}` | {} | {} |\n", a.name, assumption_value(a), a.meaning);
  }
  return out;
}

nlohmann::json estimate_json(const CostEstimate& e) {
  using nlohmann::json;
  json lines = json::array();
  for (const auto& line : e.lines) {
    json l = {{"address", line.address},
              {"type", line.type},
              {"stack", line.stack},
              {"path", line.path},
              {"instances", line.instances},
              {"status", kind_name(line.kind)},
              {"monthly_usd", usd(line.cents)},
              {"basis", line.basis}};
    if (!line.cost_center.empty()) l["cost_center"] = line.cost_center;
    if (!line.assumptions.empty()) l["assumptions"] = line.assumptions;
    if (line.unverified) l["unverified_price"] = true;
    lines.push_back(std::move(l));
  }
  json by_stack = json::object();
  for (const auto& [stack, cents] : e.by_stack()) by_stack[stack] = usd(cents);
  json by_center = json::object();
  for (const auto& [center, cents] : e.by_cost_center()) by_center[center] = usd(cents);
  json assumptions = json::object();
  for (const auto& a : e.assumptions)
    assumptions[a.name] = {{"value", a.value},
                           {"unit", a.unit},
                           {"meaning", a.meaning},
                           {"source", a.from_environment ? "environment" : "default"}};
  json out = {{"environment", e.environment},
              {"region", e.region},
              {"monthly_usd", usd(e.total_cents())},
              {"by_stack", by_stack},
              {"by_cost_center", by_center},
              {"resources", lines},
              {"assumptions", assumptions},
              {"prices",
               {{"source", e.price_source},
                {"as_of", e.price_as_of},
                {"hours_per_month", e.hours_per_month}}}};
  if (e.budget) {
    out["budget_usd"] = *e.budget;
    out["over_budget"] = e.over_budget();
  }
  return out;
}

std::string cost_directory(const std::string& environment) { return "cost/" + environment; }

std::string cost_file(const std::string& environment) {
  return cost_directory(environment) + "/estimate.json";
}

std::string cost_json(const std::vector<CostEstimate>& estimates) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& e : estimates) list.push_back(estimate_json(e));
  return nlohmann::json{{"environments", list}}.dump(2) + "\n";
}

}  // namespace keelson
