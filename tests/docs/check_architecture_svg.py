#!/usr/bin/env python3
"""Runs `<program> docs` with Graphviz on PATH and checks architecture.svg:
it parses as XML, is an SVG, and holds a cluster for every stack (one per
page in modules/), named as the DOT file names them."""
import pathlib
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET


def diagram_id(text):
    # generators/architecture_diagram.cpp: letters and digits stay, `_` is
    # doubled, any other byte becomes `_` and two hex digits.
    out = []
    for byte in text.encode():
        c = chr(byte)
        if c.isascii() and c.isalnum():
            out.append(c)
        elif c == "_":
            out.append("__")
        else:
            out.append("_%02x" % byte)
    return "".join(out)


def main():
    program, work = sys.argv[1], pathlib.Path(sys.argv[2])
    shutil.rmtree(work, ignore_errors=True)
    run = subprocess.run([program, "docs", "--out", str(work)], capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"docs failed ({run.returncode}): {run.stderr}")
    svg = work / "architecture.svg"
    if not svg.is_file():
        sys.exit(f"no architecture.svg although dot is on PATH; docs said: {run.stdout}")
    root = ET.parse(svg).getroot()
    if root.tag != "{http://www.w3.org/2000/svg}svg":
        sys.exit(f"root element is {root.tag}, not svg")
    ns = {"svg": "http://www.w3.org/2000/svg"}
    clusters = {g.findtext("svg:title", namespaces=ns)
                for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "cluster"}
    stacks = sorted(p.stem for p in (work / "modules").glob("*.md"))
    if not stacks:
        sys.exit("no module pages")
    missing = [s for s in stacks if "cluster_" + diagram_id(s) not in clusters]
    if missing:
        sys.exit(f"stacks without a cluster in architecture.svg: {missing}; clusters: {sorted(clusters)}")
    # The SVG is the rendering of the DOT file written beside it.
    again = subprocess.run(["dot", "-Tsvg", str(work / "architecture.dot")], capture_output=True)
    if again.returncode != 0 or again.stdout != svg.read_bytes():
        sys.exit("architecture.svg is not `dot -Tsvg architecture.dot`")
    print(f"architecture.svg: {len(stacks)} stack cluster(s): {', '.join(stacks)}")


main()
