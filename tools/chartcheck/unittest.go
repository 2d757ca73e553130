package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/helm-unittest/helm-unittest/pkg/unittest"
	"github.com/helm-unittest/helm-unittest/pkg/unittest/results"
	"github.com/helm-unittest/helm-unittest/pkg/unittest/snapshot"
	"helm.sh/helm/v3/pkg/chart/loader"
)

// runUnitTests runs the helm-unittest suites (tests/*_test.yaml) of the chart
// and of each subchart directory under charts/, as `helm unittest
// --with-subchart --strict` would, and returns a finding per failed test and
// a warning per skipped one. A subchart's suites run against the subchart on
// its own, with its own values.
func runUnitTests(dir string) []finding {
	var findings []finding
	for _, chartDir := range chartsWithTests(dir) {
		prefix, _ := filepath.Rel(dir, chartDir)
		findings = append(findings, runSuites(chartDir, prefix)...)
	}
	return findings
}

// chartsWithTests lists dir and its subchart directories (recursively) that
// have a tests/ directory, in path order.
func chartsWithTests(dir string) []string {
	var out []string
	if info, err := os.Stat(filepath.Join(dir, "tests")); err == nil && info.IsDir() {
		out = append(out, dir)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "charts"))
	for _, entry := range entries {
		sub := filepath.Join(dir, "charts", entry.Name())
		if _, err := os.Stat(filepath.Join(sub, "Chart.yaml")); entry.IsDir() && err == nil {
			out = append(out, chartsWithTests(sub)...)
		}
	}
	return out
}

func runSuites(chartDir, prefix string) []finding {
	files, _ := filepath.Glob(filepath.Join(chartDir, "tests", "*_test.yaml"))
	slices.Sort(files)
	if len(files) == 0 {
		return nil
	}
	c, err := loader.Load(chartDir)
	if err != nil {
		return []finding{{values: filepath.Join(prefix, "tests"), problem: fmt.Sprintf("unittest: cannot load the chart: %v", err)}}
	}
	var findings []finding
	for _, file := range files {
		shown := filepath.Join(prefix, "tests", filepath.Base(file))
		fail := func(warning bool, format string, args ...any) {
			findings = append(findings, finding{values: shown, problem: "unittest: " + fmt.Sprintf(format, args...), warning: warning})
		}
		suites, err := unittest.ParseTestSuiteFile(file, c.Name(), true, nil)
		if err != nil {
			fail(false, "cannot read the suite: %v", err)
			continue
		}
		for _, suite := range suites {
			cache, err := snapshot.CreateSnapshotOfSuite(suite.SnapshotFileUrl(), false)
			if err != nil {
				fail(false, "%s: cannot read its snapshots: %v", suite.Name, err)
				continue
			}
			result := suite.RunV3(c, cache, false, "", &results.TestSuiteResult{})
			if result.ExecError != nil {
				fail(false, "%s: %v", suite.Name, result.ExecError)
			}
			for _, test := range result.TestsResult {
				switch {
				case test == nil || test.Passed:
				case test.Skipped:
					fail(true, "%s: %q was skipped", suite.Name, test.DisplayName)
				case test.ExecError != nil:
					fail(false, "%s: %q: %v", suite.Name, test.DisplayName, test.ExecError)
				default:
					for _, assertion := range test.AssertsResult {
						if assertion.Passed || assertion.Skipped {
							continue
						}
						not := ""
						if assertion.Not {
							not = " not"
						}
						fail(false, "%s: %q: asserts[%d]%s %s failed: %s", suite.Name, test.DisplayName,
							assertion.Index, not, assertion.AssertType, strings.Join(trimAll(assertion.FailInfo), " "))
					}
				}
			}
		}
	}
	return findings
}

func trimAll(lines []string) []string {
	out := make([]string, 0, len(lines))
	for _, line := range lines {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}
