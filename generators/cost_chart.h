#ifndef KEELSON_GENERATORS_COST_CHART_H_
#define KEELSON_GENERATORS_COST_CHART_H_

#include <string>
#include <vector>

#include "cost/estimate.h"

namespace keelson {

/// A bar chart (SVG) of the monthly estimate: one bar per environment, in
/// the given order, made of one segment per stack (sorted by name, the same
/// color in every bar), with its total at the end and a legend. Each
/// segment is a `rect` with `data-environment`, `data-stack` and `data-usd`,
/// its width proportional to its cost; the output depends only on the input.
std::string cost_chart_svg(const std::vector<cost::CostEstimate>& estimates);

}  // namespace keelson

#endif  // KEELSON_GENERATORS_COST_CHART_H_
