using System.Globalization;
using System.Text.RegularExpressions;

namespace PaySys.Scenarios.Tests;

/// <summary>scenarios/README.md's library section says how many files there are and in which folders: it must stay true.</summary>
public sealed partial class ScenarioReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryPaths.Scenarios, "README.md"));

    private static Dictionary<string, int> Folders() =>
        Directory.EnumerateDirectories(RepositoryPaths.Scenarios)
            .Select(d => (Name: Path.GetFileName(d), Count: Directory.EnumerateFiles(d, "*.yaml", SearchOption.AllDirectories).Count()))
            .Where(f => f.Count > 0)
            .ToDictionary(f => f.Name, f => f.Count, StringComparer.Ordinal);

    [Fact]
    public void The_file_count_is_the_number_of_scenario_files()
    {
        var said = LibraryCount().Match(Readme);
        said.Success.Should().BeTrue("the library section starts with 'N files, one story each'");

        int.Parse(said.Groups[1].Value, CultureInfo.InvariantCulture).Should().Be(Folders().Values.Sum());
    }

    [Fact]
    public void The_folder_table_lists_every_folder_with_its_count()
    {
        var rows = FolderRow().Matches(Readme).ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);

        rows.Should().Equal(Folders());
    }

    [GeneratedRegex(@"^([0-9]+) files, one story each", RegexOptions.Multiline)]
    private static partial Regex LibraryCount();

    [GeneratedRegex(@"^\| \[`([a-z-]+)/`\]\([a-z-]+/\) \| ([0-9]+) \|", RegexOptions.Multiline)]
    private static partial Regex FolderRow();
}

/// <summary>One spelling per tag across the library: never both a singular and its plural (refund and refunds).</summary>
public sealed class ScenarioTagTests
{
    [Fact]
    public void No_tag_is_the_singular_of_another()
    {
        var tags = Engine.ScenarioFinder.Find([RepositoryPaths.Scenarios], out _)
            .SelectMany(f => Loading.ScenarioLoader.Load(f.Path, f.Display, f.Key).Tags)
            .ToHashSet(StringComparer.Ordinal);

        tags.Where(t => tags.Contains(t + "s")).Should().BeEmpty("a file tagged with the singular is missed by --tag with the plural");
    }
}
