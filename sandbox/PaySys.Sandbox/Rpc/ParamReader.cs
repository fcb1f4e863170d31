using System.Globalization;
using System.Text.Json;
using PaySys.Sandbox.Contracts;
using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.Rpc;

/// <summary>
/// Reads named params of one request. Every problem becomes the catalogue's error with
/// data.param naming the parameter, so callers know exactly what to fix. With <paramref name="digitStrings"/> (the
/// tenant's <see cref="GatewayRules.NumbersAsDigitStrings"/>) numbers may also arrive as strings of digits.
/// </summary>
public readonly struct ParamReader(JsonElement parameters, string prefix = "", bool digitStrings = false)
{
    public const int MaxTextLength = 255;

    private readonly JsonElement parameters = parameters;
    private readonly string prefix = prefix;
    private readonly bool digitStrings = digitStrings;

    /// <summary>A nested object param (e.g. vendor_form); its errors name "vendor_form.account".</summary>
    public ParamReader RequiredObject(string name)
    {
        if (!TryGet(name, out var value))
        {
            throw Missing(Full(name));
        }

        return value.ValueKind == JsonValueKind.Object
            ? new ParamReader(value, Full(name) + ".", digitStrings)
            : throw WrongType(Full(name), "an object", value);
    }

    public static ParamReader Empty => new(default);

    public bool Has(string name) => TryGet(name, out _);

    public string RequiredString(string name, int maxLength = MaxTextLength) =>
        OptionalString(name, maxLength) ?? throw Missing(Full(name));

    public string? OptionalString(string name, int maxLength = MaxTextLength)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw WrongType(Full(name), "a string", value);
        }

        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            throw RpcException.InvalidParam(Full(name), $"{Full(name)} is longer than {maxLength} characters");
        }

        return text;
    }

    /// <summary>An amount in tiyin: a JSON integer greater than zero.</summary>
    public long RequiredAmount(string name)
    {
        if (!TryGet(name, out var value))
        {
            throw Missing(Full(name));
        }

        if (!IsNumber(value))
        {
            throw WrongType(Full(name), digitStrings ? "an integer number of tiyin or a string of digits" : "an integer number of tiyin", value);
        }

        if (!TryGetInt64(value, NumberStyles.None, out var amount))
        {
            throw RpcException.InvalidParam(Full(name), $"{Full(name)} must be a whole number of tiyin that fits in 64 bits");
        }

        return amount > 0 ? amount : throw RpcException.InvalidParam(Full(name), $"{Full(name)} must be greater than 0");
    }

    /// <summary>A decimal amount in major units (1000.22): a JSON number greater than zero with at most two decimals.</summary>
    public decimal RequiredMajorAmount(string name)
    {
        if (!TryGet(name, out var value))
        {
            throw Missing(Full(name));
        }

        if (!IsNumber(value))
        {
            throw WrongType(Full(name), "a decimal number such as 1000.22", value);
        }

        var isDecimal = value.ValueKind == JsonValueKind.Number
            ? value.TryGetDecimal(out var amount)
            : decimal.TryParse(value.GetString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount);
        if (!isDecimal || amount <= 0 || decimal.Round(amount, 2) != amount)
        {
            throw RpcException.InvalidParam(Full(name), $"{Full(name)} must be greater than 0 with at most two decimals, such as 1000.22");
        }

        return amount;
    }

    /// <summary>A JSON integer that may be negative (e.g. payment_id -1).</summary>
    public long RequiredInteger(string name)
    {
        if (!TryGet(name, out var value))
        {
            throw Missing(Full(name));
        }

        return IsNumber(value) && TryGetInt64(value, NumberStyles.AllowLeadingSign, out var number)
            ? number
            : throw WrongType(Full(name), "an integer", value);
    }

    /// <summary>An id: a positive JSON integer or a string of digits (the docs send both).</summary>
    public long RequiredId(string name) => OptionalId(name) ?? throw Missing(Full(name));

    public long? OptionalId(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        var id = 0L;
        var parsed = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt64(out id),
            JsonValueKind.String => long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out id),
            _ => throw WrongType(Full(name), "an integer or a string of digits", value),
        };
        if (!parsed || id <= 0)
        {
            throw RpcException.InvalidParam(Full(name), $"{Full(name)} must be a positive integer or a string of digits");
        }

        return id;
    }

    public bool OptionalBool(string name, bool defaultValue)
    {
        if (!TryGet(name, out var value))
        {
            return defaultValue;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(Full(name), "true or false", value),
        };
    }

    /// <summary>A positive number of seconds, at most <paramref name="max"/>.</summary>
    public long? OptionalSeconds(string name, long max)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (!IsNumber(value) || !TryGetInt64(value, NumberStyles.None, out var seconds))
        {
            throw WrongType(Full(name), "a whole number of seconds", value);
        }

        return seconds > 0 && seconds <= max
            ? seconds
            : throw RpcException.InvalidParam(Full(name), $"{Full(name)} must be between 1 and {max} seconds");
    }

    public string RequiredEnum(string name, params string[] allowed) =>
        OptionalEnum(name, allowed) ?? throw Missing(Full(name));

    public string? OptionalEnum(string name, params string[] allowed)
    {
        var text = OptionalString(name);
        if (text is null || allowed.Contains(text, StringComparer.Ordinal))
        {
            return text;
        }

        throw RpcException.InvalidParam(Full(name), $"{Full(name)} must be one of {string.Join(", ", allowed)}");
    }

    public string RequiredPhone(string name) => OptionalPhone(name) ?? throw Missing(Full(name));

    /// <summary>A phone: 12 digits starting with 998 (<see cref="PhoneNumber"/>).</summary>
    public string? OptionalPhone(string name)
    {
        var phone = OptionalString(name);
        return phone is null || PhoneNumber.TryParse(phone, out _, out var problem)
            ? phone
            : throw RpcException.ForParam(Reasons.InvalidPhone, Full(name), $"{Full(name)} {problem}");
    }

    /// <summary>A card number: 16 digits (<see cref="CardNumber"/>; Luhn is not checked: the docs' own example fails it).</summary>
    public string RequiredCardNumber(string name)
    {
        var pan = RequiredString(name);
        return CardNumber.TryParse(pan, out _, out var problem)
            ? pan
            : throw RpcException.ForParam(Reasons.InvalidCardNumber, Full(name), $"{Full(name)} {problem}");
    }

    /// <summary>A card expiry: YYMM with a month 01–12 (<see cref="CardExpiry"/>).</summary>
    public string RequiredCardExpiry(string name)
    {
        var expiry = RequiredString(name);
        return CardExpiry.TryParse(expiry, out _, out var problem)
            ? expiry
            : throw RpcException.ForParam(Reasons.InvalidCardExpiry, Full(name), $"{Full(name)} {problem}, e.g. {CardExpiry.Example}");
    }

    private string Full(string name) => prefix + name;

    /// <summary>A JSON number, or a string when the tenant reads digit strings as numbers.</summary>
    private bool IsNumber(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number || (digitStrings && value.ValueKind == JsonValueKind.String);

    private static bool TryGetInt64(JsonElement value, NumberStyles styles, out long number) =>
        value.ValueKind == JsonValueKind.Number
            ? value.TryGetInt64(out number)
            : long.TryParse(value.GetString(), styles, CultureInfo.InvariantCulture, out number);

    public static RpcException Missing(string name) =>
        RpcException.InvalidParam(name, $"{name} is required");

    private bool TryGet(string name, out JsonElement value)
    {
        if (parameters.ValueKind == JsonValueKind.Object &&
            parameters.TryGetProperty(name, out value) &&
            value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    private static RpcException WrongType(string name, string expected, JsonElement actual) =>
        RpcException.InvalidParam(name, $"{name} must be {expected}, not {Describe(actual.ValueKind)}");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
