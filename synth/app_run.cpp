// App::run is declared with the model, which users hold, but is the command
// line's entry point: it lives here so the model includes nothing above it.
#include <cstdio>
#include <exception>

#include "dsl/app.h"
#include "synth/cli.h"

namespace keelson {

int App::run(int argc, char** argv) {
  node().lock();
  try {
    return run_cli(*this, argc, argv);
  } catch (const std::exception& e) {
    // run_cli reports bad input itself; anything else (a validation hook
    // that threw, memory exhausted) still ends with a message, not an abort.
    std::fprintf(stderr, "error: %s\n", e.what());
    return 2;
  }
}

}  // namespace keelson
