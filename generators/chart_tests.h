#ifndef KEELSON_GENERATORS_CHART_TESTS_H_
#define KEELSON_GENERATORS_CHART_TESTS_H_

#include <map>
#include <string>

#include "charts/chart.h"
#include "dsl/value.h"

namespace keelson {

/// A helm-unittest suite (`tests/declared_test.yaml`) checking that the
/// chart renders what was declared: the image, the replicas or autoscaling
/// bounds, the service ports and ingress hosts, with the default values and
/// with each environment's values file. The generic behaviour of the
/// templates has suites of its own (templates/workload/tests/).
std::string declared_tests(const Chart& chart, const Value& defaults,
                           const std::map<std::string, Value>& changes);

}  // namespace keelson

#endif  // KEELSON_GENERATORS_CHART_TESTS_H_
