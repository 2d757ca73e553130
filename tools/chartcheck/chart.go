package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/chartutil"
	"sigs.k8s.io/yaml"
)

// A finding is one problem in one chart with one set of values (a values
// file, or a unit test suite, which sets its own).
type finding struct {
	values  string
	problem string
	warning bool
}

type chartReport struct {
	chart      string
	notes      []string
	findings   []finding
	valuesSets int
	manifests  int
}

// A values set is what `helm -f` would be given: nothing (values.yaml alone)
// or one values-<env>.yaml merged over values.yaml.
type valuesSet struct {
	name      string
	overrides map[string]any
}

func checkChart(dir string, validator *validator) chartReport {
	report := chartReport{chart: filepath.Base(filepath.Clean(dir))}
	loaded, err := loader.Load(dir)
	if err != nil {
		report.findings = append(report.findings, finding{values: "Chart.yaml", problem: fmt.Sprintf("cannot load the chart: %v", err)})
		return report
	}
	report.chart = loaded.Name()

	// Remote dependencies that are not vendored cannot be fetched here: the
	// chart is checked without them, from a copy whose Chart.yaml omits them.
	checkDir := dir
	if missing := missingRemoteDependencies(loaded); len(missing) > 0 {
		for _, dep := range missing {
			report.notes = append(report.notes, fmt.Sprintf(
				"remote dependency %q (%s %s) is not in charts/ and cannot be downloaded here; checked without it",
				dep.Name, dep.Repository, dep.Version))
		}
		copyDir, cleanup, err := copyWithoutDependencies(dir, loaded, missing)
		if err != nil {
			report.findings = append(report.findings, finding{values: "Chart.yaml", problem: err.Error()})
			return report
		}
		defer cleanup()
		checkDir = copyDir
	}

	sets, err := valuesSets(dir)
	if err != nil {
		report.findings = append(report.findings, finding{values: "values", problem: err.Error()})
		return report
	}
	for _, set := range sets {
		report.valuesSets++
		for _, problem := range lintChart(checkDir, dir, set.overrides) {
			report.findings = append(report.findings, finding{values: set.name, problem: "lint: " + problem})
		}
		manifests, problems := renderChart(checkDir, set.overrides)
		for _, problem := range problems {
			report.findings = append(report.findings, finding{values: set.name, problem: "render: " + problem})
		}
		report.manifests += len(manifests)
		for _, m := range manifests {
			for _, problem := range validator.validate(m) {
				report.findings = append(report.findings, finding{values: set.name, problem: m.String() + ": " + problem})
			}
		}
	}
	report.findings = append(report.findings, runUnitTests(checkDir)...)
	return report
}

// valuesSets lists values.yaml first, then every values-<env>.yaml of the
// chart directory in name order.
func valuesSets(dir string) ([]valuesSet, error) {
	sets := []valuesSet{{name: "values.yaml", overrides: map[string]any{}}}
	matches, err := filepath.Glob(filepath.Join(dir, "values-*.yaml"))
	if err != nil {
		return nil, err
	}
	slices.Sort(matches)
	for _, path := range matches {
		values, err := chartutil.ReadValuesFile(path)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", filepath.Base(path), err)
		}
		sets = append(sets, valuesSet{name: filepath.Base(path), overrides: values.AsMap()})
	}
	return sets, nil
}

// missingRemoteDependencies returns the dependencies fetched from a chart
// repository (http, https or oci) that are not vendored under charts/.
func missingRemoteDependencies(c *chart.Chart) []*chart.Dependency {
	vendored := map[string]bool{}
	for _, sub := range c.Dependencies() {
		vendored[sub.Name()] = true
	}
	var missing []*chart.Dependency
	for _, dep := range c.Metadata.Dependencies {
		if dep == nil || vendored[dep.Name] {
			continue
		}
		for _, scheme := range []string{"http://", "https://", "oci://"} {
			if strings.HasPrefix(dep.Repository, scheme) {
				missing = append(missing, dep)
				break
			}
		}
	}
	return missing
}

// copyWithoutDependencies copies the chart directory to a temporary one and
// removes the given dependencies from its Chart.yaml (and its Chart.lock,
// which would name them too).
func copyWithoutDependencies(dir string, c *chart.Chart, drop []*chart.Dependency) (string, func(), error) {
	tmp, err := os.MkdirTemp("", "chartcheck-")
	if err != nil {
		return "", nil, err
	}
	cleanup := func() { os.RemoveAll(tmp) }
	target := filepath.Join(tmp, filepath.Base(filepath.Clean(dir)))
	if err := os.CopyFS(target, os.DirFS(dir)); err != nil {
		cleanup()
		return "", nil, fmt.Errorf("cannot copy the chart: %v", err)
	}
	metadata := *c.Metadata
	metadata.Dependencies = nil
	for _, dep := range c.Metadata.Dependencies {
		if !slices.Contains(drop, dep) {
			metadata.Dependencies = append(metadata.Dependencies, dep)
		}
	}
	data, err := yaml.Marshal(&metadata)
	if err == nil {
		err = os.WriteFile(filepath.Join(target, "Chart.yaml"), data, 0o644)
	}
	if err == nil {
		err = os.Remove(filepath.Join(target, "Chart.lock"))
		if errors.Is(err, fs.ErrNotExist) {
			err = nil
		}
	}
	if err != nil {
		cleanup()
		return "", nil, fmt.Errorf("cannot rewrite Chart.yaml without remote dependencies: %v", err)
	}
	return target, cleanup, nil
}
