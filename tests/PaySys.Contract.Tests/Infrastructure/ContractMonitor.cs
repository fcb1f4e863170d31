namespace PaySys.Contract.Tests.Infrastructure;

/// <summary>
/// What <see cref="SchemaValidatingHandler"/> saw: every validated response and every violation, and the
/// mx_ids so far (each must be fresh). Shared by every handler of one target; thread-safe.
/// </summary>
public sealed class ContractMonitor
{
    private readonly Lock gate = new();
    private readonly List<CheckedResponse> responses = [];
    private readonly List<ContractViolationException> violations = [];
    private readonly HashSet<string> mxIds = new(StringComparer.Ordinal);

    public IReadOnlyList<CheckedResponse> Responses
    {
        get
        {
            lock (gate)
            {
                return [.. responses];
            }
        }
    }

    public IReadOnlyList<ContractViolationException> Violations
    {
        get
        {
            lock (gate)
            {
                return [.. violations];
            }
        }
    }

    /// <summary>False when <paramref name="mxId"/> was seen before: mx_id must be fresh on every response.</summary>
    public bool IsFreshMxId(string mxId)
    {
        lock (gate)
        {
            return mxIds.Add(mxId);
        }
    }

    public void Record(CheckedResponse response, ContractViolationException? violation)
    {
        lock (gate)
        {
            responses.Add(response);
            if (violation is not null)
            {
                violations.Add(violation);
            }
        }
    }

    /// <summary>
    /// Marks where a test starts; <see cref="ContractScope.Dispose"/> fails the test if the handler found a
    /// violation since (even one the test caught) or validated no gateway response at all.
    /// </summary>
    public ContractScope BeginScope()
    {
        lock (gate)
        {
            return new ContractScope(this, responses.Count, violations.Count);
        }
    }
}

/// <summary>A gateway response as the handler checked it: the method, and the error code or null for a result.</summary>
public sealed record CheckedResponse(string Method, int? ErrorCode, bool Valid);

/// <summary>One test's share of a <see cref="ContractMonitor"/>.</summary>
public sealed class ContractScope(ContractMonitor monitor, int firstResponse, int firstViolation) : IDisposable
{
    /// <summary>The responses validated since the scope began.</summary>
    public IReadOnlyList<CheckedResponse> Responses => [.. monitor.Responses.Skip(firstResponse)];

    public void Dispose()
    {
        var violations = monitor.Violations.Skip(firstViolation).ToList();
        if (violations.Count > 0)
        {
            throw new ContractViolationException(
                $"{violations.Count} response(s) broke the contract during this test:{Environment.NewLine}" +
                string.Join(Environment.NewLine, violations.Select(v => v.Message)));
        }

        if (Responses.Count == 0)
        {
            throw new InvalidOperationException("the schema-validating handler saw no gateway response during this test: is it in the client's pipeline?");
        }
    }
}
