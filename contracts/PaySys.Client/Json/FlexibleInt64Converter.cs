using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaySys.Client.Json;

/// <summary>
/// Reads a JSON integer or a string of digits as <see cref="long"/>: the PaySys docs send ids and amounts both
/// ways (<c>"transaction_id": "167075"</c> beside <c>"transaction_id": 2355076</c>). Writes a JSON integer.
/// </summary>
public sealed class FlexibleInt64Converter : JsonConverter<long>
{
    public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number))
        {
            return number;
        }

        if (reader.TokenType == JsonTokenType.String && long.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw new JsonException($"expected an integer or a string of digits, got {reader.TokenType}");
    }

    public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value);
}
