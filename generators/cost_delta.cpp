#include "generators/cost_delta.h"

#include <fmt/core.h>

#include <cmath>
#include <map>

#include "dsl/diagnostic.h"
#include "generators/cost_report.h"

namespace keelson {
namespace {

using nlohmann::json;

constexpr const char* kBadBaseEstimate = "K2088";  // --against: a cost file is not an estimate

long long cents_of(const json& value) { return std::llround(value.get<double>() * 100.0); }

[[noreturn]] void not_an_estimate(const std::string& file, const std::string& what) {
  throw Error(make_error(kBadBaseEstimate, fmt::format("{} is not a cost estimate: {}", file, what),
                         SourceLocation{file, 0, 0},
                         "point --against at a synth output holding cost/<env>.json"));
}

// name -> cents of an object of numbers (`by_stack`).
std::map<std::string, long long> amounts(const json& object, const std::string& file,
                                         const char* key) {
  if (!object.contains(key) || !object[key].is_object())
    not_an_estimate(file, fmt::format("\"{}\" is not an object", key));
  std::map<std::string, long long> out;
  for (const auto& [name, value] : object[key].items()) {
    if (!value.is_number()) not_an_estimate(file, fmt::format("{}.{} is not a number", key, name));
    out[name] = cents_of(value);
  }
  return out;
}

std::vector<CostDelta::Change> compare(const std::map<std::string, long long>& base,
                                       const std::map<std::string, long long>& head) {
  std::vector<CostDelta::Change> out;
  std::map<std::string, CostDelta::Change> all;
  for (const auto& [name, cents] : base)
    all[name] = {.name = name, .base_cents = cents, .removed = true};
  for (const auto& [name, cents] : head) {
    auto& c = all[name];
    const bool in_base = c.removed;
    c.name = name;
    c.head_cents = cents;
    c.removed = false;
    c.added = !in_base;
  }
  for (auto& [name, change] : all) {
    if (change.base_cents == change.head_cents) continue;
    out.push_back(change);
  }
  return out;
}

std::string signed_usd(long long cents) { return (cents > 0 ? "+" : "") + format_usd(cents); }

std::string percent(long long base, long long head) {
  if (base == 0) return head == 0 ? "0%" : "new";
  return fmt::format("{:+.1f}%",
                     100.0 * static_cast<double>(head - base) / static_cast<double>(base));
}

std::string budget_note(const CostDelta& d) {
  if (!d.budget) return "no budget";
  return fmt::format("{} of {}", d.over_budget ? "OVER budget" : "within budget",
                     format_usd(std::llround(*d.budget * 100.0)));
}

std::string change_note(const CostDelta::Change& c) {
  if (c.added) return "added";
  if (c.removed) return "removed";
  return "changed";
}

}  // namespace

CostDelta cost_delta(const std::optional<json>& base, const std::string& base_file,
                     const cost::CostEstimate& head) {
  CostDelta d;
  d.environment = head.environment;
  d.head_cents = head.total_cents();
  d.budget = head.budget;
  d.over_budget = head.over_budget();
  std::map<std::string, long long> base_stacks;
  std::map<std::string, long long> base_resources;
  if (base) {
    if (!base->is_object()) not_an_estimate(base_file, "expected an object");
    if (!base->contains("monthly_usd") || !(*base)["monthly_usd"].is_number())
      not_an_estimate(base_file, "\"monthly_usd\" is not a number");
    if (!base->contains("resources") || !(*base)["resources"].is_array())
      not_an_estimate(base_file, "\"resources\" is not a list");
    d.base_found = true;
    d.base_cents = cents_of((*base)["monthly_usd"]);
    base_stacks = amounts(*base, base_file, "by_stack");
    for (const auto& r : (*base)["resources"]) {
      if (!r.is_object() || !r.contains("address") || !r["address"].is_string() ||
          !r.contains("monthly_usd") || !r["monthly_usd"].is_number())
        not_an_estimate(base_file, "a resource without an address and monthly_usd");
      base_resources[r["address"].get<std::string>()] += cents_of(r["monthly_usd"]);
    }
  }
  std::map<std::string, long long> head_resources;
  for (const auto& line : head.lines) head_resources[line.address] += line.cents;
  d.stacks = compare(base_stacks, head.by_stack());
  d.resources = compare(base_resources, head_resources);
  return d;
}

std::string delta_text(const std::vector<CostDelta>& deltas) {
  std::string out;
  for (const auto& d : deltas) {
    if (!out.empty()) out += "\n";
    out += fmt::format("environment {}: {} -> {} a month ({}, {}); {}\n", d.environment,
                       d.base_found ? format_usd(d.base_cents) : "(none)", format_usd(d.head_cents),
                       signed_usd(d.head_cents - d.base_cents), percent(d.base_cents, d.head_cents),
                       budget_note(d));
    for (const auto& c : d.stacks)
      out += fmt::format("  stack {:<30} {:>11} -> {:>11} ({})\n", c.name, format_usd(c.base_cents),
                         format_usd(c.head_cents), signed_usd(c.head_cents - c.base_cents));
    for (const auto& c : d.resources)
      out += fmt::format("  {:<7} {} {}\n", change_note(c), c.name,
                         signed_usd(c.head_cents - c.base_cents));
    if (d.stacks.empty() && d.resources.empty()) out += "  no change\n";
  }
  return out;
}

std::string delta_markdown(const std::vector<CostDelta>& deltas) {
  std::string out =
      "### Monthly cost estimate\n\n| environment | before | after | change | budget |\n"
      "| --- | ---: | ---: | ---: | --- |\n";
  for (const auto& d : deltas)
    out += fmt::format("| {} | {} | {} | {} ({}) | {} |\n", d.environment,
                       d.base_found ? format_usd(d.base_cents) : "—", format_usd(d.head_cents),
                       signed_usd(d.head_cents - d.base_cents), percent(d.base_cents, d.head_cents),
                       budget_note(d));
  for (const auto& d : deltas) {
    if (d.resources.empty()) continue;
    out += fmt::format("\n<details><summary>{}: {} resource(s) changed</summary>\n\n",
                       d.environment, d.resources.size());
    out += "| resource | before | after | change |\n| --- | ---: | ---: | ---: |\n";
    for (const auto& c : d.resources)
      out += fmt::format(
          "| `{}` | {} | {} | {} |\n", c.name, c.added ? "—" : format_usd(c.base_cents),
          c.removed ? "—" : format_usd(c.head_cents), signed_usd(c.head_cents - c.base_cents));
    out += "\n</details>\n";
  }
  return out;
}

std::string delta_json(const std::vector<CostDelta>& deltas) {
  const auto usd = [](long long cents) { return static_cast<double>(cents) / 100.0; };
  const auto changes = [&](const std::vector<CostDelta::Change>& list) {
    json out = json::array();
    for (const auto& c : list)
      out.push_back({{"name", c.name},
                     {"before_usd", usd(c.base_cents)},
                     {"after_usd", usd(c.head_cents)},
                     {"change_usd", usd(c.head_cents - c.base_cents)},
                     {"kind", change_note(c)}});
    return out;
  };
  json list = json::array();
  for (const auto& d : deltas) {
    json e = {{"environment", d.environment},
              {"before_usd", d.base_found ? json(usd(d.base_cents)) : json()},
              {"after_usd", usd(d.head_cents)},
              {"change_usd", usd(d.head_cents - d.base_cents)},
              {"stacks", changes(d.stacks)},
              {"resources", changes(d.resources)}};
    if (d.budget) {
      e["budget_usd"] = *d.budget;
      e["over_budget"] = d.over_budget;
    }
    list.push_back(std::move(e));
  }
  return json{{"environments", list}}.dump(2) + "\n";
}

}  // namespace keelson
