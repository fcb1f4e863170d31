using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using PaySys.Sandbox.Domain;
using PaySys.Sandbox.Hosting;
using PaySys.Sandbox.Json;
using PaySys.Sandbox.Tenants;

namespace PaySys.Sandbox.Control;

/// <summary>A named snapshot as GET /_sandbox/snapshots lists it (saved_at: unix seconds on the virtual clock).</summary>
public sealed record SnapshotSaved(string Name, long SavedAt, long Bytes);

public sealed record SnapshotList(IReadOnlyList<SnapshotSaved> Snapshots);

/// <summary>
/// The snapshot routes (their lines are in <see cref="ControlApi"/>'s route table): export, import, and named snapshots
/// kept in memory per tenant (<see cref="SnapshotShelf"/>'s bounds). An import is checked whole before anything changes.
/// </summary>
public static class SnapshotControl
{
    public static IResult Export(TenantScope scope) =>
        TypedResults.Bytes(Write(scope.Tenant.Export()), "application/json");

    public static async Task<IResult> Import(TenantScope scope, HttpRequest request, HostedPages pages)
    {
        // A snapshot is bigger than a gateway call: its own bound, the same as all of a tenant's named snapshots.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = SnapshotShelf.MaxBytes;
        }

        using var buffer = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TypedResults.Json(new TransportError($"a snapshot is at most {SnapshotShelf.MaxBytes} bytes"),
                SandboxJsonContext.Default.TransportError, statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        return Restore(scope, buffer.ToArray(), pages);
    }

    public static IResult Save(string name, TenantScope scope)
    {
        if (SnapshotShelf.NameProblem(name) is { } invalid)
        {
            return TypedResults.BadRequest(new TransportError(invalid));
        }

        var snapshot = scope.Tenant.Export();
        var saved = new NamedSnapshot(name, snapshot.Clock.Now, Write(snapshot));
        return scope.Tenant.Snapshots.Save(saved) is { } refused
            ? TypedResults.BadRequest(new TransportError(refused))
            : TypedResults.Json(View(saved), SnapshotJsonContext.Default.SnapshotSaved);
    }

    public static IResult RestoreNamed(string name, TenantScope scope, HostedPages pages) =>
        scope.Tenant.Snapshots.Find(name) is { } saved
            ? Restore(scope, saved.Document, pages)
            : TypedResults.NotFound(new TransportError($"no snapshot named {Shorten(name)} in service {scope.ServiceId}"));

    public static IResult List(TenantScope scope) =>
        TypedResults.Json(new SnapshotList([.. scope.Tenant.Snapshots.All().Select(View)]), SnapshotJsonContext.Default.SnapshotList);

    public static IResult Delete(string name, TenantScope scope) =>
        scope.Tenant.Snapshots.Delete(name)
            ? List(scope)
            : TypedResults.NotFound(new TransportError($"no snapshot named {Shorten(name)} in service {scope.ServiceId}"));

    /// <summary>The document as UTF-8 JSON: what GET answers, named snapshots keep and the state directory stores.</summary>
    public static byte[] Write(TenantSnapshot snapshot) => JsonSerializer.SerializeToUtf8Bytes(snapshot, SnapshotJsonContext.Default.TenantSnapshot);

    /// <summary>Reads a document, or says what is wrong with it (never a .NET type name).</summary>
    public static TenantSnapshot? Read(ReadOnlySpan<byte> utf8, out string? problem)
    {
        try
        {
            using (var document = JsonDocument.Parse(utf8.ToArray()))
            {
                // The version first: a document of another version fails on its version, not on a member it renamed.
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    problem = "a snapshot is a JSON object";
                    return null;
                }

                if (!document.RootElement.TryGetProperty("version", out var version) || !version.TryGetInt32(out var number))
                {
                    problem = "the snapshot has no integer version";
                    return null;
                }

                if (number != TenantSnapshot.CurrentVersion)
                {
                    problem = $"version {number} is not supported; this sandbox reads version {TenantSnapshot.CurrentVersion}";
                    return null;
                }
            }

            if (DuplicateMembers.In(utf8.ToArray()) is { } duplicate)
            {
                problem = $"member '{Shorten(duplicate)}' appears more than once";
                return null;
            }

            var snapshot = JsonSerializer.Deserialize(utf8, SnapshotJsonContext.Default.TenantSnapshot);
            problem = snapshot is null ? "a snapshot is a JSON object" : ContentProblem(snapshot);
            return problem is null ? snapshot : null;
        }
        catch (JsonException e)
        {
            problem = $"the snapshot is not valid: {Describe(e)} at {e.Path ?? "$"}";
            return null;
        }
    }

    /// <summary>
    /// Replaces <paramref name="tenant"/>'s state with <paramref name="snapshot"/>'s and hands its pay-page and receipt
    /// links to it, or says why not (then nothing changed). The import routes and the state directory both restore here.
    /// </summary>
    public static string? Apply(Tenant tenant, TenantSnapshot snapshot, HostedPages pages) =>
        tenant.Replace(snapshot, alsoAdopt: () =>
        {
            pages.Forget(tenant);
            pages.Adopt(tenant, snapshot.Payments.Select(p => p.ReceiptId).OfType<string>(), snapshot.Invoices.Select(i => i.Hash));
        });

    private static IResult Restore(TenantScope scope, byte[] utf8, HostedPages pages)
    {
        var snapshot = Read(utf8, out var problem);
        if (snapshot is null)
        {
            return TypedResults.BadRequest(new TransportError(problem!));
        }

        return Apply(scope.Tenant, snapshot, pages) is { } refused
            ? TypedResults.BadRequest(new TransportError(refused))
            : TypedResults.Json(new ResetView("restored", scope.ServiceId), SandboxJsonContext.Default.ResetView);
    }

    /// <summary>What the control API's own checks say about the cards and callback URLs in a snapshot.</summary>
    private static string? ContentProblem(TenantSnapshot snapshot)
    {
        foreach (var (card, index) in snapshot.Cards.Select((c, i) => (c, i)))
        {
            if (ControlRequests.CardSpecProblem(card.Spec) is { } invalid)
            {
                return $"cards[{index}].spec: {invalid}";
            }
        }

        var endpoints = snapshot.Callbacks.Endpoints;
        foreach (var (setting, url) in new[]
        {
            ("info_url", endpoints.InfoUrl), ("pay_url", endpoints.PayUrl), ("notify_url", endpoints.NotifyUrl),
            ("cancel_url", endpoints.CancelUrl), ("statement_url", endpoints.StatementUrl),
        })
        {
            if (CallbackOptions.UrlProblem(url) is { } why)
            {
                return $"callbacks.endpoints.{setting}: {why}";
            }
        }

        return null;
    }

    private static string Describe(JsonException e) =>
        e.Message.Contains("missing required properties", StringComparison.Ordinal) ? "a required member is missing"
        : e.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "a member this version does not know"
        : e.Message.Contains("null", StringComparison.OrdinalIgnoreCase) ? "null where a value is needed"
        : e.Path is null ? "not JSON" : "a value of the wrong type";

    private static SnapshotSaved View(NamedSnapshot saved) => new(saved.Name, saved.SavedAt.ToUnixTimeSeconds(), saved.Document.Length);

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
