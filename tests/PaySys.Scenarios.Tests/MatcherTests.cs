using System.Text.Json.Nodes;
using PaySys.Scenarios.Engine;

namespace PaySys.Scenarios.Tests;

public sealed class MatcherTests
{
    private static IReadOnlyList<Mismatch> Match(string expected, string actual) =>
        Matcher.Match(JsonNode.Parse(expected), JsonNode.Parse(actual), "result");

    [Fact]
    public void Objects_need_the_listed_members_only()
    {
        Match("""{"a": 1}""", """{"a": 1, "b": 2}""").Should().BeEmpty();

        var missing = Match("""{"a": 1, "c": {"d": true}}""", """{"a": 1, "c": {}}""");

        missing.Should().ContainSingle().Which.Path.Should().Be("result.c.d");
        missing[0].Actual.Should().Contain("absent");
    }

    [Fact]
    public void Arrays_need_the_same_length_and_matching_items()
    {
        Match("[1, {\"x\": 2}]", "[1, {\"x\": 2, \"y\": 3}]").Should().BeEmpty();
        Match("[1]", "[1, 2]").Should().ContainSingle().Which.Expected.Should().Contain("array of 1");
        Match("[1, 2]", "[1, 3]").Should().ContainSingle().Which.Path.Should().Be("result[1]");
    }

    [Fact]
    public void Scalars_compare_by_json_type_and_numbers_by_value()
    {
        Match("1", "1.0").Should().BeEmpty();
        Match("\"abc\"", "\"abc\"").Should().BeEmpty();
        Match("null", "null").Should().BeEmpty();

        Match("2", "\"2\"").Should().ContainSingle().Which.Actual.Should().Contain("string, not integer");
        Match("true", "false").Should().ContainSingle();
        Match("{\"a\": 1}", "[1]").Should().ContainSingle().Which.Expected.Should().StartWith("an object");
    }

    [Theory]
    [InlineData("""{"$type": "integer"}""", "5", true)]
    [InlineData("""{"$type": "integer"}""", "5.5", false)]
    [InlineData("""{"$type": "number"}""", "5.5", true)]
    [InlineData("""{"$type": "number"}""", "5", true)]
    [InlineData("""{"$type": "string"}""", "5", false)]
    [InlineData("""{"$type": "null"}""", "null", true)]
    [InlineData("""{"$type": "array"}""", "[]", true)]
    [InlineData("""{"$regex": "^[0-9]{12}$"}""", "\"123456789012\"", true)]
    [InlineData("""{"$regex": "^[0-9]{12}$"}""", "\"12345\"", false)]
    [InlineData("""{"$regex": "^1"}""", "1", false)]
    [InlineData("""{"$gt": 10}""", "11", true)]
    [InlineData("""{"$gt": 10}""", "10", false)]
    [InlineData("""{"$gte": 10, "$lte": 10}""", "10", true)]
    [InlineData("""{"$lt": 10}""", "10", false)]
    [InlineData("""{"$lte": 10}""", "\"9\"", false)]
    [InlineData("""{"$ne": 2}""", "3", true)]
    [InlineData("""{"$ne": 2}""", "2.0", false)]
    [InlineData("""{"$contains": "cap"}""", "\"over the cap\"", true)]
    [InlineData("""{"$contains": "cap"}""", "\"over\"", false)]
    [InlineData("""{"$contains": {"id": 2}}""", """[{"id": 1}, {"id": 2, "x": 0}]""", true)]
    [InlineData("""{"$contains": {"id": 3}}""", """[{"id": 1}]""", false)]
    [InlineData("""{"$any": true}""", "null", true)]
    public void Matchers_replace_a_value(string matcher, string actual, bool holds)
    {
        Match(matcher, actual).Should().HaveCount(holds ? 0 : 1);
    }

    [Fact]
    public void Absent_and_any_look_at_whether_the_member_is_there()
    {
        Match("""{"card": {"$absent": true}}""", """{"details": 1}""").Should().BeEmpty();
        Match("""{"card": {"$absent": true}}""", """{"card": null}""").Should().ContainSingle().Which.Expected.Should().Contain("absent");
        Match("""{"card": {"$absent": false}}""", """{"card": null}""").Should().BeEmpty();
        Match("""{"card": {"$any": true}}""", """{}""").Should().ContainSingle().Which.Path.Should().Be("result.card");
    }

    [Fact]
    public void Operands_are_checked_before_a_run()
    {
        Matcher.CheckOperand("$foo", JsonValue.Create(1), true).Should().Contain("unknown matcher $foo");
        Matcher.CheckOperand("$type", JsonValue.Create("int"), true).Should().Contain("integer");
        Matcher.CheckOperand("$regex", JsonValue.Create("(["), true).Should().Contain("not a regex");
        Matcher.CheckOperand("$gt", JsonValue.Create("x"), true).Should().Contain("number");
        Matcher.CheckOperand("$any", JsonValue.Create(false), true).Should().Contain("$absent");
        Matcher.CheckOperand("$gt", JsonValue.Create("${limit}"), false).Should().BeNull();
        Matcher.CheckOperand("$lte", JsonValue.Create(3), true).Should().BeNull();
    }
}
