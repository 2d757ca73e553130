#include "plan/wiring.h"

#include <fmt/core.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "dsl/errors.h"
#include "plan/input_type.h"

namespace keelson {
namespace {

// What identifies the value a cross-stack reference reads: the target, the
// attribute and which instances. The key of an indexed read is left out, as
// the whole collection is exported and the reader indexes it.
struct RefKey {
  const Referenceable* target;
  std::string attribute;
  Expr::Instances instances;

  explicit RefKey(const Expr& ref)
      : target(ref.target), attribute(ref.text), instances(ref.instances) {}
  bool operator==(const RefKey& other) const {
    return target == other.target && instances == other.instances && attribute == other.attribute;
  }
};

struct RefKeyHash {
  std::size_t operator()(const RefKey& key) const {
    return std::hash<const void*>{}(key.target) ^
           (std::hash<std::string>{}(key.attribute) * 31 + static_cast<std::size_t>(key.instances));
  }
};

// The variable a cross-stack reference was wired to in the reading module.
struct WiredInput {
  std::string variable;
  bool indexed = false;  // the reader indexes the exported collection
};

// How references render inside one module: its own targets by address,
// other stacks' targets through the variables they were wired to. A root has
// no stack and reads module outputs: its "variables" are `module.<stack>.<output>`.
struct Wiring {
  const Stack* stack = nullptr;
  std::string prefix = "var.";
  std::unordered_map<RefKey, WiredInput, RefKeyHash> inputs;
  std::unordered_set<std::string> variables;
};

// A cross-stack reference as the producer exports it.
struct Export {
  std::string expression;  // inside the producer
  std::string name;        // preferred output name
  bool indexed = false;    // the consumer indexes the exported collection
};

std::string sanitize(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const bool keep = std::isalnum(static_cast<unsigned char>(c)) || c == '-';
    if (keep) {
      out += c;
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

// input_type() gives the type of each of these expressions; keep them in step.
Export export_of(const Expr& ref) {
  const std::string address = ref.target->address();
  const std::string stem = sanitize(ref.target->output_stem() + "_" + ref.text);
  const std::string attribute = ref.text.empty() ? std::string() : "." + ref.text;
  const bool for_each = ref.target->repetition() == Repetition::kForEach;
  switch (ref.instances) {
    case Expr::Instances::kWhole:
      return {address + attribute, stem, false};
    case Expr::Instances::kAll:
      return {for_each ? "values(" + address + ")[*]" + attribute : address + "[*]" + attribute,
              stem + "s", false};
    case Expr::Instances::kKey:
      if (for_each) {
        return {"{for key, instance in " + address + " : key => instance" + attribute + "}",
                stem + "_by_key", true};
      }
      return {address + "[*]" + attribute, stem + "s", true};
  }
  return {};
}

std::string render_reference(const std::shared_ptr<Wiring>& wiring, const Expr& ref);

ReferenceRenderer renderer_for(const std::shared_ptr<Wiring>& wiring) {
  return [wiring](const Expr& ref) { return render_reference(wiring, ref); };
}

std::string render_reference(const std::shared_ptr<Wiring>& wiring, const Expr& ref) {
  if (&ref.target->owner() == wiring->stack) return local_reference(ref, renderer_for(wiring));
  const auto it = wiring->inputs.find(RefKey(ref));
  // Planning wires every reference it visits; an unwired one means a value was
  // rendered that the planner never saw, which is a bug, not a user error.
  if (it == wiring->inputs.end()) throw std::logic_error("unwired reference to " + ref.text);
  std::string text = wiring->prefix + it->second.variable;
  if (it->second.indexed) text += "[" + render_hcl(ref.args.at(0), renderer_for(wiring)) + "]";
  return text;
}

template <typename Visit>
void visit_exprs(const Value& value, const Visit& visit) {
  switch (value.kind()) {
    case Value::Kind::kExpr: {
      const Expr& e = value.expr();
      visit(e);
      for (const auto& arg : e.args) visit_exprs(arg, visit);
      break;
    }
    case Value::Kind::kList:
      for (const auto& item : value.as_list()) visit_exprs(item, visit);
      break;
    case Value::Kind::kMap:
      for (const auto& [key, item] : value.as_map()) visit_exprs(item, visit);
      break;
    default:
      break;
  }
}

// Calls `visit(site, value)` for every value a stack's module renders.
template <typename Visit>
void for_each_value(const Stack& stack, const Visit& visit) {
  for (const Resource* r : stack.resources()) {
    for (const auto& [name, value] : r->attributes()) visit(*r, value);
    for (const auto& block : r->blocks()) visit(*r, block.body);
    for (const auto& block : r->dynamic_blocks()) {
      visit(*r, block.for_each);
      visit(*r, block.content);
    }
    if (r->count_value()) visit(*r, *r->count_value());
    if (r->for_each_value()) visit(*r, *r->for_each_value());
    for (const auto& o : r->overrides()) visit(*r, o.value);
  }
  for (const ModuleCall* m : stack.module_calls()) {
    for (const auto& [name, value] : m->inputs()) visit(*m, value);
  }
  for (const auto& output : stack.outputs()) visit(stack, output.value);
}

const Construct& root_of(const Construct& c) {
  const Construct* node = &c;
  while (node->node().scope() != nullptr) node = node->node().scope();
  return *node;
}

class Planner {
 public:
  explicit Planner(const App& app) : app_(app), stacks_(app.stacks()) {}

  Plan run() {
    problems_ = app_.reported();
    if (stacks_.empty()) problems_.push_back(errors::no_stacks(app_.name()));
    run_validations(app_);
    for (const Stack* stack : stacks_) {
      wirings_[stack] = std::make_shared<Wiring>();
      wirings_[stack]->stack = stack;
      edges_[stack];
    }
    root_wiring_->prefix.clear();
    for (const Stack* stack : stacks_) plan_stack(*stack);
    wire_providers();
    std::vector<const Stack*> order = sort_stacks();
    if (!problems_.empty()) throw Error(std::move(problems_));
    return assemble(order);
  }

 private:
  void run_validations(const Construct& construct) {
    for (const auto& validation : construct.node().validations()) {
      for (const auto& message : validation()) {
        problems_.push_back(
            errors::validation_failed(construct.node().path(), message, construct.node().where()));
      }
    }
    for (const Construct* child : construct.node().children()) run_validations(*child);
  }

  // Provider settings are written in the roots, which read a stack's
  // resources through the outputs its module exports.
  void wire_providers() {
    for (const Provider* provider : app_.providers()) {
      for (const auto& [setting, value] : provider->config()) {
        visit_exprs(value, [&](const Expr& e) { wire_provider_setting(*provider, setting, e); });
      }
    }
  }

  void wire_provider_setting(const Provider& provider, const std::string& setting,
                             const Expr& e) {
    auto report = [&](std::string problem) {
      problems_.push_back(errors::unresolvable_provider_setting(
          provider.reference(), setting, std::move(problem), provider.where()));
    };
    switch (e.kind) {
      case Expr::Kind::kCountIndex:
        return report("uses count.index, which only a resource with count has");
      case Expr::Kind::kEachKey:
      case Expr::Kind::kEachValue:
        return report("uses each.key or each.value, which only a resource with for_each has");
      case Expr::Kind::kRef:
        break;
      default:
        return;
    }
    const Construct& target = e.target->construct();
    if (&root_of(target) != &app_) {
      return report(fmt::format("refers to \"{}\", which is not part of app \"{}\"",
                                target.node().path(), app_.name()));
    }
    const bool repeated = e.target->repetition() != Repetition::kSingle;
    if (repeated && e.instances == Expr::Instances::kWhole) {
      return report(fmt::format(
          "reads \"{}\", which has count or for_each, without at() or all()",
          target.node().path()));
    }
    if (!repeated && e.instances != Expr::Instances::kWhole) {
      return report(fmt::format("reads at() or all() of \"{}\", which has neither count nor "
                                "for_each",
                                target.node().path()));
    }
    const Stack& producer = e.target->owner();
    const Export ex = export_of(e);
    const std::string output = export_name(producer, ex, provider.reference(), true);
    root_wiring_->inputs.emplace(
        RefKey(e), WiredInput{"module." + producer.name() + "." + output, ex.indexed});
  }

  const Provider* provider_of(const Resource& r) {
    if (r.provider_value() != nullptr) return r.provider_value();
    const std::string local_name = r.type().substr(0, r.type().find('_'));
    const Provider* provider = app_.find_provider(local_name);
    // One report per missing provider: declaring it fixes every resource.
    if (provider == nullptr && missing_providers_.insert(local_name).second) {
      problems_.push_back(
          errors::provider_not_declared(r.node().path(), r.type(), local_name, r.node().where()));
    }
    return provider;
  }

  void plan_stack(const Stack& stack) {
    StackPlan& plan = plans_[&stack];
    plan.stack = &stack;
    std::set<const Provider*> providers;
    std::unordered_map<std::string, const Resource*> addresses;
    addresses.reserve(stack.resources().size());
    for (const Resource* r : stack.resources()) {
      if (const Provider* p = provider_of(*r)) providers.insert(p);
      const auto [it, inserted] = addresses.emplace(r->address(), r);
      if (!inserted) {
        problems_.push_back(errors::duplicate_logical_id(
            r->node().path(), r->address(), it->second->node().path(), r->node().where()));
      }
      for (const Referenceable* dependency : r->dependencies()) {
        if (&dependency->owner() != &stack) add_module_dependency(plan, dependency->owner());
      }
    }
    for (const Provider* p : app_.providers()) {
      if (providers.count(p) != 0) plan.providers.push_back(p);
    }
    std::set<std::string> variables;
    for_each_value(stack, [&](const Construct& site, const Value& value) {
      visit_exprs(value, [&](const Expr& e) {
        if (e.kind == Expr::Kind::kVar) variables.insert(e.text);
        if (e.kind == Expr::Kind::kRef) wire(stack, site, e);
        if (e.kind == Expr::Kind::kEnvironment) plan.uses_environment = true;
      });
    });
    for (const Parameter* p : app_.parameters()) {
      if (variables.count(p->name()) != 0) plan.parameters.push_back(p);
    }
    std::sort(plan.parameters.begin(), plan.parameters.end(),
              [](const Parameter* a, const Parameter* b) { return a->name() < b->name(); });
  }

  void add_module_dependency(StackPlan& plan, const Stack& producer) {
    if (std::find(plan.depends_on.begin(), plan.depends_on.end(), &producer) ==
        plan.depends_on.end()) {
      plan.depends_on.push_back(&producer);
    }
    edges_[plan.stack].insert(&producer);
  }

  void wire(const Stack& consumer, const Construct& site, const Expr& ref) {
    const Construct& target = ref.target->construct();
    if (&root_of(target) != &app_) {
      problems_.push_back(
          errors::foreign_reference(site.node().path(), target.node().path(), site.node().where()));
      return;
    }
    check_instances(site, ref);
    const Stack& producer = ref.target->owner();
    if (&producer == &consumer) return;
    edges_[&consumer].insert(&producer);
    Wiring& wiring = *wirings_[&consumer];
    RefKey key(ref);
    if (wiring.inputs.count(key) != 0) return;
    const Export e = export_of(ref);
    const std::string output = export_name(producer, e, consumer.name(), false);
    std::string variable = producer.name() + "_" + output;
    // `all("id")` and `at(i).attr("id")` read the same export through one input.
    if (wiring.variables.insert(variable).second) {
      plans_[&consumer].inputs.push_back(
          CrossStackInput{variable, &producer, output, input_type(ref)});
    }
    wiring.inputs.emplace(std::move(key), WiredInput{std::move(variable), e.indexed});
  }

  // The output name for `e` in `producer`, shared by every reader of it: a
  // consuming stack, or a provider configuration (`is_provider`).
  std::string export_name(const Stack& producer, const Export& e, const std::string& reader,
                          bool is_provider) {
    Exports& exports = exports_[&producer];
    if (const auto it = exports.by_expression.find(e.expression);
        it != exports.by_expression.end()) {
      PendingExport& existing = exports.list[it->second];
      (is_provider ? existing.providers : existing.consumers).insert(reader);
      return existing.name;
    }
    if (exports.names.empty()) {
      for (const auto& declared : producer.outputs()) exports.names.insert(declared.name);
    }
    std::string name;
    bool declared = false;
    // A declared output with the same value is reused rather than doubled.
    for (const auto& output : producer.outputs()) {
      if (output.value.is_expr() && output.value.expr().kind == Expr::Kind::kRef) {
        const Export mine = export_of(output.value.expr());
        if (!mine.indexed && mine.expression == e.expression) {
          name = output.name;
          declared = true;
          break;
        }
      }
    }
    if (!declared) {
      name = e.name;
      for (int n = 2; exports.names.count(name) != 0; ++n) name = e.name + "_" + std::to_string(n);
      exports.names.insert(name);
    }
    exports.by_expression.emplace(e.expression, exports.list.size());
    PendingExport pending{name, e.expression, {}, {}, declared};
    (is_provider ? pending.providers : pending.consumers).insert(reader);
    exports.list.push_back(std::move(pending));
    return name;
  }

  void check_instances(const Construct& site, const Expr& ref) {
    const auto* resource = dynamic_cast<const Resource*>(&ref.target->construct());
    if (resource == nullptr) return;
    const bool repeated = resource->repetition() != Repetition::kSingle;
    const std::string& target = resource->node().path();
    if (repeated && ref.instances == Expr::Instances::kWhole) {
      problems_.push_back(
          errors::whole_reference_to_repeated(site.node().path(), target, site.node().where()));
    } else if (!repeated && ref.instances != Expr::Instances::kWhole) {
      problems_.push_back(
          errors::reference_to_unset_instance(site.node().path(), target, site.node().where()));
    }
  }

  // Producers before consumers; ties keep declaration order. Reports cycles.
  std::vector<const Stack*> sort_stacks() {
    std::vector<const Stack*> order;
    std::map<const Stack*, int> state;  // 0 unvisited, 1 on the path, 2 done
    std::vector<const Stack*> path;
    bool cycle_found = false;
    std::function<void(const Stack*)> visit = [&](const Stack* s) {
      state[s] = 1;
      path.push_back(s);
      for (const Stack* producer : sorted_edges(s)) {
        if (state[producer] == 1 && !cycle_found) {
          cycle_found = true;
          std::vector<std::string> cycle;
          auto start = std::find(path.begin(), path.end(), producer);
          for (auto it = start; it != path.end(); ++it) cycle.push_back((*it)->name());
          cycle.push_back(producer->name());
          problems_.push_back(errors::stack_cycle(cycle, producer->node().where()));
        } else if (state[producer] == 0) {
          visit(producer);
        }
      }
      path.pop_back();
      state[s] = 2;
      order.push_back(s);
    };
    for (const Stack* s : stacks_) {
      if (state[s] == 0) visit(s);
    }
    return order;
  }

  std::vector<const Stack*> sorted_edges(const Stack* s) {
    std::vector<const Stack*> out;
    for (const Stack* candidate : stacks_) {
      if (edges_[s].count(candidate) != 0) out.push_back(candidate);
    }
    return out;
  }

  Plan assemble(const std::vector<const Stack*>& order) {
    Plan plan;
    plan.app = &app_;
    for (const Stack* s : order) {
      StackPlan& stack_plan = plans_[s];
      std::sort(stack_plan.inputs.begin(), stack_plan.inputs.end(),
                [](const auto& a, const auto& b) { return a.variable < b.variable; });
      for (const auto& pending : exports_[s].list) {
        if (pending.declared) continue;
        stack_plan.exports.push_back(ExportedOutput{
            pending.name, pending.expression,
            std::vector<std::string>(pending.consumers.begin(), pending.consumers.end()),
            std::vector<std::string>(pending.providers.begin(), pending.providers.end())});
      }
      std::sort(stack_plan.exports.begin(), stack_plan.exports.end(),
                [](const auto& a, const auto& b) { return a.name < b.name; });
      stack_plan.references = renderer_for(wirings_[s]);
      plan.stacks.push_back(std::move(stack_plan));
    }
    plan.root_references = renderer_for(root_wiring_);
    return plan;
  }

  struct PendingExport {
    std::string name;
    std::string expression;
    std::set<std::string> consumers;
    std::set<std::string> providers;
    bool declared;  // an output the user declared; not emitted a second time
  };
  // The exports of one producer, found by expression; `names` holds every
  // output name taken in its module.
  struct Exports {
    std::vector<PendingExport> list;
    std::unordered_map<std::string, std::size_t> by_expression;
    std::unordered_set<std::string> names;
  };

  const App& app_;
  std::vector<const Stack*> stacks_;
  std::vector<Diagnostic> problems_;
  std::set<std::string> missing_providers_;
  std::map<const Stack*, StackPlan> plans_;
  std::map<const Stack*, std::shared_ptr<Wiring>> wirings_;
  std::shared_ptr<Wiring> root_wiring_ = std::make_shared<Wiring>();
  std::map<const Stack*, std::set<const Stack*>> edges_;
  std::map<const Stack*, Exports> exports_;
};

}  // namespace

const StackPlan& Plan::stack(const Stack& stack) const {
  for (const auto& s : stacks) {
    if (s.stack == &stack) return s;
  }
  throw std::out_of_range("stack not in plan: " + stack.name());
}

Plan plan_app(const App& app) { return Planner(app).run(); }

}  // namespace keelson
