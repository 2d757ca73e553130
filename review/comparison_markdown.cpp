// The Markdown rendering of a Comparison: a pull-request comment.
#include <fmt/core.h>

#include "review/comparison_report.h"

namespace keelson::review {
namespace {

// Tables longer than this are folded, so a large change keeps the comment short.
constexpr std::size_t kFoldAfter = 10;

// A value in a table cell: a code span, with `|` escaped for the table (GFM
// reads `\|` inside code spans too) and backticks, which would end it, replaced.
std::string code(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '`') {
      out += '\'';
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return "`" + out + "`";
}

const char* action_label(Action action) {
  switch (action) {
    case Action::kCreate:
      return "+ create";
    case Action::kUpdate:
      return "~ update";
    case Action::kReplace:
      return "-/+ replace";
    case Action::kDelete:
      return "- destroy";
  }
  return "";
}

std::string cell(const std::optional<std::string>& value) { return value ? code(*value) : ""; }

std::string attribute_cell(const ValueChange& v) {
  return code(v.path) + (v.forces_replacement ? " (forces replacement)" : "");
}

// A table, folded in <details> when long.
void table(std::string& out, const std::string& header, const std::vector<std::string>& rows,
           const std::string& what) {
  if (rows.empty()) return;
  const bool fold = rows.size() > kFoldAfter;
  if (fold) out += fmt::format("<details><summary>{} {}</summary>\n\n", rows.size(), what);
  out += header;
  for (const auto& row : rows) out += row;
  out += fold ? "\n</details>\n\n" : "\n";
}

void resource_table(std::string& out, const std::vector<ResourceChange>& resources) {
  std::vector<std::string> rows;
  for (const auto& r : resources) {
    if (r.attributes.empty()) {
      rows.push_back(fmt::format("| {} | {} | | | |\n", action_label(r.action), code(r.address)));
    }
    for (const auto& v : r.attributes) {
      rows.push_back(fmt::format("| {} | {} | {} | {} | {} |\n", action_label(r.action),
                                 code(r.address), attribute_cell(v), cell(v.before),
                                 cell(v.after)));
    }
  }
  table(out, "| action | resource | attribute | old | new |\n|---|---|---|---|---|\n", rows,
        "resource attribute changes");
}

void value_table(std::string& out, const std::string& title, const std::vector<ValueChange>& values,
                 const std::string& key) {
  if (values.empty()) return;
  out += "**" + title + "**\n\n";
  std::vector<std::string> rows;
  for (const auto& v : values) {
    rows.push_back(fmt::format("| {} | {} | {} |\n", code(v.path), cell(v.before), cell(v.after)));
  }
  table(out, fmt::format("| {} | old | new |\n|---|---|---|\n", key), rows, "changes");
}

void file_list(std::string& out, const std::vector<FileChange>& files) {
  for (const auto& f : files) {
    out += fmt::format("- {} {}{}\n", kind_name(f.kind), code(f.path),
                       f.formatting_only ? " (formatting only)" : "");
  }
  if (!files.empty()) out += "\n";
}

}  // namespace

std::string markdown_report(const Comparison& c, const std::string& against) {
  if (c.equal()) {
    std::string out =
        fmt::format("## keelson diff: no changes\n\nThe output matches {}.\n", code(against));
    if (!c.ignored.empty()) {
      out += fmt::format("\n{} file(s) not written by keelson were ignored.\n", c.ignored.size());
    }
    return out;
  }
  std::string out = fmt::format(
      "## keelson diff: {}\n\nCompared with {}: a fresh synthesis "
      "against the committed output.\n\n",
      summary_line(c.summary()), code(against));
  if (!c.modules.empty()) {
    out += "### Modules\n\nShared by every environment that calls them.\n\n";
    for (const auto& m : c.modules) {
      out += fmt::format("#### {}: {}\n\n", code(m.name), summary_line(m.summary()));
      resource_table(out, m.resources);
      value_table(out, "Variables, outputs and settings", m.settings, "setting");
      file_list(out, m.files);
    }
  }
  for (const auto& e : c.environments) {
    out += fmt::format("### Environment {}: {}\n\n", code(e.name), summary_line(c.summary(e)));
    if (e.empty()) out += "Only the module changes above.\n\n";
    value_table(out, "terraform.tfvars.json", e.tfvars, "variable");
    value_table(out, "Backend", e.backend, "setting");
    value_table(out, "Providers", e.providers, "setting");
    value_table(out, "Root module", e.root, "setting");
    resource_table(out, e.resources);
    file_list(out, e.files);
  }
  for (const auto& chart : c.charts) {
    out += fmt::format("### Helm chart {}\n\n", code(chart.name));
    value_table(out, "Chart.yaml", chart.chart, "field");
    for (const auto& [file, values] : chart.values) value_table(out, file, values, "key");
    if (!chart.templates.empty()) {
      out += "**Templates**\n\n";
      file_list(out, chart.templates);
    }
    file_list(out, chart.files);
  }
  if (!c.files.empty()) {
    out += "### Other files\n\n";
    file_list(out, c.files);
  }
  if (!c.ignored.empty()) {
    out += fmt::format("<details><summary>{} file(s) not written by keelson, ignored</summary>\n\n",
                       c.ignored.size());
    for (const auto& path : c.ignored) out += "- " + code(path) + "\n";
    out += "\n</details>\n";
  }
  return out;
}

}  // namespace keelson::review
