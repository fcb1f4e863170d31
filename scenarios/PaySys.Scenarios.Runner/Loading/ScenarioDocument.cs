using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace PaySys.Scenarios.Loading;

// A scenario file as it is written, member for member with contracts/scenario.schema.json. These records are only
// ever filled from a file the schema has accepted, so they hold no rules of their own; ScenarioLoader turns them
// into the model (Model/), adding what a file does not say (its positions, the defaults).

internal sealed record ScenarioDocument(string Name, string? Description, List<string>? Tags, List<JsonObject> Steps);

internal sealed record StepDocument(
    string? Name,
    string? Call,
    JsonNode? Params,
    Dictionary<string, string>? Headers,
    JsonNode? Id,
    JsonNode? Auth,
    string? Raw,
    string? ContentType,
    JsonObject? Expect,
    Dictionary<string, string>? Save,
    OtpDocument? Otp,
    ClockDocument? Clock,
    JsonObject? Fault,
    HttpDocument? Http,
    PollDocument? Poll,
    ControlDocument? Control,
    SnapshotDocument? Snapshot);

internal sealed record ExpectDocument(JsonNode? Error, JsonNode? Result, int? HttpStatus, string? Transport);

internal sealed record ErrorDocument(int Code, JsonNode? Message, JsonNode? Data);

internal sealed record AuthDocument(string ServiceId, string Secret);

internal sealed record OtpDocument(JsonNode? Reference, string? Phone, string Save);

internal sealed record ClockDocument(JsonNode? Advance, JsonNode? Set);

internal sealed record SnapshotDocument(string? Save, string? Restore);

internal sealed record HttpDocument(
    string? Method,
    string? Url,
    string? Path,
    Dictionary<string, JsonNode?>? Form,
    HttpExpectDocument? Expect,
    Dictionary<string, string>? Save);

internal sealed record HttpExpectDocument(int? Status, JsonNode? Contains, JsonNode? NotContains);

internal sealed record PollDocument(
    string Call,
    JsonNode? Params,
    Dictionary<string, string>? Headers,
    JsonObject Until,
    long? Advance,
    int? Tries,
    Dictionary<string, string>? Save);

internal sealed record ControlDocument(string Method, string Path, JsonNode? Body, ControlExpectDocument? Expect, Dictionary<string, string>? Save);

internal sealed record ControlExpectDocument(int? Status, JsonNode? Body);

/// <summary>Source-generated (no reflection), so the loader can run inside a Native-AOT binary.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ScenarioDocument))]
[JsonSerializable(typeof(StepDocument))]
[JsonSerializable(typeof(ExpectDocument))]
[JsonSerializable(typeof(ErrorDocument))]
[JsonSerializable(typeof(AuthDocument))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class ScenarioDocumentContext : JsonSerializerContext;
