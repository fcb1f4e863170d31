namespace PaySys.Contract.Tests.Infrastructure;

/// <summary>
/// A gateway response that breaks the contract: thrown by <see cref="SchemaValidatingHandler"/> instead of
/// handing the response to the client, so the call (and the test) fails. The message names the method, every
/// offending JSON path and the body, card numbers masked.
/// </summary>
public sealed class ContractViolationException : Exception
{
    public ContractViolationException()
    {
    }

    public ContractViolationException(string message)
        : base(message)
    {
    }

    public ContractViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ContractViolationException(string method, IReadOnlyList<ContractProblem> problems, string maskedBody)
        : base(Describe(method, problems, maskedBody))
    {
        Method = method;
        Problems = problems;
        MaskedBody = maskedBody;
    }

    /// <summary>The JSON-RPC method of the request ("(unknown)" when the request named none).</summary>
    public string Method { get; } = "(unknown)";

    public IReadOnlyList<ContractProblem> Problems { get; } = [];

    /// <summary>The response body with card numbers and tokens masked.</summary>
    public string MaskedBody { get; } = "";

    private static string Describe(string method, IReadOnlyList<ContractProblem> problems, string maskedBody) =>
        $"{method}: the response breaks the contract{Environment.NewLine}" +
        string.Concat(problems.Select(p => $"  {p}{Environment.NewLine}")) +
        $"  body: {maskedBody}";
}

/// <summary>One broken rule: where in the response (a JSON path from <c>$</c>, the envelope) and what.</summary>
public sealed record ContractProblem(string Path, string Problem)
{
    public override string ToString() => $"{Path}: {Problem}";
}
