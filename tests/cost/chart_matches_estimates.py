#!/usr/bin/env python3
"""Parses each example's committed cost chart as XML and checks its bars
against the committed estimates: one bar segment per stack with a cost in
each environment, labelled with that stack's figure, all widths on one scale.

usage: chart_matches_estimates.py GENERATED_DIR...
"""
import json
import pathlib
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def check(generated: pathlib.Path) -> list:
    problems = []
    chart = generated / "cost" / "cost-by-stack.svg"
    root = ET.parse(chart).getroot()
    if root.tag != SVG + "svg":
        return [f"{chart}: the root element is {root.tag}, not svg"]
    bars = {}
    widths = []
    for rect in root.iter(SVG + "rect"):
        if rect.get("class") != "bar":
            continue
        key = (rect.get("data-environment"), rect.get("data-stack"))
        usd = float(rect.get("data-usd"))
        bars[key] = usd
        widths.append((float(rect.get("width")), usd))
    expected = {}
    for estimate in sorted((generated / "cost").glob("*/estimate.json")):
        data = json.loads(estimate.read_text())
        for stack, usd in data["by_stack"].items():
            if usd > 0:
                expected[(data["environment"], stack)] = usd
        total = round(sum(data["by_stack"].values()), 2)
        if abs(total - data["monthly_usd"]) > 0.005:
            problems.append(f"{estimate}: by_stack sums to {total}, not {data['monthly_usd']}")
    if not expected:
        problems.append(f"{generated}: no estimates")
    if bars != expected:
        problems.append(f"{chart}: bars {sorted(bars.items())} != estimates {sorted(expected.items())}")
    if widths:
        # One scale, read off the widest bar; widths are written to 0.01 px.
        width, usd = max(widths)
        scale = width / usd
        for w, u in widths:
            if abs(w - u * scale) > 0.011:
                problems.append(f"{chart}: a ${u} bar is {w} px wide, not {u * scale:.2f}")
    return problems


def main() -> int:
    problems = []
    for arg in sys.argv[1:]:
        problems += check(pathlib.Path(arg))
    for p in problems:
        print(p, file=sys.stderr)
    if not problems:
        print(f"{len(sys.argv) - 1} chart(s) match their estimates")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
