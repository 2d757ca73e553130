// The text rendering of a Comparison, for terminals and CI logs.
#include <fmt/core.h>

#include "review/comparison_report.h"

namespace keelson::review {
namespace {

const char* action_mark(Action action) {
  switch (action) {
    case Action::kCreate:
      return "+";
    case Action::kUpdate:
      return "~";
    case Action::kReplace:
      return "-/+";
    case Action::kDelete:
      return "-";
  }
  return "~";
}

const char* action_words(Action action) {
  switch (action) {
    case Action::kCreate:
      return "will be created";
    case Action::kUpdate:
      return "will be updated in place";
    case Action::kReplace:
      return "must be replaced";
    case Action::kDelete:
      return "will be destroyed";
  }
  return "";
}

std::string value_line(const ValueChange& change) {
  std::string line;
  if (!change.before) {
    line = fmt::format("+ {}: {}", change.path, *change.after);
  } else if (!change.after) {
    line = fmt::format("- {}: {}", change.path, *change.before);
  } else {
    line = fmt::format("~ {}: {} → {}", change.path, *change.before, *change.after);
  }
  if (change.forces_replacement) line += "  # forces replacement";
  return line;
}

void values(std::string& out, const std::vector<ValueChange>& changes, const std::string& indent) {
  for (const auto& change : changes) out += indent + value_line(change) + "\n";
}

void files(std::string& out, const std::vector<FileChange>& changes, const std::string& indent) {
  for (const auto& file : changes) {
    out += fmt::format("{}{:<8} {}{}\n", indent, kind_name(file.kind), file.path,
                       file.formatting_only ? " (formatting only)" : "");
  }
}

void resources(std::string& out, const std::vector<ResourceChange>& changes) {
  for (const auto& r : changes) {
    out += fmt::format("  {} {} {}\n", action_mark(r.action), r.address, action_words(r.action));
    values(out, r.attributes, "      ");
  }
}

void section(std::string& out, const std::string& title, const std::vector<ValueChange>& changes) {
  if (changes.empty()) return;
  out += "  " + title + ":\n";
  values(out, changes, "      ");
}

}  // namespace

std::string text_report(const Comparison& c, const std::string& against) {
  if (c.equal()) {
    std::string out;
    for (const auto& path : c.ignored) out += "ignored  " + path + " (not written by keelson)\n";
    return out + "no differences with " + against + "\n";
  }
  std::string out;
  for (const auto& m : c.modules) {
    out += fmt::format("module {}: {}\n", m.name, summary_line(m.summary()));
    resources(out, m.resources);
    section(out, "settings", m.settings);
    files(out, m.files, "  ");
    out += "\n";
  }
  for (const auto& e : c.environments) {
    out += fmt::format("environment {}: {}\n", e.name, summary_line(c.summary(e)));
    if (e.empty()) out += "  only the module changes above\n";
    section(out, "terraform.tfvars.json", e.tfvars);
    section(out, "backend", e.backend);
    section(out, "providers", e.providers);
    section(out, "root module", e.root);
    resources(out, e.resources);
    files(out, e.files, "  ");
    out += "\n";
  }
  for (const auto& chart : c.charts) {
    out += "chart " + chart.name + "\n";
    section(out, "Chart.yaml", chart.chart);
    for (const auto& [file, changes] : chart.values) section(out, file, changes);
    if (!chart.templates.empty()) {
      out += "  templates:\n";
      files(out, chart.templates, "      ");
    }
    files(out, chart.files, "  ");
    out += "\n";
  }
  if (!c.files.empty()) {
    out += "other files\n";
    files(out, c.files, "  ");
    out += "\n";
  }
  if (!c.ignored.empty()) {
    out += "ignored (not written by keelson)\n";
    for (const auto& path : c.ignored) out += "  " + path + "\n";
    out += "\n";
  }
  out += fmt::format("Plan: {}; output differs from {}\n", summary_line(c.summary()), against);
  return out;
}

std::string summary_report(const Comparison& c) {
  std::string out;
  for (const auto& m : c.modules) {
    out += fmt::format("module {}: {}\n", m.name, summary_line(m.summary()));
  }
  for (const auto& e : c.environments) {
    const std::size_t values =
        e.tfvars.size() + e.backend.size() + e.providers.size() + e.root.size();
    out += fmt::format("environment {}: {}; {} value(s) and {} file(s) changed\n", e.name,
                       summary_line(c.summary(e)), values, e.files.size());
  }
  for (const auto& chart : c.charts) {
    std::size_t values = chart.chart.size();
    for (const auto& [file, changes] : chart.values) values += changes.size();
    out += fmt::format("chart {}: {} value(s), {} template(s) and {} other file(s) changed\n",
                       chart.name, values, chart.templates.size(), chart.files.size());
  }
  if (!c.files.empty()) out += fmt::format("other files: {} changed\n", c.files.size());
  out += fmt::format("Plan: {}\n", summary_line(c.summary()));
  return out;
}

std::string summary_line(const Summary& s) {
  return fmt::format("{} to add, {} to change, {} to replace, {} to destroy", s.add, s.change,
                     s.replace, s.destroy);
}

}  // namespace keelson::review
