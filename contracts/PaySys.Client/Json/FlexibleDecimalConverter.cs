using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaySys.Client.Json;

/// <summary>
/// Reads a JSON number or a numeric string as <see cref="decimal"/>: <c>paysys.invoice_create</c> takes
/// <c>"amount": 1000.22</c> and answers <c>"amount": "1000.22"</c>. Writes a JSON number.
/// </summary>
public sealed class FlexibleDecimalConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var number))
        {
            return number;
        }

        if (reader.TokenType == JsonTokenType.String && decimal.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw new JsonException($"expected a number or a numeric string, got {reader.TokenType}");
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value);
}
