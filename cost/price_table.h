#ifndef KEELSON_COST_PRICE_TABLE_H_
#define KEELSON_COST_PRICE_TABLE_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace keelson::cost {

/// On-demand AWS prices by region, read from a pricing table in the format
/// of cost/aws_prices.json: `source`, `as_of`, `hours_per_month` and, per
/// region, prices keyed `<service>/<item>` (`ec2/t3.medium` per hour,
/// `ebs/gp3` per GB-month...; `units` says which). Keys listed under
/// `unverified` are best estimates no public page confirmed.
class PriceTable {
 public:
  /// Parses a table; throws Error (K2086) naming `file` when it is malformed.
  static PriceTable parse(std::string_view json_text, const std::string& file);
  /// The table compiled into the binary from cost/aws_prices.json.
  static const PriceTable& bundled();

  const std::string& source() const { return source_; }
  const std::string& as_of() const { return as_of_; }
  double hours_per_month() const { return hours_per_month_; }
  bool has_region(const std::string& region) const { return prices_.count(region) != 0; }
  std::vector<std::string> regions() const;
  /// The price of `key` in `region`, nullopt when the table has none.
  std::optional<double> price(const std::string& region, const std::string& key) const;
  bool verified(const std::string& key) const { return unverified_.count(key) == 0; }

 private:
  std::string source_;
  std::string as_of_;
  double hours_per_month_ = 730;
  std::map<std::string, std::map<std::string, double>> prices_;
  std::set<std::string> unverified_;
};

}  // namespace keelson::cost

#endif  // KEELSON_COST_PRICE_TABLE_H_
