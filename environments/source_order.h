#ifndef KEELSON_ENVIRONMENTS_SOURCE_ORDER_H_
#define KEELSON_ENVIRONMENTS_SOURCE_ORDER_H_

#include "dsl/diagnostic.h"

namespace keelson {

/// Whether `a` comes before `b` reading a file top to bottom; unknown
/// positions (line 0) go last. Problems read best in file order.
inline bool comes_before(const SourceLocation& a, const SourceLocation& b) {
  if ((a.line == 0) != (b.line == 0)) return b.line == 0;
  return a.line == b.line ? a.column < b.column : a.line < b.line;
}

}  // namespace keelson

#endif  // KEELSON_ENVIRONMENTS_SOURCE_ORDER_H_
