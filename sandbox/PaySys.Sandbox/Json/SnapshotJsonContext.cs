using System.Text.Json.Serialization;
using PaySys.Sandbox.Control;
using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.Json;

/// <summary>
/// The snapshot document (contracts/snapshot.schema.json) and its control views. Stricter than the other bodies on
/// purpose: a snapshot replaces a whole tenant, so a member left out, a null where a value belongs or a member this
/// version does not know is refused, never read as a default.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(TenantSnapshot))]
[JsonSerializable(typeof(SnapshotList))]
[JsonSerializable(typeof(SnapshotSaved))]
public sealed partial class SnapshotJsonContext : JsonSerializerContext;
