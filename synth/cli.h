#ifndef KEELSON_SYNTH_CLI_H_
#define KEELSON_SYNTH_CLI_H_

#include <iosfwd>
#include <string>
#include <vector>

namespace keelson {

class App;

/// Runs the command line of a user's synthesizer program (see `--help`).
/// Returns the exit code: 0 success, 1 findings or differences, 2 bad usage
/// or bad input (every problem is printed to `err`).
int run_cli(const App& app, const std::string& program, const std::vector<std::string>& args,
            std::ostream& out, std::ostream& err);

/// The same, from `main`'s arguments, printing to stdout and stderr.
int run_cli(const App& app, int argc, char** argv);

}  // namespace keelson

#endif  // KEELSON_SYNTH_CLI_H_
