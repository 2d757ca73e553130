#ifndef KEELSON_STACKS_HELM_RELEASE_H_
#define KEELSON_STACKS_HELM_RELEASE_H_

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dsl/construct.h"
#include "dsl/helm_value_path.h"
#include "dsl/provider.h"
#include "dsl/resource.h"
#include "dsl/value.h"

namespace keelson {

/// How a Helm release is made.
struct HelmReleaseProps {
  /// A chart keelson generates (`helm-charts/<chart>/` beside `terraform/` in
  /// the output directory) or, with `repository`, a remote chart's name.
  /// Lowercase letters, digits, `.`, `_` and `-`.
  std::string chart{};
  /// Empty: the generated local chart. Otherwise an `https://` or `oci://`
  /// chart repository.
  std::string repository{};
  /// The chart version; required for a remote chart, not allowed for a local
  /// one (its version is the one in its Chart.yaml).
  std::string version{};
  /// The release name; empty: the chart name. At most 53 characters of
  /// lowercase letters, digits, `-` and `.` (Helm's rule).
  std::string name{};
  /// The Kubernetes namespace: a DNS label (lowercase letters, digits, `-`).
  std::string namespace_name = "default";
  /// Create the namespace when it does not exist.
  bool create_namespace = true;
  /// Helm value path → value, like `helm --set`: `{"env.DATABASE_HOST",
  /// db.postgres_address()}`. A key that contains a dot is escaped in the
  /// path (`helm_value_path`). Strings and Terraform expressions reach the
  /// chart as strings (`type = "string"`, so `"8000"` or an account ID stays
  /// a string); literal bools and numbers as Helm reads them. A value with a
  /// comma goes in `values` instead: the provider may split `set` values there.
  std::vector<std::pair<std::string, Value>> set{};
  /// Further values, written with `yamlencode` after the environment's values
  /// file (later wins; `set` wins over both). Expressions are fine.
  Value::Map values{};
  /// Seconds Helm waits for the release's resources.
  int timeout_seconds = 600;
  /// Roll a failed install or upgrade back (Helm's `--atomic`).
  bool atomic = true;
  /// Wait until the release's resources are ready before the apply goes on.
  bool wait = true;
  /// Delete what a failed upgrade created.
  bool cleanup_on_fail = true;
  /// Release revisions Helm keeps (each is a Secret in the namespace); 0 keeps all.
  int max_history = 10;
  /// The helm provider configuration; null: the default `helm` one.
  const Provider* provider = nullptr;
};

/// One `helm_release` (hashicorp/helm 3.x), the way Terraform hands values
/// only it knows (endpoints, ARNs) to a chart.
///
/// For a local chart, with the module in `terraform/modules/<stack>/`:
/// `chart = "${path.module}/../../../helm-charts/<chart>"` and
/// `values = [file("${path.module}/../../../helm-charts/<chart>/values-${var.environment}.yaml")]`
/// (every generated chart has a values file for every environment), and
/// `dependency_update = true` so its repository dependencies are fetched. For a
/// remote chart: `repository`, `chart` and `version`. `set` is written as the
/// list of `{name, value, type}` objects helm 3.x takes.
///
/// Resources, for a construct with id `api`: `helm_release.api`. Literal
/// props are checked at declaration; each problem is reported with the
/// construct's path.
class HelmRelease : public Construct {
 public:
  HelmRelease(Construct& scope, const Id& id, HelmReleaseProps props);

  /// The `helm_release` resource, e.g. to add `depends_on`.
  Resource& release() const { return *release_; }
  /// The release name, as Terraform knows it.
  Value name() const { return release_->attr("name"); }
  /// The release's status, e.g. `deployed`.
  Value status() const { return release_->attr("status"); }

 private:
  Resource* release_;
};


}  // namespace keelson

#endif  // KEELSON_STACKS_HELM_RELEASE_H_
