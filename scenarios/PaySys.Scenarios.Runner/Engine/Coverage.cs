using System.Collections.Concurrent;

namespace PaySys.Scenarios.Engine;

/// <summary>Which gateway methods answered with a result, and which error codes came back from which method; shared by all files of a run.</summary>
public sealed class Coverage
{
    private readonly ConcurrentDictionary<(string Method, int? Code), int> hits = new();

    /// <summary>Counts one answer: <paramref name="code"/> null for a result.</summary>
    public void Record(string method, int? code) => hits.AddOrUpdate((method, code), 1, (_, n) => n + 1);

    public void RecordAnswer(string method, CallOutcome outcome)
    {
        if (outcome.Error is { } error)
        {
            Record(method, error.Code);
        }
        else if (outcome.Transport is null && outcome.HttpStatus == 200)
        {
            Record(method, null);
        }
    }

    public bool Succeeded(string method) => hits.ContainsKey((method, null));

    /// <summary>The methods that answered <paramref name="code"/>, in name order.</summary>
    public IReadOnlyList<string> MethodsWith(int code) =>
        [.. hits.Keys.Where(k => k.Code == code).Select(k => k.Method).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The codes <paramref name="method"/> answered, in numeric order.</summary>
    public IReadOnlyList<int> CodesOf(string method) =>
        [.. hits.Keys.Where(k => k.Method == method && k.Code is not null).Select(k => k.Code!.Value).Distinct().Order()];

    public IReadOnlyList<string> Methods => [.. hits.Keys.Select(k => k.Method).Distinct().Order(StringComparer.Ordinal)];
}
