using System.Reflection;
using System.Text.Json;

namespace PaySys.Client.Tests;

/// <summary>PaySysErrorCodes is contracts/errors.json, names and codes, in both directions.</summary>
public sealed class ErrorCodesTests
{
    [Fact]
    public void The_named_constants_equal_the_error_catalogue()
    {
        using var catalogue = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "contracts", "errors.json")));
        var fromCatalogue = catalogue.RootElement.GetProperty("errors").EnumerateArray()
            .ToDictionary(e => PascalCase(e.GetProperty("name").GetString()!), e => e.GetProperty("code").GetInt32());

        var fromClient = typeof(PaySysErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => (int)f.GetRawConstantValue()!);

        fromCatalogue.Should().HaveCountGreaterThan(20);
        fromClient.Should().BeEquivalentTo(fromCatalogue, "every catalogue error has a constant and every constant is in the catalogue");
        fromClient.Values.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void The_codes_the_docs_name_have_their_numbers()
    {
        PaySysErrorCodes.WrongCode.Should().Be(-32308);
        PaySysErrorCodes.SmsNotEnabled.Should().Be(-32311);
        PaySysErrorCodes.InsufficientPrivileges.Should().Be(-32504);
    }

    private static string PascalCase(string snake) =>
        string.Concat(snake.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    /// <summary>The folder holding PaySysSandbox.sln, found by walking up from the test binaries.</summary>
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PaySysSandbox.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("PaySysSandbox.sln not found above " + AppContext.BaseDirectory);
    }
}
