package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func load(t *testing.T, name string) *providerSchemas {
	t.Helper()
	schemas, err := loadSchemas(filepath.Join("..", "..", "schema", name, "schema.json"), name)
	if err != nil {
		t.Fatal(err)
	}
	return schemas
}

func TestEveryBundledSchemaConverts(t *testing.T) {
	for name, resource := range map[string]string{
		"aws": "aws_vpc", "helm": "helm_release", "kubernetes": "kubernetes_namespace_v1",
	} {
		schemas := load(t, name)
		if schemas.address != "registry.terraform.io/hashicorp/"+name {
			t.Errorf("%s: address %s", name, schemas.address)
		}
		if schemas.resources[resource] == nil {
			t.Errorf("%s: no %s", name, resource)
		}
	}
}

// objectOf builds a value of the resource's type from the given attributes,
// every other attribute and block null.
func objectOf(schema *tfprotov6.Schema, set map[string]tftypes.Value) tftypes.Value {
	typ := schema.ValueType().(tftypes.Object)
	fields := map[string]tftypes.Value{}
	for name, attrType := range typ.AttributeTypes {
		if v, ok := set[name]; ok {
			fields[name] = v
		} else {
			fields[name] = tftypes.NewValue(attrType, nil)
		}
	}
	return tftypes.NewValue(typ, fields)
}

func TestPlanningACreateMakesWhatTheProviderComputesUnknown(t *testing.T) {
	s := &server{schemas: load(t, "aws")}
	schema := s.schemas.resources["aws_vpc"]
	typ := schema.ValueType()
	config := objectOf(schema, map[string]tftypes.Value{"cidr_block": tftypes.NewValue(tftypes.String, "10.0.0.0/16")})
	proposed, _ := tfprotov6.NewDynamicValue(typ, config)
	prior, _ := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, nil))
	resp, err := s.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: "aws_vpc", PriorState: &prior, ProposedNewState: &proposed, Config: &proposed,
	})
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatal(err, resp.Diagnostics)
	}
	planned, err := resp.PlannedState.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	var fields map[string]tftypes.Value
	if err := planned.As(&fields); err != nil {
		t.Fatal(err)
	}
	if fields["id"].IsKnown() || fields["arn"].IsKnown() {
		t.Errorf("id and arn should be unknown: %v", planned)
	}
	var cidr string
	if err := fields["cidr_block"].As(&cidr); err != nil || cidr != "10.0.0.0/16" {
		t.Errorf("cidr_block %q, %v", cidr, err)
	}
	if !fields["tags"].IsKnown() || !fields["tags"].IsNull() {
		t.Errorf("tags (optional, not computed) should stay null: %v", fields["tags"])
	}
}

func TestADataSourceAnswersWithTheGivenValues(t *testing.T) {
	s := &server{schemas: load(t, "aws"), dataDefaults: map[string]map[string]json.RawMessage{
		"aws_availability_zones": {"names": json.RawMessage(`["zone-a", "zone-b"]`)},
	}}
	schema := s.schemas.dataSources["aws_availability_zones"]
	typ := schema.ValueType()
	config, _ := tfprotov6.NewDynamicValue(typ, objectOf(schema, map[string]tftypes.Value{
		"state": tftypes.NewValue(tftypes.String, "available"),
	}))
	resp, err := s.ReadDataSource(context.Background(), &tfprotov6.ReadDataSourceRequest{
		TypeName: "aws_availability_zones", Config: &config,
	})
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatal(err, resp.Diagnostics)
	}
	state, _ := resp.State.Unmarshal(typ)
	var fields map[string]tftypes.Value
	_ = state.As(&fields)
	var names []tftypes.Value
	if err := fields["names"].As(&names); err != nil || len(names) != 2 {
		t.Errorf("names %v, %v", fields["names"], err)
	}
	if !fields["zone_ids"].IsNull() {
		t.Errorf("zone_ids was given no value and should be null: %v", fields["zone_ids"])
	}
}
