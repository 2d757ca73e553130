#include "generators/cost_chart.h"

#include <fmt/core.h>

#include <algorithm>
#include <set>

#include "generators/cost_report.h"

namespace keelson {
namespace {

// Colors that stay apart for readers with color vision deficiencies (Okabe-Ito).
constexpr const char* kPalette[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                    "#56B4E9", "#D55E00", "#F0E442", "#000000"};
constexpr double kLabelWidth = 110;
constexpr double kBarArea = 520;
constexpr double kTotalWidth = 110;
constexpr double kBarHeight = 28;
constexpr double kGap = 14;
constexpr double kTop = 40;

std::string escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string px(double value) { return fmt::format("{:.2f}", value); }

}  // namespace

std::string cost_chart_svg(const std::vector<cost::CostEstimate>& estimates) {
  std::set<std::string> stack_set;
  long long largest = 0;
  for (const auto& e : estimates) {
    for (const auto& [stack, cents] : e.by_stack())
      if (cents > 0) stack_set.insert(stack);
    largest = std::max(largest, e.total_cents());
  }
  const std::vector<std::string> stacks(stack_set.begin(), stack_set.end());
  const double scale = largest > 0 ? kBarArea / static_cast<double>(largest) : 0;
  const double legend_top = kTop + static_cast<double>(estimates.size()) * (kBarHeight + kGap);
  const double rows = static_cast<double>((stacks.size() + 3) / 4);
  const double width = kLabelWidth + kBarArea + kTotalWidth;
  const double height = legend_top + 10 + rows * 22 + 10;

  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" font-family=\"sans-serif\" font-size=\"13\">\n",
      px(width), px(height));
  out += "  <title>Monthly cost estimate by stack and environment</title>\n";
  out += fmt::format(
      "  <text x=\"{}\" y=\"22\" font-size=\"15\" font-weight=\"bold\">Monthly cost estimate "
      "(USD, on demand) by stack and environment</text>\n",
      px(8));
  double y = kTop;
  for (const auto& e : estimates) {
    out += fmt::format(
        "  <text x=\"{}\" y=\"{}\" text-anchor=\"end\" dominant-baseline=\"middle\">{}</text>\n",
        px(kLabelWidth - 8), px(y + kBarHeight / 2), escape(e.environment));
    double x = kLabelWidth;
    const auto by_stack = e.by_stack();
    for (std::size_t i = 0; i < stacks.size(); ++i) {
      const auto it = by_stack.find(stacks[i]);
      if (it == by_stack.end() || it->second <= 0) continue;
      const double w = static_cast<double>(it->second) * scale;
      out += fmt::format(
          "  <rect class=\"bar\" data-environment=\"{}\" data-stack=\"{}\" data-usd=\"{}\" "
          "x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{} {}: "
          "{}</title></rect>\n",
          escape(e.environment), escape(stacks[i]), format_usd(it->second).substr(1), px(x), px(y),
          px(w), px(kBarHeight), kPalette[i % std::size(kPalette)], escape(e.environment),
          escape(stacks[i]), format_usd(it->second));
      x += w;
    }
    out += fmt::format(
        "  <text class=\"total\" data-environment=\"{}\" x=\"{}\" y=\"{}\" "
        "dominant-baseline=\"middle\">{}</text>\n",
        escape(e.environment), px(x + 6), px(y + kBarHeight / 2), format_usd(e.total_cents()));
    y += kBarHeight + kGap;
  }
  for (std::size_t i = 0; i < stacks.size(); ++i) {
    const double lx = kLabelWidth + static_cast<double>(i % 4) * 130;
    const double ly = legend_top + 10 + static_cast<double>(i / 4) * 22;
    out += fmt::format(
        "  <rect class=\"legend\" x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/>\n"
        "  <text x=\"{}\" y=\"{}\">{}</text>\n",
        px(lx), px(ly), kPalette[i % std::size(kPalette)], px(lx + 18), px(ly + 11),
        escape(stacks[i]));
  }
  out += "</svg>\n";
  return out;
}

}  // namespace keelson
