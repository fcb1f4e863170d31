using System.Text.RegularExpressions;

namespace PaySys.Sandbox.Tests;

/// <summary>
/// The README stays what a newcomer reads in the first hour (issue 20 item 6): short, with a contents list that
/// names every section, and with links that lead somewhere. Depth lives in docs/, whose links are checked too.
/// </summary>
public sealed partial class ReadmeShapeTests
{
    private const int MostLines = 500;

    private static readonly string Root = ReadmeWalkTests.RepositoryRoot();

    [Fact]
    public void The_readme_is_short_enough_to_read()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "README.md")).Length;
        lines.Should().BeLessThanOrEqualTo(MostLines, "depth belongs in docs/, linked from the README");
    }

    [Fact]
    public void The_contents_list_names_every_section_in_order()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var sections = Section().Matches(readme).Select(m => m.Groups[1].Value).Where(title => title != "Contents").ToList();
        var listed = ContentsEntry().Matches(readme).Select(m => m.Groups[1].Value).ToList();

        listed.Should().Equal(sections);
    }

    [Fact]
    public void Every_relative_link_of_the_readme_and_the_docs_leads_to_a_file()
    {
        var pages = Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Append(Path.Combine(Root, "README.md"));
        var broken = (
            from page in pages
            from Match link in Link().Matches(File.ReadAllText(page))
            let target = link.Groups[1].Value.Split('#')[0]
            where target.Length > 0 && !target.Contains("://", StringComparison.Ordinal)
            let path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, target))
            where !File.Exists(path) && !Directory.Exists(path)
            select $"{Path.GetRelativePath(Root, page)}: {link.Groups[1].Value}").ToList();

        broken.Should().BeEmpty();
    }

    [GeneratedRegex(@"^## (.+)$", RegexOptions.Multiline)]
    private static partial Regex Section();

    [GeneratedRegex(@"^- \[(.+?)\]\(#", RegexOptions.Multiline)]
    private static partial Regex ContentsEntry();

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex Link();
}
