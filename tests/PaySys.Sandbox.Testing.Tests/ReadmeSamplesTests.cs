using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PaySys.Sandbox.Testing.Tests;

/// <summary>
/// Every C# block of the README and of docs/*.md, compiled as written (with the implicit usings of a new .NET project, which the
/// samples assume) and then run: a block of top-level statements as a program against a sandbox on a free port
/// (its <c>http://localhost:8080</c> pointed there), a block of classes by running its <c>[Fact]</c>s with their
/// fixtures. Only the Testcontainers block is compiled but not run here: it needs Docker and the published image,
/// and ContainerTests runs the same module against the image docker/test-image.sh builds.
/// </summary>
public sealed partial class ReadmeSamplesTests
{
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    public static TheoryData<int, string> Samples()
    {
        var data = new TheoryData<int, string>();
        var blocks = ReadSamples();
        for (var i = 0; i < blocks.Count; i++)
        {
            data.Add(i, FirstCodeLine(blocks[i]));
        }

        return data;
    }

    [Fact]
    public void The_readme_has_its_csharp_samples()
    {
        ReadSamples().Should().HaveCountGreaterThanOrEqualTo(6, "the README and docs/testing.md show the client, the fixture and the module in C#");
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Compiles_and_runs_as_written(int index, string firstLine)
    {
        var sample = ReadSamples()[index];
        await using var sandbox = await PaySysSandbox.StartAsync();
        var source = sample.Replace("http://localhost:8080/", sandbox.Url + "/", StringComparison.Ordinal)
            .Replace("http://localhost:8080", sandbox.Url, StringComparison.Ordinal);

        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: $"README sample {index}");
        var isProgram = tree.GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any();
        var compilation = CSharpCompilation.Create(
            $"ReadmeSample{index}",
            [tree, CSharpSyntaxTree.ParseText(ImplicitUsings)],
            References(),
            new CSharpCompilationOptions(isProgram ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable));

        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        errors.Should().BeEmpty($"the README's C# block starting '{firstLine}' must compile as written");

        if (sample.Contains("PaySysBuilder", StringComparison.Ordinal))
        {
            return;
        }

        var context = new AssemblyLoadContext($"README sample {index}", isCollectible: true);
        try
        {
            image.Position = 0;
            var assembly = context.LoadFromStream(image);
            if (isProgram)
            {
                var main = assembly.EntryPoint!;
                var arguments = main.GetParameters().Length == 0 ? null : new object[] { Array.Empty<string>() };
                await Task.Run(() => main.Invoke(null, arguments));
            }
            else
            {
                (await RunFactsAsync(assembly)).Should().BeGreaterThan(0, $"the block starting '{firstLine}' declares tests to run");
            }
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Runs each [Fact] as xunit would: fixtures made and initialised first, the test class around each fact.</summary>
    private static async Task<int> RunFactsAsync(Assembly assembly)
    {
        var ran = 0;
        foreach (var type in assembly.GetTypes().Where(t => t.GetMethods().Any(IsFact)))
        {
            var constructor = type.GetConstructors().Single();
            var fixtures = new List<object>();
            foreach (var parameter in constructor.GetParameters())
            {
                var fixture = Activator.CreateInstance(parameter.ParameterType)!;
                await InitializeAsync(fixture);
                fixtures.Add(fixture);
            }

            try
            {
                foreach (var fact in type.GetMethods().Where(IsFact))
                {
                    var test = constructor.Invoke([.. fixtures]);
                    await InitializeAsync(test);
                    try
                    {
                        if (fact.Invoke(test, null) is Task running)
                        {
                            await running;
                        }

                        ran++;
                    }
                    finally
                    {
                        await DisposeAsync(test);
                    }
                }
            }
            finally
            {
                foreach (var fixture in Enumerable.Reverse(fixtures))
                {
                    await DisposeAsync(fixture);
                }
            }
        }

        return ran;
    }

    private static bool IsFact(MethodInfo method) => method.GetCustomAttributes<FactAttribute>().Any();

    private static Task InitializeAsync(object instance) =>
        instance is IAsyncLifetime lifetime ? lifetime.InitializeAsync() : Task.CompletedTask;

    private static Task DisposeAsync(object instance) =>
        instance is IAsyncLifetime lifetime ? lifetime.DisposeAsync() : Task.CompletedTask;

    /// <summary>The platform (the test host runs on the shared frameworks) and every assembly beside this one.</summary>
    private static List<MetadataReference> References()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var beside = Directory.GetFiles(AppContext.BaseDirectory, "*.dll");
        return [.. platform.Concat(beside)
            .Where(path => !string.IsNullOrEmpty(path) && IsManaged(path))
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(group => MetadataReference.CreateFromFile(group.First()))];
    }

    private static bool IsManaged(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    private static List<string> ReadSamples()
    {
        // The README and the docs/ pages it links to: a sample moved out of the README stays compiled.
        var root = RepositoryRoot();
        var pages = Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Order(StringComparer.Ordinal).Prepend(Path.Combine(root, "README.md"));
        return [.. pages.SelectMany(page => CSharpBlock().Matches(File.ReadAllText(page).ReplaceLineEndings("\n")).Select(match => match.Groups[1].Value))];
    }

    private static string FirstCodeLine(string block) =>
        block.Split('\n').First(line => line.Length > 0 && !line.StartsWith("using ", StringComparison.Ordinal));

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PaySysSandbox.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("no PaySysSandbox.sln above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("^```csharp\\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
