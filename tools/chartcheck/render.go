package main

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/chartutil"
	"helm.sh/helm/v3/pkg/engine"
	"helm.sh/helm/v3/pkg/releaseutil"
	"sigs.k8s.io/yaml"
)

// The release every chart is rendered as: fixed, so output is reproducible.
const (
	releaseName      = "chartcheck"
	releaseNamespace = "chartcheck"
)

// A manifest is one rendered YAML document that holds an object.
type manifest struct {
	template string // e.g. orders-api/templates/deployment.yaml
	index    int    // position of the document in the template's output
	shared   bool   // whether the template made other documents too
	object   map[string]any
}

func (m manifest) apiVersion() string { s, _ := m.object["apiVersion"].(string); return s }
func (m manifest) kind() string       { s, _ := m.object["kind"].(string); return s }

func (m manifest) name() string {
	metadata, _ := m.object["metadata"].(map[string]any)
	name, _ := metadata["name"].(string)
	return name
}

// String names the manifest in findings: the template, the document's
// position when the template made several, and the object.
func (m manifest) String() string {
	where := m.template
	if m.shared {
		where += fmt.Sprintf("#%d", m.index)
	}
	return fmt.Sprintf("%s (%s %s)", where, m.kind(), m.name())
}

// renderChart renders the chart as `helm template` (and a client-only
// install) does: dependencies resolved by condition and alias, values
// coalesced and checked against values.schema.json, then every template
// rendered; NOTES.txt is rendered too (an error in it fails an install) but
// not returned.
func renderChart(dir string, overrides map[string]any) ([]manifest, []string) {
	c, err := loader.Load(dir)
	if err != nil {
		return nil, []string{err.Error()}
	}
	values := copyValues(overrides)
	if err := chartutil.ProcessDependenciesWithMerge(c, values); err != nil {
		return nil, []string{err.Error()}
	}
	options := chartutil.ReleaseOptions{Name: releaseName, Namespace: releaseNamespace, Revision: 1, IsInstall: true}
	renderValues, err := chartutil.ToRenderValues(c, values, options, chartutil.DefaultCapabilities.Copy())
	if err != nil {
		return nil, []string{err.Error()}
	}
	rendered, err := engine.Render(c, renderValues)
	if err != nil {
		return nil, []string{err.Error()}
	}

	names := make([]string, 0, len(rendered))
	for name := range rendered {
		if path.Base(name) != "NOTES.txt" {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	var manifests []manifest
	var problems []string
	for _, name := range names {
		docs := splitDocuments(rendered[name])
		for i, doc := range docs {
			object, err := parseDocument(doc)
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s: document %d: %v", name, i, err))
				continue
			}
			if object == nil {
				continue
			}
			manifests = append(manifests, manifest{template: name, index: i, shared: len(docs) > 1, object: object})
		}
	}
	return manifests, problems
}

// splitDocuments splits a template's output with Helm's own separator rule,
// in document order.
func splitDocuments(content string) []string {
	split := releaseutil.SplitManifests(content)
	docs := make([]string, len(split))
	for key, doc := range split {
		n, err := strconv.Atoi(strings.TrimPrefix(key, "manifest-"))
		if err == nil && n < len(docs) {
			docs[n] = doc
		}
	}
	return docs
}

// parseDocument reads one YAML document as JSON would see it (the form the
// API server receives). Duplicate keys are an error: YAML parsers disagree on
// which one wins. An empty document (or only comments) is nil.
func parseDocument(doc string) (map[string]any, error) {
	if strings.TrimSpace(doc) == "" {
		return nil, nil
	}
	data, err := yaml.YAMLToJSONStrict([]byte(doc))
	if err != nil {
		return nil, err
	}
	value, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if value == nil {
		return nil, nil
	}
	object, ok := value.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("not a Kubernetes object but a %T", value)
	}
	return object, nil
}

// copyValues deep-copies values: Helm's dependency processing and coalescing
// write into the maps they are given.
func copyValues(values map[string]any) map[string]any {
	out := make(map[string]any, len(values))
	for key, value := range values {
		out[key] = copyValue(value)
	}
	return out
}

func copyValue(value any) any {
	switch v := value.(type) {
	case map[string]any:
		return copyValues(v)
	case chartutil.Values:
		return copyValues(v)
	case []any:
		out := make([]any, len(v))
		for i := range v {
			out[i] = copyValue(v[i])
		}
		return out
	default:
		return v
	}
}
