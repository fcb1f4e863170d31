using PaySys.Scenarios.Model;

namespace PaySys.Scenarios.Loading;

/// <summary>One thing wrong in a scenario file, at the place an editor can jump to.</summary>
public sealed record LoadProblem(SourceLocation Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}

/// <summary>A scenario file that cannot be run; <see cref="Exception.Message"/> lists every problem as <c>file:line:col: what</c>.</summary>
public sealed class ScenarioLoadException : Exception
{
    public ScenarioLoadException()
        : this([])
    {
    }

    public ScenarioLoadException(string message)
        : base(message)
    {
        Problems = [];
    }

    public ScenarioLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public ScenarioLoadException(IReadOnlyList<LoadProblem> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<LoadProblem> Problems { get; }
}
