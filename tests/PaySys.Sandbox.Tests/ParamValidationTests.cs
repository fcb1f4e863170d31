using System.Globalization;
using System.Text.Json.Nodes;

namespace PaySys.Sandbox.Tests;

/// <summary>
/// Every param of the eight acquiring methods: missing, null, wrongly typed or badly formatted values are
/// rejected with the catalogue's code and data.param naming the param, and a rejected call changes nothing.
/// Each case starts from a request that is valid (proved by sending it unchanged after the rejection).
/// </summary>
public sealed class ParamValidationTests : IDisposable
{
    private const string Registration = "paysys.card_registration";
    private const string CardConfirm = "paysys.card_confirm";
    private const string Prepare = "pam.prepare_payment";
    private const string PrepareByNumber = "pam.prepare_payment/card_number";
    private const string ConfirmPayment = "pam.confirm_payment";
    private const string HoldConfirm = "hold.confirm";
    private const string CheckPayment = "pam.check_payment";
    private const string Payment = "pam.payment";
    private const string Reverse = "transaction.reverse";

    private const string CardTokenHeader = "Card-Token";

    private enum Kind
    {
        Text,
        Id,
        Amount,
        Seconds,
        Flag,
    }

    private sealed record ParamSpec(string Scenario, string Param, Kind Kind, bool Required);

    /// <summary>A request of <see cref="Method"/> that succeeds as it is.</summary>
    private sealed record ValidCall(string Method, JsonObject Params, Dictionary<string, string>? Headers);

    /// <summary>Every param the sandbox reads, per scenario (a method, or a method's alternative form after the slash).</summary>
    private static readonly ParamSpec[] AllParams =
    [
        new(Registration, "phone_number", Kind.Text, Required: false),
        new(Registration, "card_number", Kind.Text, Required: true),
        new(Registration, "card_expire", Kind.Text, Required: true),
        new(CardConfirm, "card_id", Kind.Text, Required: true),
        new(CardConfirm, "confirmation_code", Kind.Text, Required: true),
        new(Prepare, "card_id", Kind.Text, Required: true),
        new(Prepare, "phone_number", Kind.Text, Required: true),
        new(Prepare, "amount", Kind.Amount, Required: true),
        new(Prepare, "vendor_id", Kind.Id, Required: true),
        new(Prepare, "product", Kind.Text, Required: true),
        new(Prepare, "comment", Kind.Text, Required: false),
        new(Prepare, "save", Kind.Flag, Required: false),
        new(Prepare, "hold", Kind.Flag, Required: false),
        new(Prepare, "holding_time", Kind.Seconds, Required: false),
        new(Prepare, "after_expired", Kind.Text, Required: false),
        // Without card_number the request names no card at all: see Prepare_payment_without_any_card_names_card_id.
        new(PrepareByNumber, "card_number", Kind.Text, Required: false),
        new(PrepareByNumber, "card_expire", Kind.Text, Required: true),
        new(ConfirmPayment, "bank_transaction_id", Kind.Id, Required: true),
        new(ConfirmPayment, "confirmation_code", Kind.Text, Required: true),
        new(HoldConfirm, "bank_transaction_id", Kind.Id, Required: true),
        new(HoldConfirm, "status", Kind.Text, Required: true),
        new(CheckPayment, "bank_transaction_id", Kind.Id, Required: true),
        new(Payment, "card_id", Kind.Text, Required: true),
        new(Payment, "phone_number", Kind.Text, Required: true),
        new(Payment, "amount", Kind.Amount, Required: true),
        new(Payment, "vendor_id", Kind.Id, Required: true),
        new(Payment, "product", Kind.Text, Required: true),
        new(Payment, "hold", Kind.Flag, Required: false),
        new(Payment, "holding_time", Kind.Seconds, Required: false),
        new(Payment, "after_expired", Kind.Text, Required: false),
        new(Reverse, "transaction_id", Kind.Id, Required: true),
    ];

