package main

import (
	"fmt"
	"strings"

	apivalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/util/validation"
)

// checkNames checks what the API server checks and the OpenAPI data cannot
// express: label keys and values everywhere, and object names in subcharts.
// (`helm lint` checks the names of the chart's own templates, not those of
// its subcharts, whose names an alias may have changed.)
func checkNames(m manifest) []string {
	var problems []string
	if strings.Contains(m.template, "/charts/") {
		if name := m.name(); name == "" {
			problems = append(problems, "metadata.name is missing")
		} else {
			for _, msg := range nameValidator(m.kind())(name, false) {
				problems = append(problems, fmt.Sprintf("metadata.name %q: %s", name, msg))
			}
		}
	}
	problems = append(problems, checkLabels("metadata.labels", labelsAt(m.object, "metadata", "labels"))...)
	problems = append(problems, checkLabels("spec.selector.matchLabels", labelsAt(m.object, "spec", "selector", "matchLabels"))...)
	problems = append(problems, checkLabels("spec.template.metadata.labels", labelsAt(m.object, "spec", "template", "metadata", "labels"))...)
	return problems
}

// nameValidator follows Helm's lint (and the API server): most names are
// DNS subdomains, a Service's is a DNS-1035 label.
func nameValidator(kind string) apivalidation.ValidateNameFunc {
	switch strings.ToLower(kind) {
	case "service":
		return apivalidation.NameIsDNS1035Label
	case "namespace":
		return apivalidation.ValidateNamespaceName
	case "serviceaccount":
		return apivalidation.ValidateServiceAccountName
	default:
		return apivalidation.NameIsDNSSubdomain
	}
}

func labelsAt(object map[string]any, path ...string) map[string]any {
	var current any = object
	for _, key := range path {
		m, ok := current.(map[string]any)
		if !ok {
			return nil
		}
		current = m[key]
	}
	labels, _ := current.(map[string]any)
	return labels
}

func checkLabels(where string, labels map[string]any) []string {
	var problems []string
	for key, value := range labels {
		for _, msg := range validation.IsQualifiedName(key) {
			problems = append(problems, fmt.Sprintf("%s: key %q: %s", where, key, msg))
		}
		text, ok := value.(string)
		if !ok {
			continue // the schema reports a value that is not a string
		}
		for _, msg := range validation.IsValidLabelValue(text) {
			problems = append(problems, fmt.Sprintf("%s: %q: value %q: %s", where, key, text, msg))
		}
	}
	return problems
}
