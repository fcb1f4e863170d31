using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;
using PaySys.Sandbox.Rpc;

namespace PaySys.Sandbox.Tests;

/// <summary>
/// contracts/schemas and contracts/openrpc.json checked against the vendor's docs, the error catalogue and the
/// server: every documented example validates, what the docs rule out is rejected, the server rejects every
/// invalid input the params schemas generate (naming the param), every lifecycle result validates, and
/// rpc.discover serves the OpenRPC document.
/// </summary>
public sealed class ContractSchemaTests : IDisposable
{
    private const string Remove = "(removed)";

    private const string PrepareByCardNumber = "pam.prepare_payment/card_number";
    private const string CheckPayout = "pam.check_payment/agr_transaction_id";
    private const string PamPaymentHeader = "Card-Token";

    private static readonly string ContractsDirectory = Path.Combine(AppContext.BaseDirectory, "contracts");
    private static readonly string SchemasDirectory = Path.Combine(ContractsDirectory, "schemas");
    private static readonly ConcurrentDictionary<string, Lazy<Task<JsonSchema>>> Schemas = new(StringComparer.Ordinal);

    /// <summary>One sample value per JSON type, to give a param a type its schema does not allow.</summary>
    private static readonly (JsonObjectType Type, string Json)[] TypeSamples =
    [
        (JsonObjectType.String, "\"wrong\""),
        (JsonObjectType.Integer, "7"),
        (JsonObjectType.Number, "1.5"),
        (JsonObjectType.Boolean, "true"),
        (JsonObjectType.Object, "{}"),
        (JsonObjectType.Array, "[]"),
    ];

    private readonly SandboxFactory sandbox = SandboxFactory.WithFixedOtp();
    private GatewayClient? gateway;

    public void Dispose() => sandbox.Dispose();

    /// <summary>Started on first use, so tests of the files alone never start the server.</summary>
    private GatewayClient Gateway => gateway ??= sandbox.CreateGateway();

    private static IReadOnlyList<string> DispatcherNames { get; } = [.. new RpcDispatcher().Names.Order(StringComparer.Ordinal)];

    // ---------------------------------------------------------------- the docs' examples

    public static TheoryData<string> DocumentedRequests()
    {
        var data = new TheoryData<string>();
        foreach (var example in DocumentedExamples.All)
        {
            data.Add(example.Name);
        }

        return data;
    }

    /// <summary>One case per documented response (the two pam.prepare_payment requests share theirs).</summary>
    public static TheoryData<string> DocumentedResponses()
    {
        var data = new TheoryData<string>();
        foreach (var example in DocumentedExamples.All.DistinctBy(e => e.Response, StringComparer.Ordinal))
        {
            data.Add(example.Name);
        }

        return data;
    }

    [Fact]
    public void The_docs_have_16_request_and_15_response_examples_of_the_14_methods()
    {
        DocumentedExamples.All.Should().HaveCount(16);
        DocumentedExamples.All.Select(e => e.Response).Distinct(StringComparer.Ordinal).Should().HaveCount(15);
        DocumentedExamples.All.Select(e => e.Method).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Should().Equal(DispatcherNames);
    }

    [Theory]
    [MemberData(nameof(DocumentedResponses))]
    public async Task Every_documented_response_validates_against_its_result_schema(string name)
    {
        var example = Example(name);
        var response = JsonNode.Parse(example.Response)!.AsObject();

        await ShouldValidate("envelope.response.json", response);
        await ShouldValidate($"{example.Method}.result.json", response["result"]);
    }

    [Theory]
    [MemberData(nameof(DocumentedRequests))]
    public async Task Every_documented_request_validates_against_its_params_schema(string name)
    {
        var example = Example(name);
        var request = JsonNode.Parse(example.Request)!.AsObject();

        request["method"]!.GetValue<string>().Should().Be(example.Method);
        await ShouldValidate("envelope.request.json", request);
        await ShouldValidate($"{example.Method}.params.json", request["params"]);
    }

    [Theory]
    [MemberData(nameof(DocumentedRequests))]
    public async Task A_documented_request_without_one_of_its_required_params_is_rejected(string name)
    {
        var example = Example(name);
        var parameters = JsonNode.Parse(example.Request)!["params"]!.AsObject();
        var schema = await Schema($"{example.Method}.params.json");

        var removals = InvalidInputs(schema, parameters).Where(i => i.What.StartsWith("without ", StringComparison.Ordinal)).ToList();

        removals.Should().NotBeEmpty("every method has a required param");
        foreach (var removal in removals)
        {
            schema.Validate(removal.Params.ToJsonString()).Should().NotBeEmpty("{0} {1} must be rejected", example.Method, removal.What);
        }
    }

    // ---------------------------------------------------------------- what the docs rule out

