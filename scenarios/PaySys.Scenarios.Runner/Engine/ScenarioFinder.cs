namespace PaySys.Scenarios.Engine;

/// <summary>The scenario files named on the command line: files as given, folders searched for *.yaml and *.yml.</summary>
public static class ScenarioFinder
{
    private static readonly string[] Extensions = [".yaml", ".yml"];

    /// <summary>The files in path order; <paramref name="missing"/> lists inputs that do not exist.</summary>
    public static IReadOnlyList<ScenarioFile> Find(IEnumerable<string> inputs, out IReadOnlyList<string> missing)
    {
        var files = new List<ScenarioFile>();
        var absent = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            IEnumerable<(string Path, string Key)> found;
            if (Directory.Exists(input))
            {
                found = Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
                    .Where(IsScenario)
                    .Order(StringComparer.Ordinal)
                    .Select(f => (f, WithoutExtension(System.IO.Path.GetRelativePath(input, f))));
            }
            else if (File.Exists(input))
            {
                found = [(input, System.IO.Path.GetFileNameWithoutExtension(input))];
            }
            else
            {
                absent.Add(input);
                continue;
            }

            foreach (var (path, key) in found)
            {
                if (!seen.Add(System.IO.Path.GetFullPath(path)))
                {
                    continue;
                }

                var unique = key.Replace('\\', '/');
                for (var n = 2; !keys.Add(unique); n++)
                {
                    unique = $"{key}.{n}";
                }

                files.Add(new ScenarioFile(path, Display(path), unique, FolderOf(path)));
            }
        }

        missing = absent;
        return files;
    }

    public static bool IsScenario(string path) => Extensions.Contains(System.IO.Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    private static string WithoutExtension(string relative) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(relative) ?? "", System.IO.Path.GetFileNameWithoutExtension(relative));

    private static string Display(string path)
    {
        var relative = System.IO.Path.GetRelativePath(Environment.CurrentDirectory, path);
        return (relative.StartsWith("..", StringComparison.Ordinal) ? System.IO.Path.GetFullPath(path) : relative).Replace('\\', '/');
    }

    private static string FolderOf(string path)
    {
        var folder = System.IO.Path.GetDirectoryName(Display(path)) ?? "";
        return folder.Length == 0 ? "." : folder.Replace('\\', '.').Replace('/', '.').TrimStart('.');
    }
}