    private readonly SandboxFactory sandbox = SandboxFactory.WithFixedOtp();
    private readonly GatewayClient gateway;

    public ParamValidationTests()
    {
        gateway = sandbox.CreateGateway();
    }

    public void Dispose() => sandbox.Dispose();

    public static TheoryData<string, string> RequiredParams()
    {
        var data = new TheoryData<string, string>();
        foreach (var spec in AllParams.Where(p => p.Required))
        {
            data.Add(spec.Scenario, spec.Param);
        }

        return data;
    }

    public static TheoryData<string, string, string> WrongTypes()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var spec in AllParams)
        {
            string[] values = spec.Kind switch
            {
                Kind.Text => ["{}", "[]", "true", "123"],
                Kind.Id => ["{\"id\":1}", "[1]", "true", "false"],
                Kind.Amount => ["{}", "[100000]", "true", "\"100000\""],
                Kind.Seconds => ["{}", "[]", "false", "\"604800\""],
                Kind.Flag => ["{}", "[]", "\"true\"", "1"],
                _ => throw new InvalidOperationException(spec.Kind.ToString()),
            };
            foreach (var value in values)
            {
                data.Add(spec.Scenario, spec.Param, value);
            }
        }

        return data;
    }

    public static TheoryData<string, string, string, int> BadFormats()
    {
        var data = new TheoryData<string, string, string, int>();
        foreach (var scenario in new[] { Registration, Prepare, Payment })
        {
            foreach (var phone in new[] { "99890111223", "9989011122330", "+998901112233", "997901112233", "99890111223a", "998 90 111 22 3", "" })
            {
                data.Add(scenario, "phone_number", phone, -32303);
            }
        }

        foreach (var scenario in new[] { Registration, PrepareByNumber })
        {
            foreach (var pan in new[] { "860049074431334", "86004907443133470", "8600 4907 4431 3347", "860049074431334a", "" })
            {
                data.Add(scenario, "card_number", pan, -32304);
            }

            foreach (var expiry in new[] { "3013", "3000", "301", "30121", "12/30", "30a2", "", "3011" })
            {
                data.Add(scenario, "card_expire", expiry, -32305);
            }

            // Well-formed, but not a card of the sandbox's catalogue: the sandbox never handles a real card.
            data.Add(scenario, "card_number", "8600123412341234", -32302);
        }

        return data;
    }

    public static TheoryData<string, string, string> BadIds()
    {
        var data = new TheoryData<string, string, string>();
        var idParams = new[]
        {
            (ConfirmPayment, "bank_transaction_id"),
            (HoldConfirm, "bank_transaction_id"),
            (CheckPayment, "bank_transaction_id"),
            (Reverse, "transaction_id"),
            (Prepare, "vendor_id"),
            (Payment, "vendor_id"),
        };
        foreach (var (scenario, param) in idParams)
        {
            foreach (var value in new[] { "\"12a\"", "-5", "0", "1.5", "\"-5\"", "\"0\"", "\"1.5\"", "\"\"", "\" 12\"", "99999999999999999999", "\"99999999999999999999\"" })
            {
                data.Add(scenario, param, value);
            }
        }

        return data;
    }

    public static TheoryData<string, string> IdParams() => new()
    {
        { ConfirmPayment, "bank_transaction_id" },
        { HoldConfirm, "bank_transaction_id" },
        { CheckPayment, "bank_transaction_id" },
        { Reverse, "transaction_id" },
    };

    public static TheoryData<string, string, int> TooLong() => new()
    {
        { Prepare, "product", 256 },
        { Prepare, "comment", 256 },
        { Payment, "product", 256 },
        { CardConfirm, "card_id", 256 },
        { Prepare, "card_id", 256 },
        { Payment, "card_id", 256 },
        { CardConfirm, "confirmation_code", 33 },
        { ConfirmPayment, "confirmation_code", 33 },
    };

    public static TheoryData<string, string, string> OutOfRange() => new()
    {
        { Prepare, "amount", "0" },
        { Prepare, "amount", "-1" },
        { Prepare, "amount", "1.5" },
        { Prepare, "amount", "9223372036854775808" },
        { Payment, "amount", "0" },
        { Payment, "amount", "-100000" },
        { Payment, "amount", "0.5" },
        { Prepare, "holding_time", "0" },
        { Prepare, "holding_time", "-1" },
        { Prepare, "holding_time", "1.5" },
        { Prepare, "holding_time", "315360001" },
        { Payment, "holding_time", "0" },
        { Payment, "holding_time", "315360001" },
        { Prepare, "after_expired", "\"later\"" },
        { Prepare, "after_expired", "\"ACCEPT\"" },
        { Payment, "after_expired", "\"\"" },
        { HoldConfirm, "status", "\"maybe\"" },
        { HoldConfirm, "status", "\"ACCEPT\"" },
        { HoldConfirm, "status", "\"2\"" },
        { HoldConfirm, "status", "\"\"" },
    };

    /// <summary>The first param each method reads: the one an empty request is told about.</summary>
    public static TheoryData<string, string> FirstParams() => new()
    {
        { Registration, "card_number" },
        { CardConfirm, "card_id" },
        { Prepare, "card_id" },
        { ConfirmPayment, "bank_transaction_id" },
        { HoldConfirm, "bank_transaction_id" },
        { CheckPayment, "bank_transaction_id" },
        { Payment, "card_id" },
        { Reverse, "transaction_id" },
    };

    [Theory]
    [MemberData(nameof(RequiredParams))]
    public async Task A_missing_required_param_is_named(string scenario, string param)
    {
        var call = await Arrange(scenario);
        var broken = Clone(call.Params);
        broken.Remove(param).Should().BeTrue("the valid request has {0}", param);

        var error = await RejectedThenValid(call, broken, -32300, param);

        error["message"]!.GetValue<string>().Should().Contain(param);
    }

    [Theory]
    [MemberData(nameof(RequiredParams))]
    public async Task A_null_required_param_counts_as_missing(string scenario, string param)
    {
        var call = await Arrange(scenario);
        var broken = Clone(call.Params);
        broken[param] = null;

        var error = await RejectedThenValid(call, broken, -32300, param);

        error["message"]!.GetValue<string>().Should().Contain(param);
    }

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public async Task A_param_of_the_wrong_json_type_is_named(string scenario, string param, string json)
    {
        var call = await Arrange(scenario);
        var broken = With(call.Params, param, JsonNode.Parse(json));

        var error = await RejectedThenValid(call, broken, -32300, param);

        error["message"]!.GetValue<string>().Should().Contain(param);
    }

    [Theory]
    [MemberData(nameof(BadFormats))]
    public async Task A_badly_formatted_phone_card_number_or_expiry_gets_its_own_code(string scenario, string param, string value, int code)
    {
        var call = await Arrange(scenario);
        var broken = With(call.Params, param, JsonValue.Create(value));

        await RejectedThenValid(call, broken, code, param);
    }

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task An_id_that_is_not_a_positive_integer_or_a_string_of_digits_is_rejected(string scenario, string param, string json)
    {
        var call = await Arrange(scenario);
        var broken = With(call.Params, param, JsonNode.Parse(json));

        var error = await RejectedThenValid(call, broken, -32300, param);

        error["message"]!.GetValue<string>().Should().Contain(param);
    }

    [Theory]
    [MemberData(nameof(IdParams))]
    public async Task An_id_is_accepted_as_a_json_integer(string scenario, string param)
    {
        var call = await Arrange(scenario);
        var id = call.Params[param]!.GetValue<long>();

        var result = await gateway.Ok(call.Method, With(call.Params, param, JsonValue.Create(id)), call.Headers);

        await ShouldHaveActedOn(scenario, result, id);
    }

    [Theory]
    [MemberData(nameof(IdParams))]
    public async Task An_id_is_accepted_as_a_string_of_digits(string scenario, string param)
    {
        var call = await Arrange(scenario);
        var id = call.Params[param]!.GetValue<long>();

        var result = await gateway.Ok(call.Method, With(call.Params, param, JsonValue.Create(id.ToString(CultureInfo.InvariantCulture))), call.Headers);

        await ShouldHaveActedOn(scenario, result, id);
    }

    [Theory]
    [MemberData(nameof(TooLong))]
    public async Task A_string_over_its_limit_is_rejected(string scenario, string param, int length)
    {
        var call = await Arrange(scenario);
        var broken = With(call.Params, param, JsonValue.Create(new string('7', length)));

        var error = await RejectedThenValid(call, broken, -32300, param);

        error["message"]!.GetValue<string>().Should().Contain(param).And.Contain($"longer than {length - 1}");
    }

    [Theory]
    [InlineData(Prepare, "product")]
    [InlineData(Prepare, "comment")]
    [InlineData(Payment, "product")]
    public async Task A_string_of_255_characters_is_accepted(string scenario, string param)
    {
        var call = await Arrange(scenario);
        var text = new string('x', 255);

        var result = await gateway.Ok(call.Method, With(call.Params, param, JsonValue.Create(text)), call.Headers);

        if (param == "product")
        {
            var bankTransactionId = scenario == Payment
                ? long.Parse(result["details"]!["bank_transaction_id"]!.GetValue<string>(), CultureInfo.InvariantCulture)
                : result["bank_transaction_id"]!.GetValue<long>();
            (await gateway.Transaction(bankTransactionId))["product"]!.GetValue<string>().Should().Be(text);
        }
    }

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public async Task A_value_out_of_range_or_not_in_the_enum_is_named(string scenario, string param, string json)
    {
        var call = await Arrange(scenario);
        var broken = With(call.Params, param, JsonNode.Parse(json));

        var error = await RejectedThenValid(call, broken, -32300, param);

        error["message"]!.GetValue<string>().Should().Contain(param);
    }

    [Theory]
    [MemberData(nameof(FirstParams))]
    public async Task Null_params_name_the_first_required_param(string scenario, string firstParam)
    {
        var call = await Arrange(scenario);

        await RejectedThenValid(call, null, -32300, firstParam);
    }

    [Theory]
    [MemberData(nameof(FirstParams))]
    public async Task Empty_params_name_the_first_required_param(string scenario, string firstParam)
    {
        var call = await Arrange(scenario);

        await RejectedThenValid(call, new JsonObject(), -32300, firstParam);
    }

    [Fact]
    public async Task Prepare_payment_without_any_card_names_card_id()
    {
        var call = await Arrange(PrepareByNumber);
        var broken = Clone(call.Params);
        broken.Remove("card_number");

        var error = await RejectedThenValid(call, broken, -32300, "card_id");

        error["message"]!.GetValue<string>().Should().Contain("card_id").And.Contain("card_number").And.Contain("card_expire");
    }

    [Fact]
    public async Task Card_registration_without_a_phone_is_valid_and_its_card_gets_no_token()
    {
        var call = await Arrange(Registration);
        var withoutPhone = Clone(call.Params);
        withoutPhone.Remove("phone_number");

        var registered = await gateway.Ok(Registration, withoutPhone);
        var confirmed = await gateway.Ok(CardConfirm, new { card_id = registered["id"]!.GetValue<string>(), confirmation_code = Cards.FixedOtp });

        confirmed.ContainsKey("card_token").Should().BeTrue("card_token is sent as null, not omitted");
        confirmed["card_token"].Should().BeNull();
    }

    [Fact]
    public async Task Payment_without_the_card_token_header_names_it()
    {
        var call = await Arrange(Payment);

        var error = await RejectedThenValid(call, call.Params, -32300, CardTokenHeader, headers: []);

        error["message"]!.GetValue<string>().Should().Contain(CardTokenHeader);
    }

    [Fact]
    public async Task Payment_with_a_card_token_that_is_not_the_cards_is_rejected()
    {
        var call = await Arrange(Payment);
        var other = await RegisterAndConfirm(Cards.HumoPan, "3012", Cards.HumoPhone);
        var token = call.Headers![CardTokenHeader];

        await RejectedThenValid(call, call.Params, -32301, CardTokenHeader, headers: new() { [CardTokenHeader] = token[..^1] + (token[^1] == '0' ? '1' : '0') });
        await RejectedThenValid(call, call.Params, -32301, CardTokenHeader, headers: new() { [CardTokenHeader] = other.Token });
    }

    /// <summary>Sends the broken request, expects the error and an unchanged tenant, then proves the original request valid.</summary>
    private async Task<JsonObject> RejectedThenValid(ValidCall call, JsonObject? broken, int code, string param, Dictionary<string, string>? headers = null)
    {
        var before = await Snapshot();

        var error = await gateway.Error(call.Method, broken, code, headers ?? call.Headers);

        error["data"]!["param"]!.GetValue<string>().Should().Be(param, "the error was {0}", error.ToJsonString());
        (await Snapshot()).Should().Be(before, "a rejected call changes nothing");
        await gateway.Ok(call.Method, call.Params, call.Headers);
        return error;
    }

    /// <summary>The tenant's transactions, card balances and SMS outbox, as the control API shows them.</summary>
    private async Task<string> Snapshot()
    {
        var transactions = await gateway.Control(HttpMethod.Get, "transactions");
        var cards = await gateway.Control(HttpMethod.Get, "cards");
        var sms = await gateway.Control(HttpMethod.Get, "sms");
        return $"{transactions.ToJsonString()}\n{cards.ToJsonString()}\n{sms.ToJsonString()}";
    }

    private async Task<ValidCall> Arrange(string scenario)
    {
        switch (scenario)
        {
            case Registration:
                return new(Registration, new JsonObject
                {
                    ["phone_number"] = Cards.UzcardPhone,
                    ["card_number"] = Cards.UzcardPan,
                    ["card_expire"] = Cards.UzcardExpiry,
                }, null);
            case CardConfirm:
                {
                    var registered = await gateway.Ok(Registration, new { phone_number = Cards.UzcardPhone, card_number = Cards.UzcardPan, card_expire = Cards.UzcardExpiry });
                    return new(CardConfirm, new JsonObject
                    {
                        ["card_id"] = registered["id"]!.GetValue<string>(),
                        ["confirmation_code"] = Cards.FixedOtp,
                    }, null);
                }

            case Prepare:
                {
                    var (cardId, _) = await RegisterAndConfirm(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
                    return new(Prepare, new JsonObject
                    {
                        ["card_id"] = cardId,
                        ["phone_number"] = Cards.UzcardPhone,
                        ["amount"] = 100_000,
                        ["vendor_id"] = Cards.VendorId,
                        ["product"] = "order-1",
                        ["comment"] = "Month subscription",
                        ["save"] = true,
                        ["hold"] = true,
                        ["holding_time"] = 604_800,
                        ["after_expired"] = "accept",
                    }, null);
                }

            case PrepareByNumber:
                return new(Prepare, new JsonObject
                {
                    ["card_number"] = Cards.UzcardPan,
                    ["card_expire"] = Cards.UzcardExpiry,
                    ["phone_number"] = Cards.UzcardPhone,
                    ["amount"] = 100_000,
                    ["vendor_id"] = Cards.VendorId,
                    ["product"] = "order-1",
                }, null);
            case ConfirmPayment:
                return new(ConfirmPayment, new JsonObject
                {
                    ["bank_transaction_id"] = await PrepareByCardNumber(hold: false),
                    ["confirmation_code"] = Cards.FixedOtp,
                }, null);
            case HoldConfirm:
                {
                    var bankTransactionId = await PrepareByCardNumber(hold: true);
                    await gateway.Ok(ConfirmPayment, new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp });
                    return new(HoldConfirm, new JsonObject { ["bank_transaction_id"] = bankTransactionId, ["status"] = "accept" }, null);
                }

            case CheckPayment:
                return new(CheckPayment, new JsonObject { ["bank_transaction_id"] = await PrepareByCardNumber(hold: false) }, null);
            case Payment:
                {
                    var (cardId, token) = await RegisterAndConfirm(Cards.UzcardPan, Cards.UzcardExpiry, Cards.UzcardPhone);
                    return new(Payment, new JsonObject
                    {
                        ["card_id"] = cardId,
                        ["phone_number"] = Cards.UzcardPhone,
                        ["amount"] = 100_000,
                        ["vendor_id"] = Cards.VendorId,
                        ["product"] = "order-1",
                        ["hold"] = false,
                        ["holding_time"] = 3_600,
                        ["after_expired"] = "cancel",
                    }, new Dictionary<string, string> { [CardTokenHeader] = token });
                }

            case Reverse:
                {
                    var bankTransactionId = await PrepareByCardNumber(hold: false);
                    var paid = await gateway.Ok(ConfirmPayment, new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp });
                    var transactionId = long.Parse(paid["details"]!["transaction_id"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                    return new(Reverse, new JsonObject { ["transaction_id"] = transactionId }, null);
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "no such scenario");
        }
    }

    private async Task<(string CardId, string Token)> RegisterAndConfirm(string pan, string expiry, string phone)
    {
        var registered = await gateway.Ok(Registration, new { phone_number = phone, card_number = pan, card_expire = expiry });
        var cardId = registered["id"]!.GetValue<string>();
        var confirmed = await gateway.Ok(CardConfirm, new { card_id = cardId, confirmation_code = Cards.FixedOtp });
        return (cardId, confirmed["card_token"]!.GetValue<string>());
    }

    private async Task<long> PrepareByCardNumber(bool hold)
    {
        var prepared = await gateway.Ok(Prepare, new
        {
            card_number = Cards.UzcardPan,
            card_expire = Cards.UzcardExpiry,
            phone_number = Cards.UzcardPhone,
            amount = 100_000,
            vendor_id = Cards.VendorId,
            product = "order-1",
            hold,
        });
        return prepared["bank_transaction_id"]!.GetValue<long>();
    }

    /// <summary>Checks that a call with an id param acted on the transaction with that id.</summary>
    private async Task ShouldHaveActedOn(string scenario, JsonObject result, long id)
    {
        var text = id.ToString(CultureInfo.InvariantCulture);
        switch (scenario)
        {
            case ConfirmPayment:
                result["details"]!["bank_transaction_id"]!.GetValue<string>().Should().Be(text);
                (await gateway.Transaction(id))["status"]!.GetValue<int>().Should().Be(2);
                break;
            case HoldConfirm:
                result["status"]!.GetValue<int>().Should().Be(2);
                (await gateway.Transaction(id))["status"]!.GetValue<int>().Should().Be(2);
                break;
            case CheckPayment:
                result["bank_transaction_id"]!.GetValue<string>().Should().Be(text);
                result["status"]!.GetValue<string>().Should().Be("1");
                break;
            case Reverse:
                result["transaction_id"]!.GetValue<long>().Should().Be(id);
                var transactions = (await gateway.Control(HttpMethod.Get, "transactions"))["transactions"]!.AsArray();
                transactions.Single(t => t!["transaction_id"]!.GetValue<long>() == id)!["status"]!.GetValue<int>().Should().Be(3);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "not a scenario with an id param");
        }
    }

    private static JsonObject Clone(JsonObject value) => (JsonObject)value.DeepClone();

    private static JsonObject With(JsonObject value, string param, JsonNode? replacement)
    {
        var copy = Clone(value);
        copy[param] = replacement;
        return copy;
    }
}
