using System.Text.Json.Nodes;
using PaySys.Scenarios.Engine;

namespace PaySys.Scenarios.Tests;

/// <summary>The runner's own JSON Schema checks (no reflection, for the AOT binary): each rule the contracts use fails when broken.</summary>
public sealed class ContractSchemaTests
{
    private static readonly ContractSchema Schema = ContractSchema.Parse("""
        {
          "type": "object",
          "required": ["id", "status"],
          "additionalProperties": false,
          "properties": {
            "id": { "type": "integer", "minimum": 1 },
            "status": { "type": "string", "enum": ["0", "2"] },
            "url": { "type": "string", "format": "uri", "pattern": "^https?:" },
            "items": { "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/item" } },
            "code": { "oneOf": [{ "type": "integer" }, { "type": "object", "required": ["code"] }] }
          },
          "definitions": { "item": { "type": ["string", "null"], "maxLength": 3 } }
        }
        """);

    private static List<(SchemaViolationKind Kind, string Path)> Violations(string json) =>
        [.. Schema.Validate(JsonNode.Parse(json)).Select(v => (v.Kind, v.PathText))];

    [Fact]
    public void A_valid_value_has_no_violations()
    {
        Violations("""{"id": 2, "status": "2", "url": "https://x.test/a", "items": ["ab", null], "code": 5}""").Should().BeEmpty();
    }

    [Fact]
    public void Each_broken_rule_is_reported_at_its_path()
    {
        Violations("""{"status": "7", "extra": 1}""").Should().BeEquivalentTo(new[]
        {
            (SchemaViolationKind.PropertyRequired, "#/id"),
            (SchemaViolationKind.NotInEnumeration, "#/status"),
            (SchemaViolationKind.NoAdditionalPropertiesAllowed, "#/extra"),
        });
        Violations("""{"id": 0, "status": "2", "url": "ftp://x.test", "items": [], "code": "x"}""").Should().BeEquivalentTo(new[]
        {
            (SchemaViolationKind.NumberTooSmall, "#/id"),
            (SchemaViolationKind.PatternMismatch, "#/url"),
            (SchemaViolationKind.TooFewItems, "#/items"),
            (SchemaViolationKind.NotOneOf, "#/code"),
        });
        Violations("""{"id": 1.5, "status": "2", "items": ["abcd", 3]}""").Should().BeEquivalentTo(new[]
        {
            (SchemaViolationKind.TypeMismatch, "#/id"),
            (SchemaViolationKind.StringTooLong, "#/items[0]"),
            (SchemaViolationKind.TypeMismatch, "#/items[1]"),
        });
    }

    [Fact]
    public void A_gateway_result_is_checked_against_its_method_schema()
    {
        Contracts.Embedded.CheckResult("pam.check_payment", new JsonObject()).Should().NotBeEmpty();
        Contracts.Embedded.CheckResult("pam.check_payment", JsonValue.Create("not an object")).Should().NotBeEmpty();
    }
}
