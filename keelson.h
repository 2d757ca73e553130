#ifndef KEELSON_KEELSON_H_
#define KEELSON_KEELSON_H_

/// The public API of keelson: include this one header in a synthesizer program.
#include "charts/chart.h"
#include "dsl/app.h"
#include "dsl/construct.h"
#include "dsl/diagnostic.h"
#include "dsl/expression.h"
#include "dsl/module_call.h"
#include "dsl/parameter.h"
#include "dsl/provider.h"
#include "dsl/resource.h"
#include "dsl/stack.h"
#include "dsl/value.h"

#endif  // KEELSON_KEELSON_H_