    public static TheoryData<string, string, string> RuledOut() => new()
    {
        { "paysys.card_registration", "phone_number", "\"99890770215\"" },
        { "paysys.card_registration", "phone_number", "\"9989077021500\"" },
        { "paysys.card_registration", "phone_number", "\"997907702150\"" },
        { "paysys.card_registration", "phone_number", "\"+998907702150\"" },
        { "paysys.card_registration", "phone_number", "998907702150" },
        { "paysys.card_registration", "card_number", "\"860033041068950\"" },
        { "paysys.card_registration", "card_number", "\"86003304106895000\"" },
        { "paysys.card_registration", "card_number", "\"8600 3304 1068 9500\"" },
        { "paysys.card_registration", "card_number", "8600330410689500" },
        { "paysys.card_registration", "card_number", Remove },
        { "paysys.card_registration", "card_expire", "\"2313\"" },
        { "paysys.card_registration", "card_expire", "\"2300\"" },
        { "paysys.card_registration", "card_expire", "\"230\"" },
        { "paysys.card_registration", "card_expire", "\"04/23\"" },
        { "paysys.card_registration", "card_expire", "2304" },
        { "paysys.card_confirm", "confirmation_code", Remove },
        { "pam.prepare_payment by card number", "card_number", "\"860131296062219\"" },
        { "pam.prepare_payment by card number", "card_expire", "\"2313\"" },
        { "pam.prepare_payment by card number", "card_expire", Remove },
        { "pam.prepare_payment by card id", "card_id", Remove },
        { "pam.prepare_payment by card id", "phone_number", "\"99890770215\"" },
        { "pam.prepare_payment by card id", "amount", "0" },
        { "pam.prepare_payment by card id", "amount", "-1" },
        { "pam.prepare_payment by card id", "amount", "\"100\"" },
        { "pam.prepare_payment by card id", "amount", "1.5" },
        { "pam.prepare_payment by card id", "vendor_id", "0" },
        { "pam.prepare_payment by card id", "product", "\"" + new string('x', 256) + "\"" },
        { "pam.prepare_payment by card id", "hold", "\"true\"" },
        { "pam.prepare_payment by card id", "holding_time", "0" },
        { "pam.prepare_payment by card id", "after_expired", "\"later\"" },
        { "pam.confirm_payment", "bank_transaction_id", "0" },
        { "pam.confirm_payment", "bank_transaction_id", "\"0\"" },
        { "pam.confirm_payment", "bank_transaction_id", "-5" },
        { "pam.confirm_payment", "bank_transaction_id", "\"12a\"" },
        { "pam.confirm_payment", "bank_transaction_id", "1.5" },
        { "hold.confirm", "status", "\"maybe\"" },
        { "hold.confirm", "status", "2" },
        { "pam.check_payment acquiring", "bank_transaction_id", Remove },
        { "pam.check_payment e-money", "agr_transaction_id", Remove },
        { "pam.payment", "phone_number", "\"99890770215\"" },
        { "pam.payment", "amount", "0" },
        { "pam.payment", "amount", "-1" },
        { "pam.payment", "amount", "\"100\"" },
        { "pam.payment", "card_id", Remove },
        { "transaction.reverse", "transaction_id", "true" },
        { "transaction.reverse", "transaction_id", Remove },
        { "paysys.payment_adjustments", "amount", "0" },
        { "paysys.payment_adjustments", "amount", "-1" },
        { "paysys.payment_adjustments", "amount", "\"100\"" },
        { "paysys.payment_adjustments", "currency", "\"GBP\"" },
        { "paysys.get_fiscal_cheque", "type", "\"refund\"" },
        { "paysys.invoice_create", "payment_id", "1" },
        { "paysys.invoice_create", "amount", "0" },
        { "paysys.invoice_create", "amount", "\"1000.22\"" },
        { "paysys.invoice_create", "currency", "\"uzs\"" },
        { "pam.pay_by_cash", "vendor_form", "\"account=79123456789\"" },
        { "pam.pay_by_cash", "vendor_form.amount", "0" },
        { "pam.pay_by_cash", "vendor_form.amount", "-1" },
        { "pam.pay_by_cash", "vendor_form.amount", "\"100\"" },
        { "pam.pay_by_cash", "vendor_form.account", Remove },
        { "pam.pay_by_cash", "vendor_form.account", "\"" + new string('7', 65) + "\"" },
    };

    [Theory]
    [MemberData(nameof(RuledOut))]
    public async Task The_params_schema_rejects_what_the_docs_rule_out(string name, string param, string json)
    {
        var example = Example(name);
        var parameters = JsonNode.Parse(example.Request)!["params"]!.AsObject();
        var schema = await Schema($"{example.Method}.params.json");
        schema.Validate(parameters.ToJsonString()).Should().BeEmpty("the documented request is valid as it is");

        var broken = json == Remove ? Without(parameters, param) : With(parameters, param, JsonNode.Parse(json));

        schema.Validate(broken.ToJsonString()).Should().NotBeEmpty("{0} with {1} = {2} must be rejected", example.Method, param, json);
    }

