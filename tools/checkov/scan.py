#!/usr/bin/env python3
"""Scans keelson's Terraform JSON with checkov; exit 0 only when it is clean.

usage: scan.py CHECKOV DIR

checkov 3.3's `terraform_json` framework reads every `*.tf.json` below DIR but
no skip comment in them (its runner passes no skips to the checks), so the
`"//": "checkov:skip=<id>:<reason>"` comments keelson writes into resource
bodies are turned into a checkov baseline here, and checkov itself drops the
findings it lists (reported as skipped). It fails on:
  - any failed check;
  - a file checkov cannot parse, except one holding only a `terraform` block
    (checkov 3.3 cannot parse `required_version`: bridgecrewio/checkov#7454);
  - a suppression that suppresses nothing (the check passes, or is unknown).
"""
import json
import pathlib
import re
import subprocess
import sys
import tempfile

SKIP = re.compile(r"checkov:skip=([A-Za-z0-9_-]+):(.*)")


def skips_of(body):
    comments = body.get("//", [])
    for comment in comments if isinstance(comments, list) else [comments]:
        match = SKIP.fullmatch(comment) if isinstance(comment, str) else None
        if match:
            yield match.group(1), match.group(2)


def suppressions(root):
    """(file relative to root, address, check id, reason) of every skip."""
    found = []
    for path in sorted(root.rglob("*.tf.json")):
        document = json.loads(path.read_text())
        for section, prefix in (("resource", ""), ("data", "data.")):
            for type_name, bodies in document.get(section, {}).items():
                for name, body in bodies.items():
                    for check, reason in skips_of(body):
                        found.append((str(path.relative_to(root)), f"{prefix}{type_name}.{name}",
                                      check, reason))
    return found


def record_names(address):
    # checkov names a resource `<type>.<name>` in graph checks and
    # `resource.<name>` (`data.<name>`) in the others.
    kind = "data" if address.startswith("data.") else "resource"
    return [address.removeprefix("data."), f"{kind}.{address.rsplit('.', 1)[1]}"]


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    checkov, root = sys.argv[1], pathlib.Path(sys.argv[2]).resolve()
    skips = suppressions(root)
    baseline = {}
    for file, address, check, _ in skips:
        for resource in record_names(address):
            baseline.setdefault(("/" + file, resource), set()).add(check)
    with tempfile.TemporaryDirectory() as scratch:
        baseline_file = pathlib.Path(scratch, "baseline.json")
        baseline_file.write_text(json.dumps({"failed_checks": [
            {"file": file, "findings": [{"resource": resource, "check_ids": sorted(ids)}]}
            for (file, resource), ids in sorted(baseline.items())]}))
        # --skip-download: nothing is fetched (guidelines, mappings).
        run = subprocess.run(
            [checkov, "--directory", str(root), "--framework", "terraform_json", "--skip-download",
             "--baseline", str(baseline_file), "--output-baseline-as-skipped", "--output", "json",
             "--compact"], capture_output=True, text=True)
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        print(run.stdout + run.stderr, file=sys.stderr)
        print(f"checkov: no report (exit {run.returncode})", file=sys.stderr)
        return 1
    results = report.get("results", {})
    problems = []
    for error in results.get("parsing_errors", []):
        if set(json.loads(pathlib.Path(error).read_text())) != {"terraform"}:
            problems.append(f"{pathlib.Path(error).relative_to(root)}: checkov cannot parse it")
    for failed in results.get("failed_checks", []):
        problems.append(f"{failed['file_path'].lstrip('/')}: {failed['resource']}: "
                        f"{failed['check_id']} {failed['check_name']}")
    skipped = {(s["file_path"], s["resource"], s["check_id"])
               for s in results.get("skipped_checks", [])}
    for file, address, check, _ in skips:
        if not any(("/" + file, resource, check) in skipped for resource in record_names(address)):
            problems.append(f"{file}: {address}: {check} is suppressed but does not fail")
    for problem in problems:
        print(problem)
    summary = report.get("summary", {})
    print(f"checkov {summary.get('checkov_version', '?')}: "
          f"{len(skipped)} suppressed, {len(problems)} problem(s) in {root.name}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
