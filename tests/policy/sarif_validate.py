"""Validates SARIF logs against the OASIS SARIF 2.1.0 JSON schema and against
what GitHub code scanning reads of them.

  sarif_validate.py SCHEMA FILE...

Run from the repository's root: a result's relative artifact URI must name a
file there, as code scanning resolves it from the root. Prints each problem
and exits 1 when there is one; 0 and a count otherwise.
"""

import json
import os
import sys
import urllib.parse

import jsonschema

LEVELS = {"error", "warning", "note", "none"}


def github_problems(log):
    """What GitHub code scanning needs beyond the schema."""
    for r, run in enumerate(log.get("runs", [])):
        rules = run["tool"]["driver"].get("rules", [])
        for i, rule in enumerate(rules):
            at = f"runs[{r}].tool.driver.rules[{i}] ({rule.get('id')})"
            for key in ("shortDescription", "fullDescription", "help"):
                if not rule.get(key, {}).get("text"):
                    yield f"{at}: no {key}.text"
            props = rule.get("properties", {})
            tags = props.get("tags")
            if not tags or not all(isinstance(t, str) for t in tags):
                yield f"{at}: properties.tags is not a list of strings"
            if "security-severity" in props:
                try:
                    score = float(props["security-severity"])
                except (TypeError, ValueError):
                    score = -1
                if not isinstance(props["security-severity"], str) or not 0 < score <= 10:
                    yield f"{at}: security-severity is not a score from 0.1 to 10 in a string"
                if "security" not in (tags or []):
                    yield f"{at}: security-severity without the tag \"security\""
        for i, result in enumerate(run.get("results", [])):
            at = f"runs[{r}].results[{i}] ({result.get('ruleId')})"
            index = result.get("ruleIndex")
            if not result.get("ruleId"):
                yield f"{at}: no ruleId"
            elif index is None or index >= len(rules) or rules[index]["id"] != result["ruleId"]:
                yield f"{at}: ruleIndex does not name the rule {result['ruleId']}"
            if result.get("level") not in LEVELS:
                yield f"{at}: level is not one of {sorted(LEVELS)}"
            if not result.get("partialFingerprints"):
                yield f"{at}: no partialFingerprints"
            locations = result.get("locations", [])
            physical = locations[0].get("physicalLocation") if locations else None
            if physical is None:
                yield f"{at}: no physical location"
                continue
            uri = physical["artifactLocation"].get("uri", "")
            if urllib.parse.urlparse(uri).scheme or uri.startswith("/"):
                yield f"{at}: {uri} is not relative to the repository's root"
            elif not os.path.isfile(urllib.parse.unquote(uri)):
                yield f"{at}: {uri} is no file below the repository's root"
            line = physical.get("region", {}).get("startLine")
            if line is not None and line < 1:
                yield f"{at}: startLine {line}"


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: sarif_validate.py SCHEMA FILE...")
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft7Validator(schema)
    problems = 0
    results = 0
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            log = json.load(f)
        for error in sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path)):
            where = "/".join(str(p) for p in error.absolute_path) or "(top)"
            print(f"{path}: schema: {where}: {error.message}")
            problems += 1
        for problem in github_problems(log):
            print(f"{path}: code scanning: {problem}")
            problems += 1
        results += sum(len(run.get("results", [])) for run in log.get("runs", []))
    if problems:
        print(f"{problems} problem(s)")
        sys.exit(1)
    print(f"{len(sys.argv) - 2} SARIF log(s), {results} result(s): valid")


if __name__ == "__main__":
    main()
