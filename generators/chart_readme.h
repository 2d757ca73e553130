#ifndef KEELSON_GENERATORS_CHART_README_H_
#define KEELSON_GENERATORS_CHART_README_H_

#include <map>
#include <string>

#include "charts/chart.h"
#include "dsl/value.h"

namespace keelson {

/// The chart's README.md: what it is, how to install it, and a table of
/// every value with its type, default and what each environment sets.
std::string chart_readme(const Chart& chart, const Value& defaults,
                         const std::map<std::string, Value>& changes);

}  // namespace keelson

#endif  // KEELSON_GENERATORS_CHART_README_H_
