#ifndef KEELSON_DSL_UNCAUGHT_ERROR_H_
#define KEELSON_DSL_UNCAUGHT_ERROR_H_

namespace keelson {

/// Makes a keelson::Error that escapes the user's `main` (thrown while
/// declaring, before `run()` can catch it: `find_child` of a missing id, a
/// resource outside a stack) end the process like every other bad input:
/// its diagnostics on stderr and exit code 2, instead of `std::terminate`'s
/// abort. Other exceptions keep the previous terminate handler. Idempotent.
void exit_cleanly_on_uncaught_errors();

}  // namespace keelson

#endif  // KEELSON_DSL_UNCAUGHT_ERROR_H_
