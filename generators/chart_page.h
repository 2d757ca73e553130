#ifndef KEELSON_GENERATORS_CHART_PAGE_H_
#define KEELSON_GENERATORS_CHART_PAGE_H_

#include <string>

#include "generators/docs_model.h"

namespace keelson {

/// A chart's page: where it is, and its values table (every value, its
/// type, default and each environment's setting), as the chart's own
/// README.md lists them.
std::string chart_page(const DocsModel& model, const std::string& chart);

}  // namespace keelson

#endif  // KEELSON_GENERATORS_CHART_PAGE_H_
