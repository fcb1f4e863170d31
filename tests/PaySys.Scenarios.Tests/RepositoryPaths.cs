namespace PaySys.Scenarios.Tests;

/// <summary>The repository's folders, found from the test assembly upwards (the folder with PaySysSandbox.sln).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Scenarios => Path.Combine(Root, "scenarios");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PaySysSandbox.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no PaySysSandbox.sln above {AppContext.BaseDirectory}");
    }
}
