using System.Buffers;
using System.Text.Json;
using PaySys.Sandbox.Json;

namespace PaySys.Sandbox.Contracts;

/// <summary>
/// contracts/openrpc.json as rpc.discover serves it. The file points at its schemas with
/// <c>{"$ref": "schemas/{file}#{pointer}"}</c>, which a caller of the gateway could not resolve, so every such
/// object is replaced by the embedded schema (or the part of it the pointer names): the served document is
/// self-contained. Built once, as UTF-8 bytes that the gateway writes raw (no reflection, no re-serialising).
/// </summary>
public static class OpenRpcDocument
{
    /// <summary>OpenRPC's service-discovery method; not one of the gateway's methods and not listed in the document.</summary>
    public const string DiscoverMethod = "rpc.discover";

    private const string SchemaReferencePrefix = "schemas/";

    public static ReadOnlyMemory<byte> Json { get; } = Build();

    private static byte[] Build()
    {
        var schemas = new Dictionary<string, JsonDocument>(StringComparer.Ordinal);
        try
        {
            using var document = EmbeddedContracts.ReadDocument(EmbeddedContracts.OpenRpcResource);
            var buffer = new ArrayBufferWriter<byte>(64 * 1024);
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = SandboxJsonContext.Relaxed.Options.Encoder }))
            {
                WriteInlined(writer, document.RootElement, schemas);
            }

            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            foreach (var schema in schemas.Values)
            {
                schema.Dispose();
            }
        }
    }

    private static void WriteInlined(Utf8JsonWriter writer, JsonElement element, Dictionary<string, JsonDocument> schemas)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when SchemaReference(element) is { } reference:
                // The schema files hold no schemas/ references of their own, so this does not recurse further.
                WriteInlined(writer, Resolve(reference, schemas), schemas);
                break;
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    WriteInlined(writer, property.Value, schemas);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteInlined(writer, item, schemas);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    /// <summary>The reference of an object that is exactly <c>{"$ref": "schemas/…"}</c>, else null.</summary>
    private static string? SchemaReference(JsonElement element)
    {
        using var properties = element.EnumerateObject();
        return properties.MoveNext() &&
            properties.Current is { Name: "$ref", Value.ValueKind: JsonValueKind.String } only &&
            !properties.MoveNext() &&
            only.Value.GetString() is { } reference &&
            reference.StartsWith(SchemaReferencePrefix, StringComparison.Ordinal)
                ? reference
                : null;
    }

    /// <summary>"schemas/x.json#/properties/y" → the element at /properties/y of the embedded contracts/schemas/x.json.</summary>
    private static JsonElement Resolve(string reference, Dictionary<string, JsonDocument> schemas)
    {
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var resource = "contracts/" + (hash < 0 ? reference : reference[..hash]);
        if (!schemas.TryGetValue(resource, out var schema))
        {
            schema = EmbeddedContracts.ReadDocument(resource);
            schemas.Add(resource, schema);
        }

        var element = schema.RootElement;
        var pointer = hash < 0 ? "" : reference[(hash + 1)..];
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                throw new InvalidOperationException($"contracts/openrpc.json refers to '{reference}', which the embedded schema does not have.");
            }
        }

        return element;
    }
}
