using System.Globalization;
using PaySys.Scenarios.Engine;
using Spectre.Console;

namespace PaySys.Scenarios.Reporting;

/// <summary>
/// Methods × error codes: every gateway method with whether it answered a result and which codes it answered,
/// then every code of contracts/errors.json with the methods that produced it. Unhit rows are marked.
/// </summary>
public static class CoverageTable
{
    private const string Hit = "[green]✓[/]";
    private const string Missed = "[red]✗[/]";

    public static void Write(IAnsiConsole console, Coverage coverage, Contracts contracts)
    {
        var methods = new Table().Title("Coverage: gateway methods").AddColumns("method", "result", "error codes answered");
        foreach (var method in contracts.Methods)
        {
            var codes = coverage.CodesOf(method);
            methods.AddRow(
                Markup.Escape(method),
                coverage.Succeeded(method) ? Hit : Missed,
                codes.Count == 0 ? "[grey]none[/]" : string.Join(" ", codes.Select(c => c.ToString(CultureInfo.InvariantCulture))));
        }

        var others = coverage.Methods.Except(contracts.Methods, StringComparer.Ordinal).ToList();
        if (others.Count > 0)
        {
            methods.AddRow("[grey]other (envelope, unknown)[/]", "", Markup.Escape(string.Join(", ", others.Select(m => $"{m}: {string.Join(" ", coverage.CodesOf(m))}"))));
        }

        console.Write(methods);

        var codesTable = new Table().Title("Coverage: error codes (contracts/errors.json)").AddColumns("code", "name", "hit", "by");
        foreach (var error in contracts.Errors)
        {
            var by = coverage.MethodsWith(error.Code);
            codesTable.AddRow(
                error.Code.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(error.Name),
                by.Count > 0 ? Hit : Missed,
                Markup.Escape(string.Join(", ", by)));
        }

        console.Write(codesTable);

        var methodsHit = contracts.Methods.Count(coverage.Succeeded);
        var codesHit = contracts.Errors.Count(e => coverage.MethodsWith(e.Code).Count > 0);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"coverage: {methodsHit}/{contracts.Methods.Count} methods answered a result, {codesHit}/{contracts.Errors.Count} error codes hit"));
    }
}
