using PaySys.Scenarios.Engine;
using PaySys.Scenarios.Loading;

namespace PaySys.Scenarios.Tests;

/// <summary>
/// A scenario's name is its JUnit testcase name and its file stem what people search for: two files telling the
/// same story under one name make a report that cannot say which of them failed.
/// </summary>
public sealed class ScenarioNamesTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("scenario-names-").FullName;

    public void Dispose() => Directory.Delete(folder, true);

    [Fact]
    public void No_two_scenarios_of_the_library_share_a_name_or_a_file_stem()
    {
        var library = LoadAll(RepositoryPaths.Scenarios);

        library.Should().HaveCountGreaterThan(50, "the whole library is loaded, not a folder of it");
        SharedNames(library).Should().BeEmpty();
        SharedStems(library).Should().BeEmpty();
    }

    [Fact]
    public void Two_files_with_one_name_in_different_folders_are_found()
    {
        Write("invoice/pay-page.yaml", "Invoice paid through the pay page");
        Write("invoices/invoice-pay-page.yaml", "invoice paid through the pay page");
        Write("holds/hold-accept.yaml", "Hold, then accept");

        SharedNames(LoadAll(folder)).Should().ContainSingle()
            .Which.Should().Be("invoice paid through the pay page: invoice/pay-page.yaml, invoices/invoice-pay-page.yaml");
    }

    [Fact]
    public void Two_files_with_one_stem_in_different_folders_are_found()
    {
        Write("acquiring/hold-expiry-cancel.yaml", "Hold expires and is cancelled");
        Write("holds/Hold-Expiry-Cancel.yml", "Hold expires with after_expired cancel");
        Write("holds/hold-accept.yaml", "Hold, then accept");

        SharedStems(LoadAll(folder)).Should().ContainSingle()
            .Which.Should().Be("hold-expiry-cancel: acquiring/hold-expiry-cancel.yaml, holds/Hold-Expiry-Cancel.yml");
    }

    /// <summary>Every file under <paramref name="root"/> through the loader, as the runner reads it, with its path under the root.</summary>
    private static List<(string Path, string Name)> LoadAll(string root) =>
        [.. ScenarioFinder.Find([root], out _).Select(file =>
        {
            var relative = Path.GetRelativePath(root, file.Path).Replace('\\', '/');
            return (relative, ScenarioLoader.Load(file.Path, relative, file.Key).Name);
        })];

    /// <summary>Names are compared as a reader would: case and surrounding blanks do not make two stories different.</summary>
    private static List<string> SharedNames(List<(string Path, string Name)> scenarios) =>
        Shared(scenarios, s => s.Name.Trim().ToLowerInvariant());

    private static List<string> SharedStems(List<(string Path, string Name)> scenarios) =>
        Shared(scenarios, s => Path.GetFileNameWithoutExtension(s.Path).ToLowerInvariant());

    private static List<string> Shared(List<(string Path, string Name)> scenarios, Func<(string Path, string Name), string> key) =>
        [.. scenarios
            .GroupBy(key, StringComparer.Ordinal)
            .Where(group => group.Count() > 1)
            .Select(group => $"{group.Key}: {string.Join(", ", group.Select(s => s.Path).Order(StringComparer.Ordinal))}")];

    private void Write(string relativePath, string name)
    {
        var path = Path.Combine(folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $$"""
            name: {{name}}
            steps:
              - clock: { advance: 1 }
            """);
    }
}
