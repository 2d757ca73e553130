package main

import (
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// unknownComputed returns v with every computed attribute that is null (not
// set in the configuration) made unknown, as a real provider plans a value it
// learns only on apply. Nested attributes and blocks are walked too.
func unknownComputed(block *tfprotov6.SchemaBlock, v tftypes.Value) (tftypes.Value, error) {
	if block == nil || v.IsNull() || !v.IsKnown() {
		return v, nil
	}
	var fields map[string]tftypes.Value
	if err := v.As(&fields); err != nil {
		return v, err
	}
	var err error
	for _, attr := range block.Attributes {
		field, ok := fields[attr.Name]
		if !ok {
			continue
		}
		switch {
		case attr.Computed && field.IsNull():
			fields[attr.Name] = tftypes.NewValue(field.Type(), tftypes.UnknownValue)
		case attr.NestedType != nil:
			nested := &tfprotov6.SchemaBlock{Attributes: attr.NestedType.Attributes}
			if fields[attr.Name], err = eachElement(nested, attr.NestedType.Nesting == tfprotov6.SchemaObjectNestingModeSingle, field); err != nil {
				return v, err
			}
		}
	}
	for _, bt := range block.BlockTypes {
		field, ok := fields[bt.TypeName]
		if !ok {
			continue
		}
		single := bt.Nesting == tfprotov6.SchemaNestedBlockNestingModeSingle ||
			bt.Nesting == tfprotov6.SchemaNestedBlockNestingModeGroup
		if fields[bt.TypeName], err = eachElement(bt.Block, single, field); err != nil {
			return v, err
		}
	}
	return tftypes.NewValue(v.Type(), fields), nil
}

// eachElement applies unknownComputed to one nested object, or to each
// element of a list, set or map of them.
func eachElement(block *tfprotov6.SchemaBlock, single bool, v tftypes.Value) (tftypes.Value, error) {
	if single || v.IsNull() || !v.IsKnown() {
		return unknownComputed(block, v)
	}
	switch {
	case v.Type().Is(tftypes.Map{}) || v.Type().Is(tftypes.Object{}):
		var elems map[string]tftypes.Value
		if err := v.As(&elems); err != nil {
			return v, err
		}
		for k, e := range elems {
			var err error
			if elems[k], err = unknownComputed(block, e); err != nil {
				return v, err
			}
		}
		return tftypes.NewValue(v.Type(), elems), nil
	default: // list, set or tuple
		var elems []tftypes.Value
		if err := v.As(&elems); err != nil {
			return v, err
		}
		for i, e := range elems {
			var err error
			if elems[i], err = unknownComputed(block, e); err != nil {
				return v, err
			}
		}
		return tftypes.NewValue(v.Type(), elems), nil
	}
}

// knownOrNull makes every unknown value of v null, so that an apply returns a
// wholly known state without inventing values; "id" gets a placeholder, since
// the engine expects a managed resource to have one.
func knownOrNull(v tftypes.Value) (tftypes.Value, error) {
	return tftypes.Transform(v, func(path *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if v.IsKnown() {
			return v, nil
		}
		if steps := path.Steps(); len(steps) == 1 && steps[0] == tftypes.AttributeName("id") && v.Type().Is(tftypes.String) {
			return tftypes.NewValue(tftypes.String, "schema-only"), nil
		}
		return tftypes.NewValue(v.Type(), nil), nil
	})
}
