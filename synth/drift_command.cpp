#include "synth/drift_command.h"

#include <fmt/core.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <ostream>
#include <sstream>

#include "drift/compare.h"
#include "dsl/app.h"
#include "environments/environment.h"
#include "plan/wiring.h"

namespace keelson {

int run_drift(const App& app, const DriftOptions& options, std::ostream& out) {
  // The environment first: a typo in its name is the likelier mistake.
  const Environment environment = load_environment(options.environments, options.environment);
  const Value::Map values = resolve_parameters(environment, app.parameters());

  std::ifstream in(options.file, std::ios::binary);
  if (!in || std::filesystem::is_directory(options.file)) {
    const int error = errno;
    throw Error(make_error(
        "K7001", fmt::format("cannot read {}: {}", options.file,
                             std::filesystem::is_directory(options.file) ? "it is a directory"
                                                                         : std::strerror(error))));
  }
  std::ostringstream text;
  text << in.rdbuf();
  const drift::TerraformState state = options.plan
                                          ? drift::read_refresh_plan(text.str(), options.file)
                                          : drift::read_state(text.str(), options.file);

  const Plan plan = plan_app(app);
  drift::DriftReport report{
      .environment = options.environment, .input = options.file, .kind = state.kind};
  drift::compare(drift::desired_state(plan, environment, values), state,
                 schema::ProviderSchemas::bundled(), report);
  out << (options.format == "json" ? drift::json_report(report) : drift::text_report(report));
  return report.drifted() ? 2 : 0;
}

}  // namespace keelson