    // ---------------------------------------------------------------- files, names and the error catalogue

    [Fact]
    public void Dispatcher_openrpc_and_schema_files_name_the_same_14_methods()
    {
        var openRpc = OpenRpcMethods().Select(m => m["name"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        var files = Directory.GetFiles(SchemasDirectory, "*.json").Select(f => Path.GetFileName(f)).ToList();

        DispatcherNames.Should().HaveCount(14);
        openRpc.Should().Equal(DispatcherNames);
        files.Should().BeEquivalentTo(
            DispatcherNames.SelectMany(m => new[] { $"{m}.params.json", $"{m}.result.json" })
                .Concat(["envelope.request.json", "envelope.response.json", "error.json"]));
    }

    [Fact]
    public void Openrpc_lists_per_method_only_catalogue_errors_with_their_exact_messages()
    {
        var catalogue = CatalogueMessages();

        foreach (var method in OpenRpcMethods())
        {
            var name = method["name"]!.GetValue<string>();
            var errors = method["errors"]!.AsArray().Select(e => (Code: e!["code"]!.GetValue<int>(), Message: e["message"]!.GetValue<string>())).ToList();

            errors.Select(e => e.Code).Should().OnlyHaveUniqueItems(name);
            errors.Select(e => e.Code).Should().Contain([-32300, -32504], "{0} validates its params and needs Auth", name);
            foreach (var (code, message) in errors)
            {
                catalogue.Should().ContainKey(code, "{0} lists {1}", name, code);
                message.Should().Be(catalogue[code], "{0} lists {1} with the catalogue's message", name, code);
            }
        }

        foreach (var (_, error) in OpenRpc()["components"]!["errors"]!.AsObject())
        {
            error!["message"]!.GetValue<string>().Should().Be(catalogue[error["code"]!.GetValue<int>()]);
        }
    }

    [Fact]
    public void The_error_schema_allows_exactly_the_catalogue_codes()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(SchemasDirectory, "error.json")))!;

        var codes = schema["properties"]!["code"]!["enum"]!.AsArray().Select(c => c!.GetValue<int>());

