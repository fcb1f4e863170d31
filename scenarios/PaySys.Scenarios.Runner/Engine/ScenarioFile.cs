namespace PaySys.Scenarios.Engine;

/// <summary>
/// A scenario file found for a run. <see cref="Display"/> is how reports name it, <see cref="Key"/> its path
/// under the folder it was found in (without extension: names its tenant, seeds its fakes), <see cref="Folder"/>
/// its JUnit classname (the folder, with dots).
/// </summary>
public sealed record ScenarioFile(string Path, string Display, string Key, string Folder);
