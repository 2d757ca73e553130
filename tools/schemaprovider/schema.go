package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The document `terraform providers schema -json` prints (format 1.0).
type jsonDocument struct {
	ProviderSchemas map[string]struct {
		Provider          jsonSchema            `json:"provider"`
		ResourceSchemas   map[string]jsonSchema `json:"resource_schemas"`
		DataSourceSchemas map[string]jsonSchema `json:"data_source_schemas"`
	} `json:"provider_schemas"`
}

type jsonSchema struct {
	Version int64     `json:"version"`
	Block   jsonBlock `json:"block"`
}

type jsonBlock struct {
	Attributes  map[string]jsonAttribute `json:"attributes"`
	BlockTypes  map[string]jsonBlockType `json:"block_types"`
	Description string                   `json:"description"`
	Deprecated  bool                     `json:"deprecated"`
}

type jsonAttribute struct {
	Type        json.RawMessage `json:"type"`
	NestedType  *jsonNestedType `json:"nested_type"`
	Description string          `json:"description"`
	Required    bool            `json:"required"`
	Optional    bool            `json:"optional"`
	Computed    bool            `json:"computed"`
	Sensitive   bool            `json:"sensitive"`
	Deprecated  bool            `json:"deprecated"`
	WriteOnly   bool            `json:"write_only"`
}

type jsonNestedType struct {
	Attributes  map[string]jsonAttribute `json:"attributes"`
	NestingMode string                   `json:"nesting_mode"`
}

type jsonBlockType struct {
	NestingMode string    `json:"nesting_mode"`
	Block       jsonBlock `json:"block"`
	MinItems    int64     `json:"min_items"`
	MaxItems    int64     `json:"max_items"`
}

// providerSchemas is one provider's schemas in the plugin protocol's terms.
type providerSchemas struct {
	address     string
	provider    *tfprotov6.Schema
	resources   map[string]*tfprotov6.Schema
	dataSources map[string]*tfprotov6.Schema
}

// loadSchemas reads a schema document holding exactly one provider, or the
// one whose address ends in "/<name>".
func loadSchemas(path, name string) (*providerSchemas, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc jsonDocument
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for address, p := range doc.ProviderSchemas {
		if len(doc.ProviderSchemas) > 1 && !hasSuffix(address, "/"+name) {
			continue
		}
		out := &providerSchemas{
			address:     address,
			resources:   map[string]*tfprotov6.Schema{},
			dataSources: map[string]*tfprotov6.Schema{},
		}
		if out.provider, err = convertSchema(p.Provider); err != nil {
			return nil, fmt.Errorf("%s: provider: %w", path, err)
		}
		for typeName, s := range p.ResourceSchemas {
			if out.resources[typeName], err = convertSchema(s); err != nil {
				return nil, fmt.Errorf("%s: resource %s: %w", path, typeName, err)
			}
		}
		for typeName, s := range p.DataSourceSchemas {
			if out.dataSources[typeName], err = convertSchema(s); err != nil {
				return nil, fmt.Errorf("%s: data source %s: %w", path, typeName, err)
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("%s: no provider schema for %q", path, name)
}

func hasSuffix(s, suffix string) bool {
	return len(s) >= len(suffix) && s[len(s)-len(suffix):] == suffix
}

func convertSchema(s jsonSchema) (*tfprotov6.Schema, error) {
	block, err := convertBlock(s.Block)
	if err != nil {
		return nil, err
	}
	return &tfprotov6.Schema{Version: s.Version, Block: block}, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func convertBlock(b jsonBlock) (*tfprotov6.SchemaBlock, error) {
	out := &tfprotov6.SchemaBlock{Description: b.Description, Deprecated: b.Deprecated}
	attributes, err := convertAttributes(b.Attributes)
	if err != nil {
		return nil, err
	}
	out.Attributes = attributes
	for _, name := range sortedKeys(b.BlockTypes) {
		bt := b.BlockTypes[name]
		nested, err := convertBlock(bt.Block)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		mode, ok := map[string]tfprotov6.SchemaNestedBlockNestingMode{
			"single": tfprotov6.SchemaNestedBlockNestingModeSingle,
			"group":  tfprotov6.SchemaNestedBlockNestingModeGroup,
			"list":   tfprotov6.SchemaNestedBlockNestingModeList,
			"set":    tfprotov6.SchemaNestedBlockNestingModeSet,
			"map":    tfprotov6.SchemaNestedBlockNestingModeMap,
		}[bt.NestingMode]
		if !ok {
			return nil, fmt.Errorf("%s: nesting mode %q", name, bt.NestingMode)
		}
		out.BlockTypes = append(out.BlockTypes, &tfprotov6.SchemaNestedBlock{
			TypeName: name, Block: nested, Nesting: mode,
			MinItems: bt.MinItems, MaxItems: bt.MaxItems,
		})
	}
	return out, nil
}

func convertAttributes(attributes map[string]jsonAttribute) ([]*tfprotov6.SchemaAttribute, error) {
	var out []*tfprotov6.SchemaAttribute
	for _, name := range sortedKeys(attributes) {
		a := attributes[name]
		attr := &tfprotov6.SchemaAttribute{
			Name: name, Description: a.Description,
			Required: a.Required, Optional: a.Optional, Computed: a.Computed,
			Sensitive: a.Sensitive, Deprecated: a.Deprecated, WriteOnly: a.WriteOnly,
		}
		if a.NestedType != nil {
			nested, err := convertAttributes(a.NestedType.Attributes)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			mode, ok := map[string]tfprotov6.SchemaObjectNestingMode{
				"single": tfprotov6.SchemaObjectNestingModeSingle,
				"list":   tfprotov6.SchemaObjectNestingModeList,
				"set":    tfprotov6.SchemaObjectNestingModeSet,
				"map":    tfprotov6.SchemaObjectNestingModeMap,
			}[a.NestedType.NestingMode]
			if !ok {
				return nil, fmt.Errorf("%s: nesting mode %q", name, a.NestedType.NestingMode)
			}
			attr.NestedType = &tfprotov6.SchemaObject{Attributes: nested, Nesting: mode}
		} else {
			typ, err := tftypes.ParseJSONType(a.Type)
			if err != nil {
				return nil, fmt.Errorf("%s: type %s: %w", name, a.Type, err)
			}
			attr.Type = typ
		}
		out = append(out, attr)
	}
	return out, nil
}
