using System.Net;
using System.Text.Json.Nodes;
using NJsonSchema;
using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Tests.Callbacks;

namespace PaySys.Sandbox.Tests.Snapshots;

/// <summary>
/// contracts/snapshot.schema.json against the code: an export of a tenant that holds everything validates, every
/// property the schema declares is used by that export (so neither can drift), its enums are the domain's, and a
/// document the schema refuses is refused by PUT /_sandbox/snapshot too, naming what is wrong.
/// </summary>
public sealed class SnapshotSchemaTests : IAsyncLifetime
{
    private static readonly string SchemaPath = Path.Combine(AppContext.BaseDirectory, "contracts", "snapshot.schema.json");
    private static readonly JsonObject SchemaNode = JsonNode.Parse(File.ReadAllText(SchemaPath))!.AsObject();

    private MerchantReceiver merchant = null!;
    private SandboxFactory sandbox = null!;
    private GatewayClient gateway = null!;

    public async Task InitializeAsync()
    {
        merchant = await MerchantReceiver.StartAsync();
        sandbox = SandboxFactory.WithFixedOtp();
        gateway = sandbox.CreateGateway();
    }

    public async Task DisposeAsync()
    {
        await sandbox.DisposeAsync();
        await merchant.DisposeAsync();
    }

    [Fact]
    public async Task An_export_of_a_tenant_that_holds_everything_validates()
    {
        var document = await RichExport();
        var schema = await JsonSchema.FromFileAsync(SchemaPath);

        schema.Validate(document).Select(e => e.ToString()).Should().BeEmpty();
    }

    [Fact]
    public async Task Every_property_the_schema_declares_is_used_by_such_an_export()
    {
        var document = JsonNode.Parse(await RichExport());
        var used = new HashSet<string>(StringComparer.Ordinal);
        Walk(document, SchemaNode, "$", used);

        var declared = new HashSet<string>(StringComparer.Ordinal);
        Declare(SchemaNode, "$", declared, depth: 0);

        declared.Should().NotBeEmpty();
        declared.Except(used).Should().BeEmpty("a property the schema declares appears in the export, with a value when it may be null");
    }

    [Fact]
    public void The_schema_enums_are_the_domains()
    {
        Enum("paymentStatus").Should().Equal(System.Enum.GetNames<PaymentStatus>().Order(StringComparer.Ordinal));
        Enum("paymentEvent").Should().Equal(System.Enum.GetNames<PaymentEvent>().Order(StringComparer.Ordinal));
        Enum("holdExpiryAction").Should().Equal(System.Enum.GetNames<HoldExpiryAction>().Order(StringComparer.Ordinal));
        Enum("callbackKind").Should().Equal(System.Enum.GetNames<CallbackKind>().Order(StringComparer.Ordinal));
        Enum("callbackDeliveryStatus").Should().Equal(System.Enum.GetNames<CallbackDeliveryStatus>().Order(StringComparer.Ordinal));
        Enum("cardBehaviour").Should().Equal(CardBehaviours.AllNames.Order(StringComparer.Ordinal));
        Enum("gatewayFaultKind").Should().Equal(FaultRule.GatewayKindNames.Order(StringComparer.Ordinal));
        Enum("callbackFaultKind").Should().Equal(CallbackFaults.Kinds.Select(FaultRule.KindName).Order(StringComparer.Ordinal));
        Enum("callbackName").Should().Equal(CallbackFaults.Callbacks.Order(StringComparer.Ordinal));
        SchemaNode["properties"]!["version"]!["enum"]!.AsArray().Select(v => v!.GetValue<int>()).Should().Equal(TenantSnapshot.CurrentVersion);
        SchemaNode["properties"]!["id_sequence"]!["minimum"]!.GetValue<long>().Should().Be(SandboxIds.LowestStart);
        SchemaNode["properties"]!["id_sequence"]!["exclusiveMaximum"]!.GetValue<long>().Should().Be(SandboxIds.HighestStart);
    }

