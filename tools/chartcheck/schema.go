package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Schema documents are added to the compiler under these URLs; the .invalid
// domain is reserved, so nothing is ever fetched from them.
const (
	kubernetesURL = "https://kubernetes.invalid/swagger.json"
	crdURLPrefix  = "https://crd.invalid/"
	objectMetaRef = kubernetesURL + "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"
)

type groupVersionKind struct{ group, version, kind string }

func (g groupVersionKind) apiVersion() string {
	if g.group == "" {
		return g.version
	}
	return g.group + "/" + g.version
}

func gvkOf(apiVersion, kind string) groupVersionKind {
	group, version, found := strings.Cut(apiVersion, "/")
	if !found {
		return groupVersionKind{"", apiVersion, kind}
	}
	return groupVersionKind{group, version, kind}
}

// validator checks objects against the Kubernetes OpenAPI definitions and
// the bundled CRD schemas, strictly: a field the schema does not name is an
// error, as `kubeconform -strict` and the API server's field validation have it.
type validator struct {
	compiler  *jsonschema.Compiler
	locations map[groupVersionKind]string // schema URL of each known kind
	compiled  map[groupVersionKind]*jsonschema.Schema
	printer   *message.Printer
}

func newValidator(kubeSchemaFile, crdDir string) (*validator, error) {
	v := &validator{
		compiler:  jsonschema.NewCompiler(),
		locations: map[groupVersionKind]string{},
		compiled:  map[groupVersionKind]*jsonschema.Schema{},
		printer:   message.NewPrinter(language.English),
	}
	// Swagger 2.0 schemas are JSON Schema draft 4; so is what a CRD holds,
	// as far as structural schemas go.
	v.compiler.DefaultDraft(jsonschema.Draft4)
	if err := v.addKubernetes(kubeSchemaFile); err != nil {
		return nil, err
	}
	if crdDir != "" {
		if err := v.addCRDs(crdDir); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// addKubernetes loads the swagger document and prepares its definitions as
// the schema README beside the bundled document says: IntOrString and
// Quantity accept what the API server accepts, object schemas reject unknown
// fields, and each definition is found by its x-kubernetes-group-version-kind.
func (v *validator) addKubernetes(file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("cannot read the Kubernetes schema: %v", err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s: %v", file, err)
	}
	root, _ := doc.(map[string]any)
	definitions, _ := root["definitions"].(map[string]any)
	if len(definitions) == 0 {
		return fmt.Errorf("%s: no definitions: not a Kubernetes OpenAPI (swagger 2.0) document", file)
	}
	intOrString := map[string]any{"anyOf": []any{map[string]any{"type": "string"}, map[string]any{"type": "integer"}}}
	quantity := map[string]any{"anyOf": []any{map[string]any{"type": "string"}, map[string]any{"type": "number"}}}
	names := make([]string, 0, len(definitions))
	for name := range definitions {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		switch name {
		case "io.k8s.apimachinery.pkg.util.intstr.IntOrString":
			definitions[name] = intOrString
			continue
		case "io.k8s.apimachinery.pkg.api.resource.Quantity":
			definitions[name] = quantity
			continue
		}
		definition, _ := definitions[name].(map[string]any)
		forbidUnknownFields(definition)
		kinds, _ := definition["x-kubernetes-group-version-kind"].([]any)
		for _, k := range kinds {
			entry, _ := k.(map[string]any)
			gvk := groupVersionKind{str(entry["group"]), str(entry["version"]), str(entry["kind"])}
			// Meta types (DeleteOptions, WatchEvent) claim every group; a
			// resource's own definition wins.
			if previous, taken := v.locations[gvk]; taken && !strings.Contains(previous, ".apimachinery.") {
				continue
			}
			v.locations[gvk] = kubernetesURL + "#/definitions/" + name
		}
	}
	if len(v.locations) == 0 {
		return fmt.Errorf("%s: no definition has x-kubernetes-group-version-kind", file)
	}
	return v.compiler.AddResource(kubernetesURL, root)
}

// addCRDs adds the openAPIV3Schema of every served version of every
// CustomResourceDefinition in the directory's YAML files.
func (v *validator) addCRDs(dir string) error {
	if _, err := os.Stat(dir); err != nil {
		return fmt.Errorf("cannot read the CRD schemas: %v", err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return err
	}
	slices.Sort(files)
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		for i, doc := range splitDocuments(string(data)) {
			crd, err := parseDocument(doc)
			if err != nil {
				return fmt.Errorf("%s: document %d: %v", file, i, err)
			}
			if crd == nil || str(crd["kind"]) != "CustomResourceDefinition" {
				continue
			}
			spec, _ := crd["spec"].(map[string]any)
			names, _ := spec["names"].(map[string]any)
			group, kindName := str(spec["group"]), str(names["kind"])
			versions, _ := spec["versions"].([]any)
			for _, item := range versions {
				version, _ := item.(map[string]any)
				if served, ok := version["served"].(bool); ok && !served {
					continue
				}
				schemaHolder, _ := version["schema"].(map[string]any)
				schema, ok := schemaHolder["openAPIV3Schema"].(map[string]any)
				if !ok {
					return fmt.Errorf("%s: %s %s has no openAPIV3Schema", file, kindName, str(version["name"]))
				}
				gvk := groupVersionKind{group, str(version["name"]), kindName}
				prepareCRDSchema(schema)
				url := crdURLPrefix + gvk.group + "/" + gvk.version + "/" + gvk.kind + ".json"
				if err := v.compiler.AddResource(url, schema); err != nil {
					return fmt.Errorf("%s: %v", file, err)
				}
				v.locations[gvk] = url
			}
		}
	}
	return nil
}

// forbidUnknownFields adds additionalProperties: false to every object schema
// that lists properties and says nothing about others, all the way down.
func forbidUnknownFields(schema map[string]any) {
	if schema == nil {
		return
	}
	if properties, ok := schema["properties"].(map[string]any); ok {
		_, hasAdditional := schema["additionalProperties"]
		preserve, _ := schema["x-kubernetes-preserve-unknown-fields"].(bool)
		if !hasAdditional && !preserve {
			schema["additionalProperties"] = false
		}
		for _, property := range properties {
			child, _ := property.(map[string]any)
			forbidUnknownFields(child)
		}
	}
	for _, key := range []string{"items", "additionalProperties"} {
		child, _ := schema[key].(map[string]any)
		forbidUnknownFields(child)
	}
	for _, key := range []string{"allOf", "anyOf", "oneOf"} {
		list, _ := schema[key].([]any)
		for _, item := range list {
			child, _ := item.(map[string]any)
			forbidUnknownFields(child)
		}
	}
}

// prepareCRDSchema turns a structural CRD schema into the JSON Schema the API
// server effectively applies: int-or-string fields take either, the object's
// metadata is a real ObjectMeta, and unknown fields are errors.
func prepareCRDSchema(schema map[string]any) {
	rewriteIntOrString(schema)
	if properties, ok := schema["properties"].(map[string]any); ok {
		properties["metadata"] = map[string]any{"$ref": objectMetaRef}
	}
	forbidUnknownFields(schema)
}

func rewriteIntOrString(schema map[string]any) {
	if schema == nil {
		return
	}
	if flag, _ := schema["x-kubernetes-int-or-string"].(bool); flag {
		delete(schema, "type")
		schema["anyOf"] = []any{map[string]any{"type": "integer"}, map[string]any{"type": "string"}}
	}
	properties, _ := schema["properties"].(map[string]any)
	for _, property := range properties {
		child, _ := property.(map[string]any)
		rewriteIntOrString(child)
	}
	for _, key := range []string{"items", "additionalProperties"} {
		child, _ := schema[key].(map[string]any)
		rewriteIntOrString(child)
	}
}

// validate returns the problems of one object, sorted.
func (v *validator) validate(m manifest) []string {
	if m.apiVersion() == "" || m.kind() == "" {
		return []string{"has no apiVersion or no kind"}
	}
	gvk := gvkOf(m.apiVersion(), m.kind())
	schema, err := v.schemaOf(gvk)
	if err != nil {
		return []string{err.Error()}
	}
	var problems []string
	if err := schema.Validate(dropNulls(m.object)); err != nil {
		problems = v.describe(err)
	}
	problems = append(problems, checkNames(m)...)
	slices.Sort(problems)
	return slices.Compact(problems)
}

func (v *validator) schemaOf(gvk groupVersionKind) (*jsonschema.Schema, error) {
	if schema, ok := v.compiled[gvk]; ok {
		return schema, nil
	}
	location, ok := v.locations[gvk]
	if !ok {
		return nil, fmt.Errorf("no schema for %s %s: the API version is unknown to this Kubernetes version (removed or misspelled), or the kind is a custom resource without a bundled CRD schema",
			gvk.apiVersion(), gvk.kind)
	}
	schema, err := v.compiler.Compile(location)
	if err != nil {
		return nil, fmt.Errorf("cannot compile the schema of %s %s: %v", gvk.apiVersion(), gvk.kind, err)
	}
	v.compiled[gvk] = schema
	return schema, nil
}

// describe flattens a validation error into one line per failing value:
// "at /spec/replicas: got string, want integer".
func (v *validator) describe(err error) []string {
	verr, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return []string{err.Error()}
	}
	var out []string
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		switch e.ErrorKind.(type) {
		case *kind.AnyOf, *kind.OneOf:
			// IntOrString and Quantity: one message naming the choices.
			var wants []string
			for _, cause := range e.Causes {
				wants = append(wants, cause.ErrorKind.LocalizedString(v.printer))
			}
			out = append(out, fmt.Sprintf("at %s: %s", pointer(e.InstanceLocation), strings.Join(wants, "; or ")))
			return
		}
		if len(e.Causes) == 0 {
			out = append(out, fmt.Sprintf("at %s: %s", pointer(e.InstanceLocation), e.ErrorKind.LocalizedString(v.printer)))
			return
		}
		for _, cause := range e.Causes {
			walk(cause)
		}
	}
	walk(verr)
	return out
}

func pointer(tokens []string) string {
	if len(tokens) == 0 {
		return "/"
	}
	escaped := make([]string, len(tokens))
	for i, token := range tokens {
		escaped[i] = strings.ReplaceAll(strings.ReplaceAll(token, "~", "~0"), "/", "~1")
	}
	return "/" + strings.Join(escaped, "/")
}

// dropNulls removes map entries whose value is null, as the API server
// treats them as unset (the OpenAPI data has no `nullable`).
func dropNulls(value any) any {
	switch v := value.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for key, item := range v {
			if item != nil {
				out[key] = dropNulls(item)
			}
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, item := range v {
			out[i] = dropNulls(item)
		}
		return out
	default:
		return v
	}
}

func str(value any) string {
	switch v := value.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case nil:
		return ""
	default:
		return fmt.Sprint(v)
	}
}
