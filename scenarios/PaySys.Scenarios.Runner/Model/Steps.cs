using System.Text.Json.Nodes;

namespace PaySys.Scenarios.Model;

/// <summary>A step of a scenario: exactly one kind, an optional display name, and where it starts in its file.</summary>
public abstract record Step(string? Name, SourceLocation Location)
{
    /// <summary>The step's key in the file: call, otp, clock, fault, http, poll or control.</summary>
    public abstract string Kind { get; }

    /// <summary>True when the step refers to <c>${now}</c>, so the runner reads the tenant's clock before it runs.</summary>
    public bool ReadsNow { get; init; }
}

/// <summary>A JSON-RPC request as a <c>call</c> or <c>poll</c> step describes it (before interpolation).</summary>
public sealed record CallRequest(
    string Method,
    JsonNode? Params,
    bool HasParams,
    IReadOnlyDictionary<string, string> Headers,
    JsonNode? Id,
    bool HasId,
    AuthSpec Auth,
    string? Raw,
    string? ContentType);

/// <summary>How a call signs its Auth header.</summary>
public enum AuthMode
{
    /// <summary>The tenant's own valid signature (the default).</summary>
    Tenant,

    /// <summary>No Auth header at all.</summary>
    None,

    /// <summary>A valid hash over a timestamp 10 minutes old.</summary>
    Stale,

    /// <summary>The right timestamp with a hash that is not the secret's.</summary>
    Wrong,

    /// <summary>Signed as another service: <see cref="AuthSpec.ServiceId"/> with <see cref="AuthSpec.Secret"/>.</summary>
    Other,
}

public sealed record AuthSpec(AuthMode Mode, string? ServiceId = null, string? Secret = null)
{
    public static AuthSpec Default { get; } = new(AuthMode.Tenant);
}

/// <summary>
/// What a call must answer. No member set means "must succeed". Error, result, HTTP status and transport
/// failure are checked independently, so <c>{http_status: 200, error: -32700}</c> says both.
/// </summary>
public sealed record Expectation(
    int? ErrorCode,
    JsonNode? ErrorMessage,
    bool HasErrorMessage,
    JsonNode? ErrorData,
    bool HasErrorData,
    JsonNode? Result,
    bool HasResult,
    int? HttpStatus,
    string? Transport)
{
    public static Expectation Success { get; } = new(null, null, false, null, false, null, false, null, null);

    public bool ExpectsError => ErrorCode is not null;
}

public sealed record CallStep(
    string? Name,
    SourceLocation Location,
    CallRequest Request,
    Expectation Expect,
    IReadOnlyDictionary<string, string> Save) : Step(Name, Location)
{
    public override string Kind => "call";
}

public sealed record PollStep(
    string? Name,
    SourceLocation Location,
    CallRequest Request,
    Expectation Until,
    long AdvanceSeconds,
    int Tries,
    IReadOnlyDictionary<string, string> Save) : Step(Name, Location)
{
    public const long DefaultAdvance = 10;
    public const int DefaultTries = 10;

    public override string Kind => "poll";
}

/// <summary>Reads the newest SMS code about a reference (card id, bank_transaction_id) or to a phone.</summary>
public sealed record OtpStep(string? Name, SourceLocation Location, JsonNode? Reference, string? Phone, string SaveAs) : Step(Name, Location)
{
    public override string Kind => "otp";
}

/// <summary>Moves the tenant's virtual clock: <see cref="Advance"/> seconds, or <see cref="Set"/> to a Unix time or ISO date.</summary>
public sealed record ClockStep(string? Name, SourceLocation Location, JsonNode? Advance, JsonNode? Set) : Step(Name, Location)
{
    public override string Kind => "clock";
}

/// <summary>Keeps the tenant's state under <see cref="SnapshotName"/>, or puts that saved state back (<see cref="Restore"/>).</summary>
public sealed record SnapshotStep(string? Name, SourceLocation Location, string SnapshotName, bool Restore) : Step(Name, Location)
{
    public override string Kind => "snapshot";
}

/// <summary>Adds a fault rule (<see cref="Rule"/>, the control API's body) or clears them all.</summary>
public sealed record FaultStep(string? Name, SourceLocation Location, bool Clear, JsonObject Rule) : Step(Name, Location)
{
    public override string Kind => "fault";
}

public sealed record HttpExpectation(int? Status, IReadOnlyList<string> Contains, IReadOnlyList<string> NotContains);

/// <summary>Fetches a page (pay page, receipt): GET, or POST of a form; <see cref="Save"/> maps variables to regexes.</summary>
public sealed record HttpStep(
    string? Name,
    SourceLocation Location,
    string Method,
    string? Url,
    string? Path,
    IReadOnlyDictionary<string, JsonNode?> Form,
    HttpExpectation Expect,
    IReadOnlyDictionary<string, string> Save) : Step(Name, Location)
{
    public override string Kind => "http";
}

/// <summary>Any control-API call under /_sandbox, scoped to the tenant.</summary>
public sealed record ControlStep(
    string? Name,
    SourceLocation Location,
    string Method,
    string Path,
    JsonNode? Body,
    bool HasBody,
    int? ExpectStatus,
    JsonNode? ExpectBody,
    bool HasExpectBody,
    IReadOnlyDictionary<string, string> Save) : Step(Name, Location)
{
    public override string Kind => "control";
}