    [Theory]
    [InlineData("version", null, "no integer version")]
    [InlineData("version", "2", "version 2 is not supported")]
    [InlineData("surplus", "1", "does not know")]
    [InlineData("service_id", "null", "null where a value is needed")]
    [InlineData("payments/0/status", "\"Nonsense\"", "payments[0].status")]
    [InlineData("payments/0/history", null, "required member is missing")]
    [InlineData("payments/0/order/amount", "0", "order.amount must be > 0")]
    [InlineData("cards/0/held", "-5", "balance and held must be >= 0")]
    [InlineData("invoices/0/hash", "\"NOT-HEX\"", "hash must be 32 lower-case hex")]
    [InlineData("faults/rules/0/kind", "\"duplicate\"", "faults.rules[0]")]
    [InlineData("faults/rules/0/probability", "2", "probability between 0 and 1")]
    [InlineData("callbacks/faults/rules/0/method", "\"statement\"", "callbacks.faults.rules[0].method")]
    [InlineData("callbacks/faults/rules/0/code", "-32400", "code and http_status are null")]
    [InlineData("callbacks/endpoints/pay_url", "\"ftp://merchant.example/pay\"", "callbacks.endpoints.pay_url")]
    [InlineData("id_sequence", "5", "id_sequence must be between")]
    public async Task A_document_the_schema_refuses_is_refused_by_PUT_naming_what_is_wrong(string path, string? value, string named)
    {
        var text = await RichExport();
        var document = JsonNode.Parse(text)!.AsObject();
        Change(document, path, value);
        var changed = document.ToJsonString();
        var schema = await JsonSchema.FromFileAsync(SchemaPath);
        schema.Validate(changed).Should().NotBeEmpty("the schema refuses it");

        var (status, body) = await gateway.ControlRaw(HttpMethod.Put, "snapshot", changed);

        status.Should().Be(HttpStatusCode.BadRequest);
        body.Should().Contain(named).And.NotContain("PaySys.Sandbox");
        (await gateway.ControlRaw(HttpMethod.Get, "snapshot")).Body.Should().Be(text, "a refused import changes nothing");
    }

    private async Task<string> RichExport()
    {
        await RichTenant.Build(gateway, merchant);
        var (status, document) = await gateway.ControlRaw(HttpMethod.Get, "snapshot");
        status.Should().Be(HttpStatusCode.OK);
        return document;
    }

    private static List<string> Enum(string definition) =>
        [.. SchemaNode["definitions"]![definition]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).Order(StringComparer.Ordinal)];

    /// <summary>Sets (or, with a null value, removes) the member a slash path names.</summary>
    private static void Change(JsonObject document, string path, string? value)
    {
        var steps = path.Split('/');
        JsonNode parent = document;
        foreach (var step in steps[..^1])
        {
            parent = int.TryParse(step, out var index) ? parent[index]! : parent[step]!;
        }

        var target = parent.AsObject();
        if (value is null)
        {
            target.Remove(steps[^1]).Should().BeTrue();
        }
        else
        {
            target[steps[^1]] = JsonNode.Parse(value);
        }
    }

    /// <summary>The schema a value meets: $ref followed, and of a oneOf the branch of the value's kind.</summary>
    private static JsonObject? Resolve(JsonObject schema, JsonNode? value)
    {
        if (schema["$ref"] is { } reference)
        {
            return Resolve(SchemaNode["definitions"]![reference.GetValue<string>().Split('/')[^1]]!.AsObject(), value);
        }

        if (schema["oneOf"] is JsonArray branches)
        {
            var nonNull = branches.Select(b => b!.AsObject()).First(b => b["type"]?.ToString() != "null");
            return value is null ? null : Resolve(nonNull, value);
        }

        return schema;
    }

    private static void Walk(JsonNode? value, JsonObject schema, string at, HashSet<string> used)
    {
        var resolved = Resolve(schema, value);
        if (resolved is null)
        {
            return;
        }

        if (value is JsonObject members && resolved["properties"] is JsonObject properties)
        {
            foreach (var (name, member) in members)
            {
                if (properties[name] is JsonObject child)
                {
                    if (member is not null || !MayHoldAValue(child))
                    {
                        used.Add($"{at}.{name}");
                    }

                    Walk(member, child, $"{at}.{name}", used);
                }
            }
        }
        else if (value is JsonArray items && resolved["items"] is JsonObject item)
        {
            foreach (var element in items)
            {
                Walk(element, item, at + "[]", used);
            }
        }
    }

    private static void Declare(JsonObject schema, string at, HashSet<string> declared, int depth)
    {
        depth.Should().BeLessThan(12, "the snapshot schema has no recursive types");
        if (schema["$ref"] is not null || schema["oneOf"] is not null)
        {
            var resolved = Resolve(schema, JsonValue.Create(0));
            if (resolved is not null && !ReferenceEquals(resolved, schema))
            {
                Declare(resolved, at, declared, depth + 1);
            }

            return;
        }

        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, child) in properties)
            {
                declared.Add($"{at}.{name}");
                Declare(child!.AsObject(), $"{at}.{name}", declared, depth + 1);
            }
        }

        if (schema["items"] is JsonObject item)
        {
            Declare(item, at + "[]", declared, depth + 1);
        }
    }

    /// <summary>Whether a property's schema allows something other than null (then the export must show it once).</summary>
    private static bool MayHoldAValue(JsonObject schema) => schema["type"]?.ToJsonString() != "\"null\"";
}
