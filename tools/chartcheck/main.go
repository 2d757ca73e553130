// Command chartcheck proves Helm charts with Helm's own code: for every chart
// directory it lints (as `helm lint --strict`), renders (as `helm template`),
// validates each rendered manifest strictly against the Kubernetes OpenAPI
// document (and bundled CRD schemas), and runs the chart's helm-unittest
// suites. It prints one line per finding and exits 1 when there is any.
//
//	chartcheck [--kube-schema FILE] [--crd-schemas DIR] [--fail-on-warning] CHART_DIR...
//
// Exit codes: 0 no findings, 1 findings, 2 usage error or unreadable schema.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"strings"

	"github.com/sirupsen/logrus"
)

// Defaults set at build time (go build -ldflags "-X main.defaultKubeSchema=...")
// so that the built tool finds the repository's schemas without flags.
var (
	defaultKubeSchema string
	defaultCRDSchemas string
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("chartcheck", flag.ContinueOnError)
	flags.SetOutput(stderr)
	kubeSchema := flags.String("kube-schema", defaultKubeSchema,
		"Kubernetes OpenAPI (swagger 2.0) document to validate manifests against")
	crdSchemas := flags.String("crd-schemas", defaultCRDSchemas,
		"directory of CustomResourceDefinition YAML files whose kinds may appear in manifests")
	failOnWarning := flags.Bool("fail-on-warning", false,
		"count warnings (skipped unit tests) as findings")
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: chartcheck [--kube-schema FILE] [--crd-schemas DIR] [--fail-on-warning] CHART_DIR...")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if flags.NArg() == 0 {
		flags.Usage()
		return 2
	}
	if *kubeSchema == "" {
		fmt.Fprintln(stderr, "chartcheck: no Kubernetes schema: pass --kube-schema FILE")
		return 2
	}
	for _, dir := range flags.Args() {
		if info, err := os.Stat(dir); err != nil || !info.IsDir() {
			fmt.Fprintf(stderr, "chartcheck: %s is not a chart directory\n", dir)
			return 2
		}
	}

	quietLibraries()
	validator, err := newValidator(*kubeSchema, *crdSchemas)
	if err != nil {
		fmt.Fprintf(stderr, "chartcheck: %v\n", err)
		return 2
	}

	var total summary
	for _, dir := range flags.Args() {
		report := checkChart(dir, validator)
		for _, note := range report.notes {
			fmt.Fprintf(stdout, "note: %s: %s\n", report.chart, note)
		}
		for _, f := range report.findings {
			severity := ""
			if f.warning {
				severity = "warning: "
			}
			fmt.Fprintf(stdout, "%s: %s: %s%s\n", report.chart, f.values, severity, oneLine(f.problem))
			if f.warning && !*failOnWarning {
				total.warnings++
			} else {
				total.findings++
			}
		}
		total.charts++
		total.valuesSets += report.valuesSets
		total.manifests += report.manifests
	}
	fmt.Fprintf(stdout, "chartcheck: %d charts, %d values sets, %d manifests, %d findings",
		total.charts, total.valuesSets, total.manifests, total.findings)
	if total.warnings > 0 {
		fmt.Fprintf(stdout, ", %d warnings", total.warnings)
	}
	fmt.Fprintln(stdout)
	if total.findings > 0 {
		return 1
	}
	return 0
}

type summary struct {
	charts, valuesSets, manifests, findings, warnings int
}

// oneLine keeps one finding on one line: Helm's and the validator's messages
// sometimes span several.
func oneLine(s string) string {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' || r == '\t' })
	for i := range fields {
		fields[i] = strings.TrimSpace(fields[i])
	}
	return strings.Join(fields, " ")
}

// quietLibraries silences the libraries' own logging: Helm's lint mode logs
// every `required` and `fail` it skips, helm-unittest logs through logrus.
// Everything that matters comes back as an error or a result.
func quietLibraries() {
	log.SetOutput(io.Discard)
	logrus.SetOutput(io.Discard)
	logrus.SetLevel(logrus.PanicLevel)
}
