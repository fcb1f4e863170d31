using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace PaySys.Scenarios.Engine;

/// <summary>The runner's one JSON context: scenario values are JsonNodes all the way.</summary>
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class ScenarioJsonContext : JsonSerializerContext;
