namespace PaySys.Scenarios.Engine;

/// <summary>What a step sent and received, line by line, for the console and JUnit; card numbers are masked when written.</summary>
public sealed class StepLog
{
    private readonly List<string> lines = [];

    public IReadOnlyList<string> Lines => lines;

    public void Sent(string text) => lines.Add("→ " + PanMask.Apply(text));

    public void Received(string text) => lines.Add("← " + PanMask.Apply(text));

    public void Note(string text) => lines.Add("  " + PanMask.Apply(text));
}
