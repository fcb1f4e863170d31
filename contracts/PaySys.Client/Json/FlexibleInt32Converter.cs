using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaySys.Client.Json;

/// <summary>
/// Reads a JSON integer or a string of digits as <see cref="int"/>: <c>pam.check_payment</c> documents
/// <c>"status": "2"</c> where every other method sends <c>"status": 2</c>. Writes a JSON integer.
/// </summary>
public sealed class FlexibleInt32Converter : JsonConverter<int>
{
    public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number))
        {
            return number;
        }

        if (reader.TokenType == JsonTokenType.String && int.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw new JsonException($"expected an integer or a string of digits, got {reader.TokenType}");
    }

    public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value);
}
