using System.Text.Json.Nodes;

namespace PaySys.Scenarios.Model;

/// <summary>
/// One scenario file, loaded and checked: its name, tags, initial variables and steps in order. <see cref="File"/>
/// is the file as reports name it; <see cref="Key"/> its path under the folder it was found in, without
/// extension (names its tenant, seeds its fakes).
/// </summary>
public sealed record Scenario(
    string File,
    string Key,
    string Name,
    string? Description,
    IReadOnlyList<string> Tags,
    IReadOnlyList<ScenarioVariable> Vars,
    IReadOnlyList<Step> Steps);

/// <summary>A <c>vars</c> entry; its value may use <c>${fake.*}</c> and earlier variables.</summary>
public sealed record ScenarioVariable(string Name, JsonNode? Value, SourceLocation Location);
