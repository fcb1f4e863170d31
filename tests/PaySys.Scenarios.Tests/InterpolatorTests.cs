using System.Text.Json.Nodes;
using PaySys.Scenarios.Engine;

namespace PaySys.Scenarios.Tests;

public sealed class InterpolatorTests
{
    private static Variables With(params (string Name, JsonNode? Value)[] values)
    {
        var variables = new Variables(new FakeValues(7));
        foreach (var (name, value) in values)
        {
            variables.Set(name, value);
        }

        return variables;
    }

    [Fact]
    public void A_lone_reference_keeps_the_variables_json_type()
    {
        var variables = With(("amount", JsonValue.Create(100000)), ("flag", JsonValue.Create(true)), ("card", JsonNode.Parse("""{"pan":"1"}""")));

        var result = variables.Interpolate(JsonNode.Parse("""{"a": "${amount}", "b": "${flag}", "c": "${card}"}"""));

        result!.ToJsonString().Should().Be("""{"a":100000,"b":true,"c":{"pan":"1"}}""");
    }

    [Fact]
    public void A_reference_inside_text_is_inserted_as_text()
    {
        var variables = With(("txn", JsonValue.Create(42)), ("name", JsonValue.Create("Ann")));

        variables.Text("order ${txn} for ${name}").Should().Be("order 42 for Ann");
        variables.Interpolate(JsonValue.Create("id-${txn}"))!.GetValue<string>().Should().Be("id-42");
    }

    [Fact]
    public void Dollar_dollar_brace_writes_a_literal_reference()
    {
        var variables = With(("x", JsonValue.Create(1)));

        variables.Text("$${x} is ${x}").Should().Be("${x} is 1");
        Interpolator.References("$${x} and ${y}").Should().Equal("y");
    }

    [Fact]
    public void Member_names_and_nested_values_are_interpolated()
    {
        var variables = With(("key", JsonValue.Create("k")), ("v", JsonValue.Create(5)));

        var result = variables.Interpolate(JsonNode.Parse("""{"${key}": ["${v}", {"n": "${v}"}]}"""));

        result!.ToJsonString().Should().Be("""{"k":[5,{"n":5}]}""");
    }

    [Fact]
    public void An_unknown_variable_fails_the_step_and_names_it()
    {
        var variables = With(("known", JsonValue.Create(1)));

        var act = () => variables.Text("${missing}");

        act.Should().Throw<StepFailedException>().WithMessage("*${missing}*known*");
    }

    [Fact]
    public void Fake_values_repeat_for_the_same_seed_and_differ_per_reference()
    {
        var first = new Variables(new FakeValues(FakeValues.SeedFor("acquiring/otp-payment")));
        var again = new Variables(new FakeValues(FakeValues.SeedFor("acquiring/otp-payment")));
        var other = new Variables(new FakeValues(FakeValues.SeedFor("vendor/refund-cap")));

        var values = Enumerable.Range(0, 3).Select(_ => first.Text("${fake.order_id}")).ToList();
        var repeated = Enumerable.Range(0, 3).Select(_ => again.Text("${fake.order_id}")).ToList();
        var elsewhere = Enumerable.Range(0, 3).Select(_ => other.Text("${fake.order_id}")).ToList();

        values.Should().Equal(repeated);
        values.Should().OnlyHaveUniqueItems().And.AllSatisfy(v => v.Should().MatchRegex("^ORD-[0-9]{8}$"));
        elsewhere.Should().NotEqual(values);
    }

    [Fact]
    public void Every_fake_kind_gives_a_value_of_its_type()
    {
        var variables = new Variables(new FakeValues(1));

        foreach (var kind in FakeValues.Kinds)
        {
            var value = variables.Interpolate(JsonValue.Create("${fake." + kind + "}"));
            value.Should().NotBeNull(kind);
            Matcher.TypeName(value).Should().Be(kind == "amount" ? "integer" : "string", kind);
        }

        var act = () => variables.Text("${fake.nothing}");
        act.Should().Throw<StepFailedException>().WithMessage("*fake.order_id*");
    }
}
