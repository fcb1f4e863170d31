using PaySys.Scenarios.Loading;

namespace PaySys.Scenarios.Tests;

/// <summary>A wrongly indented line is reported at that line, in words that say what to fix.</summary>
public sealed class YamlIndentationTests
{
    private static LoadProblem Problem(string yaml)
    {
        var act = () => ScenarioLoader.Parse(yaml, "x.yaml", "x");
        return act.Should().Throw<ScenarioLoadException>().Which.Problems.Single();
    }

    [Theory]
    [InlineData("name: a\nsteps:\n  - call: m\n   params: { x: 1 }\n", 4, "indented differently from the list")]
    [InlineData("name: a\nsteps:\n  - call: m\n    params:\n      x: 1\n     y: 2\n", 6, "not indented like the keys above it")]
    [InlineData("name: a\nsteps:\n  - call: m\n      params: { x: 1 }\n", 4, "indented further than the keys beside it")]
    [InlineData("name: a\nsteps:\n- call: m\n  params: { x: 1 }\n - otp: { phone: \"1\", save: c }\n", 5, "not indented like the keys above it")]
    public void The_line_and_the_mistake_are_named(string yaml, int line, string words)
    {
        var problem = Problem(yaml);

        problem.Location.Line.Should().Be(line, problem.ToString());
        problem.Message.Should().StartWith("YAML: ").And.Contain(words);
    }
}
