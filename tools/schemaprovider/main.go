// schemaprovider is a Terraform provider that knows only a provider's schema,
// read from a `terraform providers schema -json` document, so that OpenTofu
// can init, validate and plan configurations offline, with the engine's own
// checks, for providers that cannot be downloaded.
//
// One binary serves any provider: its name is KEELSON_SCHEMA_PROVIDER or else
// taken from the executable's name (terraform-provider-<name>[_v<version>]);
// its schema is KEELSON_SCHEMA_FILE or else <schema dir>/<name>/schema.json,
// the directory set at build time (-X main.defaultSchemaDir=...).
//
// Data sources return their configuration; KEELSON_SCHEMA_DATA_FILE may name
// a JSON file of values for what they compute, per data source type:
//
//	{"aws_availability_zones": {"names": ["us-east-1a", "us-east-1b"]}}
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

var defaultSchemaDir = "schema"

func providerName() string {
	if name := os.Getenv("KEELSON_SCHEMA_PROVIDER"); name != "" {
		return name
	}
	base := filepath.Base(os.Args[0])
	base = strings.TrimPrefix(base, "terraform-provider-")
	if i := strings.Index(base, "_"); i >= 0 {
		base = base[:i]
	}
	return base
}

func main() {
	name := providerName()
	path := os.Getenv("KEELSON_SCHEMA_FILE")
	if path == "" {
		path = filepath.Join(defaultSchemaDir, name, "schema.json")
	}
	schemas, err := loadSchemas(path, name)
	if err != nil {
		fmt.Fprintln(os.Stderr, "schemaprovider:", err)
		os.Exit(1)
	}
	s := &server{schemas: schemas}
	if file := os.Getenv("KEELSON_SCHEMA_DATA_FILE"); file != "" {
		raw, err := os.ReadFile(file)
		if err == nil {
			err = json.Unmarshal(raw, &s.dataDefaults)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "schemaprovider:", err)
			os.Exit(1)
		}
	}
	if err := tf6server.Serve(schemas.address, func() tfprotov6.ProviderServer { return s }); err != nil {
		fmt.Fprintln(os.Stderr, "schemaprovider:", err)
		os.Exit(1)
	}
}
