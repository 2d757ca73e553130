package main

import (
	"path/filepath"
	"strings"

	"helm.sh/helm/v3/pkg/lint"
	"helm.sh/helm/v3/pkg/lint/support"
)

// lintNamespace is the namespace `helm lint` uses by default.
const lintNamespace = "default"

// lintChart runs Helm's linter as `helm lint --strict [-f values-<env>.yaml]`
// does and returns its warnings and errors (INFO messages, such as a missing
// icon, are advice). dir is the directory linted, shownDir the one the user
// named: the linter reports some problems with the absolute chart path.
func lintChart(dir, shownDir string, overrides map[string]any) []string {
	linter := lint.AllWithKubeVersionAndSchemaValidation(dir, copyValues(overrides), lintNamespace, nil, false)
	absDir, _ := filepath.Abs(dir)
	var problems []string
	for _, message := range linter.Messages {
		if message.Severity < support.WarningSev {
			continue
		}
		severity := "WARNING"
		if message.Severity >= support.ErrorSev {
			severity = "ERROR"
		}
		text := strings.ReplaceAll(message.Err.Error(), absDir, shownDir)
		where := message.Path
		if where == absDir || where == "" {
			problems = append(problems, "["+severity+"] "+text)
		} else {
			problems = append(problems, "["+severity+"] "+where+": "+text)
		}
	}
	return problems
}
