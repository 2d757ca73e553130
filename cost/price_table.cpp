#include "cost/price_table.h"

#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include "dsl/diagnostic.h"
#include "schema/embed_file.h"

#ifndef KEELSON_AWS_PRICES_FILE
#error "KEELSON_AWS_PRICES_FILE must name the pricing table to embed"
#endif

KEELSON_EMBED_FILE(aws_prices, KEELSON_AWS_PRICES_FILE)

namespace keelson::cost {
namespace {

constexpr const char* kBadPriceTable = "K2086";  // the pricing table is not as documented

[[noreturn]] void malformed(const std::string& file, const std::string& what) {
  throw Error(make_error(kBadPriceTable, fmt::format("pricing table {}: {}", file, what),
                         SourceLocation{file, 0, 0}, "see cost/aws_prices.json for the format"));
}

}  // namespace

PriceTable PriceTable::parse(std::string_view json_text, const std::string& file) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::parse_error& e) {
    malformed(file, std::string("not JSON: ") + e.what());
  }
  if (!doc.is_object()) malformed(file, "expected an object at the top level");
  PriceTable table;
  for (const char* key : {"source", "as_of"}) {
    if (!doc.contains(key) || !doc[key].is_string() || doc[key].get<std::string>().empty())
      malformed(file, fmt::format("\"{}\" must be a non-empty string", key));
  }
  table.source_ = doc["source"].get<std::string>();
  table.as_of_ = doc["as_of"].get<std::string>();
  if (doc.contains("hours_per_month")) {
    if (!doc["hours_per_month"].is_number() || doc["hours_per_month"].get<double>() <= 0)
      malformed(file, "\"hours_per_month\" must be a positive number");
    table.hours_per_month_ = doc["hours_per_month"].get<double>();
  }
  if (!doc.contains("regions") || !doc["regions"].is_object() || doc["regions"].empty())
    malformed(file, "\"regions\" must be an object of regions");
  for (const auto& [region, prices] : doc["regions"].items()) {
    if (!prices.is_object()) malformed(file, fmt::format("regions.{} must be an object", region));
    auto& out = table.prices_[region];
    for (const auto& [key, value] : prices.items()) {
      if (!value.is_number() || value.get<double>() < 0)
        malformed(file, fmt::format("regions.{}.{} must be a non-negative number", region, key));
      out[key] = value.get<double>();
    }
  }
  if (doc.contains("unverified")) {
    if (!doc["unverified"].is_array()) malformed(file, "\"unverified\" must be a list of keys");
    for (const auto& key : doc["unverified"]) {
      if (!key.is_string()) malformed(file, "\"unverified\" must be a list of keys");
      table.unverified_.insert(key.get<std::string>());
    }
  }
  return table;
}

const PriceTable& PriceTable::bundled() {
  static const PriceTable table = parse(keelson_embedded_aws_prices(), "cost/aws_prices.json");
  return table;
}

std::vector<std::string> PriceTable::regions() const {
  std::vector<std::string> out;
  for (const auto& [region, prices] : prices_) out.push_back(region);
  return out;
}

std::optional<double> PriceTable::price(const std::string& region, const std::string& key) const {
  const auto r = prices_.find(region);
  if (r == prices_.end()) return std::nullopt;
  const auto p = r->second.find(key);
  if (p == r->second.end()) return std::nullopt;
  return p->second;
}

}  // namespace keelson::cost
