#include "dsl/uncaught_error.h"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <mutex>

#include "dsl/diagnostic.h"

namespace keelson {
namespace {

std::terminate_handler previous_handler = nullptr;

[[noreturn]] void on_terminate() {
  if (const std::exception_ptr current = std::current_exception()) {
    try {
      std::rethrow_exception(current);
    } catch (const Error& error) {
      std::fflush(stdout);
      std::fprintf(stderr, "%s\n", error.what());
      std::fflush(stderr);
      std::_Exit(2);  // the stack was not unwound: run no destructors
    } catch (...) {
    }
  }
  if (previous_handler != nullptr) previous_handler();
  std::abort();
}

}  // namespace

void exit_cleanly_on_uncaught_errors() {
  static std::once_flag installed;
  std::call_once(installed, [] { previous_handler = std::set_terminate(on_terminate); });
}

}  // namespace keelson