        codes.Should().BeEquivalentTo(CatalogueMessages().Keys);
    }

    [Fact]
    public void Openrpc_params_and_results_reference_the_schema_files()
    {
        foreach (var method in OpenRpcMethods())
        {
            var name = method["name"]!.GetValue<string>();
            var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(SchemasDirectory, $"{name}.params.json")))!;
            var required = schema["required"]!.AsArray().Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            var properties = schema["properties"]!.AsObject().Select(p => p.Key).ToList();

            var descriptors = method["params"]!.AsArray().Select(p => p!.AsObject()).ToList();

            method["paramStructure"]!.GetValue<string>().Should().Be("by-name");
            descriptors.Select(p => p["name"]!.GetValue<string>()).Should().Equal(properties, "{0} lists the params of its schema", name);
            foreach (var descriptor in descriptors)
            {
                var param = descriptor["name"]!.GetValue<string>();
                descriptor["required"]!.GetValue<bool>().Should().Be(required.Contains(param), "{0}.{1}", name, param);
                descriptor["schema"]!["$ref"]!.GetValue<string>().Should().Be($"schemas/{name}.params.json#/properties/{param}");
            }

            method["result"]!["schema"]!["$ref"]!.GetValue<string>().Should().Be($"schemas/{name}.result.json");
            method["x-params-schema"]!["$ref"]!.GetValue<string>().Should().Be($"schemas/{name}.params.json");
        }
    }

    [Fact]
    public void Openrpc_examples_are_the_docs_examples()
    {
        var pairings = OpenRpcMethods()
            .SelectMany(m => m["examples"]!.AsArray().Select(e => new ExamplePairing(m["name"]!.GetValue<string>(), ParamsOf(e!), e!["result"]!["value"])))
            .ToList();

        pairings.Should().HaveCount(DocumentedExamples.All.Count);
        foreach (var documented in DocumentedExamples.All)
        {
            var request = JsonNode.Parse(documented.Request)!;
            var response = JsonNode.Parse(documented.Response)!;
            pairings.Count(p => p.Method == documented.Method && JsonNode.DeepEquals(p.Params, request["params"]) && JsonNode.DeepEquals(p.Result, response["result"]))
                .Should().Be(1, "the docs' {0} example is in openrpc.json once", documented.Name);
        }
    }

    private sealed record ExamplePairing(string Method, JsonObject Params, JsonNode? Result);

    /// <summary>An OpenRPC example's params list [{name, value}] as the named params object it stands for.</summary>
    private static JsonObject ParamsOf(JsonNode example)
    {
        var parameters = new JsonObject();
        foreach (var param in example["params"]!.AsArray())
        {
            parameters[param!["name"]!.GetValue<string>()] = param["value"]?.DeepClone();
        }

        return parameters;
    }

    // ---------------------------------------------------------------- rpc.discover

    [Fact]
    public async Task Rpc_discover_needs_no_auth_and_answers_the_openrpc_document_with_its_schemas_inlined()
    {
        var (status, body) = await Gateway.PostRaw("""{"id":"discover-1","method":"rpc.discover"}""");

        status.Should().Be(HttpStatusCode.OK);
        var response = JsonNode.Parse(body)!.AsObject();
        await ShouldValidate("envelope.response.json", response);
        response["id"]!.GetValue<string>().Should().Be("discover-1");
        response["error"].Should().BeNull();
        var served = response["result"]!.AsObject();
        served["openrpc"]!.GetValue<string>().Should().StartWith("1.3.");
        served["methods"]!.AsArray().Select(m => m!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal).Should().Equal(DispatcherNames);
        served.ToJsonString().Should().NotContain("\"$ref\"", "a caller of the gateway cannot resolve the repository's schema files");
        JsonNode.DeepEquals(served, Inlined(OpenRpc())).Should().BeTrue("rpc.discover serves contracts/openrpc.json with each $ref replaced by its schema");
    }

    [Fact]
    public async Task Rpc_discover_ignores_a_wrong_auth_header_and_echoes_a_numeric_id()
    {
        var (status, body) = await Gateway.PostRaw("""{"jsonrpc":"2.0","id":7,"method":"rpc.discover","params":null}""", new Dictionary<string, string> { ["Auth"] = "1-wrong-1" });

        status.Should().Be(HttpStatusCode.OK);
        var response = JsonNode.Parse(body)!.AsObject();
        response["id"]!.GetValue<int>().Should().Be(7);
        response["error"].Should().BeNull();
        response["result"]!["methods"]!.AsArray().Should().HaveCount(14);
        response["mx_id"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{32}$");
    }

    [Fact]
    public async Task Other_methods_still_need_auth()
    {
        var (_, body) = await Gateway.PostRaw("""{"id":1,"method":"pam.check_payment","params":{"bank_transaction_id":1}}""");

        JsonNode.Parse(body)!["error"]!["code"]!.GetValue<int>().Should().Be(-32504);
    }

    // ---------------------------------------------------------------- the server agrees with the schemas

    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var name in DispatcherNames.Concat([PrepareByCardNumber, CheckPayout]))
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>
    /// Issue 5 item 4: from a request the sandbox accepts, every input the params schema makes invalid by
    /// removing a required param (or sending it as null) or by giving a param a JSON type its schema does not
    /// allow must be rejected by the schema and by the server alike, with -32300 and data.param naming the param;
    /// and leaving out a param the schema does not require must be accepted by both.
    /// </summary>
    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task The_server_and_the_params_schema_agree_on_every_input_generated_from_the_schema(string scenario)
    {
        var call = await Arrange(scenario);
        var schema = await Schema($"{call.Method}.params.json");
        schema.Validate(call.Params.ToJsonString()).Should().BeEmpty("the starting request of {0} is valid", scenario);

        var inputs = InvalidInputs(schema, call.Params).ToList();
        var disagreements = new List<string>();
        foreach (var input in inputs)
        {
            if (schema.Validate(input.Params.ToJsonString()).Count == 0)
            {
                disagreements.Add($"{input.What}: the schema accepts it");
                continue;
            }

            var error = (await Gateway.Call(call.Method, input.Params, call.Headers))["error"];
            var code = error?["code"]?.GetValue<int>();
            var param = error?["data"]?["param"]?.GetValue<string>();
            if (code != -32300 || param != input.Param)
            {
                disagreements.Add($"{input.What}: expected -32300 naming {input.Param}, got {error?.ToJsonString() ?? "success"}");
            }
        }

        // The other direction for required-ness: a param the schema does not require may be left out.
        foreach (var (what, withoutOptional) in OptionalRemovals(schema, call.Params))
        {
            if (schema.Validate(withoutOptional.ToJsonString()).Count > 0)
            {
                disagreements.Add($"{what}: the schema rejects it");
                continue;
            }

            var error = (await Gateway.Call(call.Method, withoutOptional, call.Headers))["error"];
            if (error is not null)
            {
                disagreements.Add($"{what}: the schema accepts it, the server answered {error.ToJsonString()}");
            }
        }

        inputs.Should().HaveCountGreaterThan(4, "every param of {0} gets several wrong types", scenario);
        string.Join(Environment.NewLine, disagreements).Should().BeEmpty("the server and {0}.params.json must agree", call.Method);
        await Gateway.Ok(call.Method, call.Params, call.Headers);
    }

    // ---------------------------------------------------------------- every lifecycle result validates

    [Fact]
    public async Task Every_result_of_a_normal_lifecycle_validates_against_its_result_schema()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);

        // A card registered without a phone gets no token; with the card's phone it does.
        var bare = await Valid(seen, "paysys.card_registration", new JsonObject { ["card_number"] = Cards.UzcardPan, ["card_expire"] = Cards.UzcardExpiry });
        (await Valid(seen, "paysys.card_confirm", new JsonObject { ["card_id"] = bare["id"]!.GetValue<string>(), ["confirmation_code"] = Cards.FixedOtp }))["card_token"].Should().BeNull();
        var (cardId, token) = await RegisterAndConfirm();

        var byToken = await Valid(seen, "pam.payment", Order(new JsonObject { ["card_id"] = cardId }), new() { [PamPaymentHeader] = token });
        byToken["details"]!["id"]!.GetValue<string>().Should().Be(cardId);

        // Hold by card id, accepted; hold by card number with save, cancelled.
        var held = await Valid(seen, "pam.prepare_payment", Order(new JsonObject { ["card_id"] = cardId, ["hold"] = true }));
        var heldId = held["bank_transaction_id"]!.GetValue<long>();
        (await Valid(seen, "pam.confirm_payment", Confirm(heldId))).ContainsKey("card").Should().BeFalse();
        (await Valid(seen, "hold.confirm", new JsonObject { ["bank_transaction_id"] = heldId, ["status"] = "accept" }))["status"]!.GetValue<int>().Should().Be(2);
        var saved = await Valid(seen, "pam.prepare_payment", Order(ByCardNumber(new JsonObject { ["hold"] = true, ["save"] = true })));
        var savedId = saved["bank_transaction_id"]!.GetValue<long>();
        (await Valid(seen, "pam.confirm_payment", Confirm(savedId)))["card"]!["id"]!.GetValue<string>().Should().Be(cardId);
        (await Valid(seen, "hold.confirm", new JsonObject { ["bank_transaction_id"] = savedId.ToString(CultureInfo.InvariantCulture), ["status"] = "cancel" }))["status"]!.GetValue<int>().Should().Be(3);

        // A plain payment, checked before and after its confirmation, then used by the vendor API.
        var paid = await Valid(seen, "pam.prepare_payment", Order(ByCardNumber(new JsonObject())));
        var paidId = paid["bank_transaction_id"]!.GetValue<long>();
        (await Valid(seen, "pam.check_payment", new JsonObject { ["bank_transaction_id"] = paidId }))["status"]!.GetValue<string>().Should().Be("1");
        var transactionId = long.Parse((await Valid(seen, "pam.confirm_payment", Confirm(paidId)))["details"]!["transaction_id"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        (await Valid(seen, "pam.check_payment", new JsonObject { ["bank_transaction_id"] = paidId }))["status"]!.GetValue<string>().Should().Be("2");
        (await Valid(seen, "paysys.payment_info", new JsonObject { ["transaction_id"] = transactionId }))["status"]!.GetValue<int>().Should().Be(2);
        await Valid(seen, "paysys.get_fiscal_cheque", new JsonObject { ["transaction_id"] = transactionId, ["type"] = "payment" });
        (await Valid(seen, "paysys.payment_adjustments", new JsonObject { ["transaction_id"] = transactionId, ["amount"] = 1_000 }))["status"]!.GetValue<int>().Should().Be(6);
        (await Valid(seen, "pam.check_payment", new JsonObject { ["bank_transaction_id"] = paidId }))["status"]!.GetValue<string>().Should().Be("6");
        (await Valid(seen, "paysys.payment_info", new JsonObject { ["transaction_id"] = transactionId }))["status"]!.GetValue<int>().Should().Be(6);

        var (_, cancelled) = await Pay();
        (await Valid(seen, "paysys.payment_cancel", new JsonObject { ["transaction_id"] = cancelled }))["status"]!.GetValue<int>().Should().Be(3);
        var (_, reversed) = await Pay();
        (await Valid(seen, "transaction.reverse", new JsonObject { ["transaction_id"] = reversed }))["transaction_id"]!.GetValue<long>().Should().Be(reversed);

        (await Valid(seen, "paysys.invoice_create", Invoice()))["amount"]!.GetValue<string>().Should().Be("1000.22");

        // A payout: pending, then completed once the payout delay has passed on the virtual clock.
        var payout = await Valid(seen, "pam.pay_by_cash", PayByCash());
        var agr = new JsonObject { ["agr_transaction_id"] = payout["details"]!["transaction_id"]!.GetValue<long>() };
        (await Valid(seen, "pam.check_payment", agr))["result"]!["status"]!.GetValue<int>().Should().Be(1);
        await Gateway.AdvanceClock(3_600);
        (await Valid(seen, "pam.check_payment", (JsonObject)agr.DeepClone()))["result"]!["status"]!.GetValue<int>().Should().Be(2);

        seen.Order(StringComparer.Ordinal).Should().Equal(DispatcherNames);
    }

    // ---------------------------------------------------------------- generating invalid inputs from a schema

    private sealed record InvalidInput(string What, JsonObject Params, string Param);

    /// <summary>
    /// The invalid inputs a params schema implies for <paramref name="valid"/>: each required param (also of the
    /// anyOf alternative in use) removed and sent as null, and each property of the schema, given or not, sent with
    /// every JSON type its schema does not allow. Nested object params (vendor_form) are walked too; the server
    /// names their members "vendor_form.account".
    /// </summary>
    private static IEnumerable<InvalidInput> InvalidInputs(JsonSchema schema, JsonObject valid, string prefix = "")
    {
        var level = Level(valid, prefix);
        foreach (var name in RequiredHere(schema, level))
        {
            var expected = prefix + NamedWhenMissing(schema, level, name);
            yield return new($"without {prefix}{name}", Without(valid, prefix + name), expected);
            yield return new($"{prefix}{name}: null", With(valid, prefix + name, null), expected);
        }

        foreach (var (name, property) in schema.Properties)
        {
            var allowed = AllowedTypes(property);
            foreach (var (type, json) in TypeSamples.Where(s => !Allows(allowed, s.Type)))
            {
                yield return new($"{prefix}{name}: {json} ({type})", With(valid, prefix + name, JsonNode.Parse(json)), prefix + name);
            }

            if (property.Properties.Count > 0 && level[name] is JsonObject)
            {
                foreach (var nested in InvalidInputs(property, valid, $"{prefix}{name}."))
                {
                    yield return nested;
                }
            }
        }
    }

    /// <summary>Every param given in <paramref name="valid"/> that the schema does not require, left out in turn.</summary>
    private static IEnumerable<(string What, JsonObject Params)> OptionalRemovals(JsonSchema schema, JsonObject valid, string prefix = "")
    {
        var level = Level(valid, prefix);
        var required = RequiredHere(schema, level).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, property) in schema.Properties.Where(p => level.ContainsKey(p.Key)))
        {
            if (!required.Contains(name))
            {
                yield return ($"without optional {prefix}{name}", Without(valid, prefix + name));
            }

            if (property.Properties.Count > 0 && level[name] is JsonObject)
            {
                foreach (var nested in OptionalRemovals(property, valid, $"{prefix}{name}."))
                {
                    yield return nested;
                }
            }
        }
    }

    /// <summary>The schema's required params, plus those of the anyOf alternative the request uses.</summary>
    private static IEnumerable<string> RequiredHere(JsonSchema schema, JsonObject level) =>
        schema.RequiredProperties
            .Concat(schema.AnyOf.SelectMany(a => a.RequiredProperties).Where(level.ContainsKey))
            .Distinct(StringComparer.Ordinal);

    /// <summary>
    /// The param the server names when <paramref name="missing"/> is absent. A plain required param names itself.
    /// Of anyOf alternatives (card_id | card_number + card_expire), the server takes the first alternative whose
    /// leading param is given and names its missing param; with none given it names the first alternative's.
    /// </summary>
    private static string NamedWhenMissing(JsonSchema schema, JsonObject level, string missing)
    {
        if (schema.RequiredProperties.Contains(missing))
        {
            return missing;
        }

        var given = level.Select(p => p.Key).Where(k => k != missing).ToHashSet(StringComparer.Ordinal);
        var alternatives = schema.AnyOf.Select(a => a.RequiredProperties.ToList()).ToList();
        var chosen = alternatives.FirstOrDefault(a => given.Contains(a[0]));
        return chosen is null ? alternatives[0][0] : chosen.First(p => !given.Contains(p));
    }

    private static JsonObjectType AllowedTypes(JsonSchema schema) =>
        schema.OneOf.Concat(schema.AnyOf).Aggregate(schema.Type, (types, alternative) => types | AllowedTypes(alternative));

    private static bool Allows(JsonObjectType allowed, JsonObjectType type) =>
        allowed == JsonObjectType.None ||
        allowed.HasFlag(type) ||
        (type == JsonObjectType.Integer && allowed.HasFlag(JsonObjectType.Number));

    // ---------------------------------------------------------------- starting requests the sandbox accepts

    private sealed record ValidCall(string Method, JsonObject Params, Dictionary<string, string>? Headers = null);

    private async Task<ValidCall> Arrange(string scenario)
    {
        switch (scenario)
        {
            case "paysys.card_registration":
                return new(scenario, new JsonObject { ["phone_number"] = Cards.UzcardPhone, ["card_number"] = Cards.UzcardPan, ["card_expire"] = Cards.UzcardExpiry });
            case "paysys.card_confirm":
                {
                    var registered = await Gateway.Ok("paysys.card_registration", new JsonObject { ["phone_number"] = Cards.UzcardPhone, ["card_number"] = Cards.UzcardPan, ["card_expire"] = Cards.UzcardExpiry });
                    return new(scenario, new JsonObject { ["card_id"] = registered["id"]!.GetValue<string>(), ["confirmation_code"] = Cards.FixedOtp });
                }

            case "pam.prepare_payment":
                {
                    var (cardId, _) = await RegisterAndConfirm();
                    return new(scenario, Order(new JsonObject { ["card_id"] = cardId, ["comment"] = "Month subscription", ["save"] = true }));
                }

            case PrepareByCardNumber:
                return new("pam.prepare_payment", Order(ByCardNumber(new JsonObject { ["hold"] = true, ["holding_time"] = 604_800, ["after_expired"] = "accept" })));
            case "pam.confirm_payment":
                return new(scenario, Confirm(await Prepare()));
            case "hold.confirm":
                {
                    var bankTransactionId = await Prepare(hold: true);
                    await Gateway.Ok("pam.confirm_payment", Confirm(bankTransactionId));
                    return new(scenario, new JsonObject { ["bank_transaction_id"] = bankTransactionId.ToString(CultureInfo.InvariantCulture), ["status"] = "accept" });
                }

            case "pam.check_payment":
                return new(scenario, new JsonObject { ["bank_transaction_id"] = (await Pay()).BankTransactionId.ToString(CultureInfo.InvariantCulture) });
            case CheckPayout:
                {
                    var payout = await Gateway.Ok("pam.pay_by_cash", PayByCash());
                    return new("pam.check_payment", new JsonObject { ["agr_transaction_id"] = payout["details"]!["transaction_id"]!.GetValue<long>() });
                }

            case "pam.payment":
                {
                    var (cardId, token) = await RegisterAndConfirm();
                    return new(scenario, Order(new JsonObject { ["card_id"] = cardId }), new() { [PamPaymentHeader] = token });
                }

            case "transaction.reverse":
            case "paysys.payment_info":
            case "paysys.payment_cancel":
                return new(scenario, new JsonObject { ["transaction_id"] = (await Pay()).TransactionId });
            case "paysys.payment_adjustments":
                return new(scenario, new JsonObject { ["transaction_id"] = (await Pay()).TransactionId, ["amount"] = 1_000, ["currency"] = "UZS" });
            case "paysys.get_fiscal_cheque":
                return new(scenario, new JsonObject { ["transaction_id"] = (await Pay()).TransactionId, ["type"] = "payment" });
            case "paysys.invoice_create":
                return new(scenario, Invoice());
            case "pam.pay_by_cash":
                return new(scenario, PayByCash());
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "no such scenario");
        }
    }

    private async Task<(string CardId, string Token)> RegisterAndConfirm()
    {
        var registered = await Gateway.Ok("paysys.card_registration", new JsonObject { ["phone_number"] = Cards.UzcardPhone, ["card_number"] = Cards.UzcardPan, ["card_expire"] = Cards.UzcardExpiry });
        var cardId = registered["id"]!.GetValue<string>();
        var confirmed = await Gateway.Ok("paysys.card_confirm", new JsonObject { ["card_id"] = cardId, ["confirmation_code"] = Cards.FixedOtp });
        return (cardId, confirmed["card_token"]!.GetValue<string>());
    }

    private async Task<long> Prepare(bool hold = false) =>
        (await Gateway.Ok("pam.prepare_payment", Order(ByCardNumber(new JsonObject { ["hold"] = hold }))))["bank_transaction_id"]!.GetValue<long>();

    /// <summary>A completed payment with the UzCard magic card: prepared by card number and confirmed.</summary>
    private async Task<(long BankTransactionId, long TransactionId)> Pay()
    {
        var bankTransactionId = await Prepare();
        var paid = await Gateway.Ok("pam.confirm_payment", Confirm(bankTransactionId));
        return (bankTransactionId, long.Parse(paid["details"]!["transaction_id"]!.GetValue<string>(), CultureInfo.InvariantCulture));
    }

    /// <summary>Calls a method that must succeed; checks the envelope and the result against their schemas.</summary>
    private async Task<JsonObject> Valid(HashSet<string> seen, string method, JsonObject parameters, Dictionary<string, string>? headers = null)
    {
        var response = await Gateway.Call(method, parameters, headers);
        response["error"].Should().BeNull("{0} should succeed: {1}", method, response.ToJsonString());
        await ShouldValidate("envelope.response.json", response);
        await ShouldValidate($"{method}.result.json", response["result"]);
        seen.Add(method);
        return response["result"]!.AsObject();
    }

    private static JsonObject ByCardNumber(JsonObject extra)
    {
        extra["card_number"] = Cards.UzcardPan;
        extra["card_expire"] = Cards.UzcardExpiry;
        return extra;
    }

    private static JsonObject Order(JsonObject card)
    {
        card["phone_number"] = Cards.UzcardPhone;
        card["amount"] = 100_000;
        card["vendor_id"] = Cards.VendorId;
        card["product"] = "order-1";
        return card;
    }

    private static JsonObject Confirm(long bankTransactionId) =>
        new() { ["bank_transaction_id"] = bankTransactionId, ["confirmation_code"] = Cards.FixedOtp };

    private static JsonObject Invoice() => new()
    {
        ["order_id"] = "21258855-d57e-4c7c-9b7b-2215f9d1c992",
        ["vendor_id"] = 104466,
        ["payment_id"] = -1,
        ["currency"] = "UZS",
        ["amount"] = 1000.22m,
        ["order_note"] = "Payment for tickets",
    };

    private static JsonObject PayByCash() => new()
    {
        ["vendor_form"] = new JsonObject { ["account"] = "79123456789", ["currency"] = "USD", ["amount"] = 12_000, ["vendor_id"] = 101596 },
    };

    // ---------------------------------------------------------------- contract files

    private static DocumentedExample Example(string name) => DocumentedExamples.All.Single(e => e.Name == name);

    private static Task<JsonSchema> Schema(string file) =>
        Schemas.GetOrAdd(file, f => new Lazy<Task<JsonSchema>>(() => JsonSchema.FromFileAsync(Path.Combine(SchemasDirectory, f)))).Value;

    private static async Task ShouldValidate(string schemaFile, JsonNode? json)
    {
        var text = json?.ToJsonString() ?? "null";
        var errors = (await Schema(schemaFile)).Validate(text);
        errors.Should().BeEmpty("{0} should accept {1}, but: {2}", schemaFile, text, Describe(errors));
    }

    private static string Describe(IEnumerable<ValidationError> errors) =>
        string.Join("; ", errors.Select(e => e is ChildSchemaValidationError child
            ? $"{e.Kind} at {e.Path} ({string.Join(" | ", child.Errors.Select(c => Describe(c.Value)))})"
            : $"{e.Kind} at {e.Path}"));

    private static JsonObject OpenRpc() => JsonNode.Parse(File.ReadAllText(Path.Combine(ContractsDirectory, "openrpc.json")))!.AsObject();

    private static IEnumerable<JsonObject> OpenRpcMethods() => OpenRpc()["methods"]!.AsArray().Select(m => m!.AsObject());

    private static Dictionary<int, string> CatalogueMessages() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(ContractsDirectory, "errors.json")))!["errors"]!.AsArray()
            .ToDictionary(e => e!["code"]!.GetValue<int>(), e => e!["message"]!.GetValue<string>());

    /// <summary>The test's own resolution of openrpc.json's {"$ref": "schemas/file#/pointer"} objects.</summary>
    private static JsonNode? Inlined(JsonNode? node) => node switch
    {
        JsonObject { Count: 1 } reference when reference["$ref"]?.GetValue<string>() is { } target && target.StartsWith("schemas/", StringComparison.Ordinal) =>
            target.Split('#') is var parts && parts.Length > 1
                ? parts[1].Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate((JsonNode?)SchemaFile(parts[0]), (current, segment) => current![segment])!.DeepClone()
                : SchemaFile(parts[0]),
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Inlined(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Inlined)]),
        _ => node?.DeepClone(),
    };

    private static JsonNode SchemaFile(string relative) => JsonNode.Parse(File.ReadAllText(Path.Combine(ContractsDirectory, relative)))!;

    // ---------------------------------------------------------------- JSON edits by path ("vendor_form.account")

    private static JsonObject Level(JsonObject root, string prefix) =>
        prefix.Split('.', StringSplitOptions.RemoveEmptyEntries).Aggregate(root, (level, name) => level[name]!.AsObject());

    private static JsonObject With(JsonObject value, string path, JsonNode? replacement)
    {
        var copy = (JsonObject)value.DeepClone();
        var (parent, name) = Parent(copy, path);
        parent[name] = replacement;
        return copy;
    }

    private static JsonObject Without(JsonObject value, string path)
    {
        var copy = (JsonObject)value.DeepClone();
        var (parent, name) = Parent(copy, path);
        parent.Remove(name).Should().BeTrue("the request has {0}", path);
        return copy;
    }

    private static (JsonObject Parent, string Name) Parent(JsonObject root, string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? (root, path) : (Level(root, path[..dot]), path[(dot + 1)..]);
    }
}
