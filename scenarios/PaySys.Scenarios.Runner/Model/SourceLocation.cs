namespace PaySys.Scenarios.Model;

/// <summary>Where something is in a scenario file: 1-based line and column, as editors count them.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
