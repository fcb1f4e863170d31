using PaySys.Scenarios.Model;

namespace PaySys.Scenarios.Engine;

/// <summary>One step as it ran: what it sent and received, and why it failed.</summary>
public sealed record StepReport(int Number, string Kind, string Title, SourceLocation Location, IReadOnlyList<string> Lines, string? Failure, TimeSpan Duration)
{
    public bool Passed => Failure is null;
}

/// <summary>
/// One file's outcome: a JUnit testcase. <see cref="Malformed"/> files never ran; their <see cref="Failure"/>
/// lists <c>file:line:col: problem</c> lines.
/// </summary>
public sealed record ScenarioResult(
    ScenarioFile File,
    string Name,
    string? ServiceId,
    IReadOnlyList<StepReport> Steps,
    int StepCount,
    string? Failure,
    bool Malformed,
    TimeSpan Duration)
{
    public bool Passed => Failure is null;

    public static ScenarioResult Unloadable(ScenarioFile file, string problems) =>
        new(file, file.Display, null, [], 0, problems, true, TimeSpan.Zero);
}
